import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import type { Org } from '../../platform/db/schema.js';
import { listOrgs } from './org.service.js';

const DIVISIONS = ['办公室', '法规处', '资源处', '网信办'];
const BRANCHES = ['和平分局（示例）', '河西分局（示例）', '南开分局（示例）'];
const API_KEYS = [
  'address',
  'functions',
  'id',
  'isSample',
  'kind',
  'kindName',
  'leaders',
  'name',
  'officeHours',
  'parentId',
  'phone',
  'shortName',
];

/** The text of every heading, in document order, as "h2 name". */
const headings = (html: string) =>
  [...html.matchAll(/<h([1-6])[^>]*>(.*?)<\/h\1>/g)].map(
    (m) => `h${m[1]} ${(m[2] ?? '').replace(/<[^>]+>/g, '')}`,
  );

describe.each(dialects)('public 机构信息 on %s', (dialect) => {
  let t: TestApp;
  let orgs: Org[];
  let bureau: Org;
  let office: Org;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    orgs = await listOrgs(t.deps.db);
    bureau = orgs.find((o) => o.kind === 'bureau') as Org;
    office = orgs.find((o) => o.name === '办公室') as Org;
  });
  afterAll(async () => t.close());

  describe('GET /orgs', () => {
    it('shows the bureau, its leaders and every division, unit and branch grouped by kind', async () => {
      const res = await t.app.inject({ url: '/orgs' });
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain(bureau.name);
      for (const name of [...DIVISIONS, ...BRANCHES, '利用中心（示例）']) expect(html).toContain(name);
      expect(html).toContain('某某（示例）');
      expect(html).toContain('主持全面工作。');
      const h = headings(html);
      expect(h[0]).toBe('h1 机构信息');
      expect(h).toEqual(expect.arrayContaining(['h3 领导信息', 'h3 机关处室', 'h3 局属单位', 'h3 区分局']));
      expect(h.indexOf('h3 机关处室')).toBeLessThan(h.indexOf('h3 局属单位'));
      expect(h.indexOf('h3 局属单位')).toBeLessThan(h.indexOf('h3 区分局'));
      expect(html).toContain(`href="/orgs/${office.id}"`);
    });

    it('tags invented demo data as 示例 and shows the facts of each unit', async () => {
      const html = (await t.app.inject({ url: '/orgs' })).body;
      expect(html).toContain('<span class="sample-tag">示例</span>');
      for (const term of ['主要职能：', '地址：', '电话：', '办公时间：']) expect(html).toContain(term);
      expect(html).toContain('022-00001001');
      expect(html).toContain('<meta name="ColumnName" content="机构信息"/>');
    });

    it('shows no image for a leader without a photo', async () => {
      const html = (await t.app.inject({ url: '/orgs' })).body;
      expect(html).not.toMatch(/<img/);
    });

    it('dates the page by the latest update of what it shows', async () => {
      const latest =
        orgs
          .map((o) => o.updated_at)
          .sort()
          .at(-1) ?? '';
      const html = (await t.app.inject({ url: '/orgs' })).body;
      const m = html.match(/<time dateTime="([^"]+)"/i);
      expect(m?.[1] && m[1] >= latest).toBe(true);
    });
  });

  describe('GET /orgs/:id', () => {
    it('shows one unit with breadcrumbs through its parent', async () => {
      const res = await t.app.inject({ url: `/orgs/${office.id}` });
      expect(res.statusCode).toBe(200);
      const crumbs = res.body.match(/<nav class="breadcrumbs[\s\S]*?<\/nav>/)?.[0] ?? '';
      expect(crumbs).toContain('href="/orgs"');
      expect(crumbs).toContain(`href="/orgs/${bureau.id}"`);
      expect(crumbs).toContain('<span aria-current="page">办公室</span>');
      expect(headings(res.body)).toEqual(['h1 办公室示例', 'h2 领导信息']);
      expect(res.body).toContain('机关处室');
      expect(res.body).toContain('022-00001001');
    });

    it('shows the bureau with its leaders and the units below it', async () => {
      const res = await t.app.inject({ url: `/orgs/${bureau.id}` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('某某某（示例）');
      expect(res.body).toContain('分管办公室（政务公开）、法规处。');
      expect(headings(res.body)).toContain('h2 下设机构');
      for (const name of BRANCHES) expect(res.body).toContain(name);
    });

    it('answers 404 for an unknown unit and 400 for a malformed id', async () => {
      expect((await t.app.inject({ url: '/orgs/999999' })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/orgs/abc' })).statusCode).toBe(400);
    });
  });

  describe('GET /api/v1/orgs', () => {
    it('lists every organisation with its public fields and leaders, and nothing more', async () => {
      const res = await t.app.inject({ url: '/api/v1/orgs' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      const { items } = res.json() as { items: Record<string, unknown>[] };
      expect(items).toHaveLength(orgs.length);
      for (const item of items) expect(Object.keys(item).sort()).toEqual(API_KEYS);
      const b = items.find((i) => i.id === bureau.id);
      expect(b).toMatchObject({
        parentId: null,
        kind: 'bureau',
        kindName: '市局',
        name: bureau.name,
        shortName: '市规划资源局',
        isSample: true,
        phone: '022-00000000',
      });
      expect(b?.leaders).toEqual([
        { name: '某某（示例）', title: '局长', duties: '主持全面工作。' },
        { name: '某某某（示例）', title: '副局长', duties: '分管办公室（政务公开）、法规处。' },
      ]);
      expect(items[0]?.id).toBe(bureau.id);
      const branch = items.find((i) => i.name === '和平分局（示例）');
      expect(branch).toMatchObject({ kind: 'branch', kindName: '区分局', parentId: bureau.id, leaders: [] });
    });
  });

  describe('GET /api/v1/orgs/:id', () => {
    it('returns one organisation in the same shape', async () => {
      const res = await t.app.inject({ url: `/api/v1/orgs/${office.id}` });
      expect(res.statusCode).toBe(200);
      const item = res.json() as Record<string, unknown>;
      expect(Object.keys(item).sort()).toEqual(API_KEYS);
      expect(item).toMatchObject({ id: office.id, name: '办公室', kind: 'division', kindName: '机关处室' });
    });

    it('answers an unknown id with a JSON 404 error', async () => {
      const res = await t.app.inject({ url: '/api/v1/orgs/999999' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      const bad = await t.app.inject({ url: '/api/v1/orgs/x' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    });
  });
});
