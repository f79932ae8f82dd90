import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { dialects } from '../../test/support/db.js';
import { DEMO_DOCUMENTS, DEMO_REPEALS } from './documents.demo.data.js';
import { seedDemoDocuments } from './documents.demo.js';
import { countOpenFindings, interpretationLinksOf, listDemoDocuments } from './documents-demo.repository.js';

/** Leaf columns the 2021 work plan asks the bureau to publish, each needing at least one sample. */
const REQUIRED_COLUMNS = [
  'gtkjgh', // 国土空间规划
  'zxgh', // 专项规划
  'xzgfxwj', // 行政规范性文件
  'zcjd', // 政策解读
  'qtwj', // 其他文件
  'ys', // 预算
  'js', // 决算
  'zfcg', // 政府采购
  'zdxx', // 征地信息
  'gyjh', // 供应计划
  'crgg', // 出让公告
  'cjgs', // 成交公示
  'gyjg', // 供应结果
  'kyq', // 矿业权出让转让
  'zpmt', // 建设工程设计方案总平面图
  'ghzyxk', // 规划资源许可
  'kyqdj', // 矿业权登记
  'xzzfgs', // 行政执法公示
  'xzfyjds', // 行政复议决定书
  'hygk', // 会议公开
  'gzdt', // 工作动态
  'qzqd', // 权责清单
];

const externalIds = DEMO_DOCUMENTS.map((d) => d.externalId);
const byId = new Map(DEMO_DOCUMENTS.map((d) => [d.externalId, d]));

describe('the demo document data', () => {
  it('has unique demo- keys and a document for every required column', () => {
    expect(new Set(externalIds).size).toBe(externalIds.length);
    for (const id of externalIds) expect(id).toMatch(/^demo-[a-z]+-\d{2}$/);
    const columns = new Set(DEMO_DOCUMENTS.map((d) => d.column));
    for (const code of REQUIRED_COLUMNS) expect(columns, code).toContain(code);
  });

  it('labels every title 示例, keeps summaries within 300 characters and bodies to 2–5 paragraphs', () => {
    for (const d of DEMO_DOCUMENTS) {
      expect(d.title.endsWith('（示例）'), d.title).toBe(true);
      expect(d.summary.length, d.externalId).toBeLessThanOrEqual(300);
      expect(d.body.length, d.externalId).toBeGreaterThanOrEqual(2);
      expect(d.body.length, d.externalId).toBeLessThanOrEqual(5);
    }
  });

  it('dates everything in 2026, taking effect no earlier than it was formed', () => {
    for (const d of DEMO_DOCUMENTS) {
      expect(d.formedOn, d.externalId).toMatch(/^2026-\d{2}-\d{2}$/);
      if (d.effectiveOn) expect(d.effectiveOn >= d.formedOn, d.externalId).toBe(true);
    }
    for (const r of DEMO_REPEALS) expect(r.on >= (byId.get(r.successor)?.formedOn ?? '')).toBe(true);
  });

  it('refers only to documents listed earlier (interpretations) or at all (successors)', () => {
    for (const [i, d] of DEMO_DOCUMENTS.entries()) {
      if (!d.interpretation) continue;
      const target = externalIds.indexOf(d.interpretation);
      expect(target, d.externalId).toBeGreaterThanOrEqual(0);
      expect(target, d.externalId).toBeLessThan(i);
      expect(byId.get(d.interpretation)?.column).toBe('zcjd');
    }
    for (const r of DEMO_REPEALS) {
      expect(byId.has(r.externalId)).toBe(true);
      expect(byId.has(r.successor)).toBe(true);
    }
  });
});

describe.each(dialects)('seedDemoDocuments on %s', (dialect) => {
  let t: TestApp;
  let first: { created: number };
  let rows: Awaited<ReturnType<typeof listDemoDocuments>>;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    first = await seedDemoDocuments(t.deps.db);
    rows = await listDemoDocuments(t.deps.db, externalIds);
  });
  afterAll(async () => t?.close());

  const row = (externalId: string) => {
    const r = rows.find((x) => x.external_id === externalId);
    if (!r) throw new Error(`not seeded: ${externalId}`);
    return r;
  };

  it('creates every sample document and publishes it with a 索引号 of the demo bureau', () => {
    // Everything is created here, or already was if seedDemo (run by buildTestApp) calls the seeder.
    expect([0, DEMO_DOCUMENTS.length]).toContain(first.created);
    expect(rows).toHaveLength(DEMO_DOCUMENTS.length);
    for (const r of rows) {
      expect(r.status, r.title).toBe('published');
      expect(r.index_no, r.title).toMatch(/^123456788\/\d{4}-\d{5}$/);
    }
  });

  it('has at least one published document in every listed column', () => {
    const published = new Set(rows.filter((r) => r.status === 'published').map((r) => r.column_code));
    for (const code of REQUIRED_COLUMNS) expect(published, code).toContain(code);
  });

  it('marks every seeded document as a sample with 示例 in its title', () => {
    for (const r of rows) {
      expect(r.is_sample, r.title).toBe(1);
      expect(r.title).toContain('示例');
    }
  });

  it('publishes each 行政规范性文件 with a linked text 政策解读 that is published too', async () => {
    const policies = rows.filter((r) => r.column_code === 'xzgfxwj');
    expect(policies.length).toBeGreaterThanOrEqual(1);
    for (const p of policies) {
      const links = await interpretationLinksOf(t.deps.db, p.id);
      expect(links, p.title).toHaveLength(1);
      expect(links[0]).toMatchObject({ kind: 'text', status: 'published', column_code: 'zcjd' });
    }
  });

  it('publishes the 其他文件 with a recorded interpretation exemption', () => {
    const other = rows.filter((r) => r.column_code === 'qtwj');
    expect(other.length).toBeGreaterThanOrEqual(1);
    for (const o of other) expect(o.interpretation_exempt_reason, o.title).toBeTruthy();
  });

  it('marks the superseded notice 废止 with its published successor', () => {
    for (const r of DEMO_REPEALS) {
      const old = row(r.externalId);
      const successor = row(r.successor);
      expect(old).toMatchObject({
        validity: 'repealed',
        validity_changed_on: r.on,
        successor_id: successor.id,
      });
      expect(successor).toMatchObject({ status: 'published', validity: 'valid' });
    }
  });

  it('leaves no open personal-data finding on any sample', async () => {
    expect(
      await countOpenFindings(
        t.deps.db,
        rows.map((r) => r.id),
      ),
    ).toBe(0);
  });

  it('creates nothing the second time and changes nothing already published', async () => {
    expect(await seedDemoDocuments(t.deps.db)).toEqual({ created: 0 });
    expect(await listDemoDocuments(t.deps.db, externalIds)).toEqual(rows);
  });
});
