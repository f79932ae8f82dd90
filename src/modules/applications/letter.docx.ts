/**
 * A letter (letter.rules.ts LetterContent) as a Word document, laid out after GB/T 9704-2012
 * 《党政机关公文格式》. No I/O: the document is built in memory, with no external files, fonts or network.
 *
 * - 第5.1条、第5.2.1条: A4 (210 mm × 297 mm); 天头 (top) 37 mm, 订口 (left) 28 mm, 版心 156 mm × 225 mm,
 *   so bottom 297 − 37 − 225 = 35 mm and right 210 − 28 − 156 = 26 mm.
 * - 第5.2.2条、第5.2.3条: body in 3号仿宋 (16 pt), 22 lines a page: 225 mm / 22 = 28.99 pt, written as an
 *   exact 28.95 pt (579 twips) line so that 22 lines fit (580 twips would leave room for 21).
 * - 第7.3.1条: the title in 2号小标宋 (22 pt), centred. 第7.3.2条: the addressee flush left, ending in a
 *   full-width colon. 第7.3.3条: each paragraph indented by two characters.
 * - 第7.3.5.1条: the date 右空四字 (4 characters from the right edge); the issuer above it, and the seal
 *   over both: here a '（印章）' line marks where it goes.
 * - 第7.5条: page numbers in 4号 (14 pt) 宋体 between dashes, '— 1 —', odd pages right, even pages left,
 *   one character in from the edge.
 * - 第8条: tables in the body; the header row repeats on each page.
 *
 * Fonts: 方正小标宋简体 and 仿宋_GB2312 are the usual fonts of 公文 but are not installed everywhere. Runs
 * name them as the East Asian font (w:rFonts w:eastAsia, hint eastAsia) with SimSun/FangSong for Latin
 * text, and the font table names 宋体/仿宋 as their w:altName, the alternative Word uses when a font is
 * missing. The font table is written by us (Packer override) because docx only writes entries for
 * embedded fonts.
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  type IFontAttributesProperties,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { LETTER_KIND_NAMES, type LetterContent, type LetterTable } from './letter.rules.js';

/** Millimetres to twips (1/1440 inch), rounded to the nearest twip. */
const mm = (v: number): number => Math.round((v * 1440) / 25.4);

/** Page geometry in twips (GB/T 9704-2012 第5.2.1条). A4 is Word's 11906 × 16838. */
export const PAGE_LAYOUT = {
  width: 11906,
  height: 16838,
  top: mm(37),
  bottom: mm(35),
  left: mm(28),
  right: mm(26),
  /** The page number's dashes about 7 mm under the text block (第7.5条): 35 − 7 − half a 15 pt line. */
  footer: mm(25),
} as const;
const TEXT_WIDTH = mm(156);

export const TITLE_POINTS = 22;
export const BODY_POINTS = 16;
const TABLE_POINTS = 14;
const PAGE_NUMBER_POINTS = 14;
/** One character of body text in twips (the em of 3号): indents are counted in characters. */
const CHAR = BODY_POINTS * 20;
const LINE = 579;

export const TITLE_FONT = '方正小标宋简体';
export const BODY_FONT = '仿宋_GB2312';
const fonts = (eastAsia: string, latin: string): IFontAttributesProperties => ({
  eastAsia,
  ascii: latin,
  hAnsi: latin,
  cs: latin,
  hint: 'eastAsia',
});
const TITLE = fonts(TITLE_FONT, 'SimSun');
const BODY = fonts(BODY_FONT, 'FangSong');
const SONG = fonts('宋体', 'SimSun');

/** The font table: each font with the alternative Word takes when it is missing; charset 86 is GB2312. */
const FONT_TABLE = [
  [TITLE_FONT, '宋体'],
  [BODY_FONT, '仿宋'],
  ['宋体', 'SimSun'],
  ['SimSun', '宋体'],
  ['FangSong', '仿宋'],
]
  .map(
    ([name, alt]) =>
      `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
  )
  .join('');
const FONT_TABLE_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${FONT_TABLE}</w:fonts>`;

interface RunStyle {
  font: IFontAttributesProperties;
  points: number;
  bold?: boolean;
}

/** Text as runs; a newline in the text becomes a line break. docx escapes the XML special characters. */
function runs(text: string, style: RunStyle): TextRun[] {
  return text.split('\n').map(
    (line, i) =>
      new TextRun({
        text: line,
        ...(i > 0 ? { break: 1 } : {}),
        font: style.font,
        size: style.points * 2,
        ...(style.bold ? { bold: true } : {}),
        language: { value: 'zh-CN', eastAsia: 'zh-CN' },
      }),
  );
}

const body = { font: BODY, points: BODY_POINTS };
const exact = (line: number, extra: { before?: number; after?: number } = {}) => ({
  line,
  lineRule: LineRuleType.EXACT,
  ...extra,
});

const bodyParagraph = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.BOTH,
    // Two characters: firstLineChars for Word and WPS, firstLine in twips for readers without it.
    indent: { firstLineChars: 200, firstLine: 2 * CHAR },
    spacing: exact(LINE),
    children: runs(text, body),
  });

const right = (text: string, chars: number) =>
  new Paragraph({
    alignment: AlignmentType.RIGHT,
    ...(chars > 0 ? { indent: { right: chars * CHAR } } : {}),
    spacing: exact(LINE),
    children: runs(text, body),
  });

/** Headers and figures centred, the first column (what a row is) flush left. */
const cellParagraph = (text: string, header: boolean, first: boolean) =>
  new Paragraph({
    alignment: header || !first ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: exact(TABLE_POINTS * 20 + 120),
    children: runs(text, { font: BODY, points: TABLE_POINTS, bold: header }),
  });

/** The first column (the brackets) takes 40% of the width, the others share the rest. */
function columnWidths(n: number): number[] {
  if (n <= 1) return [TEXT_WIDTH];
  const first = Math.round(TEXT_WIDTH * 0.4);
  const other = Math.floor((TEXT_WIDTH - first) / (n - 1));
  return [TEXT_WIDTH - other * (n - 1), ...Array.from({ length: n - 1 }, () => other)];
}

function table(t: LetterTable): (Paragraph | Table)[] {
  const widths = columnWidths(t.head.length);
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      ...(header ? { tableHeader: true } : {}),
      cantSplit: true,
      children: widths.map(
        (w, i) =>
          new TableCell({
            width: { size: w, type: WidthType.DXA },
            margins: { left: 100, right: 100, top: 40, bottom: 40 },
            children: [cellParagraph(cells[i] ?? '', header, i === 0)],
          }),
      ),
    });
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: exact(LINE),
      children: runs(t.caption, { ...body, bold: true }),
    }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      rows: [row(t.head, true), ...t.rows.map((r) => row(r, false))],
    }),
  ];
}

/** '— 1 —' one character in from the outer edge (GB/T 9704-2012 第7.5条). */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const char = PAGE_NUMBER_POINTS * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: char } : { left: char },
        spacing: exact(300),
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: SONG,
            size: PAGE_NUMBER_POINTS * 2,
          }),
        ],
      }),
    ],
  });
}

/** The paragraphs and table of a letter, in reading order. */
function children(c: LetterContent): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact(LINE, { after: LINE }),
      children: runs(c.title, { font: TITLE, points: TITLE_POINTS }),
    }),
    right(c.referenceNo, 0),
    new Paragraph({
      // 第7.3.2条: one blank line under the title block, flush left, full-width colon.
      spacing: exact(LINE, { before: LINE }),
      children: runs(c.addressee.endsWith('：') ? c.addressee : `${c.addressee}：`, body),
    }),
  ];
  c.paragraphs.forEach((p, i) => {
    out.push(bodyParagraph(p));
    if (c.table && c.table.afterParagraph === i) out.push(...table(c.table));
  });
  if (c.table && c.table.afterParagraph >= c.paragraphs.length) out.push(...table(c.table));
  out.push(
    new Paragraph({ spacing: exact(LINE), children: [] }),
    new Paragraph({ spacing: exact(LINE), children: [] }),
    right(c.issuer, 4),
    right(c.date, 4),
    right(c.sealNote, 4),
  );
  return out;
}

/** The letter as a .docx file. */
export async function renderLetterDocx(content: LetterContent): Promise<Buffer> {
  const doc = new Document({
    title: content.title,
    subject: LETTER_KIND_NAMES[content.kind],
    description: content.referenceNo,
    creator: 'Gongkai',
    lastModifiedBy: 'Gongkai',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: BODY, size: BODY_POINTS * 2 },
          paragraph: { spacing: exact(LINE) },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_LAYOUT.width, height: PAGE_LAYOUT.height },
            margin: {
              top: PAGE_LAYOUT.top,
              bottom: PAGE_LAYOUT.bottom,
              left: PAGE_LAYOUT.left,
              right: PAGE_LAYOUT.right,
              footer: PAGE_LAYOUT.footer,
            },
          },
          // 22 lines a page (第5.2.3条): Word's 文档网格 "只指定行网格" at the body's line pitch.
          grid: { type: DocumentGridType.LINES, linePitch: LINE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: children(content),
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE_XML }]);
}
