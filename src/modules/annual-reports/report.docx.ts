/**
 * The annual report as a Word document in the official layout (国办公开办函〔2021〕30号, regulations.md
 * C.1–C.6), in the 公文 layout of GB/T 9704-2012 shared with the letters (platform/docx/gbt9704.ts):
 * title in 2号小标宋 centred, first-level headings in 3号黑体, body in 3号仿宋 at 22 lines a page. The tables keep the printed format's
 * merged header cells (gridSpan, vMerge) and repeat their header rows on each page (第8条); their text is
 * 5号宋体 so that the 10 columns of 三 and the 15 of 四 fit the 156 mm text width.
 */
import {
  AlignmentType,
  BorderStyle,
  type IFontAttributesProperties,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import {
  BODY_POINTS,
  CHAR,
  exact,
  FONTS,
  gbt9704Docx,
  LINE,
  TEXT_WIDTH,
  runs as textRuns,
} from '../../platform/docx/gbt9704.js';
import { ORGANISATION_GROUP_NAME, SECTION_THREE_NOTE, SECTION_THREE_ROWS } from '../applications/index.js';
import {
  type AnnualReportData,
  REPORT_COLUMN_NAMES,
  REPORT_COLUMNS,
  SECTION_FOUR_COLUMNS,
  SECTION_FOUR_ROW_LABELS,
  SECTION_FOUR_ROWS,
  SECTION_TWO_COLUMN_LABELS,
  SECTION_TWO_ITEMS,
  SECTION_TWO_ROW_LABELS,
  type SectionThreeRowKey,
} from './report.format.js';
import {
  APPLICANT_HEADING,
  categorySpan,
  formatReportNumber,
  RESULT_ROW_SPAN,
  SECTION_HEADINGS,
  SECTION_THREE_LAYOUT,
  SECTION_TWO_ROW_HEADING,
  sectionFourGroup,
  textParagraphs,
} from './report.views.js';

const TABLE_POINTS = 10.5;

const { title: TITLE, body: BODY, hei: HEI, song: SONG } = FONTS;
/** Text as runs in one font and size. */
const runs = (text: string, font: IFontAttributesProperties, points: number) =>
  textRuns(text, { font, points });

const title = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: exact(LINE, { after: LINE }),
    children: runs(text, TITLE, 22),
  });

/** 第7.3.3条 first-level heading: 黑体, two characters in, in the navigation pane (outline level 1). */
const heading = (text: string) =>
  new Paragraph({
    indent: { firstLineChars: 200, firstLine: 2 * CHAR },
    spacing: exact(LINE),
    keepNext: true,
    outlineLevel: 0,
    children: runs(text, HEI, BODY_POINTS),
  });

const bodyParagraph = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLineChars: 200, firstLine: 2 * CHAR },
    spacing: exact(LINE),
    children: runs(text, BODY, BODY_POINTS),
  });

const right = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.RIGHT,
    indent: { right: 4 * CHAR },
    spacing: exact(LINE),
    children: runs(text, BODY, BODY_POINTS),
  });

// ---------------------------------------------------------------- tables

interface CellSpec {
  text: string;
  /** Grid columns spanned (gridSpan). */
  span?: number;
  /** Rows spanned (vMerge; docx adds the continuation cells below). */
  rows?: number;
  /** Row labels flush left; headers and figures centred. */
  left?: boolean;
}

const LINE_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = {
  top: LINE_BORDER,
  bottom: LINE_BORDER,
  left: LINE_BORDER,
  right: LINE_BORDER,
  insideHorizontal: LINE_BORDER,
  insideVertical: LINE_BORDER,
};

/**
 * A bordered table on a fixed grid. Each cell's width is the sum of the grid columns it covers; columns
 * held by a cell merged down from a row above are skipped, as docx fills them in.
 */
function grid(widths: number[], rows: { cells: CellSpec[]; header?: boolean }[]): Table {
  const busy = widths.map(() => 0);
  const tableRows = rows.map((r) => {
    let col = 0;
    const children = r.cells.map((c) => {
      while ((busy[col] ?? 0) > 0) col++;
      const span = c.span ?? 1;
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      for (let i = col; i < col + span; i++) busy[i] = c.rows ?? 1;
      col += span;
      return new TableCell({
        width: { size: width, type: WidthType.DXA },
        ...(span > 1 ? { columnSpan: span } : {}),
        ...((c.rows ?? 1) > 1 ? { rowSpan: c.rows } : {}),
        verticalAlign: VerticalAlignTable.CENTER,
        margins: { left: 60, right: 60, top: 20, bottom: 20 },
        children: [
          new Paragraph({
            alignment: c.left ? AlignmentType.LEFT : AlignmentType.CENTER,
            spacing: exact(TABLE_POINTS * 20 + 60),
            children: runs(c.text, SONG, TABLE_POINTS),
          }),
        ],
      });
    });
    for (let i = 0; i < busy.length; i++) busy[i] = Math.max(0, (busy[i] ?? 0) - 1);
    return new TableRow({ ...(r.header ? { tableHeader: true } : {}), cantSplit: true, children });
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    rows: tableRows,
  });
}

const n = (v: number): CellSpec => ({ text: formatReportNumber(v) });

/** Section 二: one table of four blocks, each headed by its item of 第二十条 (the printed format). */
function sectionTwo(r: AnnualReportData): Table {
  const first = TEXT_WIDTH - 3 * 2000;
  const rows = SECTION_TWO_ITEMS.flatMap((item) => {
    const span = 3 / item.columns.length;
    return [
      { cells: [{ text: item.item, span: 4 }] },
      {
        cells: [
          { text: SECTION_TWO_ROW_HEADING },
          ...item.columns.map((c) => ({ text: SECTION_TWO_COLUMN_LABELS[c], span })),
        ],
      },
      ...item.rows.map((row) => ({
        cells: [
          { text: SECTION_TWO_ROW_LABELS[row] },
          ...item.columns.map((c) => ({ ...n((r.two[row] as Record<string, number>)[c] ?? 0), span })),
        ],
      })),
    ];
  });
  return grid([first, 2000, 2000, 2000], rows);
}

/** Section 三: the note over the row labels, 申请人情况 › 法人或其他组织 over the columns, 25 rows. */
function sectionThree(r: AnnualReportData): Table {
  const num = 660;
  const labels = [560, 1000, TEXT_WIDTH - 560 - 1000 - 7 * num];
  const orgs = REPORT_COLUMNS.filter((c) => c !== 'person' && c !== 'total');
  const head = [
    {
      header: true,
      cells: [
        { text: SECTION_THREE_NOTE, span: 3, rows: 3, left: true },
        { text: APPLICANT_HEADING, span: 7 },
      ],
    },
    {
      header: true,
      cells: [
        { text: REPORT_COLUMN_NAMES.person, rows: 2 },
        { text: ORGANISATION_GROUP_NAME, span: 5 },
        { text: REPORT_COLUMN_NAMES.total, rows: 2 },
      ],
    },
    { header: true, cells: orgs.map((c) => ({ text: REPORT_COLUMN_NAMES[c] })) },
  ];
  const body = SECTION_THREE_LAYOUT.map((row, i, all) => {
    const cells: CellSpec[] = [];
    if (row.inResults && !all[i - 1]?.inResults)
      cells.push({ text: SECTION_THREE_ROWS[2].label, rows: RESULT_ROW_SPAN });
    if (row.category && all[i - 1]?.category?.key !== row.category.key)
      cells.push({ text: row.category.label, rows: categorySpan(row.category.key), left: true });
    cells.push({ text: row.label, span: row.inResults ? (row.category ? 1 : 2) : 3, left: true });
    cells.push(...REPORT_COLUMNS.map((c) => n(r.three[row.key as SectionThreeRowKey][c])));
    return { cells };
  });
  return grid([...labels, ...REPORT_COLUMNS.map(() => num)], [...head, ...body]);
}

/** Section 四: 行政复议 and 行政诉讼 › 未经复议直接起诉 / 复议后起诉, five columns each, one data row. */
function sectionFour(r: AnnualReportData): Table {
  const kinds = SECTION_FOUR_ROWS.map((k) => ({ kind: k, ...sectionFourGroup(SECTION_FOUR_ROW_LABELS[k]) }));
  const groups = [...new Set(kinds.map((k) => k.group))];
  const width = SECTION_FOUR_COLUMNS.length;
  const outcomes = (rows: number): CellSpec[] => SECTION_FOUR_COLUMNS.map((c) => ({ text: c, rows }));
  const head = [
    {
      header: true,
      cells: groups.map((g) => ({ text: g, span: kinds.filter((k) => k.group === g).length * width })),
    },
    { header: true, cells: kinds.flatMap((k) => (k.sub ? [{ text: k.sub, span: width }] : outcomes(2))) },
    { header: true, cells: kinds.filter((k) => k.sub).flatMap(() => outcomes(1)) },
  ];
  const data = { cells: kinds.flatMap((k) => SECTION_FOUR_COLUMNS.map((c) => n(r.four[k.kind][c]))) };
  const cols = kinds.length * width;
  const each = Math.floor(TEXT_WIDTH / cols);
  return grid(
    Array.from({ length: cols }, (_, i) => (i === 0 ? TEXT_WIDTH - each * (cols - 1) : each)),
    [...head, data],
  );
}

// ---------------------------------------------------------------- the document

/** '— 1 —' one character in from the outer edge (GB/T 9704-2012 第7.5条). */
const text = (t: string | undefined): Paragraph[] => {
  const paragraphs = textParagraphs(t);
  return (paragraphs.length ? paragraphs : ['（未填写）']).map(bodyParagraph);
};

/** '2026-01-20' → '2026年1月20日' (第7.3.5.1条: Arabic numerals, no leading zeros). */
const dateText = (iso: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
};

/** The report title as printed: '某机关2025年政府信息公开工作年度报告'. */
export const docxTitle = (r: Pick<AnnualReportData, 'agency' | 'year'>): string =>
  `${r.agency}${r.year}年政府信息公开工作年度报告`;

/** The report as a .docx file; `issuedOn` (YYYY-MM-DD) adds the agency and date at the end. */
export async function reportDocx(
  report: AnnualReportData,
  opts: { issuedOn?: string } = {},
): Promise<Buffer> {
  const gap = () => new Paragraph({ spacing: exact(LINE), children: [] });
  const children: (Paragraph | Table)[] = [
    title(docxTitle(report)),
    heading(SECTION_HEADINGS.overview),
    ...text(report.texts?.overview),
    heading(SECTION_HEADINGS.two),
    sectionTwo(report),
    heading(SECTION_HEADINGS.three),
    sectionThree(report),
    heading(SECTION_HEADINGS.four),
    sectionFour(report),
    heading(SECTION_HEADINGS.problems),
    ...text(report.texts?.problems),
    heading(SECTION_HEADINGS.other),
    ...text(report.texts?.other),
  ];
  if (opts.issuedOn) children.push(gap(), gap(), right(report.agency), right(dateText(opts.issuedOn)));
  return gbt9704Docx({ title: docxTitle(report), subject: '政府信息公开工作年度报告' }, children);
}
