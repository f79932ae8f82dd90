import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xml2js } from 'xml-js';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, columnIdOf, draftInput } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import { flattenColumns } from './columns.catalogue.js';
import type { DraftInput } from './document.schema.js';
import {
  approveReview,
  createDraft,
  linkInterpretation,
  publishDocument,
  submitForReview,
  withdrawDocument,
} from './document.service.js';
import { isOrgColumn } from './org-columns.js';

// xml-js (the feed package's own XML library) parses strictly: malformed XML throws.
const parseXml = (text: string) => xml2js(text, { compact: false }) as XmlNode;
interface XmlNode {
  type?: string;
  name?: string;
  text?: string;
  cdata?: string;
  attributes?: Record<string, string>;
  elements?: XmlNode[];
}
const all = (n: XmlNode, name: string): XmlNode[] => [
  ...(n.name === name ? [n] : []),
  ...(n.elements ?? []).flatMap((c) => all(c, name)),
];
const textOf = (n: XmlNode | undefined): string =>
  (n?.elements ?? []).map((c) => c.text ?? c.cdata ?? textOf(c)).join('');
const child = (n: XmlNode, name: string) => n.elements?.find((c) => c.name === name);

/** Document ids linked from the result list of a page, in order. */
const listed = (html: string) =>
  [...(html.match(/<ul class="list">[\s\S]*?<\/ul>/)?.[0] ?? '').matchAll(/href="\/documents\/(\d+)"/g)].map(
    (m) => Number(m[1]),
  );
/** The home page block of a column: its section. */
const block = (html: string, code: string) =>
  html.match(
    new RegExp(`<section class="panel" aria-labelledby="h-col-${code}">[\\s\\S]*?</section>`),
  )?.[0] ?? '';

const TRICKY = '关于<b>A&B</b>及 ]]> “引号”的通知';

describe.each(dialects)('portal: home, facets, feeds and sitemap on %s', (dialect) => {
  let t: TestApp;
  let publisher: Actor;
  let reviewer: Actor;
  let bureauId: number;
  const plans: number[] = [];
  const ids = {} as Record<'withdrawn' | 'draft' | 'policy' | 'interp' | 'tricky' | 'old' | 'land', number>;

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });
  const html = async (url: string, status = 200) => {
    const res = await get(url);
    expect(res.statusCode, `${url} ${res.body.slice(0, 300)}`).toBe(status);
    return res.body;
  };
  const input = async (column: string, overrides: Partial<DraftInput> = {}): Promise<DraftInput> =>
    draftInput({
      column_id: await columnIdOf(t.deps.db, column),
      title: '测试文件',
      publisher_org_id: bureauId,
      ...overrides,
    });
  const approved = async (column: string, overrides: Partial<DraftInput> = {}) => {
    const id = await createDraft(t.deps.db, publisher, await input(column, overrides));
    await submitForReview(t.deps.db, publisher, id);
    await approveReview(t.deps.db, reviewer, id);
    return id;
  };
  const publishNew = async (column: string, overrides: Partial<DraftInput> = {}) => {
    const id = await approved(column, overrides);
    await publishDocument(t.deps.db, publisher, id);
    return id;
  };
  const setPublishedAt = (id: number, at: string) =>
    t.deps.db.updateTable('documents').set({ published_at: at }).where('id', '=', id).execute();

  beforeAll(async () => {
    t = await buildTestApp(dialect, { env: { BASE_URL: 'https://gk.example.gov.cn' } });
    publisher = await actorFor(t.deps.db, 'publisher', [
      'documents.edit',
      'documents.publish',
      'documents.withdraw',
    ]);
    reviewer = await actorFor(t.deps.db, 'secrecy', ['documents.review']);
    bureauId = (
      await t.deps.db
        .selectFrom('orgs')
        .select('id')
        .where('kind', '=', 'bureau')
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
    // Six plans, one a minute apart in 2026, topic 甲; the oldest is from 2025.
    for (let i = 1; i <= 6; i += 1) {
      const id = await publishNew('gtkjgh', { title: `规划第${i}号`, topic: '城乡建设' });
      await setPublishedAt(id, `2026-03-01T00:0${i}:00.000Z`);
      plans.push(id);
    }
    await setPublishedAt(plans[0]!, '2025-05-01T00:00:00.000Z');
    ids.old = plans[0]!;
    ids.land = await publishNew('crgg', { title: '出让公告', topic: '国土资源' });
    await setPublishedAt(ids.land, '2025-06-01T00:00:00.000Z');
    ids.withdrawn = await publishNew('gtkjgh', { title: '误发的规划' });
    await withdrawDocument(t.deps.db, publisher, ids.withdrawn, '误发');
    ids.draft = await createDraft(t.deps.db, publisher, await input('gtkjgh', { title: '规划草稿' }));
    ids.interp = await publishNew('zcjd', { title: '《办法》解读' });
    ids.policy = await approved('xzgfxwj', { title: '管理办法' });
    await linkInterpretation(t.deps.db, publisher, ids.policy, ids.interp, 'graphic');
    await publishDocument(t.deps.db, publisher, ids.policy);
    ids.tricky = await publishNew('tzgg', { title: TRICKY, summary: '摘要<i>斜体</i>&' });
  });
  afterAll(async () => t?.close());

  describe('home page', () => {
    it('shows the 5 newest published documents of each top-level column, never drafts or withdrawn', async () => {
      const page = await html('/');
      const planning = block(page, 'ghxx');
      expect(listed(planning)).toEqual([plans[5], plans[4], plans[3], plans[2], plans[1]]);
      expect(planning).not.toContain('误发的规划');
      expect(planning).not.toContain('规划草稿');
      expect(planning).toContain('<a href="/xxgk/ghxx">更多规划信息</a>');
      // A block per visible top-level column; empty ones (e.g. 年度报告 here) have none.
      expect(block(page, 'tdgy')).toContain(`href="/documents/${ids.land}"`);
      expect(block(page, 'ndbg')).toBe('');
      // 机构信息 links to its generated sub-columns.
      expect(block(page, 'jgxx')).toContain('<a href="/xxgk/jgzn">机构职能</a>');
    });

    it('lists 通知公告, policies with their interpretations, and the entry points', async () => {
      const page = await html('/');
      const notices = page.match(/<section class="panel" aria-labelledby="h-tzgg">[\s\S]*?<\/section>/)?.[0];
      expect(notices).toContain(`href="/documents/${ids.tricky}"`);
      expect(notices).toContain('市规划资源局关于印发2021年政务公开工作要点的通知');
      expect(notices).toContain('<a href="/xxgk/tzgg">更多通知公告</a>');
      const policies = page.match(
        /<section class="panel" aria-labelledby="h-policies">[\s\S]*?<\/section>/,
      )?.[0];
      expect(policies).toContain(`<a href="/documents/${ids.policy}">管理办法</a>`);
      expect(policies).toContain(`<a href="/documents/${ids.interp}">解读：《办法》解读</a>`);
      expect(policies).toContain('（图解）');
      expect(page).toContain('<a href="/guide">依申请公开</a>');
      expect(page).toContain('<a href="/xxgk/tzgg">意见征集</a>');
      expect(page).toMatch(/<form method="get" action="\/search" role="search"/);
      expect(page).toContain('<link rel="alternate" href="/xxgk/feed.rss" type="application/rss+xml"');
      // Escaped, never markup.
      expect(page).not.toContain('<b>A&B</b>');
    });

    it('works in 关爱版 too', async () => {
      expect(await html('/?mode=care')).toContain('<body class="care fs-18">');
    });
  });

  describe('catalogue facets', () => {
    it('counts each facet under the other filters', async () => {
      const page = await html('/xxgk?year=2026');
      const topics = page.match(/<section aria-labelledby="h-topic"[\s\S]*?<\/section>/)?.[0] ?? '';
      // 5 plans in 2026 have topic 城乡建设; the 2025 plan does not count under year=2026.
      expect(topics).toContain(
        `<a href="/xxgk?topic=${encodeURIComponent('城乡建设')}&amp;year=2026">城乡建设</a><span class="hint">（5）</span>`,
      );
      expect(topics).not.toContain('国土资源'); // only in 2025
      const years = page.match(/<section aria-labelledby="h-year"[\s\S]*?<\/section>/)?.[0] ?? '';
      expect(years).toMatch(/<a href="\/xxgk\?year=2025">2025 年<\/a><span class="hint">（2）<\/span>/);
      expect(years).toContain('<a href="/xxgk?year=2026" aria-current="true">2026 年</a>');
    });

    it('combines filters in the list and in the column tree counts', async () => {
      const both = await html(`/xxgk?topic=${encodeURIComponent('城乡建设')}&year=2025`);
      expect(listed(both)).toEqual([ids.old]);
      expect(both).toContain('当前筛选：主题分类：城乡建设；发布年份：2025 年。');
      expect(both).toMatch(
        /href="\/xxgk\/gtkjgh\?topic=[^"]+&amp;year=2025">国土空间规划<\/a><span class="hint">（1 件）/,
      );
      const org = await html(`/xxgk/gtkjgh?org=${bureauId}&year=2026`);
      // The catalogue lists tombstones too (labelled 已撤回), as the API does.
      expect(listed(org)).toEqual([ids.withdrawn, plans[5], plans[4], plans[3], plans[2], plans[1]]);
      expect(listed(await html('/xxgk/tdgy?year=2026'))).toEqual([]);
    });

    it('has one canonical URL per selection: others answer 301, display parameters are kept', async () => {
      const r = await get(`/xxgk?year=2026&topic=${encodeURIComponent('城乡建设')}&page=1&mode=care`);
      expect(r.statusCode).toBe(301);
      expect(r.headers.location).toBe(`/xxgk?topic=${encodeURIComponent('城乡建设')}&year=2026&mode=care`);
      const page = await html(`/xxgk/ghxx?year=2026`);
      expect(page).toContain('<link rel="canonical" href="https://gk.example.gov.cn/xxgk/ghxx?year=2026"/>');
      expect(page).toContain('<link rel="alternate" href="/xxgk/ghxx/feed.atom" type="application/atom+xml"');
    });

    it('hides empty columns from the tree and shows 机构信息 columns from the organisation data', async () => {
      const page = await html('/xxgk');
      expect(page).not.toContain('href="/xxgk/ndbg"');
      expect(page).toContain('href="/xxgk/jgzn"');
      for (const code of ['jgzn', 'ldxx', 'nsjg', 'xsdw', 'lxfs']) {
        const column = await html(`/xxgk/${code}`);
        expect(column, code).toContain('以上内容根据本机关机构信息自动生成');
        expect(column, code).not.toContain('暂无');
      }
      expect(await html('/xxgk/ldxx')).toContain('局长');
      expect(await html('/xxgk/nsjg')).toContain('<a href="/orgs/');
      expect(await html('/xxgk/jgxx')).toContain('<a href="/xxgk/lxfs">联系方式</a>');
    });
  });

  describe('feeds', () => {
    it('serves the catalogue as RSS 2.0 with absolute links, newest first, published only', async () => {
      const r = await get('/xxgk/feed.rss');
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      const doc = parseXml(r.body);
      const rss = all(doc, 'rss')[0]!;
      expect(rss.attributes?.version).toBe('2.0');
      const links = all(doc, 'item').map((i) => textOf(child(i, 'link')));
      expect(links[0]).toBe(`https://gk.example.gov.cn/documents/${ids.tricky}`);
      expect(links).toContain(`https://gk.example.gov.cn/documents/${plans[5]}`);
      expect(links).not.toContain(`https://gk.example.gov.cn/documents/${ids.withdrawn}`);
      expect(links).not.toContain(`https://gk.example.gov.cn/documents/${ids.draft}`);
      expect(textOf(child(all(doc, 'channel')[0]!, 'link'))).toBe('https://gk.example.gov.cn/xxgk');
    });

    it('escapes titles and summaries so that they read as text, and the XML stays valid', async () => {
      for (const format of ['rss', 'atom']) {
        const body = (await get(`/xxgk/tzgg/feed.${format}`)).body;
        const doc = parseXml(body);
        const entries = all(doc, format === 'rss' ? 'item' : 'entry');
        const tricky = entries.find((e) => textOf(child(e, 'title')).includes('A&amp;B'));
        expect(textOf(child(tricky!, 'title'))).toBe('关于&lt;b&gt;A&amp;B&lt;/b&gt;及 ]]&gt; “引号”的通知');
        const summary = child(tricky!, format === 'rss' ? 'description' : 'summary');
        expect(textOf(summary)).toBe('摘要&lt;i&gt;斜体&lt;/i&gt;&amp;');
      }
    });

    it('serves Atom per column with only that subtree, and 404 for unknown or empty columns', async () => {
      const r = await get('/xxgk/ghxx/feed.atom');
      expect(r.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const doc = parseXml(r.body);
      const feed = all(doc, 'feed')[0]!;
      expect(feed.attributes?.xmlns).toBe('http://www.w3.org/2005/Atom');
      const ids6 = all(doc, 'entry').map((e) => textOf(child(e, 'id')));
      expect(ids6).toEqual(plans.toReversed().map((id) => `https://gk.example.gov.cn/documents/${id}`));
      expect((await get('/xxgk/nope/feed.rss')).statusCode).toBe(404);
      expect((await get('/xxgk/ndbg/feed.rss')).statusCode).toBe(404);
    });

    it('sends an ETag and answers 304 when it matches', async () => {
      const first = await get('/xxgk/feed.atom');
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      expect((await get('/xxgk/feed.atom')).headers.etag).toBe(etag);
      expect((await get('/xxgk/feed.atom', { 'if-none-match': etag })).statusCode).toBe(304);
    });
  });

  describe('sitemap.xml and robots.txt', () => {
    it('lists home, catalogue, visible columns, published documents with lastmod, orgs and the guide', async () => {
      const r = await get('/sitemap.xml');
      expect(r.headers['content-type']).toBe('application/xml; charset=utf-8');
      const doc = parseXml(r.body);
      const urls = all(doc, 'url').map((u) => ({
        loc: textOf(child(u, 'loc')),
        lastmod: textOf(child(u, 'lastmod')),
      }));
      const locs = urls.map((u) => u.loc);
      const abs = (p: string) => `https://gk.example.gov.cn${p}`;
      for (const p of ['/', '/xxgk', '/xxgk/ghxx', '/xxgk/gtkjgh', '/xxgk/jgzn', '/orgs', '/guide'])
        expect(locs, p).toContain(abs(p));
      expect(locs).not.toContain(abs('/xxgk/ndbg')); // empty column
      for (const id of [...plans, ids.policy, ids.tricky]) expect(locs).toContain(abs(`/documents/${id}`));
      expect(locs).not.toContain(abs(`/documents/${ids.withdrawn}`));
      expect(locs).not.toContain(abs(`/documents/${ids.draft}`));
      expect(urls.find((u) => u.loc === abs(`/documents/${ids.policy}`))?.lastmod).toMatch(
        /^\d{4}-\d{2}-\d{2}T/,
      );
      expect(locs.some((l) => /\/orgs\/\d+$/.test(l))).toBe(true);
    });

    it('points robots.txt at the sitemap and keeps crawlers out of the console', async () => {
      const r = await get('/robots.txt');
      expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(r.body).toContain('Sitemap: https://gk.example.gov.cn/sitemap.xml');
      expect(r.body).toContain('Disallow: /console/');
    });
  });

  it('finds published documents by title from the search box, never drafts', async () => {
    const page = await html(`/search?q=${encodeURIComponent('规划')}`);
    const found = [
      ...(page.match(/<ol class="search-list"[\s\S]*?<\/ol>/)?.[0] ?? '').matchAll(
        /href="\/documents\/(\d+)"/g,
      ),
    ].map((m) => Number(m[1]));
    expect(found).toContain(plans[5]);
    expect(found).not.toContain(ids.draft);
    expect(found).not.toContain(ids.withdrawn);
  });
});

describe.each(dialects)('the demo catalogue on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { demoDocuments: true });
  });
  afterAll(async () => t?.close());

  it('has something public in every leaf column: documents, or 机构信息 generated from the org data', async () => {
    const leaves = flattenColumns().filter(({ spec }) => !spec.children?.length);
    expect(leaves.length).toBeGreaterThan(30);
    for (const { spec } of leaves) {
      const res = await t.app.inject({ method: 'GET', url: `/xxgk/${spec.code}` });
      expect(res.statusCode, spec.code).toBe(200);
      expect(res.body, spec.code).not.toContain('暂无');
      if (isOrgColumn(spec.code)) expect(res.body, spec.code).toContain('以上内容根据本机关机构信息自动生成');
      else expect(listed(res.body).length, spec.code).toBeGreaterThanOrEqual(1);
    }
  });

  it('shows the structured fields of a land-supply sample on its page', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/xxgk/cjgs' });
    const id = listed(list.body)[0];
    const page = await t.app.inject({ method: 'GET', url: `/documents/${id}` });
    expect(page.body).toContain('<th scope="row">竞得人</th><td>示例智能制造有限公司</td>');
    expect(page.body).toContain('<th scope="row">成交价</th><td>3260 万元</td>');
  });
});
