import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/bootstrap.js';
import {
  changeValidity,
  importActor,
  importDocument,
  parseImportLine,
  withdrawDocument,
} from '../src/modules/documents/index.js';
import { cliActor } from '../src/platform/actor.js';
import { planQuery } from '../src/platform/search/analyse.js';
import { backendFor, pgMatchStrategy } from '../src/platform/search/backend.js';
import { rebuildSearchIndex, SEARCH_INDEX_FORMAT } from '../src/platform/search/reindex.js';
import { search } from '../src/platform/search/search.service.js';
import { Browser, buildTestApp, type TestApp } from './support/app.js';
import { dialects } from './support/db.js';
import { actorFor } from './support/factories.js';

/**
 * 一网通查 on both databases (issue 4): two-character words, 文号 in every bracket style, 索引号,
 * traditional characters, synonyms, ranking of repealed documents, facets and filters, highlighting,
 * operator-laden and random input, and an index that follows publication, correction, validity,
 * withdrawal and a rebuild.
 */

interface Line {
  externalId: string;
  title: string;
  column: string;
  publishedAt: string;
  body: string;
  docNumber?: string;
  indexNo?: string;
  validity?: string;
  genre?: string;
  issuer?: string;
}

const FIXTURE: Line[] = [
  {
    externalId: 't-zd',
    title: '关于做好集体土地征收信息公开工作的通知',
    column: 'zdxx',
    publishedAt: '2021-03-15',
    docNumber: '示规资发〔2021〕12号',
    indexNo: '123456788/2021-00012',
    genre: '通知',
    body: '各区分局：为规范征地信息公开，现就征地程序中的预公告、补偿安置方案公告等事项通知如下。',
  },
  {
    externalId: 't-geo',
    title: '示例区特征地貌调查报告',
    column: 'gzdt',
    publishedAt: '2024-05-01',
    genre: '报告',
    body: '本报告记录示例区的特征地貌与地质构造，包括河流阶地和冲积平原。',
  },
  {
    externalId: 't-ch-old',
    title: '示例市测绘资质管理办法',
    column: 'xzgfxwj',
    publishedAt: '2019-04-01',
    docNumber: '示规资规〔2019〕3号',
    validity: 'repealed',
    genre: '办法',
    body: '为加强测绘资质管理，规范测绘活动，制定本办法。收入制度汇编。',
  },
  {
    externalId: 't-ch-new',
    title: '示例市测绘资质管理办法（2023年修订）',
    column: 'xzgfxwj',
    publishedAt: '2023-06-01',
    docNumber: '示规资规〔2023〕5号',
    genre: '办法',
    body: '为加强测绘资质管理，规范测绘活动，制定本办法。原办法同时废止。收入制度汇编。',
  },
  {
    externalId: 't-zg',
    title: '关于批准《示例市国土空间总体规划（2021—2035年）》的公告',
    column: 'gtkjgh',
    publishedAt: '2022-09-01',
    genre: '公告',
    body: '示例市国土空间总体规划已经批准，现予公告。',
  },
  {
    externalId: 't-fee',
    title: '政府信息公开信息处理费管理办法',
    column: 'qtwj',
    publishedAt: '2020-12-01',
    docNumber: '国办函〔2020〕109号',
    genre: '办法',
    body: '行政机关依申请提供政府信息，可以收取信息处理费。收入制度汇编。',
  },
  {
    externalId: 't-cite',
    title: '关于执行信息处理费标准的说明',
    column: 'tzgg',
    publishedAt: '2025-01-10',
    genre: '其他',
    body: '根据国办函〔2020〕109号，本局按件计收和按量计收信息处理费。',
  },
  {
    externalId: 't-cite2',
    title: '信息处理费收取情况',
    column: 'gzdt',
    publishedAt: '2024-06-01',
    genre: '其他',
    body: '本年度依照国办函（2020）第109号文件，未收取信息处理费。',
  },
  {
    externalId: 't-cite-other',
    title: '另一机关的函',
    column: 'gzdt',
    publishedAt: '2016-07-01',
    genre: '其他',
    body: '依照津办函〔2020〕109号办理。',
  },
  {
    externalId: 't-trad',
    title: '示例區土地徵收補償標準公告',
    column: 'zdxx',
    publishedAt: '2018-07-01',
    genre: '公告',
    body: '依據規劃，公佈土地徵收補償標準。',
  },
  {
    externalId: 't-sell',
    title: '示例地块国有建设用地使用权出让公告',
    column: 'crgg',
    publishedAt: '2025-08-01',
    genre: '公告',
    body: '经批准，以挂牌方式出让一宗国有建设用地使用权。宗地编号 SL2025-07。',
  },
  {
    externalId: 't-budget',
    title: '示例市规划和自然资源局2021年部门预算',
    column: 'ys',
    publishedAt: '2021-02-01',
    genre: '报告',
    issuer: '财务处',
    indexNo: '123456788/2021-00099',
    body: '一般公共预算收支总表、三公经费预算情况说明。',
  },
  {
    externalId: 't-html',
    title: '关于<脚本>字样的说明',
    column: 'gzdt',
    publishedAt: '2025-03-01',
    body: '<p>征地面积 &lt; 100 公顷 &amp; 其他 &lt;script&gt;</p>',
  },
];

describe.each(dialects)('一网通查 on %s', (dialect) => {
  let t: TestApp;
  const ids = new Map<string, number>();
  const api = async (query: string) => {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/search?${query}` });
    return { status: r.statusCode, body: r.json() as SearchBody };
  };
  const q = (text: string, extra = '') => api(`q=${encodeURIComponent(text)}${extra}`);
  const externalIds = (b: SearchBody) => b.items.map((i) => i.externalId);
  // The real 2021 work-plan notice is always published; fixture documents start with t-.
  const mine = (b: SearchBody) => externalIds(b).filter((id) => id?.startsWith('t-'));

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-search-'));
    const actor = importActor(cliActor());
    for (const line of FIXTURE) {
      const r = await importDocument(t.deps.db, actor, parseImportLine(JSON.stringify(line), dir));
      ids.set(line.externalId, r.documentId);
    }
  });
  afterAll(async () => t?.close());

  it('finds two-character words, and ranks the document about them above a false friend', async () => {
    const { status, body } = await q('征地');
    expect(status).toBe(200);
    const found = externalIds(body);
    expect(found[0]).toBe('t-zd');
    // 特征地貌 contains the characters 征地: found (exact substring recall), ranked below.
    expect(found.indexOf('t-geo')).toBeGreaterThan(found.indexOf('t-zd'));
    expect(mine((await q('测绘')).body).sort()).toEqual(['t-ch-new', 't-ch-old']);
    expect(mine((await q('预算')).body)).toEqual(['t-budget']);
  });

  it('returns the document with a 文号 first, in every bracket style and without brackets', async () => {
    for (const form of [
      '示规资发〔2021〕12号',
      '示规资发[2021]12号',
      '示规资发（2021）12号',
      '示规资发【2021】12号',
      '示规资发2021012号',
      '示规资发 [2021] 第12号',
    ]) {
      const { body } = await q(form);
      expect(body.items[0]?.externalId, form).toBe('t-zd');
      expect(body.items[0]?.exactMatch, form).toBe(true);
    }
    // The document that has the number comes before those citing it (in any bracket style, newest
    // first), found by their citation keys; the same number of another agency is not a citation.
    for (const form of ['国办函[2020]109号', '国办函〔2020〕109号', '国辦函2020109號']) {
      const fee = (await q(form)).body;
      expect(externalIds(fee), form).toEqual(['t-fee', 't-cite', 't-cite2']);
      expect(fee.items.map((i) => i.exactMatch)).toEqual([true, false, false]);
      expect(fee.total).toBe(3);
      expect(fee.totalExact).toBe(true);
    }
    const byDate = (await q('国办函[2020]109号', '&sort=date')).body;
    expect(externalIds(byDate)).toEqual(['t-cite', 't-cite2', 't-fee']);
    // Filters apply to the documents found by key too.
    expect(externalIds((await q('国办函[2020]109号', '&year=2024')).body)).toEqual(['t-cite2']);
    // A 文号 inside a longer query still leads.
    expect((await q('关于国办函（2020）109号的说明')).body.items[0]?.externalId).toBe('t-fee');
  });

  it('returns the document with a 索引号 first, whole or by its 后段码', async () => {
    expect((await q('123456788/2021-00012')).body.items[0]?.externalId).toBe('t-zd');
    expect((await q('2021-00012')).body.items[0]?.externalId).toBe('t-zd');
  });

  it('folds traditional characters in queries and in documents', async () => {
    const trad = (await q('土地徵收')).body;
    expect(externalIds(trad)).toContain('t-zd');
    expect(externalIds(trad)).toContain('t-trad');
    const simplified = (await q('补偿标准')).body;
    expect(externalIds(simplified)).toContain('t-trad');
    // Highlighting marks the original (traditional) characters.
    const hit = simplified.items.find((i) => i.externalId === 't-trad')!;
    expect(hit.titleHtml).toContain('<mark>補償標準</mark>');
    expect(mine((await q('測繪')).body)).toHaveLength(2);
  });

  it('applies the synonym dictionary at query time', async () => {
    // 总规 appears in no document; the seeded group 总规 ↔ 总体规划 finds the plan.
    expect(externalIds((await q('总规')).body)).toEqual(['t-zg']);
    // 卖地 ↔ 土地出让 ↔ 国有建设用地使用权出让.
    expect(externalIds((await q('卖地')).body)).toContain('t-sell');
    // 征地 ↔ 土地征收: the title says 土地征收 only.
    expect(externalIds((await q('征地')).body)).toContain('t-trad');
  });

  it('ranks repealed documents below valid ones, still found and labelled', async () => {
    const { body } = await q('测绘资质管理办法');
    expect(externalIds(body).slice(0, 2)).toEqual(['t-ch-new', 't-ch-old']);
    expect(body.items[1]?.validity).toBe('repealed');
    const page = await new Browser(t.app).get(`/search?q=${encodeURIComponent('测绘资质管理办法')}`);
    expect(page.body).toMatch(/<span class="badge badge-warn">废止<\/span>/);
  });

  it('counts facets and filters by column, organisation, year, validity and type', async () => {
    // size=3: a full page has every word, so no documents with only some of them are added.
    const { body } = await q('制度汇编', '&size=3');
    expect(body.total).toBe(3);
    expect(body.relaxed).toBe(false);
    expect(body.facets.validity).toEqual([
      { value: 'valid', label: '有效', count: 2 },
      { value: 'repealed', label: '废止', count: 1 },
    ]);
    expect(body.facets.column).toEqual([
      { value: 'xzgfxwj', label: '行政规范性文件', count: 2 },
      { value: 'qtwj', label: '其他文件', count: 1 },
    ]);
    expect(body.facets.type).toEqual([{ value: '办法', label: '办法', count: 3 }]);
    expect(body.facets.year.map((y) => y.value)).toEqual(['2023', '2020', '2019']);
    expect(externalIds((await q('制度汇编', '&size=1&validity=repealed')).body)).toEqual(['t-ch-old']);
    expect(externalIds((await q('制度汇编', '&size=1&column=qtwj')).body)).toEqual(['t-fee']);
    expect(externalIds((await q('制度汇编', '&size=1&year=2023')).body)).toEqual(['t-ch-new']);
    // The parent column includes its children (土地供应 → 出让公告).
    expect(externalIds((await q('出让', '&column=tdgy')).body)).toEqual(['t-sell']);
    const budget = (await q('预算')).body.items[0]!;
    expect(budget.orgName).toBe('财务处');
    expect(externalIds((await q('预算', `&org=${budget.org}`)).body)).toEqual(['t-budget']);
    expect((await q('预算', `&org=${budget.org! + 1000}`)).body.total).toBe(0);
    expect(externalIds((await q('公告', '&type=公告&sort=date')).body)).toEqual(['t-sell', 't-zg', 't-trad']);
  });

  it('marks matches in titles and snippets and escapes the text', async () => {
    const { body } = await q('征地');
    const zd = body.items.find((i) => i.externalId === 't-zd')!;
    expect(zd.snippet).toContain('<mark>征地</mark>');
    // The longest matching synonym is marked (集体土地征收 ↔ 征地).
    expect(zd.titleHtml).toBe('关于做好<mark>集体土地征收</mark>信息公开工作的通知');
    const html = body.items.find((i) => i.externalId === 't-html')!;
    expect(html.snippet).toBe('<mark>征地</mark>面积 &lt; 100 公顷 &amp; 其他 &lt;script&gt;');
    expect(html.title).toBe('关于<脚本>字样的说明');
    const page = await new Browser(t.app).get(`/search?q=${encodeURIComponent('征地')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<mark>征地</mark>');
    expect(page.body).toContain('其他 &lt;script>');
    expect(page.body).toContain('关于&lt;脚本>字样的说明');
  });

  it('browses newest first without a query, pages and sorts by date', async () => {
    const all = (await api('size=3')).body;
    expect(all.total).toBe(FIXTURE.length + 1);
    expect(all.sort).toBe('date');
    expect(externalIds(all)).toEqual(['t-sell', 't-html', 't-cite']);
    const second = (await api('size=3&page=2')).body;
    expect(second.items).toHaveLength(3);
    expect(externalIds(second)).not.toContain('t-sell');
    const byDate = (await q('征地', '&sort=date')).body;
    const dates = byDate.items.map((i) => i.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('relaxes a long phrase that occurs nowhere into its words', async () => {
    const { body } = await q('征地补偿安置公告事项');
    expect(body.relaxed).toBe(true);
    expect(externalIds(body)).toContain('t-zd');
  });

  it('ranks a very large pool by title matches without the engine relevance (many)', async () => {
    const plan = planQuery('办法');
    const ranked = await backendFor(dialect).rank(
      t.deps.db,
      plan,
      {},
      {
        sort: 'relevance',
        offset: 0,
        limit: 10,
        today: Math.floor(Date.now() / 86_400_000),
        many: true,
      },
    );
    const titles = await t.deps.db
      .selectFrom('search_entries')
      .select(['id', 'title', 'validity'])
      .where(
        'id',
        'in',
        ranked.map((r) => r.id),
      )
      .execute();
    const titleOf = new Map(titles.map((r) => [r.id, r]));
    const order = ranked.map((r) => titleOf.get(r.id)!);
    // Valid documents with 办法 in the title first, the repealed one after them, body-only matches last.
    expect(
      order
        .slice(0, 2)
        .map((r) => r.title)
        .sort(),
    ).toEqual(['政府信息公开信息处理费管理办法', '示例市测绘资质管理办法（2023年修订）']);
    expect(order[2]!.validity).toBe('repealed');
    expect(order.slice(3).every((r) => !r.title.includes('办法'))).toBe(true);
  });

  it('reduces a question to the words that carry its subject', async () => {
    const { body } = await q('我家的地被征收了补偿标准是多少');
    expect(body.total).toBeGreaterThan(0);
    expect(mine(body).slice(0, 2)).toContain('t-trad');
  });

  it('answers operator-laden and hostile input with results or a clear 400, never a 500', async () => {
    const inputs = [
      '"',
      '""',
      "'",
      '*',
      '征地*',
      'NEAR(征地 补偿)',
      '征地 OR 补偿',
      '征地 AND NOT 补偿',
      '-征地',
      '^征地',
      'title:征地',
      '{征地}',
      "1' OR '1'='1",
      '征地"; DROP TABLE documents; --',
      '\\',
      '征地 & | ! <-> :*',
      '\u0000\u0007\u001b[31m',
      '💥🔥',
      '　',
    ];
    for (const input of inputs) {
      const r = await q(input);
      expect(r.status, JSON.stringify(input)).toBe(200);
      expect(typeof r.body.total).toBe('number');
    }
    // Bytes that are not UTF-8 (a lone surrogate's encoding, 0xFF) and lone surrogates in a string.
    for (const raw of ['%ED%A0%80%E5%BE%81%E5%9C%B0', '%FF%FE', '%E5%BE']) {
      const r = await api(`q=${raw}`);
      expect([200, 400], raw).toContain(r.status);
    }
    const lone = await search(t.deps.db, dialect, {
      q: '\uD800征地\uDFFF',
      filter: {},
      sort: 'relevance',
      page: 1,
      size: 5,
    });
    expect(lone.total).toBeGreaterThan(0);
    const long = await q('征'.repeat(10_000));
    expect(long.status).toBe(400);
    expect((long.body as unknown as ErrorBody).error.message).toBe(
      '搜索词：不能超过 100 个字符，请缩短后再搜索',
    );
    const page = await new Browser(t.app).get(`/search?q=${encodeURIComponent('征'.repeat(10_000))}`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('搜索词：不能超过 100 个字符');
  });

  it('refuses bad parameters with Chinese messages naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['size=0', '每页条数：应为 1 至 50 之间的整数'],
      ['size=51', '每页条数：应为 1 至 50 之间的整数'],
      ['page=abc', '页码：应为 1 至 5000 之间的整数'],
      ['page=600&size=10', '页码：最多显示前 5000 条结果，请增加筛选条件缩小范围'],
      ['validity=foo', '有效性：应为 valid、expired、repealed、revised 之一'],
      ['sort=foo', '排序：应为 relevance、date 之一'],
      ['year=99', '年份：应为四位数字年份，如 2026'],
      ['org=-1', '发布机构：应为机构编号（正整数）'],
      ['column=nope', '栏目：不存在“nope”'],
    ];
    for (const [query, message] of cases) {
      const r = await api(query);
      expect(r.status, query).toBe(400);
      expect((r.body as unknown as ErrorBody).error.message, query).toBe(message);
    }
  });

  it('never fails on random strings (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 120 }), async (s) => {
        const r = await search(t.deps.db, dialect, {
          q: s.slice(0, 100),
          filter: {},
          sort: 'relevance',
          page: 1,
          size: 5,
        });
        expect(r.total).toBeGreaterThanOrEqual(r.hits.length);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 60 }), async (s) => {
        const r = await q(s);
        expect(r.status).toBe(200);
      }),
      { numRuns: 50 },
    );
  });

  it('follows correction, validity changes and withdrawal, and a rebuild restores a damaged index', async () => {
    const db = t.deps.db;
    const actor = importActor(cliActor());
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-search-'));
    const line = {
      externalId: 't-live',
      title: '示例镇耕地保护责任目标公示',
      column: 'tzgg',
      publishedAt: '2025-10-01',
      body: '公示耕地保护责任目标。',
    };
    const { documentId: id } = await importDocument(db, actor, parseImportLine(JSON.stringify(line), dir));
    expect(externalIds((await q('耕地保护')).body)[0]).toBe('t-live');
    // A corrected title is found, the old one is not.
    await importDocument(
      db,
      actor,
      parseImportLine(
        JSON.stringify({
          ...line,
          title: '示例镇永久基本农田保护目标公示',
          body: '公示永久基本农田保护目标。',
        }),
        dir,
      ),
    );
    expect(externalIds((await q('基本农田')).body)[0]).toBe('t-live');
    // No document has the old title's phrase any more: only the relaxed (separate words) search answers.
    expect((await q('耕地保护责任')).body.relaxed).toBe(true);
    const publisher = await actorFor(db, 'publisher', ['documents.publish', 'documents.withdraw']);
    await changeValidity(db, publisher, id, {
      validity: 'expired',
      validity_changed_on: '2026-01-01',
      reason: '公示期满',
      successor_id: null,
    });
    expect((await q('基本农田')).body.items[0]?.validity).toBe('expired');
    // Damage the index behind the services' back, then rebuild it.
    await db.deleteFrom('search_keys').execute();
    await db.deleteFrom('search_entries').where('ref_id', '=', ids.get('t-zd')!).execute();
    const rebuilt = await rebuildSearchIndex(db, cliActor());
    expect(rebuilt.indexed).toBe(FIXTURE.length + 2);
    expect((await q('示规资发[2021]12号')).body.items[0]?.externalId).toBe('t-zd');
    // Withdrawal takes the document out of search (its tombstone page stays).
    await withdrawDocument(db, publisher, id, '发布有误');
    expect(mine((await q('基本农田')).body)).not.toContain('t-live');
    expect(await db.selectFrom('search_entries').select('id').where('ref_id', '=', id).execute()).toEqual([]);
    expect((await rebuildSearchIndex(db, cliActor())).indexed).toBe(FIXTURE.length + 1);
  });

  it("keeps each engine's own structures: lz4 tsvectors on PostgreSQL, the narrow filter table on SQLite", async () => {
    const db = t.deps.db;
    if (dialect === 'postgres') {
      const r = await sql<{ c: string }>`SELECT attcompression AS c FROM pg_attribute
        WHERE attrelid = 'search_entries'::regclass AND attname = 'tsv'`.execute(db);
      expect(r.rows[0]?.c).toBe('l');
      // With statistics, a single rare word is found through the GIN bitmap, a phrase by the scan;
      // either way the same documents.
      await backendFor(dialect).optimize(db);
      expect(await pgMatchStrategy(db, planQuery('测绘'), 2000)).toBe('bitmap');
      expect(await pgMatchStrategy(db, planQuery('测绘资质'), 2000)).toBe('scan');
      expect(mine((await q('测绘')).body).sort()).toEqual(['t-ch-new', 't-ch-old']);
    } else {
      // One row per entry, with the entry's filter values.
      const r = await sql<{ n: number; same: number }>`SELECT count(*) AS n,
          sum(CASE WHEN f.validity = e.validity AND f.year = e.year AND f.column_id IS e.column_id
            AND f.org_id IS e.org_id AND f.genre IS e.genre THEN 1 ELSE 0 END) AS same
        FROM search_entries e JOIN search_filters f ON f.id = e.id`.execute(db);
      const entries = await db
        .selectFrom('search_entries')
        .select((eb) => eb.fn.countAll().as('n'))
        .execute();
      expect(Number(r.rows[0]?.n)).toBe(Number(entries[0]?.n));
      expect(Number(r.rows[0]?.same)).toBe(Number(entries[0]?.n));
    }
  });

  it('rebuilds at start-up an index built by an older format (here: without citation keys)', async () => {
    const db = t.deps.db;
    const format = () =>
      db.selectFrom('settings').select('value').where('key', '=', 'search.indexFormat').executeTakeFirst();
    expect((await format())?.value).toBe(String(SEARCH_INDEX_FORMAT));
    await db.updateTable('settings').set({ value: '1' }).where('key', '=', 'search.indexFormat').execute();
    await db.deleteFrom('search_keys').where('key', 'like', 'cite:%').execute();
    expect(externalIds((await q('国办函〔2020〕109号')).body)).toEqual(['t-fee']);
    const { handle } = await prepareDatabase(t.config, { seed: false });
    await handle.destroy();
    expect((await format())?.value).toBe(String(SEARCH_INDEX_FORMAT));
    expect(externalIds((await q('国办函〔2020〕109号')).body)).toEqual(['t-fee', 't-cite', 't-cite2']);
  });

  it('lets an administrator edit the synonym dictionary, audited, effective at once', async () => {
    const b = new Browser(t.app);
    await b.login('admin');
    expect((await q('农转用')).body.total).toBe(0);
    const created = await b.post(
      '/console/search/synonyms',
      { terms: '农转用，农用地转用、建设用地', note: '测试' },
      { page: '/console/search' },
    );
    expect(created.statusCode).toBe(303);
    expect((await q('农转用')).body.total).toBeGreaterThan(0);
    const bad = await b.post(
      '/console/search/synonyms',
      { terms: '只有一个词', note: '' },
      { page: '/console/search' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('同义词：至少填写两个词语，用逗号或顿号分隔');
    const row = await t.deps.db
      .selectFrom('search_synonyms')
      .select('id')
      .where('note', '=', '测试')
      .executeTakeFirstOrThrow();
    const del = await b.post(`/console/search/synonyms/${row.id}/delete`, {}, { page: '/console/search' });
    expect(del.statusCode).toBe(303);
    expect((await q('农转用')).body.total).toBe(0);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'search.synonym_%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['search.synonym_created', 'search.synonym_deleted']);
    // The index page compares public documents with entries; the button queues a rebuild job.
    const console_ = await b.get('/console/search');
    expect(console_.statusCode).toBe(200);
    expect(console_.body).toContain('主动公开文件（含政策解读、附件）');
    expect(console_.body).not.toContain('不一致，请重建索引');
    const queued = await b.post('/console/search/reindex', {}, { page: '/console/search' });
    expect(queued.statusCode).toBe(303);
    const job = await t.deps.db
      .selectFrom('jobs')
      .select('name')
      .where('name', '=', 'search-reindex')
      .execute();
    expect(job).toHaveLength(1);
    // Without the permission: refused; without the CSRF token: refused.
    const other = new Browser(t.app);
    await other.login('secrecy');
    expect((await other.get('/console/search')).statusCode).toBe(403);
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/console/search/synonyms',
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      payload: { terms: 'a,b' },
    });
    expect(noToken.statusCode).toBe(403);
  });
});

interface SearchItem {
  id: number;
  externalId: string | null;
  title: string;
  titleHtml: string;
  docNumber: string | null;
  indexNo: string | null;
  publishedAt: string;
  column: string | null;
  org: number | null;
  orgName: string | null;
  validity: string;
  snippet: string;
  score: number;
  exactMatch: boolean;
}
interface FacetValue {
  value: string;
  label: string;
  count: number;
}
interface SearchBody {
  total: number;
  totalExact: boolean;
  sort: string;
  relaxed: boolean;
  items: SearchItem[];
  facets: Record<'column' | 'org' | 'year' | 'validity' | 'type', FacetValue[]>;
}
interface ErrorBody {
  error: { message: string };
}
