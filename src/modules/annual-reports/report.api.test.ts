import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';

const example = JSON.parse(
  readFileSync(new URL('./fixtures/example-2025.json', import.meta.url), 'utf8'),
) as { 三: { rows: Record<string, unknown>[] } } & Record<string, unknown>;

describe.each(dialects)('POST /api/v1/annual-reports/check on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  const check = (payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/v1/annual-reports/check', payload: payload as object });

  it('answers a consistent report with no findings, without sign-in or a form token', async () => {
    const res = await check(example);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, violations: [], carryOverChecked: false, previous: null });
  });

  it('lists every violation with its cells, in Chinese', async () => {
    const broken = structuredClone(example);
    const total = broken.三.rows.find((r) => String(r.row).startsWith('（七）'))!;
    total.自然人 = Number(total.自然人) + 1;
    const res = await check(broken);
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      ok: boolean;
      violations: { code: string; message: string; cells: unknown[] }[];
    };
    expect(body.ok).toBe(false);
    expect(body.violations.map((v) => v.code).sort()).toEqual(['I1', 'I2', 'I3']);
    const i2 = body.violations.find((v) => v.code === 'I2')!;
    expect(i2.message).toContain('自然人');
    expect(i2.cells).toContainEqual({ section: '三', row: '3.7', column: 'person' });
  });

  it('checks the carry-over against a previous report given with it', async () => {
    const previous = { ...structuredClone(example), year: 2024 } as typeof example;
    const forward = previous.三.rows.find((r) => String(r.row).startsWith('四、'))!;
    forward.自然人 = Number(forward.自然人) + 2;
    forward.总计 = Number(forward.总计) + 2;
    const res = await check({ report: example, previous });
    const body = res.json() as {
      carryOverChecked: boolean;
      previous: string;
      violations: { code: string }[];
    };
    expect(body.carryOverChecked).toBe(true);
    expect(body.previous).toBe('given');
    expect(body.violations.filter((v) => v.code === 'I5')).toHaveLength(2);
  });

  it('answers 400 naming the field for a report it cannot read', async () => {
    const res = await check({ ...example, year: 'abc' });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toContain('年度');
    const notJson = await t.app.inject({
      method: 'POST',
      url: '/api/v1/annual-reports/check',
      headers: { 'content-type': 'application/json' },
      payload: '{"year":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.body).not.toMatch(/at .*\.js/);
  });
});
