import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, columnIdOf, draftInput } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import { markContentChanged } from '../../platform/db/index.js';
import type { DraftInput } from './document.schema.js';
import {
  approveReview,
  changeValidity,
  createDraft,
  linkInterpretation,
  publishDocument,
  reviseDocument,
  submitForReview,
  withdrawDocument,
} from './document.service.js';

const XSS_TITLE = '<script>alert(1)</script>关于测试的通知';
const PLANNING = 21;

/** The text of every heading, in document order, as "h2 name". */
const headings = (html: string) =>
  [...html.matchAll(/<h([1-6])[^>]*>(.*?)<\/h\1>/g)].map(
    (m) => `h${m[1]} ${(m[2] ?? '').replace(/<[^>]+>/g, '')}`,
  );
/** Document ids linked from the result list of a page, in order. */
const listed = (html: string) =>
  [...(html.match(/<ul class="list">[\s\S]*?<\/ul>/)?.[0] ?? '').matchAll(/href="\/documents\/(\d+)"/g)].map(
    (m) => Number(m[1]),
  );
/** Every column count shown in a column tree, by code. */
const counts = (html: string) =>
  new Map(
    [...html.matchAll(/href="\/xxgk\/([a-z]+)">[^<]*<\/a><span class="hint">（(\d+) 件）/g)].map((m) => [
      m[1] ?? '',
      Number(m[2]),
    ]),
  );
const row = (label: string, value: string) => `<th scope="row">${label}</th><td>${value}</td>`;
const crumbs = (html: string) => html.match(/<nav class="breadcrumbs[\s\S]*?<\/nav>/)?.[0] ?? '';

describe.each(dialects)('public catalogue pages on %s', (dialect) => {
  let t: TestApp;
  let publisher: Actor;
  let reviewer: Actor;
  let bureauId: number;
  let bureauName: string;
  let divisionId: number;
  let baseline = new Map<string, number>();
  const planning: number[] = [];
  const ids = {} as Record<
    'plan' | 'transfer' | 'policy' | 'interp' | 'xss' | 'withdrawn' | 'draft' | 'inReview',
    number
  >;

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const html = async (url: string, status = 200) => {
    const res = await get(url);
    expect(res.statusCode, `${url} ${res.body.slice(0, 300)}`).toBe(status);
    return res.body;
  };
  const columnId = (code: string) => columnIdOf(t.deps.db, code);
  const actor = (username: string, permissions: string[]) => actorFor(t.deps.db, username, permissions);
  const input = async (column: string, overrides: Partial<DraftInput> = {}): Promise<DraftInput> =>
    draftInput({
      column_id: await columnId(column),
      title: '关于测试文件的通知',
      doc_number: '津规资发〔2026〕12号',
      publisher_org_id: bureauId,
      written_on: '2026-11-20',
      genre: '通知',
      ...overrides,
    });
  const draft = async (column: string, overrides: Partial<DraftInput> = {}, sample = false) =>
    createDraft(t.deps.db, publisher, await input(column, overrides), { sample });
  const approve = async (id: number) => {
    await submitForReview(t.deps.db, publisher, id);
    await approveReview(t.deps.db, reviewer, id);
    return id;
  };
  const publishNew = async (column: string, overrides: Partial<DraftInput> = {}, sample = false) => {
    const id = await approve(await draft(column, overrides, sample));
    await publishDocument(t.deps.db, publisher, id);
    return id;
  };
  const setPublishedAt = (id: number, at: string) =>
    t.deps.db.updateTable('documents').set({ published_at: at }).where('id', '=', id).execute();
  const policyInput = (overrides: Partial<DraftInput> = {}) =>
    input('xzgfxwj', {
      title: '管理办法',
      genre: '办法',
      topic: '国土资源、能源\\土地',
      keywords: '土地 管理',
      joint_issuers: '市财政局',
      owner_org_id: divisionId,
      effective_on: '2026-12-01',
      summary: '规范土地管理。',
      contact_name: '王老师',
      contact_phone: '022-12345678',
      body: '第一条 为了规范管理，制定本办法。\n第二条 本办法自发布之日起施行。',
      ...overrides,
    });

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    baseline = counts(await html('/xxgk'));
    publisher = await actor('publisher', ['documents.edit', 'documents.publish', 'documents.withdraw']);
    reviewer = await actor('secrecy', ['documents.review']);
    const org = (kind: 'bureau' | 'division') =>
      t.deps.db
        .selectFrom('orgs')
        .select(['id', 'name'])
        .where('kind', '=', kind)
        .orderBy('id')
        .executeTakeFirstOrThrow();
    const bureau = await org('bureau');
    bureauId = bureau.id;
    bureauName = bureau.name;
    divisionId = (await org('division')).id;

    for (let i = 1; i <= PLANNING; i += 1) {
      const id = await publishNew('gtkjgh', { title: `国土空间规划文件第${i}号` });
      await setPublishedAt(
        id,
        `2019-06-01T0${Math.floor(i / 10)}:${String(i % 10).padStart(2, '0')}:00.000Z`,
      );
      planning.push(id);
    }
    ids.plan = await publishNew('gyjh', { title: '2026年度国有建设用地供应计划', genre: '计划' });
    ids.transfer = await publishNew('crgg', { title: '国有建设用地使用权出让公告', genre: '公告' });
    await setPublishedAt(ids.plan, '2020-12-31T16:00:00.000Z'); // 2021-01-01 00:00 Beijing
    await setPublishedAt(ids.transfer, '2020-12-31T15:59:59.999Z'); // 2020-12-31 23:59 Beijing
    await changeValidity(t.deps.db, publisher, ids.transfer, {
      validity: 'repealed',
      validity_changed_on: '2026-11-24',
      reason: '被新公告替代。',
      successor_id: ids.plan,
    });
    ids.interp = await publishNew('zcjd', { title: '《管理办法》政策解读', genre: '解读' });
    ids.policy = await approve(await createDraft(t.deps.db, publisher, await policyInput()));
    await linkInterpretation(t.deps.db, publisher, ids.policy, ids.interp, 'text');
    await publishDocument(t.deps.db, publisher, ids.policy);
    await setPublishedAt(ids.policy, '2026-03-02T01:30:00.000Z');
    ids.xss = await publishNew('tzgg', { title: XSS_TITLE, body: '<b>不是粗体</b>' }, true);
    ids.withdrawn = await publishNew('tzgg', { title: '误发的通知', body: '不应再公开的正文' });
    await withdrawDocument(t.deps.db, publisher, ids.withdrawn, '误发');
    ids.draft = await draft('tzgg', { title: '草稿' });
    ids.inReview = await draft('tzgg', { title: '待审' });
    await submitForReview(t.deps.db, publisher, ids.inReview);
  });
  afterAll(async () => t?.close());

  describe('GET /xxgk', () => {
    it('shows the column tree as nested lists with counts that include descendants', async () => {
      const page = await html('/xxgk');
      const added = (code: string) => (counts(page).get(code) ?? 0) - (baseline.get(code) ?? 0);
      expect(added('ghxx')).toBe(PLANNING);
      expect(added('gtkjgh')).toBe(PLANNING);
      expect(added('tdgy')).toBe(2);
      expect(added('gyjh')).toBe(1);
      expect(added('crgg')).toBe(1);
      expect(added('zcwj')).toBe(1);
      expect(added('tzgg')).toBe(2); // the tombstone is listed, as in the API
      expect(page).toMatch(
        /href="\/xxgk\/tdgy">土地供应<\/a><span class="hint">（\d+ 件）<\/span><ul><li><a href="\/xxgk\/gyjh">/,
      );
      expect(headings(page)).toEqual([
        'h1 政府信息公开目录',
        'h2 分类浏览',
        'h3 目录分类',
        'h3 主题分类',
        'h3 发布机构',
        'h3 发布年份',
        'h3 有效性',
        'h2 文件列表',
      ]);
      expect(crumbs(page)).toContain('<a href="/">首页</a>');
      expect(crumbs(page)).toContain('<span aria-current="page">政府信息公开目录</span>');
      expect(page).toContain('<meta name="ColumnName" content="政府信息公开目录"/>');
    });

    it('lists the latest 20 public documents with 索引号, date and tags, never drafts', async () => {
      const page = await html('/xxgk');
      const ids20 = listed(page);
      expect(ids20).toHaveLength(20);
      expect(ids20).not.toContain(ids.draft);
      expect(ids20).not.toContain(ids.inReview);
      expect(ids20).toEqual(expect.arrayContaining([ids.xss, ids.withdrawn]));
      expect(page).toMatch(/<span class="hint">索引号：123456788\/\d{4}-\d{5}<\/span>/);
      expect(page).toContain('<span class="badge badge-warn">已撤回</span>');
      expect(page).toContain('<span class="sample-tag">示例</span>');
      const land = await html('/xxgk/tdgy');
      expect(land).toContain('<span class="badge badge-warn">废止</span>');
      expect(land).toContain('<time datetime="2020-12-31T16:00:00.000Z">2021-01-01</time>');
    });

    it('filters by Beijing year and validity with facet links that show counts', async () => {
      const y2021 = await html('/xxgk?year=2021');
      expect(listed(y2021)).toContain(ids.plan);
      expect(listed(y2021)).not.toContain(ids.transfer);
      // The facet's count is the number of documents the link lists.
      expect(y2021).toContain(
        `<a href="/xxgk?year=2021" aria-current="true">2021 年</a><span class="hint">（${listed(y2021).length}）</span>`,
      );
      expect(y2021).toContain('<a href="/xxgk">清除筛选</a>');
      const repealed = await html('/xxgk?validity=repealed');
      expect(listed(repealed)).toContain(ids.transfer);
      expect(listed(repealed)).not.toContain(ids.plan);
      expect(repealed).toContain('<a href="/xxgk?validity=repealed" aria-current="true">废止</a>');
      // What a GET form sends for "全部" is not a second URL for the same list.
      const empty = await get('/xxgk?year=&validity=');
      expect(empty.statusCode).toBe(301);
      expect(empty.headers.location).toBe('/xxgk');
    });

    it('refuses bad filters with a Chinese 400 page naming the field', async () => {
      expect(await html('/xxgk?year=21', 400)).toContain('发布年份：应为四位数字年份');
      expect(await html('/xxgk?validity=good', 400)).toContain('有效性：');
    });
  });

  describe('GET /xxgk/:code', () => {
    it('lists the documents of a column and its descendants, 20 a page', async () => {
      const first = await html('/xxgk/ghxx');
      const total = (baseline.get('ghxx') ?? 0) + PLANNING;
      expect(headings(first).slice(0, 3)).toEqual(['h1 规划信息', 'h2 分类浏览', 'h3 下级栏目']);
      expect(headings(first).at(-1)).toBe('h2 文件列表');
      expect(first).toContain(`共 ${total} 件（含下级栏目）`);
      expect(first).toContain('<a href="/xxgk/gtkjgh">国土空间规划</a>');
      expect(listed(first)).toHaveLength(20);
      expect(first).toContain('<a href="/xxgk/ghxx?page=2" rel="next">下一页</a>');
      expect(first).toContain('<span aria-current="page">1</span>');
      const second = await html('/xxgk/ghxx?page=2');
      expect(second).toContain('<a href="/xxgk/ghxx" rel="prev">上一页</a>');
      expect(second).toContain('<a href="/xxgk/ghxx">1</a>');
      const all = [...listed(first), ...listed(second)];
      expect(all).toHaveLength(Math.min(total, 40));
      expect(all).toEqual(expect.arrayContaining(planning));
      expect(listed(await html('/xxgk/gtkjgh?page=2'))).toContain(planning[0]); // the oldest
    });

    it('shows breadcrumbs through the parent column and keeps filters across pages', async () => {
      const page = await html('/xxgk/gyjh');
      expect(crumbs(page)).toContain('<a href="/xxgk">政府信息公开目录</a>');
      expect(crumbs(page)).toContain('<a href="/xxgk/tdgy">土地供应</a>');
      expect(crumbs(page)).toContain('<span aria-current="page">供应计划</span>');
      expect(page).toContain('<meta name="ColumnName" content="供应计划"/>');
      expect(listed(await html('/xxgk/tdgy?year=2021'))).toEqual([ids.plan]);
      const repealed = listed(await html('/xxgk/tdgy?validity=repealed'));
      expect(repealed).toContain(ids.transfer);
      expect(repealed).not.toContain(ids.plan);
      expect(await html('/xxgk/gtkjgh?year=2019')).toContain('<a href="/xxgk/gtkjgh?year=2019&amp;page=2">');
    });

    it('answers 404 for an unknown column and 400 for a bad page number', async () => {
      expect(await html('/xxgk/nope', 404)).toContain('栏目不存在');
      expect(await html('/xxgk/ghxx?page=0', 400)).toContain('页码：应为正整数');
      expect(await html('/xxgk/ghxx?page=abc', 400)).toContain('页码：');
    });
  });

  describe('GET /documents/:id', () => {
    it('shows the catalogue metadata as a table with row headers, and the page meta tags', async () => {
      const page = await html(`/documents/${ids.policy}`);
      expect(page).toContain('<caption>文件信息</caption>');
      expect(page).toMatch(new RegExp(row('索引号', '123456788/\\d{4}-\\d{5}')));
      expect(page).toContain(row('栏目', '<a href="/xxgk/xzgfxwj">行政规范性文件</a>'));
      expect(page).toContain(row('主题分类', '国土资源、能源\\土地'));
      expect(page).toContain(row('发布机构', bureauName));
      expect(page).toContain(row('联合发文单位', '市财政局'));
      expect(page).toContain(row('成文日期', '2026-11-20'));
      expect(page).toContain(row('发布日期', '<time datetime="2026-03-02T01:30:00.000Z">2026-03-02</time>'));
      expect(page).toContain(row('生效日期', '2026-12-01'));
      expect(page).toContain(row('文号', '津规资发〔2026〕12号'));
      expect(page).toContain(row('体裁', '办法'));
      expect(page).toContain(row('主题词', '土地 管理'));
      expect(page).toContain(row('有效性', '有效'));
      expect(page).toContain('<th scope="row">责任处室</th>');
      expect(page).toContain('<meta name="ArticleTitle" content="管理办法"/>');
      expect(page).toContain('<meta name="PubDate" content="2026-03-02 09:30"/>');
      expect(page).toContain('<meta name="ColumnName" content="行政规范性文件"/>');
      expect(page).toContain(`<meta name="ContentSource" content="${bureauName}"/>`);
      expect(page).not.toContain('role="note"');
      expect(crumbs(page)).toContain('<a href="/xxgk/zcwj">政策文件</a>');
    });

    it('shows summary, body with its line breaks, contact and related interpretations', async () => {
      const page = await html(`/documents/${ids.policy}`);
      expect(page).toContain(
        '<div class="rich-text article-body"><p>第一条 为了规范管理，制定本办法。<br />第二条 本办法自发布之日起施行。</p></div>',
      );
      expect(page).toContain('规范土地管理。');
      expect(page).toContain('<dd>王老师</dd>');
      expect(page).toContain('<dd>022-12345678</dd>');
      expect(page).toContain(`<a href="/documents/${ids.interp}">《管理办法》政策解读</a>`);
      expect(page).toContain('（文字解读）');
      const interp = await html(`/documents/${ids.interp}`);
      expect(headings(interp)).toContain('h2 解读的文件');
      expect(interp).toContain(`<a href="/documents/${ids.policy}">管理办法</a>`);
    });

    it('marks a repealed document with a banner linking to its successor', async () => {
      const page = await html(`/documents/${ids.transfer}`);
      const banner = page.match(/<div class="notice notice-warning" role="note">[\s\S]*?<\/div>/)?.[0] ?? '';
      expect(banner).toContain('本文件已于 2026-11-24 废止：被新公告替代。');
      expect(banner).toContain(`替代文件：<a href="/documents/${ids.plan}">2026年度国有建设用地供应计划</a>`);
      expect(page).toContain(row('有效性', '废止（2026-11-24）'));
      expect(await html(`/documents/${ids.plan}`)).not.toContain('role="note"');
    });

    it('shows the structured fields of the column that the document filled in', async () => {
      await t.deps.db
        .updateTable('documents')
        .set({ extra: JSON.stringify({ parcel_no: 'J2026-01', area: 12000 }) })
        .where('id', '=', ids.transfer)
        .execute();
      // Written behind the services' back (no audit record), so tell the page cache by hand.
      markContentChanged();
      const page = await html(`/documents/${ids.transfer}`);
      expect(page).toContain(row('宗地编号', 'J2026-01'));
      expect(page).toContain(row('面积', '12000 平方米'));
      expect(page).not.toContain('<th scope="row">起始价</th>');
    });

    it('lists the public correction notes of a revised document', async () => {
      await reviseDocument(
        t.deps.db,
        publisher,
        ids.policy,
        await policyInput({ body: '第一条 为了规范土地管理，制定本办法。' }),
        '更正第一条的漏字。',
      );
      const page = await html(`/documents/${ids.policy}`);
      expect(headings(page)).toEqual([
        'h1 管理办法',
        'h2 内容概述',
        'h2 正文',
        'h2 政策咨询',
        'h2 相关解读',
        'h2 更正说明',
      ]);
      expect(page).toContain('第 2 版（<a href="#h-corrections">见更正说明</a>）');
      expect(page).toMatch(/<time datetime="[^"]+">\d{4}-\d{2}-\d{2}<\/time>（第 2 版）：更正第一条的漏字。/);
      expect(page).toContain('第一条 为了规范土地管理，制定本办法。');
    });

    it('shows a withdrawn document as a 410 tombstone without its content', async () => {
      const page = await html(`/documents/${ids.withdrawn}`, 410);
      expect(page).toContain('误发的通知');
      expect(page).toContain('本文件已撤回，不再公开内容。');
      expect(page).toMatch(new RegExp(row('索引号', '123456788/\\d{4}-\\d{5}')));
      expect(page).toMatch(
        /<th scope="row">撤回日期<\/th><td><time datetime="[^"]+">\d{4}-\d{2}-\d{2}<\/time>/,
      );
      expect(page).toContain(row('撤回理由', '误发'));
      expect(page).not.toContain('不应再公开的正文');
      expect(page).not.toContain('article-body');
    });

    it('answers 404 for drafts, documents under review and unknown ids, 400 for a bad id', async () => {
      for (const id of [ids.draft, ids.inReview, 999999])
        expect(await html(`/documents/${id}`, 404)).toContain('文件不存在或尚未公开');
      expect((await get('/documents/abc')).statusCode).toBe(400);
    });

    it('escapes HTML in titles and renders bodies as sanitised rich text', async () => {
      const page = await html(`/documents/${ids.xss}`);
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain('<b>不是粗体</b>');
      expect(page).toContain('&lt;script>alert(1)&lt;/script>关于测试的通知');
      expect(page).toContain('<strong>不是粗体</strong>');
      expect(page).toContain('<span class="sample-tag">示例</span>');
      expect(await html('/xxgk/tzgg')).not.toContain('<script>alert');
    });

    it('renders in 关爱版 (care mode)', async () => {
      for (const url of [`/documents/${ids.policy}`, '/xxgk', '/xxgk/tdgy']) {
        const page = await html(`${url}${url.includes('?') ? '&' : '?'}mode=care`);
        expect(page).toContain('<body class="care fs-18">');
      }
      expect(await html(`/documents/${ids.policy}?mode=care`)).toContain('<caption>文件信息</caption>');
    });
  });
});
