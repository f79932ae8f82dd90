/**
 * Word documents laid out after GB/T 9704-2012 《党政机关公文格式》, shared by the letters of
 * applications and the annual report. No I/O: documents are built in memory, with no external files,
 * fonts or network.
 *
 * - 第5.1条、第5.2.1条: A4 (210 mm × 297 mm); 天头 (top) 37 mm, 订口 (left) 28 mm, 版心 156 mm × 225 mm,
 *   so bottom 297 − 37 − 225 = 35 mm and right 210 − 28 − 156 = 26 mm.
 * - 第5.2.2条、第5.2.3条: body in 3号仿宋 (16 pt), 22 lines a page: 225 mm / 22 = 28.99 pt, written as an
 *   exact 28.95 pt (579 twips) line so that 22 lines fit (580 twips would leave room for 21).
 * - 第7.3.1条: the title in 2号小标宋 (22 pt). 第7.5条: page numbers in 4号 (14 pt) 宋体 between dashes,
 *   '— 1 —', odd pages right, even pages left, one character in from the edge.
 *
 * Fonts: 方正小标宋简体 and 仿宋_GB2312 are the usual fonts of 公文 but are not installed everywhere. Runs
 * name them as the East Asian font (w:rFonts w:eastAsia, hint eastAsia) with SimSun/FangSong/SimHei for
 * Latin text, and the font table names 宋体/仿宋/黑体 as their w:altName, the alternative Word uses when a
 * font is missing. The font table is written here (Packer override) because docx only writes entries
 * for embedded fonts.
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
  type Table,
  TextRun,
} from 'docx';

/** Millimetres to twips (1/1440 inch), rounded to the nearest twip. */
export const mm = (v: number): number => Math.round((v * 1440) / 25.4);

/** Page geometry in twips (第5.2.1条). A4 is Word's 11906 × 16838. */
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
export const TEXT_WIDTH = mm(156);

export const TITLE_POINTS = 22;
export const BODY_POINTS = 16;
const PAGE_NUMBER_POINTS = 14;
/** One character of body text in twips (the em of 3号): indents are counted in characters. */
export const CHAR = BODY_POINTS * 20;
/** The exact body line (22 lines a page). */
export const LINE = 579;

export const TITLE_FONT = '方正小标宋简体';
export const BODY_FONT = '仿宋_GB2312';
const fonts = (eastAsia: string, latin: string): IFontAttributesProperties => ({
  eastAsia,
  ascii: latin,
  hAnsi: latin,
  cs: latin,
  hint: 'eastAsia',
});
export const FONTS = {
  title: fonts(TITLE_FONT, 'SimSun'),
  body: fonts(BODY_FONT, 'FangSong'),
  hei: fonts('黑体', 'SimHei'),
  song: fonts('宋体', 'SimSun'),
} as const;

/** The font table: each font with the alternative Word takes when it is missing; charset 86 is GB2312. */
const FONT_TABLE_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  [
    [TITLE_FONT, '宋体'],
    [BODY_FONT, '仿宋'],
    ['黑体', 'SimHei'],
    ['宋体', 'SimSun'],
    ['SimSun', '宋体'],
    ['SimHei', '黑体'],
    ['FangSong', '仿宋'],
  ]
    .map(
      ([name, alt]) =>
        `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('') +
  '</w:fonts>';

export interface RunStyle {
  font: IFontAttributesProperties;
  points: number;
  bold?: boolean;
}

/** Text as runs; a newline in the text becomes a line break. docx escapes the XML special characters. */
export function runs(text: string, style: RunStyle): TextRun[] {
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

/** Exact line spacing (the 22-line grid). */
export const exact = (line: number, extra: { before?: number; after?: number } = {}) => ({
  line,
  lineRule: LineRuleType.EXACT,
  ...extra,
});

/** '— 1 —' one character in from the outer edge (第7.5条). */
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
            font: FONTS.song,
            size: PAGE_NUMBER_POINTS * 2,
          }),
        ],
      }),
    ],
  });
}

/** A document in the 公文 layout: body defaults, A4 page, 22-line grid, page numbers, the font table. */
export function gbt9704Docx(
  meta: { title: string; subject: string; description?: string },
  children: (Paragraph | Table)[],
): Promise<Buffer> {
  const doc = new Document({
    title: meta.title,
    subject: meta.subject,
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    creator: 'Gongkai',
    lastModifiedBy: 'Gongkai',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: FONTS.body, size: BODY_POINTS * 2 },
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
        children,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE_XML }]);
}
