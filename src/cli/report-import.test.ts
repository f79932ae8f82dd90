import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { dialects } from '../../test/support/db.js';
import { importReportFile } from './report-import.js';

const example = new URL('../modules/annual-reports/fixtures/example-2025.json', import.meta.url);

describe.each(dialects)('gongkai report import on %s', (dialect) => {
  let t: TestApp;
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-report-import-'));
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  it('imports a report of an earlier year as published and reports what the check finds', async () => {
    const r = await importReportFile(t.deps.db, example.pathname);
    expect(r.code).toBe(0);
    expect(r.lines[0]).toBe('已导入 2025 年度报告（作为已发布的往年报告）。');
    expect(r.lines).toContain('核对：未发现问题。');
    const row = await t.deps.db
      .selectFrom('annual_reports')
      .selectAll()
      .where('year', '=', 2025)
      .executeTakeFirstOrThrow();
    expect([row.status, row.source]).toEqual(['published', 'imported']);
  });

  it('exits 2 with the reason for a missing file, bad JSON or a bad report, and imports nothing', async () => {
    expect((await importReportFile(t.deps.db, path.join(dir, 'none.json'))).lines[0]).toContain('文件不存在');
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"year":');
    expect(await importReportFile(t.deps.db, bad)).toMatchObject({
      code: 2,
      lines: [expect.stringContaining('不是有效的 JSON')],
    });
    const wrong = path.join(dir, 'wrong.json');
    writeFileSync(
      wrong,
      JSON.stringify({ year: 2019, agency: '', 二: { rows: [] }, 三: { rows: [] }, 四: { rows: [] } }),
    );
    const r = await importReportFile(t.deps.db, wrong);
    expect(r.code).toBe(2);
    expect(r.lines[0]).toContain('报告机关');
    expect(
      await t.deps.db.selectFrom('annual_reports').select('year').where('year', '=', 2019).execute(),
    ).toEqual([]);
  });
});
