import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import { importReport, publishReport } from './report.publish.js';
import { remindAnnualReport, reportDue } from './report.reminder.js';
import {
  explainFinding,
  overrideCell,
  REPORT_PERMISSIONS as P,
  prepareReport,
  reportState,
  returnReport,
  saveInputs,
  submitReport,
} from './report.service.js';

const example = JSON.parse(
  readFileSync(new URL('./fixtures/example-2025.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const TODAY = '2026-01-20';

describe.each(dialects)('the annual report from draft to publication on %s', (dialect) => {
  let t: TestApp;
  let editor: Actor;
  let reviewer: Actor;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    editor = await actorFor(t.deps.db, 'intake', [P.edit, P.read]);
    reviewer = await actorFor(t.deps.db, 'approver', [P.review, P.read]);
  });
  afterAll(() => t.close());

  it('imports last year and checks this year’s carry-over against it', async () => {
    const db = t.deps.db;
    // Last year's report (2024), from before the platform: its 四 says 72 natural persons carried forward.
    const previous = { ...example, year: 2024, agency: '市规划和自然资源局（示例）' };
    const imported = await importReport(db, reviewer, previous, TODAY);
    expect(imported.year).toBe(2024);
    await expect(importReport(db, editor, previous, TODAY)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(importReport(db, reviewer, { ...previous, year: 'x' }, TODAY)).rejects.toMatchObject({
      fields: { '年度（year）': expect.stringContaining('整数年份') },
    });

    const id = await prepareReport(db, editor, 2025, TODAY);
    expect(id).toBeGreaterThan(0);
    const s = (await reportState(db, 2025))!;
    expect(s.row.status).toBe('draft');
    expect(s.check.carryOverChecked).toBe(true);
    // The platform holds no application carried over from 2024: every non-zero column of last year's 四 differs.
    const i5 = s.check.violations.filter((v) => v.code === 'I5');
    expect(i5.length).toBeGreaterThan(0);
    expect(i5[0]!.message).toContain('2024');
    expect(s.data.texts!.overview).toContain('本年新收政府信息公开申请');
    expect(s.data.texts!.problems).toContain('上年度报告所列问题');
  });

  it('refuses publication until every finding is explained; overrides need a reason and are shown', async () => {
    const db = t.deps.db;
    await saveInputs(db, editor, 2025, { penalty: '2', coercion: '0', charges: '0.35' });
    await expect(
      saveInputs(db, editor, 2025, { penalty: '-1', coercion: '0', charges: '0' }),
    ).rejects.toMatchObject({
      fields: { penalty: expect.stringContaining('不小于 0 的整数') },
    });
    await expect(
      overrideCell(db, editor, 2025, { cell: '三:1:person', value: '5', reason: '' }),
    ).rejects.toMatchObject({ fields: { reason: expect.any(String) } });
    await expect(
      overrideCell(db, editor, 2025, { cell: '三:9:person', value: '5', reason: 'x' }),
    ).rejects.toMatchObject({ fields: { cell: expect.any(String) } });
    await overrideCell(db, editor, 2025, {
      cell: '三:1:person',
      value: '5',
      reason: '补录纸质登记簿中的 5 件申请',
    });
    let s = (await reportState(db, 2025))!;
    expect(s.data.three['1'].person).toBe(5);
    expect(s.data.two.charges.amount).toBe(0.35);
    // The override breaks I1 and I3: findings name the cells.
    expect(s.check.violations.map((v) => v.code)).toEqual(expect.arrayContaining(['I1', 'I3']));

    await submitReport(db, editor, 2025);
    await expect(publishReport(db, reviewer, 2025, TODAY)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('尚未说明'),
    });
    await expect(explainFinding(db, editor, 2025, { key: 'x', text: 'y' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await returnReport(db, reviewer, 2025, '请说明核对问题');
    s = (await reportState(db, 2025))!;
    for (const v of s.unexplained) {
      const { explainableViolationKey } = await import('./report.check.js');
      await explainFinding(db, editor, 2025, {
        key: explainableViolationKey(v),
        text: '上年报告由人工统计，口径不同',
      });
    }
    await submitReport(db, editor, 2025);
    await expect(publishReport(db, editor, 2025, TODAY)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await publishReport(db, reviewer, 2025, TODAY);
    s = (await reportState(db, 2025))!;
    expect([s.row.status, s.row.published_on]).toEqual(['published', TODAY]);
    expect(s.row.document_id).toBeGreaterThan(0);
    // Published is frozen: no more edits.
    await expect(
      saveInputs(db, editor, 2025, { penalty: '1', coercion: '0', charges: '0' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const events = await db.selectFrom('annual_report_events').select('action').orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'import',
        'create',
        'inputs',
        'override',
        'submit',
        'return',
        'explain',
        'publish',
      ]),
    );
  });

  it('publishes as HTML in the 年度报告 column, Word, JSON and CSV; earlier years stay', async () => {
    const b = new Browser(t.app);
    const list = await b.get('/annual-reports');
    expect(list.body).toContain('/annual-reports/2025');
    expect(list.body).toContain('/annual-reports/2024');
    const page = await b.get('/annual-reports/2025');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<meta name="ColumnName" content="年度报告"/>');
    expect(page.body).toContain('headers="');
    expect((await b.get('/annual-reports/2025?mode=care')).statusCode).toBe(200);
    const json = await b.get('/annual-reports/2025.json');
    expect(JSON.parse(json.body)).toMatchObject({ year: 2025, format: 'gongkai/annual-report@1' });
    const csv = await b.get('/annual-reports/2025.csv');
    expect(csv.body.startsWith('\uFEFF年度,报告机关')).toBe(true);
    const docx = await b.get('/annual-reports/2025.docx');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await b.get('/annual-reports/2023')).statusCode).toBe(404);
    expect((await b.get('/annual-reports/20x5')).statusCode).toBe(404);
    const api = await b.get('/api/v1/annual-reports/2024');
    expect(JSON.parse(api.body).year).toBe(2024);
    // The catalogue lists it in 年度报告.
    const column = await b.get('/xxgk/ndbg');
    expect(column.body).toContain('2025年政府信息公开工作年度报告');
  });

  it('reminds from 1 January and raises the alarm after 31 January until published', async () => {
    const db = t.deps.db;
    await db
      .updateTable('users')
      .set({ email: 'approver@bureau.example' })
      .where('username', '=', 'approver')
      .execute();
    expect(await reportDue(db, '2026-12-01')).toBeNull();
    expect(await reportDue(db, '2027-01-05')).toMatchObject({ year: 2026, phase: 'open', status: null });
    expect(await reportDue(db, '2027-01-28')).toMatchObject({ phase: 'closing' });
    expect((await reportDue(db, '2027-02-01'))!.text).toContain('已超过 1 月 31 日');
    expect(await remindAnnualReport(db, t.config, '2027-02-01')).toBeGreaterThanOrEqual(1);
    expect(await remindAnnualReport(db, t.config, '2027-02-02')).toBe(0);
  });

  it('serves the console pages to those who may see them', async () => {
    const b = new Browser(t.app);
    await b.login('intake');
    expect((await b.get('/console/annual-reports')).statusCode).toBe(200);
    const page = await b.get('/console/annual-reports/2025');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('人工修改的数据');
    expect(page.body).toContain('补录纸质登记簿中的 5 件申请');
    const h = new Browser(t.app);
    await h.login('handler');
    expect((await h.get('/console/annual-reports')).statusCode).toBe(403);
  });
});
