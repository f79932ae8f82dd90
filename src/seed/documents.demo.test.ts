import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { dialects } from '../../test/support/db.js';
import { flattenColumns } from '../modules/documents/columns.catalogue.js';
import { isOrgColumn } from '../modules/documents/org-columns.js';
import { timelinessReport } from '../modules/documents/timeliness.service.js';
import { todayCst } from '../platform/time.js';
import { DEMO_DOCUMENTS, DEMO_REPEALS } from './documents.demo.data.js';
import { addDays, seedDemoDocuments } from './documents.demo.js';
import { countOpenFindings, interpretationLinksOf, listDemoDocuments } from './documents-demo.repository.js';

/**
 * Every leaf column of the default tree needs at least one sample: blank columns count against a
 * site (2019 inspection indicators). The 机构信息 leaves are generated from the organisation data.
 */
const REQUIRED_COLUMNS = flattenColumns()
  .filter(({ spec }) => !spec.children?.length && !isOrgColumn(spec.code))
  .map(({ spec }) => spec.code);
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

  it('forms everything 0–14 days before publication, taking effect no earlier than it was formed', () => {
    for (const d of DEMO_DOCUMENTS) {
      expect(Number.isInteger(d.formedDaysAgo), d.externalId).toBe(true);
      expect(d.formedDaysAgo, d.externalId).toBeGreaterThanOrEqual(0);
      expect(d.formedDaysAgo, d.externalId).toBeLessThanOrEqual(14);
      if (d.effectiveInDays !== undefined) expect(d.effectiveInDays, d.externalId).toBeGreaterThanOrEqual(0);
    }
  });

  it('fills the extra fields of procurement and land-supply columns, and only known fields', () => {
    const withFields = flattenColumns().filter(({ spec }) => spec.extraFields?.length);
    for (const { spec } of withFields) {
      const docs = DEMO_DOCUMENTS.filter((d) => d.column === spec.code && d.extra);
      expect(docs.length, spec.code).toBeGreaterThanOrEqual(1);
      const keys = new Set(spec.extraFields?.map((f) => f.key));
      for (const d of docs) {
        for (const k of Object.keys(d.extra ?? {})) expect(keys, `${d.externalId} ${k}`).toContain(k);
        for (const f of spec.extraFields ?? [])
          if (f.required) expect(d.extra?.[f.key], `${d.externalId} ${f.key}`).toBeDefined();
      }
    }
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
        validity_changed_on: successor.formed_on,
        successor_id: successor.id,
      });
      expect(successor).toMatchObject({ status: 'published', validity: 'valid' });
    }
  });

  it('dates the information 0–14 days before publication, so none is late under 条例第二十六条', async () => {
    const today = todayCst();
    for (const r of rows) {
      expect(r.formed_on <= today, r.title).toBe(true);
      expect(r.formed_on >= addDays(today, -14), r.title).toBe(true);
    }
    const report = await timelinessReport(t.deps.db, { region: 'national' });
    const late = report.attention.map((i) => i.title);
    expect(late).toEqual([]);
    const seeded = new Set(rows.map((r) => r.id));
    expect(report.perOrg.reduce((n, o) => n + o.late, 0)).toBe(0);
    expect(seeded.size).toBe(DEMO_DOCUMENTS.length);
  });

  it('stores the extra fields of the procurement and land-supply samples', async () => {
    const crgg = await t.deps.db
      .selectFrom('documents')
      .select('extra')
      .where('external_id', '=', 'demo-crgg-01')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(crgg.extra)).toMatchObject({ parcel_no: '示例（挂）2026-018号', land_use: '住宅' });
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
