import type { AnnualReportData, CellRef, ReportTexts } from './report.format.js';
import {
  REPORT_COLUMNS,
  SECTION_FOUR_COLUMNS,
  SECTION_FOUR_ROWS,
  SECTION_THREE_ROW_KEYS,
  SECTION_TWO_ROWS,
} from './report.format.js';

/** Cells of a report by key ("三:3.7:person"), and the report with its overrides applied. */

/** A cell set by hand: the value, why, who and when (shown to the reviewer, audited). */
export interface Override {
  value: number;
  reason: string;
  by: string;
  at: string;
}

export const cellKeyOf = (c: CellRef) => `${c.section}:${c.row}:${c.column}`;

/** Every cell a person may override: all of 二, 三 and 四. */
export function parseCellKey(key: string): CellRef | null {
  const [section, row, column] = key.split(':');
  if (section === '二') {
    const spec = SECTION_TWO_ROWS.find((r) => r.row === row);
    return spec && (spec.columns as readonly string[]).includes(column!)
      ? { section, row: row!, column: column! }
      : null;
  }
  if (section === '三')
    return (SECTION_THREE_ROW_KEYS as readonly string[]).includes(row!) &&
      (REPORT_COLUMNS as readonly string[]).includes(column!)
      ? { section, row: row!, column: column! }
      : null;
  if (section === '四')
    return (SECTION_FOUR_ROWS as readonly string[]).includes(row!) &&
      (SECTION_FOUR_COLUMNS as readonly string[]).includes(column!)
      ? { section, row: row!, column: column! }
      : null;
  return null;
}

function setCell(d: AnnualReportData, c: CellRef, value: number): void {
  const table = (c.section === '二' ? d.two : c.section === '三' ? d.three : d.four) as unknown as Record<
    string,
    Record<string, number>
  >;
  table[c.row]![c.column] = value;
}

export function cellValue(d: AnnualReportData, c: CellRef): number {
  const table = (c.section === '二' ? d.two : c.section === '三' ? d.three : d.four) as unknown as Record<
    string,
    Record<string, number>
  >;
  return table[c.row]![c.column]!;
}

/** computed + overrides + texts: the report as the reviewer sees it. */
export function effectiveReport(
  computed: AnnualReportData,
  overrides: Record<string, Override>,
  texts: ReportTexts | undefined,
): AnnualReportData {
  const d = structuredClone(computed);
  for (const [key, o] of Object.entries(overrides)) {
    const c = parseCellKey(key);
    if (c) setCell(d, c, o.value);
  }
  return texts ? { ...d, texts } : d;
}
