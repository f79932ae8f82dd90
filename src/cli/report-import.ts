import { readFile } from 'node:fs/promises';
import { importReport } from '../modules/annual-reports/index.js';
import { cliActor } from '../platform/actor.js';
import type { Db } from '../platform/db/index.js';
import { isAppError } from '../platform/errors.js';

/**
 * `gongkai report import FILE.json`: a report of a year before the platform, in the JSON form (README
 * "Annual report"), stored as published so that it is public and stands as last year's report for the
 * carry-over check. Prints what was imported and what the check found; exit 2 when it cannot be read.
 */
export async function importReportFile(db: Db, file: string): Promise<{ code: 0 | 2; lines: string[] }> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '不是有效的 JSON';
    return { code: 2, lines: [`报告 ${file}：${why}`] };
  }
  const actor = cliActor();
  try {
    const r = await importReport(db, { ...actor, permissions: new Set(['annual_reports.review']) }, value);
    const lines = [`已导入 ${r.year} 年度报告（作为已发布的往年报告）。`];
    for (const n of r.notes) lines.push(`说明：${n}`);
    if (r.check.violations.length) {
      lines.push(`核对发现 ${r.check.violations.length} 处问题（按原报告导入，未作修改）：`);
      for (const [i, v] of r.check.violations.entries()) lines.push(`  ${i + 1}. ${v.message}`);
    } else lines.push('核对：未发现问题。');
    return { code: 0, lines };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { code: 2, lines: [`报告 ${file}：${e.message}`] };
  }
}
