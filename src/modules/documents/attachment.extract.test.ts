import { describe, expect, it } from 'vitest';
import {
  BROKEN_PDF,
  EXE,
  GIF,
  JPEG,
  PNG,
  sampleDocx,
  samplePdf,
  sampleXlsx,
  sampleZip,
  WEBP,
} from '../../../test/support/samples.js';
import {
  ACCEPTED_TYPES,
  attachmentName,
  describeAttachment,
  EXTRACTION_LIMITS,
  extractText,
  formatSize,
  pageOf,
  sniffAttachment,
} from './attachment.extract.js';

const T = (mime: string) => ACCEPTED_TYPES[mime]!;
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('attachment type by content', () => {
  it('names every accepted type from its bytes', async () => {
    const cases: [Buffer, string][] = [
      [samplePdf(['x']), 'pdf'],
      [await sampleDocx(['x']), 'docx'],
      [await sampleXlsx({ S: [['x']] }), 'xlsx'],
      [PNG, 'image'],
      [JPEG, 'image'],
      [GIF, 'image'],
      [WEBP, 'image'],
    ];
    for (const [data, kind] of cases) expect((await sniffAttachment(data))?.kind).toBe(kind);
    expect((await sniffAttachment(JPEG))?.mime).toBe('image/jpeg');
    expect((await sniffAttachment(WEBP))?.mime).toBe('image/webp');
  });

  it('tells DOCX from XLSX although both are ZIP files', async () => {
    expect((await sniffAttachment(await sampleDocx(['x'])))?.mime).toBe(DOCX);
    expect((await sniffAttachment(await sampleXlsx({ S: [['x']] })))?.mime).toBe(XLSX);
  });

  it('refuses everything else: executables, HTML, SVG, plain text and ZIP, empty files', async () => {
    const refused = [
      EXE,
      Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
      Buffer.from('身份证号码清单'),
      await sampleZip(),
      Buffer.alloc(0),
    ];
    for (const data of refused) expect(await sniffAttachment(data)).toBeNull();
  });
});

describe('text extraction', () => {
  it('reads every page of a PDF, separated by a page break, and counts the pages', async () => {
    const r = await extractText(T(PDF), samplePdf(['First page', 'Second page 110101']), null);
    expect(r).toMatchObject({ status: 'ok', pageCount: 2, error: null });
    expect(r.text).toBe('First page\fSecond page 110101');
    expect(pageOf(r.text!, r.text!.indexOf('110101'))).toBe(2);
    expect(pageOf(r.text!, 0)).toBe(1);
  });

  it('reads the raw text of a DOCX and the cells of every XLSX sheet', async () => {
    const docx = await extractText(T(DOCX), await sampleDocx(['第一段', '第二段']), null);
    expect(docx.status).toBe('ok');
    expect(docx.text).toContain('第一段');
    expect(docx.text).toContain('第二段');
    const xlsx = await extractText(
      T(XLSX),
      await sampleXlsx({
        名单: [
          ['姓名', '电话'],
          ['张某', 13812345678],
        ],
        汇总: [['合计', 1]],
      }),
      null,
    );
    expect(xlsx.status).toBe('ok');
    expect(xlsx.text).toBe('【名单】\n姓名\t电话\n张某\t13812345678\n\f【汇总】\n合计\t1\n');
  });

  it('uses an image description as its text (no OCR)', async () => {
    expect(await extractText(T('image/png'), PNG, '办事流程图')).toEqual({
      status: 'ok',
      text: '办事流程图',
      error: null,
      pageCount: null,
    });
  });

  it('records a broken file as a failed extraction instead of throwing', async () => {
    const r = await extractText(T(PDF), BROKEN_PDF, null);
    expect(r.status).toBe('failed');
    expect(r.text).toBeNull();
    expect(r.error).toContain('无法读取 PDF');
    const docx = await extractText(T(DOCX), Buffer.from('PK\x03\x04 not really a zip', 'latin1'), null);
    expect(docx.status).toBe('failed');
    expect(docx.error).toContain('Word');
  });

  it('stops at the page and character caps and says so', async () => {
    const pages = await extractText(T(PDF), samplePdf(['one', 'two', 'three']), null, {
      ...EXTRACTION_LIMITS,
      pages: 2,
    });
    expect(pages.text).toBe('one\ftwo');
    expect(pages.pageCount).toBe(3);
    expect(pages.error).toContain('前 2 页');
    const chars = await extractText(T(DOCX), await sampleDocx(['abcdefghij']), null, {
      ...EXTRACTION_LIMITS,
      chars: 4,
    });
    expect(chars.text).toBe('abcd');
    expect(chars.error).toContain('前 4 个字符');
  });

  it('gives up after the time limit', async () => {
    const r = await extractText(T(XLSX), await sampleXlsx({ S: [['x']] }), null, {
      ...EXTRACTION_LIMITS,
      timeoutMs: 0,
    });
    expect(r).toMatchObject({ status: 'failed', error: expect.stringContaining('超时') });
  });

  it('reports a PDF without text (a scan) as having none', async () => {
    const r = await extractText(T(PDF), samplePdf(['']), null);
    expect(r.status).toBe('none');
    expect(r.error).toContain('扫描件');
  });
});

describe('names and sizes', () => {
  it('keeps the name but gives it the extension the content has, without paths or control characters', () => {
    expect(attachmentName('年度报告.pdf', T(PDF))).toBe('年度报告.pdf');
    expect(attachmentName('年度报告.PDF', T(PDF))).toBe('年度报告.PDF');
    expect(attachmentName('报告.pdf', T(DOCX))).toBe('报告.docx');
    expect(attachmentName('C:\\Users\\张某\\表格', T(XLSX))).toBe('表格.xlsx');
    expect(attachmentName('../../etc/passwd', T(PDF))).toBe('passwd.pdf');
    expect(attachmentName('照片.jpeg', T('image/jpeg'))).toBe('照片.jpeg');
    expect(attachmentName('a\u0000b"c.pdf', T(PDF))).toBe('abc.pdf');
    expect(attachmentName('', T(PDF))).toBe('附件.pdf');
    expect(attachmentName(null, T('image/png'))).toBe('附件.png');
    expect(attachmentName(`${'长'.repeat(300)}.pdf`, T(PDF))).toHaveLength(200);
  });

  it('describes type and size the way the portal shows them', () => {
    expect(formatSize(500)).toBe('500 B');
    expect(formatSize(2048)).toBe('2 KB');
    expect(formatSize(1.2 * 1024 * 1024)).toBe('1.2 MB');
    expect(describeAttachment({ mime: PDF, size: 1.2 * 1024 * 1024 })).toBe('PDF，1.2 MB');
    expect(describeAttachment({ mime: XLSX, size: 3000 })).toBe('Excel 表格，3 KB');
  });
});
