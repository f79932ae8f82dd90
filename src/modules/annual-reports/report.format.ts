import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  type CaseKind,
  LEAF_ROWS,
  REPORT_COLUMN_NAMES,
  REPORT_COLUMNS,
  REPORT_OUTCOMES,
  RESULT_ROWS,
  type ReportColumn,
  type ResultRowKey,
  SECTION_THREE_ROWS,
} from '../applications/index.js';

/**
 * The tables of the annual report in the 2021 national format (国办公开办函〔2021〕30号;
 * regulations.md C.2–C.4): their rows, columns and labels, and the typed shape of a report. The
 * rows and columns of section 三 come from the applications module (reply.rules.ts) — one source of
 * truth for the reply-type → row mapping.
 *
 * The same shape is produced by the platform, imported for earlier years, and checked by
 * `gongkai report check` and POST /api/v1/annual-reports/check (JSON form: report.json.ts).
 */

// ---------------------------------------------------------------- section 二 (C.2)

export const SECTION_TWO_ITEMS = [
  {
    item: '第二十条第（一）项',
    rows: ['regulations', 'normative'],
    columns: ['issued', 'repealed', 'inForce'],
  },
  { item: '第二十条第（五）项', rows: ['licensing'], columns: ['decisions'] },
  { item: '第二十条第（六）项', rows: ['penalty', 'coercion'], columns: ['decisions'] },
  { item: '第二十条第（八）项', rows: ['charges'], columns: ['amount'] },
] as const;

export type SectionTwoRow = (typeof SECTION_TWO_ITEMS)[number]['rows'][number];
export type SectionTwoColumn = (typeof SECTION_TWO_ITEMS)[number]['columns'][number];

export const SECTION_TWO_ROW_LABELS: Record<SectionTwoRow, string> = {
  regulations: '规章',
  normative: '行政规范性文件',
  licensing: '行政许可',
  penalty: '行政处罚',
  coercion: '行政强制',
  charges: '行政事业性收费',
};

export const SECTION_TWO_COLUMN_LABELS: Record<SectionTwoColumn, string> = {
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  decisions: '本年处理决定数量',
  amount: '本年收费金额（单位：万元）',
};

/** Rows of section 二 and the columns each has, in report order. */
export const SECTION_TWO_ROWS: readonly { row: SectionTwoRow; columns: readonly SectionTwoColumn[] }[] =
  SECTION_TWO_ITEMS.flatMap((it) => it.rows.map((row) => ({ row, columns: it.columns })));

/** Section 二: every cell a number; 行政事业性收费 is an amount in 万元 (may have decimals). */
export interface SectionTwo {
  regulations: { issued: number; repealed: number; inForce: number };
  normative: { issued: number; repealed: number; inForce: number };
  licensing: { decisions: number };
  penalty: { decisions: number };
  coercion: { decisions: number };
  charges: { amount: number };
}

// ---------------------------------------------------------------- section 三 (C.3)

/** Every row of section 三 that carries numbers: 一, 二, the 22 rows of 三, 四. */
export type SectionThreeRowKey = '1' | '2' | ResultRowKey | '4';

export const SECTION_THREE_ROW_KEYS: readonly SectionThreeRowKey[] = [
  '1',
  '2',
  ...RESULT_ROWS.map((r) => r.key),
  '4',
];

/** The label printed for a numeric row of section 三 (leaf labels carry their numbering). */
export const SECTION_THREE_ROW_LABELS: Record<SectionThreeRowKey, string> = Object.fromEntries([
  ['1', SECTION_THREE_ROWS[0].label],
  ['2', SECTION_THREE_ROWS[1].label],
  ...RESULT_ROWS.map((r) => [r.key, r.label]),
  ['4', SECTION_THREE_ROWS[3].label],
]) as Record<SectionThreeRowKey, string>;

export const LEAF_ROW_KEYS = LEAF_ROWS.map((r) => r.key);
export { REPORT_COLUMN_NAMES, REPORT_COLUMNS, type ReportColumn };

export type SectionThree = Record<SectionThreeRowKey, Record<ReportColumn, number>>;

// ---------------------------------------------------------------- section 四 (C.4)

export const SECTION_FOUR_COLUMNS = [...REPORT_OUTCOMES, '总计'] as const;
export type SectionFourColumn = (typeof SECTION_FOUR_COLUMNS)[number];
export type SectionFour = Record<CaseKind, Record<SectionFourColumn, number>>;
export { CASE_KIND_LABELS as SECTION_FOUR_ROW_LABELS, CASE_KINDS as SECTION_FOUR_ROWS };

// ---------------------------------------------------------------- the report

/** The text sections 一, 五, 六 (edited by staff; optional in an imported report). */
export interface ReportTexts {
  overview: string;
  problems: string;
  other: string;
}

export interface AnnualReportData {
  /** The report year (the year reported on, not the year published). */
  year: number;
  /** The reporting agency as printed on the report. */
  agency: string;
  two: SectionTwo;
  three: SectionThree;
  four: SectionFour;
  texts?: ReportTexts;
}

/** A cell address, for check messages and overrides: section, row key, column key. */
export interface CellRef {
  section: '二' | '三' | '四';
  row: string;
  column: string;
}

/** "三、一、本年新收政府信息公开申请数量 × 自然人" — a cell named as a reader finds it. */
export function cellLabel(c: CellRef): string {
  if (c.section === '二')
    return `二、${SECTION_TWO_ROW_LABELS[c.row as SectionTwoRow] ?? c.row} × ${SECTION_TWO_COLUMN_LABELS[c.column as SectionTwoColumn] ?? c.column}`;
  if (c.section === '三')
    return `三、${SECTION_THREE_ROW_LABELS[c.row as SectionThreeRowKey] ?? c.row} × ${REPORT_COLUMN_NAMES[c.column as ReportColumn] ?? c.column}`;
  return `四、${CASE_KIND_LABELS[c.row as CaseKind] ?? c.row} × ${c.column}`;
}

/** Empty tables (all zero), e.g. a report's starting point. */
export function emptySectionTwo(): SectionTwo {
  return {
    regulations: { issued: 0, repealed: 0, inForce: 0 },
    normative: { issued: 0, repealed: 0, inForce: 0 },
    licensing: { decisions: 0 },
    penalty: { decisions: 0 },
    coercion: { decisions: 0 },
    charges: { amount: 0 },
  };
}

export function emptySectionThree(): SectionThree {
  return Object.fromEntries(
    SECTION_THREE_ROW_KEYS.map((k) => [k, Object.fromEntries(REPORT_COLUMNS.map((c) => [c, 0]))]),
  ) as SectionThree;
}

export function emptySectionFour(): SectionFour {
  return Object.fromEntries(
    CASE_KINDS.map((k) => [k, Object.fromEntries(SECTION_FOUR_COLUMNS.map((c) => [c, 0]))]),
  ) as SectionFour;
}
