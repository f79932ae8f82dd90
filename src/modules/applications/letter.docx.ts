/**
 * A letter (letter.rules.ts LetterContent) as a Word document in the 公文 layout of GB/T 9704-2012
 * (page, fonts, 22-line grid and page numbers: platform/docx/gbt9704.ts).
 * - 第7.3.1条: the title in 2号小标宋, centred. 第7.3.2条: the addressee flush left, ending in a
 *   full-width colon. 第7.3.3条: each paragraph indented by two characters.
 * - 第7.3.5.1条: the date 右空四字 (4 characters from the right edge); the issuer above it, and the seal
 *   over both: here a '（印章）' line marks where it goes.
 * - 第8条: tables in the body; the header row repeats on each page.
 */
import { AlignmentType, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import {
  BODY_POINTS,
  CHAR,
  exact,
  FONTS,
  gbt9704Docx,
  LINE,
  runs,
  TEXT_WIDTH,
  TITLE_POINTS,
} from '../../platform/docx/gbt9704.js';
import { LETTER_KIND_NAMES, type LetterContent, type LetterTable } from './letter.rules.js';

const TABLE_POINTS = 14;
const { title: TITLE, body: BODY } = FONTS;

const body = { font: BODY, points: BODY_POINTS };

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
  return gbt9704Docx(
    { title: content.title, subject: LETTER_KIND_NAMES[content.kind], description: content.referenceNo },
    children(content),
  );
}
