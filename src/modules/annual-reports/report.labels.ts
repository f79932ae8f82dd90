import { CATEGORY_DEFS, LEAF_ROWS } from '../applications/index.js';
import {
  type CellRef,
  REPORT_COLUMN_NAMES,
  type ReportColumn,
  SECTION_FOUR_ROW_LABELS,
  SECTION_THREE_ROW_LABELS,
  SECTION_TWO_COLUMN_LABELS,
  SECTION_TWO_ROW_LABELS,
  type SectionFourColumn,
  type SectionThreeRowKey,
  type SectionTwoColumn,
  type SectionTwoRow,
} from './report.format.js';

/**
 * Row labels that stand alone, for the JSON form (report.json.ts) and check messages
 * (report.check.ts). The printed table numbers the sub-rows of 三(三)–(六) "1.", "2." under their
 * category heading; out of the table "1.属于国家秘密" loses its category, so these labels carry it:
 * "（三）1.属于国家秘密", "（六）3.其他". Every label is unique.
 */
export const SECTION_THREE_ROW_TITLES: Record<SectionThreeRowKey, string> = {
  ...SECTION_THREE_ROW_LABELS,
  ...Object.fromEntries(
    LEAF_ROWS.map((r) => {
      const heading = CATEGORY_DEFS[r.category].label;
      // (一) and (二) are leaf rows themselves: their label already is the heading.
      const prefixed = r.label === heading ? r.label : `${heading.match(/^（.）/)![0]}${r.label}`;
      return [r.key, prefixed];
    }),
  ),
};

/** "三、（三）1.属于国家秘密 × 自然人": a cell named so that a reader finds it in the printed tables. */
export function cellName(c: CellRef): string {
  if (c.section === '二')
    return `二、${SECTION_TWO_ROW_LABELS[c.row as SectionTwoRow] ?? c.row} × ${SECTION_TWO_COLUMN_LABELS[c.column as SectionTwoColumn] ?? c.column}`;
  if (c.section === '三')
    return `三、${SECTION_THREE_ROW_TITLES[c.row as SectionThreeRowKey] ?? c.row} × ${REPORT_COLUMN_NAMES[c.column as ReportColumn] ?? c.column}`;
  return `四、${SECTION_FOUR_ROW_LABELS[c.row as keyof typeof SECTION_FOUR_ROW_LABELS] ?? c.row} × ${c.column as SectionFourColumn}`;
}
