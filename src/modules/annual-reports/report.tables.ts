import {
  applicantTypeLabel,
  CATEGORY_DEFS,
  isOrganisation,
  REPORT_COLUMN_NAMES,
} from '../applications/index.js';
import {
  REPORT_COLUMNS,
  SECTION_FOUR_COLUMNS,
  SECTION_FOUR_ROW_LABELS,
  SECTION_FOUR_ROWS,
  SECTION_THREE_ROW_KEYS,
  SECTION_THREE_ROW_LABELS,
  SECTION_TWO_COLUMN_LABELS,
  SECTION_TWO_ROW_LABELS,
  SECTION_TWO_ROWS,
} from './report.format.js';
import { SECTION_THREE_ROW_TITLES } from './report.labels.js';

/**
 * The three tables of the JSON form as data: for each row and column its key, the label written by
 * toReportJson, and the other spellings parseReportJson accepts. Labels are matched after
 * normaliseLabel, so the alias lists only hold genuinely different words.
 */

export type TableSection = '二' | '三' | '四';

export interface ColumnSpec {
  key: string;
  /** Written by toReportJson. */
  name: string;
  aliases: string[];
}

export interface RowSpec {
  key: string;
  /** Written by toReportJson; unique within the table. */
  label: string;
  aliases: string[];
  columns: ColumnSpec[];
}

export interface TableSpec {
  section: TableSection;
  title: string;
  rows: RowSpec[];
  /** Heading rows of the printed table that carry no numbers (三、本年度办理结果, （三）不予公开 …). */
  headings: string[];
}

/**
 * Labels compare equal when they differ only in whitespace, full-width/half-width forms (NFKC:
 * （）→(), １→1, ：→:), bracket style (【】〔〕[] → ()), the numbering punctuation 、 . ．, quote
 * style (“三安全一稳定” = "三安全一稳定" = 三安全一稳定) and letter case.
 */
export function normaliseLabel(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[“”‘’"'「」『』〝〞]/g, '')
    .replace(/[【〔[]/g, '(')
    .replace(/[】〕\]]/g, ')')
    .replace(/[、.]/g, '.')
    .toLowerCase();
}

/** "一、本年新收…" → "本年新收…", "（三）1.属于国家秘密" → "属于国家秘密". */
const withoutNumbering = (label: string) =>
  label.replace(/^(（[一二三四五六七]）)?([一二三四]、|\d+\.)?/, '');
/** "（二）部分公开（区分处理的，…）" → "（二）部分公开". */
const withoutNote = (label: string) => label.replace(/（[^（）]*）$/, '');

const unique = (xs: string[]) => [...new Set(xs)];

const THREE_COLUMNS: ColumnSpec[] = REPORT_COLUMNS.map((c) => ({
  key: c,
  name: REPORT_COLUMN_NAMES[c],
  aliases: c !== 'total' && isOrganisation(c) ? [c, applicantTypeLabel(c)] : [c],
}));

export const TABLES: Record<TableSection, TableSpec> = {
  二: {
    section: '二',
    title: '二、主动公开政府信息情况',
    rows: SECTION_TWO_ROWS.map(({ row, columns }) => ({
      key: row,
      label: SECTION_TWO_ROW_LABELS[row],
      aliases: [row],
      columns: columns.map((c) => ({
        key: c,
        name: SECTION_TWO_COLUMN_LABELS[c],
        aliases: unique([
          c,
          withoutNote(SECTION_TWO_COLUMN_LABELS[c]),
          SECTION_TWO_COLUMN_LABELS[c].replace('单位：', ''),
        ]),
      })),
    })),
    headings: [],
  },
  三: {
    section: '三',
    title: '三、收到和处理政府信息公开申请情况',
    rows: SECTION_THREE_ROW_KEYS.map((key) => {
      const title = SECTION_THREE_ROW_TITLES[key];
      const printed = SECTION_THREE_ROW_LABELS[key];
      return {
        key,
        label: title,
        aliases: unique(
          [
            key,
            printed,
            withoutNumbering(printed),
            withoutNote(title),
            withoutNumbering(withoutNote(title)),
          ].filter(Boolean),
        ),
        columns: THREE_COLUMNS,
      };
    }),
    headings: [
      '三、本年度办理结果',
      '本年度办理结果',
      ...(['withheld', 'unavailable', 'not_processed', 'other'] as const).flatMap((c) => [
        CATEGORY_DEFS[c].label,
        CATEGORY_DEFS[c].name,
      ]),
    ],
  },
  四: {
    section: '四',
    title: '四、政府信息公开行政复议、行政诉讼情况',
    rows: SECTION_FOUR_ROWS.map((k) => ({
      key: k,
      label: SECTION_FOUR_ROW_LABELS[k],
      aliases: [k],
      columns: SECTION_FOUR_COLUMNS.map((c) => ({ key: c, name: c, aliases: [] })),
    })),
    headings: [],
  },
};

export interface TableIndex {
  /** normalised label → the row keys it may mean (more than one: ambiguous). */
  rows: Map<string, string[]>;
  headings: Set<string>;
  /** normalised column name → column key, over all rows of the table. */
  columns: Map<string, string>;
}

function indexTable(spec: TableSpec): TableIndex {
  const rows = new Map<string, string[]>();
  for (const r of spec.rows)
    for (const alias of unique([r.label, ...r.aliases].map(normaliseLabel))) {
      const keys = rows.get(alias) ?? [];
      rows.set(alias, [...keys, r.key]);
    }
  const columns = new Map<string, string>();
  for (const r of spec.rows)
    for (const c of r.columns)
      for (const alias of [c.name, ...c.aliases]) columns.set(normaliseLabel(alias), c.key);
  return { rows, headings: new Set(spec.headings.map(normaliseLabel)), columns };
}

export const TABLE_INDEX: Record<TableSection, TableIndex> = {
  二: indexTable(TABLES.二),
  三: indexTable(TABLES.三),
  四: indexTable(TABLES.四),
};
