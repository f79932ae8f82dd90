/**
 * What an uploaded attachment is, by its content, and the text inside it (issue 3: attachments are
 * "stored with their text extracted for search; size and type checked by content, not by name").
 *
 * - The type comes from file-type's magic-number sniffing. DOCX and XLSX are both ZIP files; file-type
 *   tells them apart by their parts ([Content_Types].xml, word/ or xl/). Anything else — an .exe
 *   named .pdf, HTML, SVG, old .doc/.xls, a plain ZIP — is refused.
 * - Text: PDF with pdfjs (one string per page, pages separated by a form feed), DOCX with mammoth
 *   (raw text), XLSX with exceljs (cell text of every sheet, sheets separated by a form feed).
 *   Images have no OCR: their required description (alt text) is their text.
 * - The work is bounded (pages, characters, time) and never throws: a broken or hostile file gives
 *   `status: 'failed'` with a Chinese reason, shown to staff, and the upload still succeeds.
 */
import { fileTypeFromBuffer } from 'file-type';
import type { AttachmentKind } from '../../platform/db/schema.js';

export type { AttachmentKind };

export interface AcceptedType {
  mime: string;
  kind: AttachmentKind;
  /** Extension the download name carries. */
  ext: string;
  /** Short Chinese name of the type, shown in lists: "PDF，1.2 MB". */
  label: string;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every accepted type, keyed by the MIME type file-type reports. */
export const ACCEPTED_TYPES: Record<string, AcceptedType> = {
  'application/pdf': { mime: 'application/pdf', kind: 'pdf', ext: 'pdf', label: 'PDF' },
  [DOCX]: { mime: DOCX, kind: 'docx', ext: 'docx', label: 'Word 文档' },
  [XLSX]: { mime: XLSX, kind: 'xlsx', ext: 'xlsx', label: 'Excel 表格' },
  'image/png': { mime: 'image/png', kind: 'image', ext: 'png', label: 'PNG 图片' },
  'image/jpeg': { mime: 'image/jpeg', kind: 'image', ext: 'jpg', label: 'JPG 图片' },
  'image/gif': { mime: 'image/gif', kind: 'image', ext: 'gif', label: 'GIF 图片' },
  'image/webp': { mime: 'image/webp', kind: 'image', ext: 'webp', label: 'WebP 图片' },
};

/** What the upload field accepts (a hint for the browser's file picker; the server sniffs anyway). */
export const ACCEPT_ATTRIBUTE = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp';

/** The accepted type of these bytes by their content, or null when they are anything else. */
export async function sniffAttachment(data: Buffer): Promise<AcceptedType | null> {
  if (data.length === 0) return null;
  const found = await fileTypeFromBuffer(data);
  return (found && ACCEPTED_TYPES[found.mime]) ?? null;
}

export interface ExtractionLimits {
  /** PDF pages read (the page count is still recorded). */
  pages: number;
  /** Characters kept; the rest is cut and the cut noted. */
  chars: number;
  /** Milliseconds before extraction gives up. */
  timeoutMs: number;
}

export const EXTRACTION_LIMITS: ExtractionLimits = { pages: 300, chars: 300_000, timeoutMs: 20_000 };

export interface Extraction {
  status: 'ok' | 'failed' | 'none';
  text: string | null;
  /** Why extraction failed, or a note that the text was cut at a limit (Chinese, for staff). */
  error: string | null;
  pageCount: number | null;
}

/** Separates pages (PDF) and sheets (XLSX) in extracted text: findings can name their page. */
export const PAGE_BREAK = '\f';

class Cut extends Error {}

/** Collects text up to the character cap. */
class TextSink {
  private parts: string[] = [];
  private length = 0;
  truncated = false;
  constructor(private readonly cap: number) {}
  push(s: string): void {
    if (this.truncated) throw new Cut();
    const room = this.cap - this.length;
    if (s.length > room) {
      this.parts.push(s.slice(0, room));
      this.length = this.cap;
      this.truncated = true;
      throw new Cut();
    }
    this.parts.push(s);
    this.length += s.length;
  }
  text(): string {
    return this.parts.join('');
  }
}

type PdfModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfModule> | undefined;

async function extractPdf(
  data: Buffer,
  sink: TextSink,
  limits: ExtractionLimits,
  onCancel: (fn: () => void) => void,
): Promise<number> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = await pdfjs;
  // pdfjs takes ownership of the array it is given: hand it a copy, never the stored bytes.
  const task = getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  onCancel(() => void task.destroy());
  const doc = await task.promise;
  try {
    const pages = doc.numPages;
    try {
      for (let n = 1; n <= Math.min(pages, limits.pages); n++) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        let line = '';
        for (const item of content.items) {
          if (!('str' in item)) continue;
          line += item.str;
          if (item.hasEOL) line += '\n';
        }
        page.cleanup();
        sink.push(n > 1 ? `${PAGE_BREAK}${line}` : line);
      }
    } catch (e) {
      if (!(e instanceof Cut)) throw e;
    }
    if (pages > limits.pages) sink.truncated = true;
    return pages;
  } finally {
    await doc.destroy();
  }
}

async function extractDocx(data: Buffer, sink: TextSink): Promise<void> {
  const mammoth = (await import('mammoth')).default;
  const r = await mammoth.extractRawText({ buffer: data });
  try {
    sink.push(r.value.replace(/\n{3,}/g, '\n\n').trim());
  } catch (e) {
    if (!(e instanceof Cut)) throw e;
  }
}

async function extractXlsx(data: Buffer, sink: TextSink): Promise<number> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  // exceljs' own Buffer type lags behind @types/node's generic Buffer.
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  let sheets = 0;
  try {
    wb.eachSheet((ws) => {
      sink.push(`${sheets > 0 ? PAGE_BREAK : ''}【${ws.name}】\n`);
      sheets += 1;
      ws.eachRow({ includeEmpty: false }, (row) => {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell) => {
          const t = cell.text?.trim();
          if (t) cells.push(t);
        });
        if (cells.length) sink.push(`${cells.join('\t')}\n`);
      });
    });
  } catch (e) {
    if (!(e instanceof Cut)) throw e;
  }
  return wb.worksheets.length;
}

const FAILURE: Record<Exclude<AttachmentKind, 'image'>, string> = {
  pdf: '无法读取 PDF 中的文字：文件可能已损坏、加密或为扫描件',
  docx: '无法读取 Word 文档中的文字：文件可能已损坏或加密',
  xlsx: '无法读取 Excel 表格中的文字：文件可能已损坏或加密',
};

/**
 * The text of an attachment. Never throws: failures and timeouts are reported in the result.
 * Images: the description is the text (no OCR).
 */
export async function extractText(
  type: AcceptedType,
  data: Buffer,
  altText: string | null,
  limits: ExtractionLimits = EXTRACTION_LIMITS,
): Promise<Extraction> {
  if (type.kind === 'image')
    return { status: altText ? 'ok' : 'none', text: altText, error: null, pageCount: null };
  const kind = type.kind;
  const sink = new TextSink(limits.chars);
  let cancel: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      cancel?.();
      reject(new Error('timeout'));
    }, limits.timeoutMs);
  });
  const work = (async (): Promise<number | null> => {
    if (kind === 'pdf')
      return extractPdf(data, sink, limits, (fn) => {
        cancel = fn;
      });
    if (kind === 'docx') {
      await extractDocx(data, sink);
      return null;
    }
    return extractXlsx(data, sink);
  })();
  try {
    const pageCount = await Promise.race([work, timeout]);
    const text = sink.text();
    const notes: string[] = [];
    if (sink.truncated)
      notes.push(
        kind === 'pdf' && pageCount !== null && pageCount > limits.pages
          ? `文字过多，只提取了前 ${limits.pages} 页或前 ${limits.chars} 个字符`
          : `文字过多，只提取了前 ${limits.chars} 个字符`,
      );
    if (!text.replace(/[\s\f]/g, ''))
      return {
        status: 'none',
        text: null,
        error: kind === 'pdf' ? '未找到可提取的文字（可能为扫描件，请人工核对内容）' : '未找到可提取的文字',
        pageCount: kind === 'pdf' ? pageCount : null,
      };
    return {
      status: 'ok',
      text,
      error: notes.length ? notes.join('；') : null,
      pageCount: kind === 'pdf' ? pageCount : null,
    };
  } catch (e) {
    // The work may still settle later; its result is dropped, and an error must not go unhandled.
    work.catch(() => {});
    const timedOut = e instanceof Error && e.message === 'timeout';
    return {
      status: 'failed',
      text: null,
      error: timedOut ? `提取文字超时（超过 ${Math.round(limits.timeoutMs / 1000)} 秒）` : FAILURE[kind],
      pageCount: null,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Page (PDF) or sheet (XLSX) number of a text offset: 1 + the page breaks before it. */
export function pageOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf(PAGE_BREAK); i !== -1 && i < offset; i = text.indexOf(PAGE_BREAK, i + 1)) n++;
  return n;
}

/** "PDF，1.2 MB": the type and size as the portal shows them. */
export function describeAttachment(a: { mime: string; size: number }): string {
  return `${ACCEPTED_TYPES[a.mime]?.label ?? '文件'}，${formatSize(a.size)}`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const m = bytes / 1024 / 1024;
  return Number.isInteger(m) ? `${m} MB` : `${(Math.round(m * 10) / 10).toFixed(1)} MB`;
}

const KNOWN_EXTS = new Set(['pdf', 'docx', 'xlsx', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'doc', 'xls']);

/**
 * The display name: the last path segment of what was given, without control characters, with the
 * extension the content really has ("报告.pdf" holding a DOCX becomes "报告.docx").
 */
export function attachmentName(raw: string | null | undefined, type: AcceptedType): string {
  let n = (raw ?? '').replace(/\\/g, '/').split('/').pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  n = n.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim();
  const dot = n.lastIndexOf('.');
  const ext = dot > 0 ? n.slice(dot + 1).toLowerCase() : '';
  const base = (dot > 0 && KNOWN_EXTS.has(ext) ? n.slice(0, dot) : n).trim() || '附件';
  const keep = ext === type.ext || (type.ext === 'jpg' && ext === 'jpeg');
  const suffix = keep ? n.slice(dot) : `.${type.ext}`;
  return `${base.slice(0, 200 - suffix.length)}${suffix}`;
}
