import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { todayCst } from '../../platform/time.js';
import * as repo from './application.repository.js';
import { residentIdCheckChar } from './identity.rules.js';
import { DEFAULT_TEMPLATES } from './letter.texts.js';

const body = '32010219900101004';
const ID = body + residentIdCheckChar(body);

const form = {
  channel: 'in_person',
  receivedOn: todayCst(),
  applicantType: 'person',
  name: '赵六',
  idType: 'resident_id',
  idNumber: ID,
  contactName: '',
  phone: '13600001111',
  email: '',
  address: '示例市某路2号',
  postcode: '',
  subject: '某村征地补偿安置方案',
  docNumber: '',
  description: '',
  formWanted: 'paper',
  delivery: 'post',
};

describe.each(dialects)('applications console on %s', (dialect) => {
  let t: TestApp;
  const as: Record<string, Browser> = {};
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    for (const u of ['intake', 'handler', 'legal', 'approver', 'publisher']) {
      as[u] = new Browser(t.app);
      await as[u]!.login(u);
    }
  });
  afterAll(() => t.close());

  const act = (who: string, id: number, action: string, fields: Record<string, string> = {}) =>
    as[who]!.post(
      `/console/applications/${id}/act`,
      { action, ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${action}-${k}`, v])) },
      { page: `/console/applications/${id}` },
    );

  it('walks one application from registration to reply through the console, each role its own step', async () => {
    const reg = await as.intake!.post('/console/applications', form, { page: '/console/applications/new' });
    expect(reg.statusCode).toBe(200);
    expect(reg.body).toContain('查询密码不再显示');
    const code = reg.body.match(/查询码 <strong>([A-Z0-9]{14})<\/strong>/)?.[1];
    const row = (await repo.findByTrackingCode(t.deps.db, code!))!;
    const id = row.id;
    expect(row.received_on).toBe(todayCst());
    expect(row.due_on).not.toBeNull();

    const handlerOrg = await t.deps.db
      .selectFrom('users')
      .select('org_id')
      .where('username', '=', 'handler')
      .executeTakeFirstOrThrow();
    // A handler cannot assign; the 公开办 can.
    expect((await act('handler', id, 'assign', { orgId: String(handlerOrg.org_id) })).statusCode).toBe(403);
    expect((await act('intake', id, 'assign', { orgId: String(handlerOrg.org_id) })).statusCode).toBe(303);
    // The draft needs a reply type: the error names the field and nothing changes.
    const missing = await act('handler', id, 'submit_draft');
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('答复类型：必填');
    expect(
      (
        await act('handler', id, 'submit_draft', {
          replyType: 'disclosed',
          text: '所需信息见附件，也可于工作日到本局政务服务窗口领取。',
        })
      ).statusCode,
    ).toBe(303);
    const back = await act('legal', id, 'return_from_review');
    expect(back.statusCode).toBe(400);
    expect(back.body).toContain('法规审核退回须填写理由');
    expect((await act('legal', id, 'pass_review')).statusCode).toBe(303);
    expect((await act('approver', id, 'approve')).statusCode).toBe(303);
    expect((await act('intake', id, 'reply', { on: todayCst() })).statusCode).toBe(303);
    const done = (await repo.findApplication(t.deps.db, id))!;
    expect([done.status, done.reply_type, done.replied_on]).toEqual(['replied', 'disclosed', todayCst()]);

    const page = await as.intake!.get(`/console/applications/${id}`);
    expect(page.statusCode).toBe(200);
    for (const label of ['分办', '提交答复意见', '法规审核通过', '核准答复', '作出答复并送达'])
      expect(page.body).toContain(label);
    expect(page.body).not.toContain(ID);
    expect(page.body).toContain('赵*');

    // The letters of the file, as Word documents whose text is the Chinese of the letter.
    expect(page.body).toContain(`/console/applications/${id}/letters/receipt`);
    expect(page.body).toContain(`/console/applications/${id}/letters/reply`);
    const xmlOf = async (kind: string) => {
      const res = await as.legal!.get(`/console/applications/${id}/letters/${kind}`);
      expect(
        res.statusCode,
        res.body
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 700),
      ).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const zip = await JSZip.loadAsync(res.rawPayload);
      return zip.file('word/document.xml')!.async('string');
    };
    const receipt = await xmlOf('receipt');
    expect(receipt).toContain(code!);
    expect(receipt).toContain('第三十一条');
    const replyXml = await xmlOf('reply');
    expect(replyXml).toContain('第三十六条第（二）项');
    expect(replyXml).toContain('行政复议');
    expect(replyXml).toContain('政务服务窗口领取');
    expect((await as.legal!.get(`/console/applications/${id}/letters/fee_notice`)).statusCode).toBe(404);
    expect((await as.publisher!.get(`/console/applications/${id}/letters/receipt`)).statusCode).toBe(403);
  });

  it('shows personal data only on request, to handlers, and audits the view', async () => {
    const reg = await as.intake!.post('/console/applications', form, { page: '/console/applications/new' });
    const id = (await repo.findByTrackingCode(
      t.deps.db,
      reg.body.match(/查询码 <strong>([A-Z0-9]{14})</)![1]!,
    ))!.id;
    const shown = await as.intake!.post(
      `/console/applications/${id}/reveal`,
      {},
      { page: `/console/applications/${id}` },
    );
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(ID);
    // The legal reviewer reads the file but not the applicant's identity.
    const denied = await as.legal!.post(
      `/console/applications/${id}/reveal`,
      {},
      { page: `/console/applications/${id}` },
    );
    expect(denied.statusCode).toBe(403);
    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'application.personal_data.view')
      .where('target_id', '=', String(id))
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('lists open applications with their due dates, and keeps them from staff without the permission', async () => {
    const list = await as.intake!.get('/console/applications');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('某村征地补偿安置方案');
    expect((await as.publisher!.get('/console/applications')).statusCode).toBe(403);
    const csv = await as.intake!.get('/console/applications.csv?status=closed');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF查询码,申请人,申请人类型')).toBe(true);
    expect(csv.body).toContain('赵*');
    expect(csv.body).not.toContain(ID);
    expect(csv.body).not.toContain('13600001111');
    expect((await as.publisher!.get('/console/applications.csv')).statusCode).toBe(403);
  });

  it('lets only the approver extend, within 20 working days', async () => {
    const reg = await as.intake!.post('/console/applications', form, { page: '/console/applications/new' });
    const id = (await repo.findByTrackingCode(
      t.deps.db,
      reg.body.match(/查询码 <strong>([A-Z0-9]{14})</)![1]!,
    ))!.id;
    const before = (await repo.findApplication(t.deps.db, id))!.due_on!;
    const extend = (who: string, days: string) =>
      as[who]!.post(
        `/console/applications/${id}/extend`,
        { 'extend-days': days, 'extend-reason': '需调取档案' },
        { page: `/console/applications/${id}` },
      );
    expect((await extend('intake', '5')).statusCode).toBe(403);
    const tooLong = await extend('approver', '21');
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('不得超过 20 个工作日');
    expect((await extend('approver', '20')).statusCode).toBe(303);
    expect((await repo.findApplication(t.deps.db, id))!.due_on! > before).toBe(true);
  });

  it('flags a repeated request by the same applicant for the handler to judge (条例第三十六条第（六）项)', async () => {
    const first = await as.intake!.post('/console/applications', form, { page: '/console/applications/new' });
    expect(first.statusCode).toBe(200);
    const again = await as.intake!.post('/console/applications', form, { page: '/console/applications/new' });
    expect(again.body).toContain('同一申请人此前提出过相同的申请');
    expect(again.body).toContain('第三十六条第（六）项');
    const other = await as.intake!.post(
      '/console/applications',
      { ...form, idNumber: `${'11010519491231002'}X`, subject: '某村征地补偿安置方案' },
      { page: '/console/applications/new' },
    );
    expect(other.body).not.toContain('同一申请人此前提出过相同的申请');
  });

  it('lets an administrator edit the letter templates, refusing unknown placeholders', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin');
    const page = await admin.get('/console/applications/templates');
    expect(page.statusCode).toBe(200);
    const fields: Record<string, string> = {};
    for (const [kind, parts] of Object.entries(DEFAULT_TEMPLATES))
      for (const [part, text] of Object.entries(parts)) fields[`${kind}.${part}`] = text;
    expect(page.body).toContain('name="reply.closing"');
    expect(Object.keys(fields)).toHaveLength(18);
    const bad = await admin.post(
      '/console/applications/templates',
      { ...fields, 'reply.closing': '{{process.env}}' },
      { page: '/console/applications/templates' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('答复书结束语');
    const ok = await admin.post(
      '/console/applications/templates',
      { ...fields, 'receipt.closing': '特此回执。', agencies: '示例市人民政府' },
      { page: '/console/applications/templates' },
    );
    expect(ok.statusCode).toBe(303);
    const reg = await as.intake!.post('/console/applications', form, { page: '/console/applications/new' });
    const id = (await repo.findByTrackingCode(
      t.deps.db,
      reg.body.match(/查询码 <strong>([A-Z0-9]{14})</)![1]!,
    ))!.id;
    const res = await as.intake!.get(`/console/applications/${id}/letters/receipt`);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('特此回执。');
    expect((await as.intake!.get('/console/applications/templates')).statusCode).toBe(403);
  });
});
