import { BOM, csvCell } from '../../platform/csv.js';
import { applicantTypeLabel } from '../applications/index.js';
import {
  type AnnualReportData,
  REPORT_COLUMN_NAMES,
  REPORT_COLUMNS,
  type ReportColumn,
  SECTION_FOUR_COLUMNS,
  SECTION_FOUR_ROW_LABELS,
  SECTION_FOUR_ROWS,
  SECTION_THREE_ROW_KEYS,
  SECTION_TWO_COLUMN_LABELS,
  SECTION_TWO_ROW_LABELS,
  SECTION_TWO_ROWS,
} from './report.format.js';
import { SECTION_THREE_ROW_TITLES } from './report.labels.js';
import { formatReportNumber } from './report.views.js';

/**
 * The tables of an annual report in long format, one line per cell, for spreadsheets and for supervising
 * offices that add up the reports of many agencies: a pivot on 部分/项目/列 sums any cell across agencies
 * or years. Labels stand alone (三's sub-rows carry their category, "（三）1.属于国家秘密"; the organisation
 * columns their group, "法人或其他组织（其他）"), so that no line needs its neighbours to be read.
 */

export const REPORT_CSV_HEADER = ['年度', '报告机关', '部分', '项目', '列', '数值'] as const;

export interface ReportCell {
  section: '二' | '三' | '四';
  /** The row as a reader names it. */
  item: string;
  /** The column as a reader names it. */
  column: string;
  value: number;
}

const columnName = (c: ReportColumn): string =>
  c === 'total' ? REPORT_COLUMN_NAMES.total : applicantTypeLabel(c);

/** Every cell of sections 二, 三 and 四 in report order (10 + 25 × 7 + 3 × 5 = 200 cells). */
export function reportCells(r: AnnualReportData): ReportCell[] {
  return [
    ...SECTION_TWO_ROWS.flatMap(({ row, columns }) =>
      columns.map((c) => ({
        section: '二' as const,
        item: SECTION_TWO_ROW_LABELS[row],
        column: SECTION_TWO_COLUMN_LABELS[c],
        value: (r.two[row] as Record<string, number>)[c] ?? 0,
      })),
    ),
    ...SECTION_THREE_ROW_KEYS.flatMap((key) =>
      REPORT_COLUMNS.map((c) => ({
        section: '三' as const,
        item: SECTION_THREE_ROW_TITLES[key],
        column: columnName(c),
        value: r.three[key][c],
      })),
    ),
    ...SECTION_FOUR_ROWS.flatMap((kind) =>
      SECTION_FOUR_COLUMNS.map((c) => ({
        section: '四' as const,
        item: SECTION_FOUR_ROW_LABELS[kind],
        column: c,
        value: r.four[kind][c],
      })),
    ),
  ];
}

/**
 * The report as CSV (RFC 4180, CRLF, UTF-8 with BOM for Excel). Text goes through csvCell (quoting and
 * the formula guard); the figure is written as a plain number, since a number cannot smuggle a formula
 * and the guard's apostrophe would turn a negative figure of a faulty import into text.
 */
export function reportCsv(report: AnnualReportData): string {
  const line = (cells: string[]) => `${cells.join(',')}\r\n`;
  const head = line(REPORT_CSV_HEADER.map(csvCell));
  const year = csvCell(report.year);
  const agency = csvCell(report.agency);
  const body = reportCells(report)
    .map((c) =>
      line([year, agency, c.section, csvCell(c.item), csvCell(c.column), formatReportNumber(c.value)]),
    )
    .join('');
  return BOM + head + body;
}
