import { readFile } from 'node:fs/promises';
import { CARRY_OVER_NOT_CHECKED, checkReport } from '../modules/annual-reports/report.check.js';
import type { AnnualReportData } from '../modules/annual-reports/report.format.js';
import { parseReportJson } from '../modules/annual-reports/report.json.js';

/**
 * `gongkai report check FILE.json [--previous LAST.json] [--json]`: reads annual reports in the JSON
 * form (modules/annual-reports/report.json.ts) and checks them (report.check.ts). Files only: no
 * configuration, no database, so a supervising office can run it on the reports it receives.
 */

export const REPORT_HELP = `gongkai report check <报告.json> [--previous <上年报告.json>] [--json]

核对政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）的表格数据：
  I1  三：每一列“第一项加第二项之和，等于第三项加第四项之和”
  I2  三：（七）总计等于 21 个办理结果分项之和
  I3  三：每一行“总计”等于自然人与五类法人或其他组织之和
  I4  四：行政复议、两类行政诉讼的“总计”等于结果维持、结果纠正、其他结果、尚未审结之和
  I5  三：本年“上年结转”等于上一年度报告的“结转下年度继续办理”（需 --previous）
  I6  二、三、四：各单元格为不小于 0 的整数（行政事业性收费为万元金额，最多 4 位小数）

报告文件为 JSON（格式 gongkai/annual-report@1，示例见
src/modules/annual-reports/fixtures/example-2025.json）。空白单元格按 0 计。

  --previous <文件>   上一年度报告，用于核对上年结转（I5）
  --json              以 JSON 输出 {"ok", "violations", "carryOverChecked", "notes"}

退出状态：0 未发现问题；1 发现问题；2 文件无法读取或格式有误（错误说明写到标准错误）。

gongkai report import <报告.json>
  导入平台启用前年度的报告（同一 JSON 格式），作为已发布的往年报告公开，并用于核对下一年度的上年结转；
  已在本平台编制的年度不能导入。需要数据库（读取 DATABASE_URL 等配置）。`;

export interface ReportCheckOutput {
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

type Loaded = { ok: true; report: AnnualReportData; notes: string[] } | { ok: false; lines: string[] };

async function load(file: string, what: string): Promise<Loaded> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch {
    return { ok: false, lines: [`${what} ${file}：文件不存在或不可读`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, lines: [`${what} ${file}：不是有效的 JSON（${(e as Error).message}）`] };
  }
  const parsed = parseReportJson(value);
  if (!parsed.ok) return { ok: false, lines: parsed.errors.map((e) => `${what} ${file}：${e.message}`) };
  return parsed;
}

/** Check a report file (and the previous year's); the caller prints the output and exits with code. */
export async function runReportCheck(
  file: string,
  options: { previous?: string; json?: boolean } = {},
): Promise<ReportCheckOutput> {
  const current = await load(file, '报告');
  const previous = options.previous ? await load(options.previous, '上年报告') : null;
  const failed = [current, previous].flatMap((l) => (l && !l.ok ? l.lines : []));
  if (!current.ok || (previous && !previous.ok))
    return { code: 2, stdout: '', stderr: `${failed.join('\n')}\n` };

  const result = checkReport(current.report, previous?.report);
  const notes = [...current.notes, ...(previous?.notes ?? []).map((n) => `上年报告：${n}`)];
  const code = result.ok ? 0 : 1;
  if (options.json) return { code, stdout: `${JSON.stringify({ ...result, notes }, null, 2)}\n`, stderr: '' };

  const r = current.report;
  const lines = [`年度报告核对：${r.year} 年度 ${r.agency}`];
  if (result.ok) lines.push('通过：未发现问题');
  else {
    lines.push(`发现 ${result.violations.length} 处问题：`);
    for (const [i, v] of result.violations.entries()) lines.push(`  ${i + 1}. ${v.message}`);
  }
  if (!previous) lines.push(`${CARRY_OVER_NOT_CHECKED}（可用 --previous 指定上一年度报告）`);
  for (const n of notes) lines.push(`说明：${n}`);
  return { code, stdout: `${lines.join('\n')}\n`, stderr: '' };
}

/** The `report` command: `report check FILE [--previous FILE] [--json]`. */
export async function reportCommand(
  args: string[],
  options: { previous?: string; json?: boolean },
): Promise<number> {
  const [sub, file, extra] = args;
  const badPrevious = options.previous !== undefined && typeof options.previous !== 'string';
  if (sub !== 'check' || !file || extra !== undefined || badPrevious) {
    console.error(`用法：${REPORT_HELP.split('\n')[0]}\n详见 gongkai report --help`);
    return 2;
  }
  const out = await runReportCheck(file, options);
  if (out.stdout) process.stdout.write(out.stdout);
  if (out.stderr) process.stderr.write(out.stderr);
  return out.code;
}
