import type { Executor } from '../../platform/db/index.js';
import { yearOf } from './report.compute.js';
import type { AnnualReportData, ReportTexts } from './report.format.js';
import * as repo from './report.repository.js';

/**
 * Sections 一, 五 and 六 pre-filled with facts drawn from the records (issue 6), for staff to edit:
 * 30号 asks that section 一 cover the five areas of art. 50 without omission or padding (C.1), that
 * section 五 report problems and their improvement (C.5) — here with last year's reported problems
 * for follow-up — and section 六 the information-processing fees under 109号 (C.6 [U/C]).
 */
export async function prefillTexts(
  db: Executor,
  r: AnnualReportData,
  previous: { data: AnnualReportData } | null,
): Promise<ReportTexts> {
  const y = yearOf(r.year);
  const [byColumn, timely, fees] = await Promise.all([
    repo.publishedByColumn(db, y),
    repo.replyTimeliness(db, y),
    repo.feeFacts(db, y),
  ]);
  const published = byColumn.reduce((n, c) => n + c.n, 0);
  const columns = byColumn
    .filter((c) => c.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, 8)
    .map((c) => `${c.column} ${c.n} 条`)
    .join('、');
  const t = r.three;
  const rate = timely.replied ? `${((timely.onTime / timely.replied) * 100).toFixed(1)}%` : '—';
  const overview = [
    `（一）主动公开。${r.year} 年，本机关通过政府信息公开平台主动公开政府信息 ${published} 条${columns ? `，其中${columns}` : ''}；制发行政规范性文件 ${r.two.normative.issued} 件，废止 ${r.two.normative.repealed} 件，现行有效 ${r.two.normative.inForce} 件；公开行政许可决定 ${r.two.licensing.decisions} 件。`,
    `（二）依申请公开。本年新收政府信息公开申请 ${t['1'].total} 件，上年结转 ${t['2'].total} 件，办结 ${t['3.7'].total} 件，结转下年度继续办理 ${t['4'].total} 件；本年作出答复 ${timely.replied} 件，其中在法定期限内答复 ${timely.onTime} 件（${rate}）。`,
    '（三）政府信息管理。（请填写：信息发布审查、保密审查、文件清理等情况。）',
    '（四）平台建设。（请填写：政府网站、政务新媒体、政府信息公开专栏建设情况。）',
    '（五）监督保障。（请填写：工作机构、培训、考核、社会评议和责任追究情况。）',
  ].join('\n\n');
  const lastProblems = previous?.data.texts?.problems?.trim();
  const problems = [
    lastProblems
      ? `上年度报告所列问题及整改情况：\n${lastProblems}\n（请逐项说明整改情况。）`
      : '（请填写上年度存在问题的整改情况。）',
    '本年度存在的主要问题及改进措施：（请填写。）',
  ].join('\n\n');
  const other = [
    fees.notices
      ? `依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年发出收费通知 ${fees.notices} 件，通知金额 ${fees.amount} 元，实际收取信息处理费 ${fees.collected} 元。`
      : '本年度未收取政府信息公开信息处理费。',
    '（如有其他需要报告的事项，请填写。）',
  ].join('\n\n');
  return { overview, problems, other };
}
