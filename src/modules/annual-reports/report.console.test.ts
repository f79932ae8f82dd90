import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';

const example = readFileSync(new URL('./fixtures/example-2025.json', import.meta.url), 'utf8');
const YEAR = new Date().getFullYear() - 1;

/** The console forms of the annual report, as a browser submits them (CSRF, errors on the page). */
describe.each(dialects)('annual report console on %s', (dialect) => {
  let t: TestApp;
  let intake: Browser;
  let approver: Browser;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    intake = new Browser(t.app);
    await intake.login('intake');
    approver = new Browser(t.app);
    await approver.login('approver');
  });
  afterAll(() => t.close());

  const page = `/console/annual-reports/${YEAR}`;

  it('imports an earlier year from JSON and refuses unreadable JSON with the field named', async () => {
    const bad = await approver.post(
      '/console/annual-reports/import',
      { json: '{"year":' },
      { page: '/console/annual-reports' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('报告 JSON：不是有效的 JSON');
    const wrong = await approver.post(
      '/console/annual-reports/import',
      { json: JSON.stringify({ ...JSON.parse(example), agency: '' }) },
      { page: '/console/annual-reports' },
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('报告机关');
    const prev = JSON.stringify({ ...JSON.parse(example), year: YEAR - 1 });
    const ok = await approver.post(
      '/console/annual-reports/import',
      { json: prev },
      { page: '/console/annual-reports' },
    );
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/console/annual-reports/${YEAR - 1}?done=imported`);
    // The intake office prepares reports but does not import them.
    const denied = await intake.post(
      '/console/annual-reports/import',
      { json: prev },
      { page: '/console/annual-reports' },
    );
    expect(denied.statusCode).toBe(403);
  });

  it('prepares a year, takes entered figures and overrides through the forms, errors shown on the page', async () => {
    const future = await intake.post(
      '/console/annual-reports',
      { year: String(YEAR + 1) },
      { page: '/console/annual-reports' },
    );
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('只能编制已结束年度的报告');
    const made = await intake.post(
      '/console/annual-reports',
      { year: String(YEAR) },
      { page: '/console/annual-reports' },
    );
    expect(made.statusCode).toBe(303);
    const inputs = await intake.post(
      `${page}/inputs`,
      { penalty: 'x', coercion: '0', charges: '0' },
      { page },
    );
    expect(inputs.statusCode).toBe(400);
    expect(inputs.body).toContain('行政处罚本年处理决定数量：应为不小于 0 的整数');
    expect(
      (await intake.post(`${page}/inputs`, { penalty: '6', coercion: '1', charges: '2.5' }, { page }))
        .statusCode,
    ).toBe(303);
    const noReason = await intake.post(
      `${page}/override`,
      { cell: '二:licensing:decisions', value: '9', reason: '' },
      { page },
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('修改理由：必填');
    const ok = await intake.post(
      `${page}/override`,
      { cell: '二:licensing:decisions', value: '9', reason: '含纸质许可决定 9 件' },
      { page },
    );
    expect(ok.statusCode).toBe(303);
    const shown = await approver.get(page);
    expect(shown.body).toContain('含纸质许可决定 9 件');
    expect(shown.body).toContain('二、行政许可 × 本年处理决定数量');
    // The carry-over differs from last year's imported report: findings to explain before publication.
    expect(shown.body).toContain('I5');
  });

  it('submits, refuses publication with findings unexplained, and publishes once they are', async () => {
    expect((await intake.post(`${page}/submit`, {}, { page })).statusCode).toBe(303);
    const refused = await approver.post(`${page}/publish`, {}, { page });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('尚未说明，不能发布');
    const back = await approver.post(`${page}/return`, { reason: '' }, { page });
    expect(back.statusCode).toBe(400);
    expect(
      (await approver.post(`${page}/return`, { reason: '请说明上年结转差异' }, { page })).statusCode,
    ).toBe(303);
    const draft = await intake.get(page);
    const keys = [...draft.body.matchAll(/name="key" value="([^"]+)"/g)].map((m) =>
      m[1]!.replaceAll('&quot;', '"'),
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys)
      expect(
        (
          await intake.post(
            `${page}/explain`,
            { key, text: '上年报告为人工统计，平台启用后重新计算' },
            { page },
          )
        ).statusCode,
      ).toBe(303);
    expect((await intake.post(`${page}/submit`, {}, { page })).statusCode).toBe(303);
    expect((await approver.post(`${page}/publish`, {}, { page })).statusCode).toBe(303);
    const pub = await new Browser(t.app).get(`/annual-reports/${YEAR}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('2.5');
  });
});
