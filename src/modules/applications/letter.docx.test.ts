import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { volumeFee } from './fee.rules.js';
import { renderLetterDocx } from './letter.docx.js';
import {
  LETTER_KINDS,
  type LetterContent,
  type LetterData,
  type LetterKind,
  letterContent,
} from './letter.rules.js';

const DATA: LetterData = {
  agencyName: '示例市规划和自然资源局',
  referenceNo: '示规资依申〔2026〕12号',
  letterDate: '2026-11-26',
  applicantName: '张某某',
  trackingCode: 'K7M3Q9PX',
  subject: '示例市2025年国有建设用地供应计划',
  receivedOn: '2026-11-02',
  dueOn: '2026-11-30',
  reconsiderationAgencies: ['示例市人民政府'],
  receipt: { channel: 'registered_post' },
  supplement: { items: ['请明确所需信息的文件名称或文号'], deadline: '2026-12-10' },
  extension: { days: 10, newDueOn: '2026-12-14', reason: '需要调档查阅' },
  consultation: { party: '示例置业有限公司', partyKind: 'third_party', windowEnd: '2026-12-17' },
  fee: { method: 'volume', quote: volumeFee(150) },
  reply: { type: 'withheld_state_secret', body: '该信息已依法定密。' },
};

/** An article each kind must cite, as it appears in the document. */
const CITES: Record<LetterKind, string[]> = {
  receipt: ['第三十一条第（二）项', '第三十三条第一款'],
  supplement: ['第三十条'],
  extension: ['第三十三条第二款'],
  consultation: ['第三十二条'],
  fee_notice: ['国办函〔2020〕109号', '第四十二条'],
  reply: ['第十四条、第三十六条第（三）项', '行政复议法》第二十三条'],
};

interface Parts {
  document: string;
  core: string;
  fonts: string;
  rels: string;
  footers: string[];
  buffer: Buffer;
}

async function render(content: LetterContent): Promise<Parts> {
  const buffer = await renderLetterDocx(content);
  const zip = await JSZip.loadAsync(buffer);
  const read = (path: string) => zip.file(path)!.async('string');
  return {
    document: await read('word/document.xml'),
    core: await read('docProps/core.xml'),
    fonts: await read('word/fontTable.xml'),
    rels: await read('word/_rels/document.xml.rels'),
    footers: await Promise.all(['word/footer1.xml', 'word/footer2.xml'].map(read)),
    buffer,
  };
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** Each w:p as its raw XML and its decoded text (line breaks as '\n'). */
function paragraphs(xml: string): { xml: string; text: string }[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)].map(([p]) => ({
    xml: p,
    text: [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map(([m, t]) => (m === '<w:br/>' ? '\n' : decode(t ?? '')))
      .join(''),
  }));
}

const paragraphWith = (xml: string, text: string) => paragraphs(xml).find((p) => p.text.includes(text));

/**
 * A small XML well-formedness check: tags nest and close, attributes are quoted, and every '&' starts an
 * entity. Throws with the offset of the first problem.
 */
function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const token =
    /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*"|\s+[\w:.-]+='[^'<]*')*)\s*(\/?)>|([^<]+)|(<)/g;
  const badAmp = /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  for (const m of body.matchAll(token)) {
    const [, close, name, attrs, selfClose, text, stray] = m;
    if (stray !== undefined) throw new Error(`stray '<' at ${m.index}`);
    if (text !== undefined) {
      if (badAmp.test(text)) throw new Error(`bare '&' at ${m.index}`);
      if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root at ${m.index}`);
      continue;
    }
    if (attrs && badAmp.test(attrs)) throw new Error(`bare '&' in an attribute at ${m.index}`);
    if (close) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes the wrong element at ${m.index}`);
    } else if (!selfClose) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length > 0) throw new Error(`unclosed elements: ${stack.join(' > ')}`);
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`);
}

describe('assertWellFormed (the test helper)', () => {
  it('accepts good XML and rejects broken XML', () => {
    expect(() => assertWellFormed('<?xml version="1.0"?><a x="1"><b/>t &amp; u</a>')).not.toThrow();
    expect(() => assertWellFormed('<a><b></a></b>')).toThrow();
    expect(() => assertWellFormed('<a>x & y</a>')).toThrow();
    expect(() => assertWellFormed('<a>x < y</a>')).toThrow();
    expect(() => assertWellFormed('<a></a><b></b>')).toThrow();
  });
});

describe('renderLetterDocx', () => {
  it.each(LETTER_KINDS)('renders the %s with its title, number, date and citations', async (kind) => {
    const content = letterContent(kind, DATA);
    const { document, core } = await render(content);
    assertWellFormed(document);
    assertWellFormed(core);
    const all = paragraphs(document)
      .map((p) => p.text)
      .join('\n');
    expect(all).toContain(content.title);
    expect(all).toContain('示规资依申〔2026〕12号');
    expect(all).toContain('二〇二六年十一月二十六日');
    expect(all).toContain(`${content.addressee}：`);
    expect(all).toContain('（印章）');
    for (const cite of CITES[kind]) expect(all).toContain(cite);
    for (const p of content.paragraphs) expect(all).toContain(p);
    expect(document.match(/<w:p[\s>]/g)?.length).toBe(document.match(/<\/w:p>/g)?.length);
    expect(core).toContain(`<dc:title>${content.title}</dc:title>`);
    expect(core).toContain('<dc:creator>Gongkai</dc:creator>');
  });

  it('lays the page out per GB/T 9704-2012: A4 and margins 37/35/28/26 mm in twips', async () => {
    const { document } = await render(letterContent('reply', DATA));
    const sect = document.match(/<w:sectPr>[\s\S]*<\/w:sectPr>/)![0];
    expect(sect).toContain('<w:pgSz w:w="11906" w:h="16838"');
    const margin = sect.match(/<w:pgMar [^>]*>/)![0];
    expect(margin).toContain('w:top="2098"');
    expect(margin).toContain('w:bottom="1984"');
    expect(margin).toContain('w:left="1587"');
    expect(margin).toContain('w:right="1474"');
    expect(sect).toContain('w:linePitch="579"');
  });

  it('sets the title in 2号小标宋, the body in 3号仿宋 with a two-character first-line indent', async () => {
    const content = letterContent('reply', DATA);
    const { document } = await render(content);
    const title = paragraphWith(document, content.title)!.xml;
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    const body = paragraphWith(document, '该信息已依法定密。')!.xml;
    expect(body).toMatch(/<w:ind [^>]*w:firstLine="640"/);
    expect(body).toMatch(/<w:ind [^>]*w:firstLineChars="200"/);
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('<w:sz w:val="32"/>');
    expect(paragraphs(document).filter((p) => p.xml.includes('w:firstLineChars="200"'))).toHaveLength(
      content.paragraphs.length,
    );
  });

  it('right-aligns the number under the title, and the issuer, date and seal note at the end', async () => {
    const content = letterContent('reply', DATA);
    const { document } = await render(content);
    const ps = paragraphs(document);
    const at = (text: string) => ps.findIndex((p) => p.text === text);
    expect(at(content.referenceNo)).toBe(at(content.title) + 1);
    expect(ps[at(content.referenceNo)]!.xml).toContain('<w:jc w:val="right"/>');
    expect(ps[at('张某某：')]!.xml).not.toContain('w:firstLine');
    for (const end of [content.issuer, content.date, '（印章）']) {
      expect(ps[at(end)]!.xml).toContain('<w:jc w:val="right"/>');
      expect(ps[at(end)]!.xml).toContain('w:right="1280"');
    }
    expect(at(content.date)).toBeGreaterThan(at('特此告知。'));
  });

  it('puts the fee breakdown in a real table after the paragraph that announces it', async () => {
    const { document } = await render(letterContent('fee_notice', DATA));
    const table = document.match(/<w:tbl>[\s\S]*<\/w:tbl>/)![0];
    const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map(([r]) => r);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows.slice(1).some((r) => r.includes('tblHeader'))).toBe(false);
    expect(paragraphs(rows[0]!).map((p) => p.text)).toEqual(['计费区间', '数量', '单价（元）', '小计（元）']);
    expect(paragraphs(rows[3]!).map((p) => p.text)).toEqual(['第101—150页', '50页', '20', '1000']);
    expect(paragraphs(rows[4]!).map((p) => p.text)).toEqual(['合计', '150页', '—', '1700']);
    const where = (s: string) => document.indexOf(s);
    expect(where('<w:tbl>')).toBeGreaterThan(where('计费明细见下表'));
    expect(where('<w:tbl>')).toBeLessThan(where('缴费方式'));
  });

  it('escapes XML special characters of the drafter’s text and of the agency name', async () => {
    const body = '<script>alert("x")</script> & \'引号\' ]]> A&amp;B';
    const agencyName = '示例市“规划”&<自然资源>局';
    const reply = { type: 'disclosed', body, extra: '附件一份' } as const;
    const content = letterContent('reply', { ...DATA, agencyName, reply });
    const { document, core, buffer } = await render(content);
    assertWellFormed(document);
    assertWellFormed(core);
    expect(core).toContain('<dc:title>示例市“规划”&amp;&lt;自然资源&gt;局政府信息公开申请答复书</dc:title>');
    expect(paragraphs(document).some((p) => p.text === agencyName)).toBe(true);
    expect(document).not.toContain('<script>');
    expect(document).toContain('&lt;script&gt;');
    expect(document).toContain('A&amp;amp;B');
    expect(paragraphWith(document, 'alert')!.text).toBe(body);
    const { value } = await mammoth.extractRawText({ buffer });
    expect(value).toContain(body);
  });

  it('names fallback fonts in the font table and numbers pages in the footers', async () => {
    const { fonts, footers, rels } = await render(letterContent('receipt', DATA));
    assertWellFormed(fonts);
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    for (const f of footers) {
      assertWellFormed(f);
      expect(f).toContain('PAGE');
    }
    expect(rels).not.toContain('External');
  });

  it('keeps line breaks of a multi-line title as breaks', async () => {
    const content = letterContent('reply', DATA, {
      templates: { reply: { title: '{{agencyName}}\n政府信息公开申请答复书' } },
    });
    const { document } = await render(content);
    expect(paragraphWith(document, '政府信息公开申请答复书')!.text).toBe(
      '示例市规划和自然资源局\n政府信息公开申请答复书',
    );
  });
});
