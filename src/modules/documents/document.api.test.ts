import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, columnIdOf, draftInput } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import { DEFAULT_COLUMNS, flattenColumns } from './columns.catalogue.js';
import type { DraftInput } from './document.schema.js';
import {
  approveReview,
  changeValidity,
  createDraft,
  linkInterpretation,
  publishDocument,
  submitForReview,
  withdrawDocument,
} from './document.service.js';
import { orgCodeCheckChar } from './index-number.js';

interface ListItem {
  id: number;
  status: string;
  publishedAt: string;
  [key: string]: unknown;
}
interface ListBody {
  items: ListItem[];
  nextCursor: string | null;
}

const LIST_KEYS =
  'id indexNo title docNumber columnCode publisherId publishedAt validity genre isSample status withdrawnReason formedOn extra';
const DETAIL_KEYS = [
  'id indexNo title docNumber status column publisher jointIssuers owner writtenOn publishedAt effectiveOn',
  'topic genre keywords summary validity contact body version interpretations interprets attachments isSample formedOn extra',
].join(' ');
const keysOf = (o: object) => Object.keys(o).sort().join(' ');
const sortedKeys = (list: string) => list.split(' ').sort().join(' ');
const FORMULA_TITLE = '=HYPERLINK("http://example.com","点击")';

describe.each(dialects)('the public catalogue API on %s', (dialect) => {
  let t: TestApp;
  let publisher: Actor;
  let reviewer: Actor;
  let bureauId: number;
  let branchId: number;
  let seeded = new Set<number>();
  const ids = {} as Record<
    'plan' | 'transfer' | 'notice' | 'formula' | 'policy' | 'interp' | 'withdrawn' | 'draft' | 'inReview',
    number
  >;

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });
  const list = async (query: string): Promise<ListBody> => {
    const res = await get(`/api/v1/documents?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ListBody>();
  };
  /** Every public item matching the query (all pages), minus what the demo seed already published. */
  const listItems = async (query: string) => {
    const out: ListItem[] = [];
    let cursor: string | null = null;
    do {
      const page: ListBody = await list(`limit=100&${query}${cursor ? `&cursor=${cursor}` : ''}`);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out.filter((i) => !seeded.has(i.id));
  };
  const listIds = async (query: string) => (await listItems(query)).map((i) => i.id);
  const csvIds = (body: string) =>
    body
      .slice(1)
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => Number(l.split(',')[0]))
      .filter((id) => !seeded.has(id));
  const columnId = (code: string) => columnIdOf(t.deps.db, code);
  const actor = (username: string, permissions: string[]) => actorFor(t.deps.db, username, permissions);
  const draft = async (column: string, overrides: Partial<DraftInput> = {}): Promise<number> =>
    createDraft(
      t.deps.db,
      publisher,
      draftInput({
        column_id: await columnId(column),
        title: '关于测试文件的通知（示例）',
        doc_number: '津规资发〔2026〕12号',
        publisher_org_id: bureauId,
        written_on: '2026-11-20',
        genre: '通知',
        summary: '内容概述',
        ...overrides,
      }),
    );
  const approve = async (id: number) => {
    await submitForReview(t.deps.db, publisher, id);
    await approveReview(t.deps.db, reviewer, id);
    return id;
  };
  const publishNew = async (column: string, overrides: Partial<DraftInput> = {}) => {
    const id = await approve(await draft(column, overrides));
    await publishDocument(t.deps.db, publisher, id);
    return id;
  };
  const setPublishedAt = (id: number, at: string) =>
    t.deps.db.updateTable('documents').set({ published_at: at }).where('id', '=', id).execute();

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    seeded = new Set(await listIds(''));
    publisher = await actor('publisher', ['documents.edit', 'documents.publish', 'documents.withdraw']);
    reviewer = await actor('secrecy', ['documents.review']);
    const org = (kind: 'bureau' | 'branch') =>
      t.deps.db
        .selectFrom('orgs')
        .select('id')
        .where('kind', '=', kind)
        .orderBy('id')
        .executeTakeFirstOrThrow();
    bureauId = (await org('bureau')).id;
    branchId = (await org('branch')).id;
    const setCode = (id: number, code: string) =>
      t.deps.db.updateTable('orgs').set({ org_code: code }).where('id', '=', id).execute();
    await setCode(bureauId, '123456788');
    await setCode(branchId, `12345679${orgCodeCheckChar('12345679')}`);

    ids.plan = await publishNew('gyjh', {
      title: '2026年度国有建设用地供应计划（示例）',
      genre: '计划',
      external_id: 'ext-plan-1',
    });
    ids.transfer = await publishNew('crgg', { title: '国有建设用地使用权出让公告（示例）', genre: '公告' });
    ids.notice = await publishNew('tzgg', { title: '分局通知（示例）', publisher_org_id: branchId });
    ids.formula = await publishNew('tzgg', { title: FORMULA_TITLE });
    ids.interp = await publishNew('zcjd', { title: '《管理办法》政策解读（示例）', genre: '解读' });
    ids.policy = await approve(
      await draft('xzgfxwj', {
        title: '管理办法（示例）',
        genre: '办法',
        contact_name: '王老师',
        contact_phone: '022-12345678',
      }),
    );
    await linkInterpretation(t.deps.db, publisher, ids.policy, ids.interp, 'text');
    await publishDocument(t.deps.db, publisher, ids.policy);
    ids.withdrawn = await publishNew('tzgg', { title: '误发的通知（示例）', body: '不应再公开的正文' });
    await withdrawDocument(t.deps.db, publisher, ids.withdrawn, '误发');
    ids.draft = await draft('tzgg', { title: '草稿（示例）' });
    ids.inReview = await draft('tzgg', { title: '待审（示例）' });
    await submitForReview(t.deps.db, publisher, ids.inReview);
    // Year edges in Beijing time, and two documents published in the same millisecond (keyset ties).
    await setPublishedAt(ids.plan, '2020-12-31T16:00:00.000Z'); // 2021-01-01 00:00 Beijing
    await setPublishedAt(ids.transfer, '2020-12-31T15:59:59.999Z'); // 2020-12-31 23:59 Beijing
    await setPublishedAt(ids.notice, '2024-05-01T02:00:00.000Z');
    await setPublishedAt(ids.formula, '2024-05-01T02:00:00.000Z');
  });
  afterAll(async () => t?.close());

  it('lists the column tree, parents before children, with extra fields', async () => {
    const res = await get('/api/v1/columns');
    expect(res.statusCode).toBe(200);
    const { items } = res.json<{ items: { id: number; code: string; parentId: number | null }[] }>();
    expect(items.map((c) => c.code)).toEqual(flattenColumns(DEFAULT_COLUMNS).map((c) => c.spec.code));
    const crgg = items.find((c) => c.code === 'crgg');
    expect(crgg).toMatchObject({
      parentId: await columnId('tdgy'),
      name: '出让公告',
      needsInterpretation: false,
    });
    expect(crgg).toHaveProperty(
      'extraFields',
      expect.arrayContaining([expect.objectContaining({ key: 'parcel_no' })]),
    );
    expect(items.find((c) => c.code === 'xzgfxwj')).toMatchObject({
      needsInterpretation: true,
      extraFields: [],
    });
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(
      ['basis', 'code', 'extraFields', 'id', 'name', 'needsInterpretation', 'parentId'].sort(),
    );
  });

  it('lists only published documents and tombstones, newest first, in the contract shape', async () => {
    const items = await listItems('');
    const all = [ids.plan, ids.transfer, ids.notice, ids.formula, ids.interp, ids.policy, ids.withdrawn];
    expect(items.map((i) => i.id).sort()).toEqual([...all].sort());
    for (const item of items) expect(keysOf(item)).toBe(sortedKeys(LIST_KEYS));
    const sorted = [...items].sort((a, b) =>
      a.publishedAt === b.publishedAt ? b.id - a.id : a.publishedAt < b.publishedAt ? 1 : -1,
    );
    expect(items).toEqual(sorted);
    expect(items.find((i) => i.id === ids.plan)).toMatchObject({
      columnCode: 'gyjh',
      publisherId: bureauId,
      genre: '计划',
      validity: 'valid',
      status: 'published',
      isSample: false,
      withdrawnReason: null,
      indexNo: expect.stringMatching(/^123456788\/\d{4}-\d{5}$/),
    });
    expect(items.find((i) => i.id === ids.withdrawn)).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: '误发',
    });
  });

  it('filters by column (with its descendants), org, Beijing year, validity, type and externalId', async () => {
    expect((await listIds('column=tdgy')).sort()).toEqual([ids.plan, ids.transfer].sort());
    expect(await listIds('column=gyjh')).toEqual([ids.plan]);
    expect(await listIds(`org=${branchId}`)).toEqual([ids.notice]);
    expect(await listIds('year=2021')).toEqual([ids.plan]);
    expect(await listIds('year=2020')).toEqual([ids.transfer]);
    expect(await listIds('type=计划')).toEqual([ids.plan]);
    expect(await listIds('externalId=ext-plan-1')).toEqual([ids.plan]);
    expect(await listIds('column=&org=&type=')).toHaveLength(7);
    expect(await listIds('validity=repealed')).toEqual([]);
    await changeValidity(t.deps.db, publisher, ids.transfer, {
      validity: 'repealed',
      validity_changed_on: '2026-11-24',
      reason: '被新公告替代',
      successor_id: ids.plan,
    });
    expect(await listIds('validity=repealed')).toEqual([ids.transfer]);
    expect(await listIds('validity=repealed&column=tdgy&year=2020')).toEqual([ids.transfer]);
    expect(await listIds('validity=repealed&year=2021')).toEqual([]);
  });

  it('walks every item exactly once with cursor pagination', async () => {
    const expected = await listIds('');
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ListBody = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id).filter((id) => !seeded.has(id)));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil((expected.length + seeded.size) / 2));
  });

  it('refuses bad input with a 400 naming the field in Chinese', async () => {
    const bad = Buffer.from(JSON.stringify({ x: 1 })).toString('base64url');
    const cases: [string, string, RegExp][] = [
      ['cursor=abc!', 'cursor', /^分页游标：/],
      [`cursor=${bad}`, 'cursor', /^分页游标：/],
      ['limit=0', 'limit', /^每页条数：.*1 至 100/],
      ['limit=101', 'limit', /^每页条数：/],
      ['limit=abc', 'limit', /^每页条数：/],
      ['year=26', 'year', /^发布年份：.*四位数字/],
      ['org=abc', 'org', /^发布机构：/],
      ['validity=good', 'validity', /^有效性：/],
      ['column=nope', 'column', /^栏目：不存在/],
    ];
    for (const [query, field, message] of cases) {
      const res = await get(`/api/v1/documents?${query}`);
      expect(res.statusCode, query).toBe(400);
      const { error } = res.json<{ error: { code: string; fields: Record<string, string> } }>();
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields[field], query).toMatch(message);
    }
    expect((await get('/api/v1/documents/abc')).statusCode).toBe(400);
  });

  it('never shows drafts or documents under review, not even by id', async () => {
    const all = await listIds('');
    expect(all).not.toContain(ids.draft);
    expect(all).not.toContain(ids.inReview);
    for (const id of [ids.draft, ids.inReview, 999999]) {
      const res = await get(`/api/v1/documents/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
      expect(res.headers.etag).toBeUndefined();
    }
  });

  it('shows a withdrawn document as a tombstone without its content', async () => {
    const res = await get(`/api/v1/documents/${ids.withdrawn}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      id: ids.withdrawn,
      title: '误发的通知（示例）',
      status: 'withdrawn',
      withdrawnReason: '误发',
    });
    expect(body.indexNo).toMatch(/^123456788\//);
    expect(body.withdrawnAt).toEqual(expect.any(String));
    expect(body).not.toHaveProperty('body');
    expect(body).not.toHaveProperty('summary');
    expect(res.body).not.toContain('不应再公开的正文');
  });

  it('returns the full public record with interpretation links both ways', async () => {
    const res = await get(`/api/v1/documents/${ids.policy}`);
    expect(res.statusCode).toBe(200);
    const policy = res.json<Record<string, unknown>>();
    expect(keysOf(policy)).toBe(sortedKeys(DETAIL_KEYS));
    expect(policy).toMatchObject({
      id: ids.policy,
      title: '管理办法（示例）',
      docNumber: '津规资发〔2026〕12号',
      status: 'published',
      column: { code: 'xzgfxwj', name: '行政规范性文件' },
      publisher: { id: bureauId, name: expect.any(String) },
      owner: null,
      writtenOn: '2026-11-20',
      genre: '办法',
      summary: '内容概述',
      body: '<p>正文。</p>',
      version: 1,
      validity: { code: 'valid', label: '有效', changedOn: null, reason: null, successorId: null },
      contact: { name: '王老师', phone: '022-12345678' },
      interpretations: [{ id: ids.interp, title: '《管理办法》政策解读（示例）', kind: 'text' }],
      interprets: [],
      isSample: false,
    });
    const interp = (await get(`/api/v1/documents/${ids.interp}`)).json<Record<string, unknown>>();
    expect(interp).toMatchObject({
      interpretations: [],
      interprets: [{ id: ids.policy, title: '管理办法（示例）' }],
    });
    const repealed = (await get(`/api/v1/documents/${ids.transfer}`)).json<Record<string, unknown>>();
    expect(repealed).toMatchObject({
      validity: {
        code: 'repealed',
        label: '废止',
        changedOn: '2026-11-24',
        reason: '被新公告替代',
        successorId: ids.plan,
      },
    });
  });

  it('sends an ETag and Cache-Control, answers 304 when unchanged, and a new ETag after a change', async () => {
    for (const url of ['/api/v1/columns', '/api/v1/documents', `/api/v1/documents/${ids.notice}`]) {
      const first = await get(url);
      expect(first.headers['cache-control']).toBe('public, max-age=60');
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect((await get(url, { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
      expect((await get(url, { 'if-none-match': '"other"' })).statusCode).toBe(200);
    }
    const before = String((await get(`/api/v1/documents/${ids.notice}`)).headers.etag);
    await changeValidity(t.deps.db, publisher, ids.notice, {
      validity: 'expired',
      validity_changed_on: '2026-11-25',
      reason: '有效期届满',
      successor_id: null,
    });
    const after = await get(`/api/v1/documents/${ids.notice}`, { 'if-none-match': before });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before);
  });

  it('exports every matching row as CSV with BOM, Chinese header, quoting and formula neutralisation', async () => {
    const res = await get('/api/v1/documents?format=csv&limit=1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(
      res.body.startsWith(
        '\uFEFF编号,索引号,标题,文号,栏目代码,栏目,发布机构编号,发布机构,发布时间（北京时间）,',
      ),
    ).toBe(true);
    const lines = res.body.slice(1).split('\r\n').filter(Boolean);
    const all = await listIds('');
    expect(lines).toHaveLength(all.length + seeded.size + 1);
    expect(csvIds(res.body)).toEqual(all);
    const formula = lines.find((l) => l.startsWith(`${ids.formula},`));
    expect(formula).toContain(`,"'=HYPERLINK(""http://example.com"",""点击"")",`);
    expect(lines.find((l) => l.startsWith(`${ids.plan},`))).toContain(
      '2021-01-01 00:00,有效,计划,已发布,,否',
    );
    expect(lines.find((l) => l.startsWith(`${ids.withdrawn},`))).toContain(',已撤回,误发,否');
    const filtered = await get('/api/v1/documents?format=csv&column=tdgy');
    expect(csvIds(filtered.body).sort()).toEqual([ids.plan, ids.transfer].sort());
  });

  it('documents its endpoints in the OpenAPI document', async () => {
    const res = await get('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, { get: { parameters: { name: string }[] } }> }>();
    expect(doc.paths['/api/v1/documents']?.get.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'column',
        'org',
        'year',
        'validity',
        'type',
        'externalId',
        'limit',
        'cursor',
        'format',
      ]),
    );
    expect(doc.paths).toHaveProperty(['/api/v1/columns']);
    expect(doc.paths).toHaveProperty(['/api/v1/documents/{id}']);
  });
});
