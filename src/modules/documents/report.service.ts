import { BOM, csvLine } from '../../platform/csv.js';
import type { Db } from '../../platform/db/index.js';
import { formatDate } from '../../platform/time.js';
import * as repo from './report.repository.js';
import { DISCLOSURE_STATUS_LABELS } from './timeliness.js';
import type { TimelinessItem } from './timeliness.service.js';

export interface PolicyCoverageRow {
  id: number;
  title: string;
  docNumber: string | null;
  indexNo: string | null;
  publishedOn: string | null;
  columnName: string;
  orgName: string;
  exemptReason: string | null;
}

/**
 * 政策解读 coverage (issue 3; seed 三.1): published policy documents (in columns that need an
 * interpretation) that have neither a published 政策解读 nor a recorded exemption, and those with an
 * exemption and its reason. An interpretation that is linked but not (or no longer) published does
 * not count: the public cannot read it.
 */
export async function interpretationReport(db: Db) {
  const rows = await repo.policiesWithInterpretationCounts(db);
  const toRow = (r: (typeof rows)[number]): PolicyCoverageRow => ({
    id: r.id,
    title: r.title,
    docNumber: r.doc_number,
    indexNo: r.index_no,
    publishedOn: r.published_at ? formatDate(r.published_at) : null,
    columnName: r.column_name,
    orgName: r.org_name ?? '未指定',
    exemptReason: r.interpretation_exempt_reason,
  });
  const exempt = (r: (typeof rows)[number]) => !!r.interpretation_exempt_reason?.trim();
  return {
    total: rows.length,
    missing: rows.filter((r) => r.interpretations === 0 && !exempt(r)).map(toRow),
    exempted: rows.filter(exempt).map(toRow),
  };
}

export function interpretationCsv(report: Awaited<ReturnType<typeof interpretationReport>>): string {
  let out = BOM + csvLine(['类别', '索引号', '标题', '文号', '栏目', '责任处室', '发布日期', '不解读理由']);
  const line = (kind: string, r: PolicyCoverageRow) =>
    csvLine([kind, r.indexNo, r.title, r.docNumber, r.columnName, r.orgName, r.publishedOn, r.exemptReason]);
  for (const r of report.missing) out += line('未配发政策解读', r);
  for (const r of report.exempted) out += line('登记不解读理由', r);
  return out;
}

export function timelinessCsv(items: TimelinessItem[]): string {
  let out =
    BOM +
    csvLine([
      '编号',
      '标题',
      '责任处室',
      '形成或变更日期',
      '公开截止日',
      '发布日期',
      '状态',
      '逾期工作日',
      '剩余工作日',
    ]);
  for (const i of items)
    out += csvLine([
      i.id,
      i.title,
      i.orgName,
      i.formedOn,
      i.due,
      i.publishedOn,
      DISCLOSURE_STATUS_LABELS[i.status],
      i.workdaysLate,
      i.workdaysLeft,
    ]);
  return out;
}
