import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { RESULT_ROWS, SECTION_THREE_NOTE } from '../applications/index.js';
import { reportDocx } from './report.docx.js';
import {
  type AnnualReportData,
  emptySectionFour,
  emptySectionThree,
  emptySectionTwo,
  SECTION_FOUR_COLUMNS,
  SECTION_TWO_ITEMS,
} from './report.format.js';
import { SECTION_HEADINGS } from './report.views.js';

function report(): AnnualReportData {
  const three = emptySectionThree();
  three['1'] = {
    person: 821,
    company: 35,
    research: 0,
    public_interest: 0,
    legal_service: 2,
    other_org: 1,
    total: 859,
  };
  three['3.7'].total = 805;
  const four = emptySectionFour();
  four.litigation_direct = { 结果维持: 8, 结果纠正: 0, 其他结果: 0, 尚未审结: 1, 总计: 9 };
  const two = emptySectionTwo();
  two.charges.amount = 1.25;
  return {
    year: 2025,
    agency: '示例市<测试>&局',
    two,
    three,
    four,
    texts: { overview: '第一段。\n\n第二段。', problems: '问题。', other: '' },
  };
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The decoded text of each w:p. */
const paragraphs = (xml: string): string[] =>
  [...xml.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)].map(([p]) =>
    [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map(([, t]) => decode(t ?? '')).join(''),
  );

async function render(opts?: { issuedOn?: string }) {
  const buffer = await reportDocx(report(), opts);
  const zip = await JSZip.loadAsync(buffer);
  const document = await zip.file('word/document.xml')!.async('string');
  return { buffer, document, texts: paragraphs(document) };
}

describe('reportDocx', () => {
  it('writes the title, the six section headings and the texts as paragraphs, escaped', async () => {
    const { texts, document } = await render();
    expect(texts[0]).toBe('示例市<测试>&局2025年政府信息公开工作年度报告');
    expect(document).toContain('示例市&lt;测试&gt;&amp;局');
    const at = Object.values(SECTION_HEADINGS).map((h) => texts.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(texts.slice(at[0]! + 1, at[0]! + 3)).toEqual(['第一段。', '第二段。']);
    expect(texts[at[5]! + 1]).toBe('（未填写）');
  });

  it('sets the fonts of the official layout on A4', async () => {
    const { document } = await render();
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(document).toMatch(/w:eastAsia="方正小标宋简体"[\s\S]*?<w:t[^>]*>示例市/);
    expect(document).toMatch(/w:eastAsia="黑体"[\s\S]*?<w:t[^>]*>一、总体情况/);
    expect(document).toMatch(/w:eastAsia="仿宋_GB2312"[\s\S]*?<w:t[^>]*>第一段。/);
  });

  it('has every row label of section 三, the 15 columns of 四 and the labels of 二', async () => {
    const { texts } = await render();
    expect(texts).toContain(SECTION_THREE_NOTE);
    const labels = [
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '三、本年度办理结果',
      ...RESULT_ROWS.map((r) => r.label),
      '四、结转下年度继续办理',
    ];
    expect(RESULT_ROWS).toHaveLength(22);
    let last = -1;
    for (const l of labels) {
      const i = texts.indexOf(l, last + 1);
      expect(i, l).toBeGreaterThan(last);
      last = i;
    }
    for (const c of [
      '申请人情况',
      '自然人',
      '法人或其他组织',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
    ])
      expect(texts).toContain(c);
    const four = texts.slice(texts.indexOf(SECTION_HEADINGS.four));
    for (const c of SECTION_FOUR_COLUMNS) expect(four.filter((t) => t === c)).toHaveLength(3);
    for (const g of ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉']) expect(texts).toContain(g);
    for (const it of SECTION_TWO_ITEMS) expect(texts).toContain(it.item);
    expect(texts).toContain('本年收费金额（单位：万元）');
  });

  it('prints the numbers in their cells', async () => {
    const { texts } = await render();
    const row = texts.indexOf('一、本年新收政府信息公开申请数量');
    expect(texts.slice(row + 1, row + 8)).toEqual(['821', '35', '0', '0', '2', '1', '859']);
    expect(texts).toContain('805');
    expect(texts).toContain('1.25');
    const four = texts.indexOf(SECTION_HEADINGS.four);
    const after = texts.indexOf(SECTION_HEADINGS.problems);
    expect(texts.slice(after - 15, after)).toEqual([
      '0',
      '0',
      '0',
      '0',
      '0',
      '8',
      '0',
      '0',
      '1',
      '9',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
    expect(four).toBeGreaterThan(0);
  });

  it('merges header cells as the printed format does and repeats header rows on each page', async () => {
    const { document, buffer } = await render();
    expect(document).toContain('<w:gridSpan w:val="7"/>'); // 申请人情况
    expect(document).toContain('<w:gridSpan w:val="5"/>'); // 法人或其他组织, 未经复议直接起诉 …
    expect(document).toContain('<w:gridSpan w:val="10"/>'); // 行政诉讼
    expect(document).toContain('<w:vMerge w:val="restart"/>');
    expect(document.match(/<w:vMerge w:val="continue"\/>|<w:vMerge\/>/g)!.length).toBeGreaterThanOrEqual(
      21 + 7 + 2 + 4 + 5,
    );
    expect(document.match(/<w:tblHeader\/>|<w:tblHeader w:val="true"\/>/g)).toHaveLength(6);
    expect(document.match(/<w:insideV w:val="single"/g)).toHaveLength(3);
    // A reader sees the merges: 三 spans its 22 rows, 不予公开 its 8.
    const { value: html } = await mammoth.convertToHtml({ buffer });
    expect(html).toMatch(/<td rowspan="22"><p>三、本年度办理结果<\/p><\/td>/);
    expect(html).toMatch(/<td rowspan="8"><p>（三）不予公开<\/p><\/td>/);
    expect(html).toMatch(/<th colspan="3" rowspan="3"><p>（本列数据/);
  });

  it('closes with the agency and the date when an issue date is given', async () => {
    const { texts } = await render({ issuedOn: '2026-01-20' });
    expect(texts.slice(-2)).toEqual(['示例市<测试>&局', '2026年1月20日']);
    expect((await render()).texts.at(-1)).toBe('（未填写）');
  });
});
