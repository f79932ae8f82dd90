import { LEAF_ROWS, TOTAL_ROW_KEY } from '../applications/index.js';
import {
  type AnnualReportData,
  type CellRef,
  REPORT_COLUMN_NAMES,
  REPORT_COLUMNS,
  type ReportColumn,
  SECTION_FOUR_COLUMNS,
  SECTION_FOUR_ROW_LABELS,
  SECTION_FOUR_ROWS,
  SECTION_THREE_ROW_KEYS,
  SECTION_TWO_ROWS,
  type SectionThreeRowKey,
} from './report.format.js';
import { cellName, SECTION_THREE_ROW_TITLES } from './report.labels.js';

/**
 * The arithmetic checks of an annual report (regulations.md C.3, identities I1–I6; 国办公开办函〔2021〕
 * 30号). Pure. Every violation names its cells and gives the numbers. For the sums, `actual` is the
 * total as filled in and `expected` the sum it should equal (I1: actual = 三(七)总计 + 四, expected =
 * 一 + 二; I5: actual = this year's 二, expected = last year's 四; I6: actual = the cell).
 *
 * A report is never "corrected" here: identities are reported independently (a wrong leaf cell
 * breaks I2 for its column and I3 for its row, and both are listed), so a reader sees every total
 * that does not add up.
 */

export type ViolationCode = 'I1' | 'I2' | 'I3' | 'I4' | 'I5' | 'I6';

export interface Violation {
  code: ViolationCode;
  /** In Chinese, with the cells and the numbers, ending with the identity: "…（I2）". */
  message: string;
  /** The cells involved, the one the key names first (see explainableViolationKey). */
  cells: CellRef[];
  expected?: number;
  actual?: number;
}

export interface CheckResult {
  ok: boolean;
  violations: Violation[];
  /** false when no previous report was given, or it was not the year before (then an I5 violation). */
  carryOverChecked: boolean;
}

/** Shown by callers when carryOverChecked is false because no previous report was given. */
export const CARRY_OVER_NOT_CHECKED = '未核对上年结转：没有上一年度的报告';

/** Sums of non-integers (an I6 violation already) must not add float noise to the other checks. */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const fmt = (n: number) => (Number.isFinite(n) ? String(Number(n.toPrecision(12))) : '（非数字）');
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const terms = (xs: number[]) => xs.map(fmt).join(' + ');

const ORGANISATION_COLUMNS = REPORT_COLUMNS.filter((c) => c !== 'total');
const OUTCOMES = SECTION_FOUR_COLUMNS.filter((c) => c !== '总计');

const three = (row: string, column: string): CellRef => ({ section: '三', row, column });
const columnName = (c: ReportColumn) => `“${REPORT_COLUMN_NAMES[c]}”列`;

export function checkReport(report: AnnualReportData, previous?: AnnualReportData | null): CheckResult {
  const t = report.three;
  const cell = (row: SectionThreeRowKey, c: ReportColumn) => t[row]?.[c] ?? Number.NaN;
  const v: Violation[] = [...sectionTwoCells(report)];

  // I1 per column: 一 + 二 = 三(七)总计 + 四 (the header note of the format).
  for (const c of REPORT_COLUMNS) {
    const [a, b, total, fwd] = [cell('1', c), cell('2', c), cell(TOTAL_ROW_KEY, c), cell('4', c)];
    if (same(a + b, total + fwd)) continue;
    v.push({
      code: 'I1',
      message: `三、${columnName(c)}：第一项加第二项之和为 ${fmt(a + b)}（${terms([a, b])}），但第三项（七）总计加第四项之和为 ${fmt(total + fwd)}（${terms([total, fwd])}），两者应相等（I1）`,
      cells: ['1', '2', TOTAL_ROW_KEY, '4'].map((r) => three(r, c)),
      expected: a + b,
      actual: total + fwd,
    });
  }

  // I2 per column: 三(七)总计 = the 21 leaf rows.
  for (const c of REPORT_COLUMNS) {
    const total = cell(TOTAL_ROW_KEY, c);
    const leaves = sum(LEAF_ROWS.map((r) => cell(r.key, c)));
    if (same(total, leaves)) continue;
    v.push({
      code: 'I2',
      message: `三、第（七）总计行${columnName(c)}为 ${fmt(total)}，但 ${LEAF_ROWS.length} 个办理结果分项之和为 ${fmt(leaves)}（I2）`,
      cells: [three(TOTAL_ROW_KEY, c), ...LEAF_ROWS.map((r) => three(r.key, c))],
      expected: leaves,
      actual: total,
    });
  }

  // I3 per row: 总计 = 自然人 + the five 法人或其他组织 sub-columns.
  for (const row of SECTION_THREE_ROW_KEYS) {
    const total = cell(row, 'total');
    const parts = ORGANISATION_COLUMNS.map((c) => cell(row, c));
    if (same(total, sum(parts))) continue;
    v.push({
      code: 'I3',
      message: `三、${SECTION_THREE_ROW_TITLES[row]}：“总计”列为 ${fmt(total)}，但自然人与五类法人或其他组织之和为 ${fmt(sum(parts))}（${terms(parts)}）（I3）`,
      cells: [three(row, 'total'), ...ORGANISATION_COLUMNS.map((c) => three(row, c))],
      expected: sum(parts),
      actual: total,
    });
  }

  const carry = carryOver(report, previous);
  v.push(...carry.violations, ...integerCells(report, '三'));

  // I4 per group of 四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
  for (const kind of SECTION_FOUR_ROWS) {
    const total = report.four[kind]?.总计 ?? Number.NaN;
    const parts = OUTCOMES.map((c) => report.four[kind]?.[c] ?? Number.NaN);
    if (same(total, sum(parts))) continue;
    v.push({
      code: 'I4',
      message: `四、${SECTION_FOUR_ROW_LABELS[kind]}：“总计”为 ${fmt(total)}，但${OUTCOMES.join('、')}之和为 ${fmt(sum(parts))}（${terms(parts)}）（I4）`,
      cells: [
        { section: '四', row: kind, column: '总计' },
        ...OUTCOMES.map((c) => ({ section: '四' as const, row: kind, column: c })),
      ],
      expected: sum(parts),
      actual: total,
    });
  }
  v.push(...integerCells(report, '四'));

  return { ok: v.length === 0, violations: v, carryOverChecked: carry.checked };
}

/** I5: this year's 三 row 二 equals last year's row 四, per column. */
function carryOver(
  report: AnnualReportData,
  previous: AnnualReportData | null | undefined,
): { checked: boolean; violations: Violation[] } {
  if (!previous) return { checked: false, violations: [] };
  if (previous.year !== report.year - 1)
    return {
      checked: false,
      violations: [
        {
          code: 'I5',
          message: `上一年度报告应为 ${report.year - 1} 年度，但提供的是 ${previous.year} 年度的报告，未能核对上年结转（I5）`,
          cells: [],
          expected: report.year - 1,
          actual: previous.year,
        },
      ],
    };
  const violations: Violation[] = [];
  for (const c of REPORT_COLUMNS) {
    const now = report.three['2']?.[c] ?? Number.NaN;
    const then = previous.three['4']?.[c] ?? Number.NaN;
    if (same(now, then)) continue;
    violations.push({
      code: 'I5',
      message: `三、二、上年结转政府信息公开申请数量${columnName(c)}为 ${fmt(now)}（${report.year} 年度），但 ${previous.year} 年度报告的四、结转下年度继续办理为 ${fmt(then)}，两者应相等（I5）`,
      cells: [three('2', c)],
      expected: then,
      actual: now,
    });
  }
  return { checked: true, violations };
}

function i6(ref: CellRef, value: number, rule: string): Violation {
  return {
    code: 'I6',
    message: `${cellName(ref)}${Number.isFinite(value) ? `为 ${fmt(value)}` : '不是数字'}，应为${rule}（I6）`,
    cells: [ref],
    actual: value,
  };
}

const isCount = (n: number) => Number.isInteger(n) && n >= 0;
/** 万元 to the 元: at most 4 decimal places. */
const isAmount = (n: number) =>
  Number.isFinite(n) && n >= 0 && Math.abs(n * 1e4 - Math.round(n * 1e4)) < 1e-6;

/** I6 over 二: counts are non-negative integers; 行政事业性收费 is an amount in 万元. */
function sectionTwoCells(report: AnnualReportData): Violation[] {
  const out: Violation[] = [];
  const two = report.two as unknown as Record<string, Record<string, number> | undefined>;
  for (const { row, columns } of SECTION_TWO_ROWS)
    for (const column of columns) {
      const value = two[row]?.[column] ?? Number.NaN;
      const ref: CellRef = { section: '二', row, column };
      if (column === 'amount') {
        if (!isAmount(value))
          out.push(i6(ref, value, '不小于 0 的金额，单位万元，最多 4 位小数（精确到元）'));
      } else if (!isCount(value)) out.push(i6(ref, value, '不小于 0 的整数'));
    }
  return out;
}

/** I6 over 三 or 四: every cell a non-negative integer. */
function integerCells(report: AnnualReportData, section: '三' | '四'): Violation[] {
  const out: Violation[] = [];
  const table = (section === '三' ? report.three : report.four) as unknown as Record<
    string,
    Record<string, number> | undefined
  >;
  const rows: readonly string[] = section === '三' ? SECTION_THREE_ROW_KEYS : SECTION_FOUR_ROWS;
  const columns: readonly string[] = section === '三' ? REPORT_COLUMNS : SECTION_FOUR_COLUMNS;
  for (const row of rows)
    for (const column of columns) {
      const value = table[row]?.[column] ?? Number.NaN;
      if (!isCount(value)) out.push(i6({ section, row, column }, value, '不小于 0 的整数'));
    }
  return out;
}

/**
 * A stable key per violation, for the explanations staff attach before publishing:
 * `code:section:row:column` of the first cell — "I2:三:3.7:person", "I3:三:1:total",
 * "I4:四:reconsideration:总计", "I5:三:2:company", "I6:二:charges:amount". An identity over a whole
 * column or row uses `*`: I1 "I1:三:*:person"; the wrong previous year "I5:三:2:*".
 */
export function explainableViolationKey(v: Violation): string {
  const first = v.cells[0];
  if (!first) return `${v.code}:三:2:*`;
  if (v.code === 'I1') return `I1:三:*:${first.column}`;
  return `${v.code}:${first.section}:${first.row}:${first.column}`;
}
