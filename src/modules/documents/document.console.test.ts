import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, columnIdOf, draftInput } from '../../../test/support/factories.js';
import type { Db } from '../../platform/db/index.js';
import { approveReview, createDraft, publishDocument, submitForReview } from './document.service.js';
import { idCardCheckDigit } from './screening.js';

/**
 * The document console end to end through HTTP, as a browser submits forms: 文件发布 (publisher),
 * 保密审查 (secrecy reviewer), and what the portal and the API show afterwards.
 */

const ID_CARD = `11010119900307003${idCardCheckDigit('11010119900307003')}`;
const MOBILE = '13800138000';
const XSS_BODY =
  '<p>正文<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">坏链接</a>' +
  '<a href="https://www.gov.cn/">好链接</a></p>';

const idFrom = (location: unknown) => Number(String(location).match(/\/console\/documents\/(\d+)/)?.[1]);

describe.each(dialects)('document console on %s', (dialect) => {
  let t: TestApp;
  let db: Db;
  let publisher: Browser;
  let secrecy: Browser;
  let auditor: Browser;
  let bureauId: number;
  const col = {} as Record<'tzgg' | 'crgg' | 'tdgy' | 'xzgfxwj' | 'zcjd', number>;
  const ids = {} as Record<
    'land' | 'notice' | 'own' | 'pii' | 'later' | 'newer' | 'policy' | 'policy2',
    number
  >;

  const form = (p: Record<string, string>) => ({
    column_id: String(col.tzgg),
    title: '',
    doc_number: '',
    publisher_org_id: String(bureauId),
    joint_issuers: '',
    owner_org_id: '',
    written_on: '',
    formed_on: '2026-11-20',
    effective_on: '',
    topic: '',
    genre: '',
    keywords: '',
    summary: '',
    contact_name: '',
    contact_phone: '',
    body: '正文。',
    ...p,
  });
  const row = (id: number) => db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  const count = async (table: 'documents' | 'audit_log') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = (action: string, id: number) =>
    db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', action)
      .where('target_id', '=', String(id))
      .execute();
  const findings = (id: number) =>
    db.selectFrom('document_findings').selectAll().where('document_id', '=', id).orderBy('id').execute();
  const create = async (p: Record<string, string>) => {
    const res = await publisher.post('/console/documents', form(p));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    return idFrom(res.headers.location);
  };
  /** Drafted, submitted, approved and published through the console. */
  const publishViaConsole = async (id: number) => {
    expect((await publisher.post(`/console/documents/${id}/submit`)).statusCode).toBe(303);
    expect((await secrecy.post(`/console/review/${id}/approve`)).statusCode).toBe(303);
    const res = await publisher.post(`/console/documents/${id}/publish`, { mode: 'now' });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    db = t.deps.db;
    bureauId = (
      await db.selectFrom('orgs').select('id').where('kind', '=', 'bureau').executeTakeFirstOrThrow()
    ).id;
    for (const code of ['tzgg', 'crgg', 'tdgy', 'xzgfxwj', 'zcjd'] as const)
      col[code] = await columnIdOf(db, code);
    publisher = new Browser(t.app);
    secrecy = new Browser(t.app);
    auditor = new Browser(t.app);
    await publisher.login('publisher');
    await secrecy.login('secrecy');
    await auditor.login('auditor');
  });
  afterAll(async () => t?.close());

  describe('permissions', () => {
    it('shows 文件发布 to the publisher and 保密审查 to the reviewer, nothing to the auditor', async () => {
      const p = await publisher.get('/console');
      expect(p.body).toContain('<a href="/console/documents">文件发布</a>');
      expect(p.body).not.toContain('<a href="/console/review">保密审查</a>');
      const s = await secrecy.get('/console');
      expect(s.body).toContain('<a href="/console/review">保密审查</a>');
      expect(s.body).not.toContain('<a href="/console/documents">文件发布</a>');
      const a = await auditor.get('/console');
      expect(a.body).not.toContain('/console/documents');
      expect(a.body).not.toContain('/console/review');
    });

    it('refuses the pages and actions of the other role and everything to the auditor', async () => {
      expect((await secrecy.get('/console/documents')).statusCode).toBe(403);
      expect((await secrecy.get('/console/documents/new')).statusCode).toBe(403);
      expect((await secrecy.post('/console/documents', form({ title: '审查员起草' }))).statusCode).toBe(403);
      expect((await publisher.get('/console/review')).statusCode).toBe(403);
      expect((await publisher.post('/console/review/1/approve')).statusCode).toBe(403);
      expect((await publisher.post('/console/review/1/findings/1/dismiss')).statusCode).toBe(403);
      for (const url of ['/console/documents', '/console/review', '/console/documents/new'])
        expect((await auditor.get(url)).statusCode, url).toBe(403);
      expect((await auditor.post('/console/documents', form({ title: '审计员起草' }))).statusCode).toBe(403);
    });

    it('needs the CSRF token on every form', async () => {
      const before = await count('documents');
      const res = await publisher.post('/console/documents', form({ title: '无令牌' }), { csrf: null });
      expect(res.statusCode).toBe(403);
      expect(await count('documents')).toBe(before);
    });
  });

  describe('editor', () => {
    it('shows the extra fields of the column given in ?column=, and of the column chosen with 选择栏目', async () => {
      const page = await publisher.get(`/console/documents/new?column=${col.crgg}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('name="extra_parcel_no"');
      expect(page.body).toContain('面积（平方米）');
      expect(page.body).toContain('<option value="拍卖"');
      expect((await publisher.get('/console/documents/new')).body).not.toContain('extra_parcel_no');
      const before = await count('documents');
      const step = await publisher.post(
        '/console/documents',
        form({ column_id: String(col.crgg), title: '选栏目', _step: 'column' }),
      );
      expect(step.statusCode).toBe(200);
      expect(step.body).toContain('name="extra_parcel_no"');
      expect(step.body).toContain('value="选栏目"');
      expect(await count('documents')).toBe(before);
    });

    it('shows the column tree in the column select', async () => {
      const page = await publisher.get('/console/documents/new');
      expect(page.body).toMatch(new RegExp(`<option value="${col.tdgy}"[^>]*>土地供应</option>`));
      expect(page.body).toMatch(new RegExp(`<option value="${col.crgg}"[^>]*>└ 出让公告</option>`));
    });

    it('refuses invalid input with every error in Chinese per field and writes nothing', async () => {
      const [docs, audit] = [await count('documents'), await count('audit_log')];
      const res = await publisher.post(
        '/console/documents',
        form({
          column_id: String(col.crgg),
          title: '',
          formed_on: '2026/11/20',
          summary: '长'.repeat(301),
          extra_parcel_no: '',
          extra_area: '-5',
          extra_start_price: '三百万',
          extra_method: '抽签',
        }),
      );
      expect(res.statusCode).toBe(400);
      for (const msg of [
        '标题：必填',
        '信息形成（变更）日期：格式应为 YYYY-MM-DD',
        '内容概述：不能超过 300 个字符',
        '宗地编号：必填',
        '面积：不能为负数',
        '起始价：应为不小于 0 的数字',
        '出让方式：应为 招标、拍卖、挂牌、协议、划拨 之一',
      ])
        expect(res.body, msg).toContain(msg);
      expect(res.body).toContain('href="#f-extra_area"');
      expect(res.body).toContain('value="-5"');
      expect(await count('documents')).toBe(docs);
      expect(await count('audit_log')).toBe(audit);
    });

    it('creates a draft with typed extra fields and a sanitised body, audited', async () => {
      const res = await publisher.post(
        '/console/documents',
        form({
          column_id: String(col.crgg),
          title: '国有建设用地使用权挂牌出让公告（J2026-07）',
          doc_number: '津规资告〔2026〕7号',
          extra_parcel_no: 'J2026-07',
          extra_location: '示例区示例路以东',
          extra_area: '12,000',
          extra_start_price: '3500.50',
          extra_method: '挂牌',
          body: XSS_BODY,
        }),
      );
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
      ids.land = idFrom(res.headers.location);
      expect(res.headers.location).toBe(`/console/documents/${ids.land}?done=created`);
      const d = await row(ids.land);
      expect(d?.status).toBe('draft');
      expect(JSON.parse(d!.extra)).toEqual({
        parcel_no: 'J2026-07',
        location: '示例区示例路以东',
        area: '12000',
        start_price: '3500.5',
        method: '挂牌',
      });
      expect(d?.body).toBe(
        '<p>正文坏链接<a href="https://www.gov.cn/" rel="noopener noreferrer nofollow">好链接</a></p>',
      );
      expect(await audits('document.created', ids.land)).toHaveLength(1);
      const page = await publisher.get(res.headers.location as string);
      expect(page.body).toContain('草稿已保存。');
      expect(page.body).toContain('<th scope="row">面积</th><td>12000 平方米</td>');
      expect(page.body).toContain('<th scope="row">起始价</th><td>3500.5 万元</td>');
      expect(page.body).toContain('起草');
    });

    it('edits a draft, keeping the extra fields it is given', async () => {
      const page = await publisher.get(`/console/documents/${ids.land}/edit`);
      expect(page.body).toContain('value="J2026-07"');
      const res = await publisher.post(
        `/console/documents/${ids.land}/edit`,
        form({
          column_id: String(col.crgg),
          title: '国有建设用地使用权挂牌出让公告（J2026-07 宗地）',
          doc_number: '津规资告〔2026〕7号',
          extra_parcel_no: 'J2026-07',
          extra_location: '示例区示例路以东',
          extra_area: '12500',
          extra_method: '挂牌',
          body: XSS_BODY,
        }),
      );
      expect(res.statusCode).toBe(303);
      const d = await row(ids.land);
      expect(d?.title).toBe('国有建设用地使用权挂牌出让公告（J2026-07 宗地）');
      expect(JSON.parse(d!.extra)).toMatchObject({ area: '12500' });
      expect(JSON.parse(d!.extra)).not.toHaveProperty('start_price');
      expect(await audits('document.draft_updated', ids.land)).toHaveLength(1);
      const bad = await publisher.post(
        `/console/documents/${ids.land}/edit`,
        form({ column_id: String(col.crgg), title: '改', extra_area: 'abc' }),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('宗地编号：必填');
      expect((await row(ids.land))?.title).toBe('国有建设用地使用权挂牌出让公告（J2026-07 宗地）');
    });

    it('refuses a body that is empty once sanitised', async () => {
      const res = await publisher.post(
        '/console/documents',
        form({ title: '只有脚本', body: '<script>x()</script>' }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('正文：清除不安全的内容后为空');
    });
  });

  describe('list', () => {
    it('filters by status, column (with its subtree), title or 文号 in any bracket style, and mine', async () => {
      const list = async (qs: string) => (await publisher.get(`/console/documents${qs}`)).body;
      const title = '国有建设用地使用权挂牌出让公告（J2026-07 宗地）';
      expect(await list('')).toContain(title);
      expect(await list('?status=draft')).toContain(title);
      expect(await list('?status=published')).not.toContain(title);
      expect(await list(`?column=${col.tdgy}`)).toContain(title);
      expect(await list(`?column=${col.tzgg}`)).not.toContain(title);
      expect(await list(`?q=${encodeURIComponent('J2026-07')}`)).toContain(title);
      expect(await list(`?q=${encodeURIComponent('津规资告[2026]7号')}`)).toContain(title);
      expect(await list(`?q=${encodeURIComponent('100%')}`)).not.toContain(title);
      expect(await list('?mine=1')).toContain(title);
      expect(await list('?status=nope')).toContain('状态：请从列表中选择');
    });

    it('exports the filtered list as CSV (BOM, Chinese header, Beijing time), for the publisher only', async () => {
      const page = (await publisher.get('/console/documents?status=draft')).body;
      expect(page).toContain('href="/console/documents.csv?status=draft"');
      const res = await publisher.get('/console/documents.csv?status=draft');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="documents-\d{8}\.csv"$/);
      const [header, ...lines] = res.body.split('\r\n').filter(Boolean);
      expect(header).toBe(
        '\uFEFF编号,标题,文号,索引号,栏目,状态,有效性,起草人,待处理筛查结果,定时发布,发布时间,最近修改,示例数据',
      );
      const land = lines.find((l) => l.includes('国有建设用地使用权挂牌出让公告（J2026-07 宗地）'));
      expect(land).toMatch(/,草稿,有效,/);
      expect(lines.every((l) => l.includes(',草稿,'))).toBe(true);
      const published = (await publisher.get('/console/documents.csv?status=published')).body;
      expect(published).not.toContain('J2026-07');
      expect((await publisher.get('/console/documents.csv?status=nope')).statusCode).toBe(400);
      for (const who of [secrecy, auditor])
        expect((await who.get('/console/documents.csv')).statusCode).toBe(403);
    });
  });

  describe('workflow', () => {
    it('submits; the reviewer sees the queue, must give a reason to send back, and the reason is in the timeline', async () => {
      ids.notice = await create({ title: '关于机关开放日的通知', body: '欢迎参加。' });
      expect((await publisher.post(`/console/documents/${ids.notice}/submit`)).statusCode).toBe(303);
      expect((await row(ids.notice))?.status).toBe('in_review');
      const queue = await secrecy.get('/console/review');
      expect(queue.body).toContain(`<a href="/console/review/${ids.notice}">关于机关开放日的通知</a>`);
      const empty = await secrecy.post(`/console/review/${ids.notice}/reject`, { reject_reason: ' ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('理由：退回时必须说明理由');
      expect(empty.body).toContain('href="#f-reject_reason"');
      const res = await secrecy.post(`/console/review/${ids.notice}/reject`, {
        reject_reason: '请补充活动时间',
      });
      expect(res.statusCode).toBe(303);
      expect((await row(ids.notice))?.status).toBe('draft');
      const detail = await publisher.get(`/console/documents/${ids.notice}`);
      expect(detail.body).toContain('理由：请补充活动时间');
      expect(detail.body).toContain('退回修改');
      expect((await secrecy.get('/console/review')).body).not.toContain(`/console/review/${ids.notice}"`);
    });

    it('refuses, with a clear message, a reviewer approving a draft of their own', async () => {
      const secrecyId = (
        await db.selectFrom('users').select('id').where('username', '=', 'secrecy').executeTakeFirstOrThrow()
      ).id;
      ids.own = await create({ title: '审查员自己起草的文件' });
      await publisher.post(`/console/documents/${ids.own}/submit`);
      await db.updateTable('documents').set({ created_by: secrecyId }).where('id', '=', ids.own).execute();
      const res = await secrecy.post(`/console/review/${ids.own}/approve`);
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('不能审查自己起草的文件');
      expect(res.body).toContain('流转记录');
      expect((await row(ids.own))?.status).toBe('in_review');
    });

    it('blocks publishing while findings are open; masking and dismissing through the UI unblock it', async () => {
      ids.pii = await create({
        title: '关于某宗地补偿登记情况的公示',
        body: `<p>权利人身份证号 <strong>${ID_CARD.slice(0, 6)}</strong>${ID_CARD.slice(6)}，联系电话 ${MOBILE}。</p>`,
      });
      expect((await publisher.post(`/console/documents/${ids.pii}/submit`)).statusCode).toBe(303);
      const review = await secrecy.get(`/console/review/${ids.pii}`);
      expect(review.body).toContain('还有 2 处待处理');
      // The findings table shows masked previews only (the body itself is shown to the reviewer).
      expect(review.body).toContain(`<td>${ID_CARD.slice(0, 6)}********${ID_CARD.slice(14)}</td>`);
      expect(review.body).toContain('name="dismiss_reason_');
      expect((await secrecy.post(`/console/review/${ids.pii}/approve`)).statusCode).toBe(303);

      const blocked = await publisher.post(`/console/documents/${ids.pii}/publish`, { mode: 'now' });
      expect(blocked.statusCode).toBe(409);
      expect(blocked.body).toContain('个人信息筛查发现 2 处疑似个人信息尚未处理');
      expect((await row(ids.pii))?.status).toBe('approved');

      const [idCard, mobile] = await findings(ids.pii);
      expect(idCard?.kind).toBe('id_card');
      const masked = await secrecy.post(`/console/review/${ids.pii}/findings/${idCard!.id}/mask`);
      expect(masked.statusCode).toBe(303);
      const body = (await row(ids.pii))!.body;
      expect(body).not.toContain(ID_CARD.slice(6, 14));
      expect(body).toContain(`<strong>${ID_CARD.slice(0, 6)}********${ID_CARD.slice(14)}</strong>`);
      expect(await audits('document.finding_masked', ids.pii)).toHaveLength(1);

      const still = await publisher.post(`/console/documents/${ids.pii}/publish`, { mode: 'now' });
      expect(still.statusCode).toBe(409);
      expect(still.body).toContain('个人信息筛查发现 1 处');

      const noReason = await secrecy.post(`/console/review/${ids.pii}/findings/${mobile!.id}/dismiss`, {
        [`dismiss_reason_${mobile!.id}`]: '',
      });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body).toContain('理由：忽略时必须说明理由');
      expect(
        (await publisher.post(`/console/review/${ids.pii}/findings/${mobile!.id}/dismiss`, {})).statusCode,
      ).toBe(403);
      const dismissed = await secrecy.post(`/console/review/${ids.pii}/findings/${mobile!.id}/dismiss`, {
        [`dismiss_reason_${mobile!.id}`]: '权利人同意公开联系电话',
      });
      expect(dismissed.statusCode).toBe(303);
      expect((await findings(ids.pii)).map((f) => f.status)).toEqual(['masked', 'dismissed']);

      const ok = await publisher.post(`/console/documents/${ids.pii}/publish`, { mode: 'now' });
      expect(ok.statusCode).toBe(303);
      expect((await row(ids.pii))?.status).toBe('published');
    });

    it('a finding belongs to its document: another document id in the URL is 404', async () => {
      const f = (await findings(ids.pii))[0]!;
      expect((await secrecy.post(`/console/review/${ids.notice}/findings/${f.id}/mask`)).statusCode).toBe(
        404,
      );
    });

    it('publishes the land notice; the portal page is inert and shows the extra fields', async () => {
      await publishViaConsole(ids.land);
      const d = await row(ids.land);
      expect(d?.status).toBe('published');
      expect(d?.index_no).toMatch(/\/\d{4}-\d{5}$/);
      const page = await publisher.get(`/documents/${ids.land}`);
      expect(page.statusCode).toBe(200);
      for (const bad of ['<script>', 'onerror', 'javascript:', 'alert(', '<img'])
        expect(page.body.includes(bad), bad).toBe(false);
      expect(page.body).toContain(
        '<a href="https://www.gov.cn/" rel="noopener noreferrer nofollow">好链接</a>',
      );
      expect(page.body).toContain('<th scope="row">宗地编号</th><td>J2026-07</td>');
      expect(page.body).toContain('<th scope="row">面积</th><td>12500 平方米</td>');
    });

    it('exposes extra and formedOn in the API and the extra fields as CSV columns of one column', async () => {
      const detail = (await t.app.inject({ url: `/api/v1/documents/${ids.land}` })).json();
      expect(detail.formedOn).toBe('2026-11-20');
      expect(detail.extra).toEqual({
        parcel_no: 'J2026-07',
        location: '示例区示例路以东',
        area: '12500',
        method: '挂牌',
      });
      const list = (await t.app.inject({ url: '/api/v1/documents?column=crgg' })).json();
      expect(list.items.find((i: { id: number }) => i.id === ids.land)).toMatchObject({
        formedOn: '2026-11-20',
        extra: { parcel_no: 'J2026-07', area: '12500' },
      });
      const csv = (await t.app.inject({ url: '/api/v1/documents?column=tdgy&format=csv' })).body;
      const [header, line] = csv.replace(/^\uFEFF/, '').split('\r\n');
      expect(header).toMatch(
        /示例数据,宗地编号,位置,面积（平方米）,用途,出让方式,起始价（万元）,成交价（万元）,竞得人$/,
      );
      expect(line).toMatch(/,J2026-07,示例区示例路以东,12500,,挂牌,,,$/);
      const plain = (await t.app.inject({ url: '/api/v1/documents?format=csv' })).body;
      expect(plain.split('\r\n')[0]).toMatch(/示例数据$/);
    });

    it('corrects a published document: a new version with a required, public 更正说明', async () => {
      const edit = await publisher.get(`/console/documents/${ids.notice}/edit`);
      expect(edit.statusCode).toBe(200);
      await publisher.post(
        `/console/documents/${ids.notice}/edit`,
        form({ title: '关于机关开放日的通知', body: '欢迎参加。时间另行通知。' }),
      );
      await publishViaConsole(ids.notice);
      const page = await publisher.get(`/console/documents/${ids.notice}/edit`);
      expect(page.body).toContain('name="correction_note"');
      const values = form({ title: '关于机关开放日的通知', body: '欢迎参加。时间另行通知。' });
      const same = await publisher.post(`/console/documents/${ids.notice}/edit`, {
        ...values,
        correction_note: '无',
      });
      expect(same.statusCode).toBe(409);
      expect(same.body).toContain('内容没有变化，无需更正。');
      const changed = { ...values, body: '欢迎参加。活动时间为11月30日。' };
      const noNote = await publisher.post(`/console/documents/${ids.notice}/edit`, changed);
      expect(noNote.statusCode).toBe(400);
      expect(noNote.body).toContain('更正说明：必填');
      expect((await row(ids.notice))?.version).toBe(1);
      const ok = await publisher.post(`/console/documents/${ids.notice}/edit`, {
        ...changed,
        correction_note: '补充活动时间',
      });
      expect(ok.statusCode).toBe(303);
      const d = await row(ids.notice);
      expect(d?.version).toBe(2);
      expect(d?.status).toBe('published');
      const detail = await publisher.get(`/console/documents/${ids.notice}`);
      expect(detail.body).toContain('<td>补充活动时间</td>');
      expect((await publisher.get(`/documents/${ids.notice}`)).body).toContain('补充活动时间');
    });

    it('refuses to edit a document under review', async () => {
      const res = await publisher.get(`/console/documents/${ids.own}/edit`);
      expect(res.statusCode).toBe(409);
      const detail = (await publisher.get(`/console/documents/${ids.own}`)).body;
      expect(detail).toContain('文件正在等待保密审查');
      expect(detail).not.toContain('修改草稿');
    });

    it('schedules publication at a future Beijing time and refuses a past one', async () => {
      ids.later = await create({ title: '定时发布的通知' });
      await publisher.post(`/console/documents/${ids.later}/submit`);
      await secrecy.post(`/console/review/${ids.later}/approve`);
      const past = await publisher.post(`/console/documents/${ids.later}/publish`, {
        mode: 'schedule',
        publish_at: '2020-01-01T09:00',
      });
      expect(past.statusCode).toBe(400);
      expect(past.body).toContain('定时发布时间：应晚于当前时间');
      const none = await publisher.post(`/console/documents/${ids.later}/publish`, { mode: 'schedule' });
      expect(none.body).toContain('定时发布时间：定时发布时必填');
      const ok = await publisher.post(`/console/documents/${ids.later}/publish`, {
        mode: 'schedule',
        publish_at: '2099-01-01T09:30',
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toContain('done=scheduled');
      const d = await row(ids.later);
      expect(d?.status).toBe('approved');
      expect(d?.scheduled_at).toBe('2099-01-01T01:30:00.000Z');
    });

    it('changes validity with a successor picked by 文号, refusing an unknown one', async () => {
      ids.newer = await create({ title: '新公告', doc_number: '津规资告〔2026〕9号' });
      await publishViaConsole(ids.newer);
      const bad = await publisher.post(`/console/documents/${ids.land}/validity`, {
        validity: 'repealed',
        validity_changed_on: '2026-11-24',
        validity_reason: '被新公告替代',
        successor: '津规资告〔2026〕99号',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('替代文件：未找到该编号或文号的已发布文件');
      const missing = await publisher.post(`/console/documents/${ids.land}/validity`, {
        validity: 'repealed',
        validity_changed_on: '',
        validity_reason: '',
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('变更日期：');
      expect(missing.body).toContain('理由：必填');
      const ok = await publisher.post(`/console/documents/${ids.land}/validity`, {
        validity: 'repealed',
        validity_changed_on: '2026-11-24',
        validity_reason: '被新公告替代',
        successor: '津规资告[2026]9号',
      });
      expect(ok.statusCode).toBe(303);
      const d = await row(ids.land);
      expect(d).toMatchObject({
        validity: 'repealed',
        successor_id: ids.newer,
        validity_changed_on: '2026-11-24',
      });
      expect((await publisher.get(`/documents/${ids.land}`)).body).toContain('本文件已于 2026-11-24 废止');
    });

    it('needs an interpretation or an exemption reason for a policy; links a published 政策解读', async () => {
      const author = await actorFor(db, 'publisher', ['documents.edit', 'documents.publish']);
      const reviewer = await actorFor(db, 'secrecy', ['documents.review']);
      const interp = await createDraft(
        db,
        author,
        draftInput({ column_id: col.zcjd, publisher_org_id: bureauId, title: '《办法》政策解读' }),
      );
      await submitForReview(db, author, interp);
      await approveReview(db, reviewer, interp);
      await publishDocument(db, author, interp);
      ids.policy = await create({ column_id: String(col.xzgfxwj), title: '管理办法' });
      await publisher.post(`/console/documents/${ids.policy}/submit`);
      await secrecy.post(`/console/review/${ids.policy}/approve`);
      const blocked = await publisher.post(`/console/documents/${ids.policy}/publish`, { mode: 'now' });
      expect(blocked.statusCode).toBe(409);
      expect(blocked.body).toContain('政策性文件须同步发布政策解读');
      expect(blocked.body).toContain(`<option value="${interp}">《办法》政策解读</option>`);
      const wrong = await publisher.post(`/console/documents/${ids.policy}/interpretations`, {
        interpretation_id: String(ids.newer),
        kind: 'text',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('解读文件：请从已发布的政策解读中选择');
      const linked = await publisher.post(`/console/documents/${ids.policy}/interpretations`, {
        interpretation_id: String(interp),
        kind: 'qa',
      });
      expect(linked.statusCode).toBe(303);
      expect(
        (await publisher.post(`/console/documents/${ids.policy}/publish`, { mode: 'now' })).statusCode,
      ).toBe(303);
      expect((await publisher.get(`/documents/${ids.policy}`)).body).toContain('（问答）');

      ids.policy2 = await create({ column_id: String(col.xzgfxwj), title: '内部管理规定' });
      const noReason = await publisher.post(`/console/documents/${ids.policy2}/exemption`, {
        exempt_reason: '',
      });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body).toContain('理由：必填');
      expect(
        (
          await publisher.post(`/console/documents/${ids.policy2}/exemption`, {
            exempt_reason: '内部管理事项，无需解读',
          })
        ).statusCode,
      ).toBe(303);
      expect((await row(ids.policy2))?.interpretation_exempt_reason).toBe('内部管理事项，无需解读');
    });

    it('withdraws a published document with a required reason, leaving a tombstone', async () => {
      const none = await publisher.post(`/console/documents/${ids.newer}/withdraw`, { withdraw_reason: '' });
      expect(none.statusCode).toBe(400);
      expect(none.body).toContain('理由：撤回时必须说明理由');
      const ok = await publisher.post(`/console/documents/${ids.newer}/withdraw`, {
        withdraw_reason: '误发',
      });
      expect(ok.statusCode).toBe(303);
      expect((await row(ids.newer))?.status).toBe('withdrawn');
      expect((await publisher.get(`/documents/${ids.newer}`)).statusCode).toBe(410);
    });

    it('deletes only a never-submitted draft; a published document is refused with a clear error', async () => {
      const draft = await create({ title: '写错了的草稿' });
      expect((await publisher.get(`/console/documents/${draft}`)).body).toContain('删除草稿');
      const ok = await publisher.post(`/console/documents/${draft}/delete`);
      expect(ok.statusCode).toBe(303);
      expect(await row(draft)).toBeUndefined();
      expect(await audits('document.draft_discarded', draft)).toHaveLength(1);
      expect((await publisher.get(`/console/documents/${ids.land}`)).body).not.toContain('删除草稿');
      const refused = await publisher.post(`/console/documents/${ids.land}/delete`);
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('已送审或发布过的文件不能删除');
      expect((await row(ids.land))?.status).toBe('published');
      // A draft that was sent back is not deletable either: it was submitted once.
      const back = await publisher.post(`/console/documents/${ids.notice}/delete`);
      expect(back.statusCode).toBe(409);
    });

    it('answers 404 for an unknown document and 400 for a bad id', async () => {
      expect((await publisher.get('/console/documents/999999')).statusCode).toBe(404);
      expect((await secrecy.get('/console/review/999999')).statusCode).toBe(404);
      expect((await publisher.get('/console/documents/abc')).statusCode).toBe(400);
    });
  });
});
