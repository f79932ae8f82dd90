import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { RESULT_ROWS, SECTION_THREE_NOTE } from '../applications/index.js';
import {
  type AnnualReportData,
  emptySectionFour,
  emptySectionThree,
  emptySectionTwo,
  REPORT_COLUMNS,
  SECTION_FOUR_COLUMNS,
  SECTION_THREE_ROW_KEYS,
  SECTION_THREE_ROW_LABELS,
  SECTION_TWO_ITEMS,
} from './report.format.js';
import {
  formatReportNumber,
  ReportDocument,
  SECTION_HEADINGS,
  SectionFourTable,
  SectionThreeTable,
  textParagraphs,
} from './report.views.js';

function sampleReport(agency = '示例市规划和自然资源局'): AnnualReportData {
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
  three['3.3.4'].person = 7;
  three['3.7'].person = 767;
  const four = emptySectionFour();
  four.reconsideration = { 结果维持: 5, 结果纠正: 0, 其他结果: 0, 尚未审结: 2, 总计: 7 };
  four.litigation_after.总计 = 9;
  const two = emptySectionTwo();
  two.regulations = { issued: 3, repealed: 1, inForce: 42 };
  two.charges.amount = 12.345;
  return {
    year: 2025,
    agency,
    two,
    three,
    four,
    texts: {
      overview: '第一段，含 <b>标记</b> & 符号。\n\n第二段。\n\n\n第三段',
      problems: '存在的问题。',
      other: '',
    },
  };
}

const html = (report: AnnualReportData, highlight?: Set<string>) =>
  render(h(ReportDocument, { report, ...(highlight ? { highlight } : {}) }));

/** The part of the document between two section headings. */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(`>${heading}</h2>`);
  const end = doc.indexOf('<h2', start + 1);
  expect(start).toBeGreaterThan(-1);
  return doc.slice(start, end < 0 ? undefined : end);
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('ReportDocument', () => {
  const doc = html(sampleReport());

  it('titles the report with the agency and year and has the six section headings in order', () => {
    expect(doc).toContain('<h1 id="ar-title">示例市规划和自然资源局 2025 年政府信息公开工作年度报告</h1>');
    const positions = Object.values(SECTION_HEADINGS).map((t) => doc.indexOf(`>${t}</h2>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(render(h(ReportDocument, { report: sampleReport(), title: '另一个标题' }))).toContain(
      '>另一个标题</h1>',
    );
  });

  it('associates every data cell of section 三 with its row headers and its column headers (H43)', () => {
    const part = section(doc, SECTION_HEADINGS.three);
    const ids = new Set([...doc.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const text = (id: string) => {
      const m = new RegExp(`<th[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</th>`).exec(doc);
      return m ? decode(m[1]!.replace(/<[^>]+>/g, '')) : '';
    };
    const tds = [...part.matchAll(/<td([^>]*)>/g)]
      .map((m) => m[1]!)
      .filter((a) => !a.includes('report-note'));
    expect(tds).toHaveLength(25 * 7);
    for (const [i, attrs] of tds.entries()) {
      const headers = /headers="([^"]+)"/.exec(attrs)?.[1]?.split(' ') ?? [];
      for (const id of headers) expect(ids.has(id), `${id} exists`).toBe(true);
      const labels = headers.map(text);
      const rowKey = SECTION_THREE_ROW_KEYS[Math.floor(i / 7)]!;
      expect(labels).toContain(SECTION_THREE_ROW_LABELS[rowKey]);
      expect(labels).toContain('申请人情况');
      const column = REPORT_COLUMNS[i % 7]!;
      if (column !== 'person' && column !== 'total') expect(labels).toContain('法人或其他组织');
      if (rowKey.startsWith('3.')) expect(labels).toContain('三、本年度办理结果');
    }
    // 三(三)4 × 商业企业: 三 › （三）不予公开 › 4.保护第三方合法权益 and 申请人情况 › 法人或其他组织 › 商业企业.
    expect(part).toContain(
      'headers="ar-3-r-3 ar-3-r-3-3 ar-3-r-3-3-4 ar-3-c-applicant ar-3-c-org ar-3-c-company"',
    );
  });

  it('prints the note, all rows of section 三 in order, and the category labels spanning their sub-rows', () => {
    const part = decode(section(doc, SECTION_HEADINGS.three));
    expect(part).toContain(SECTION_THREE_NOTE);
    const labels = ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量'];
    labels.push(...RESULT_ROWS.map((r) => r.label), '四、结转下年度继续办理');
    expect(RESULT_ROWS).toHaveLength(22);
    const at = labels.map((l) => part.indexOf(`>${l}</th>`));
    expect(at.every((p) => p > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(part).toMatch(/rowspan="22"[^>]*>三、本年度办理结果</);
    expect(part).toMatch(/rowspan="8"[^>]*>（三）不予公开</);
    expect(part).toMatch(/rowspan="3"[^>]*>（四）无法提供</);
    expect(part).toMatch(/rowspan="5"[^>]*>（五）不予处理</);
    expect(part).toMatch(/rowspan="3"[^>]*>（六）其他处理</);
    expect(part).toMatch(/colspan="5"[^>]*>法人或其他组织</);
    expect(part).toContain('>859</td>');
  });

  it('lays out section 二 as the four sub-tables of 第二十条 with the amount in 万元', () => {
    const part = section(doc, SECTION_HEADINGS.two);
    for (const it of SECTION_TWO_ITEMS) expect(part).toContain(`<caption>${it.item}</caption>`);
    expect(part).toContain('>42</td>');
    expect(part).toContain('>12.345</td>');
    expect(part).toContain('本年收费金额（单位：万元）');
  });

  it('gives section 四 its 15 columns under 行政复议 and 行政诉讼 › 未经复议直接起诉 / 复议后起诉', () => {
    const part = section(doc, SECTION_HEADINGS.four);
    const tds = [...part.matchAll(/<td headers="([^"]+)"[^>]*>(\d+)/g)];
    expect(tds).toHaveLength(15);
    expect(tds.slice(0, 5).map((m) => m[2])).toEqual(['5', '0', '0', '2', '7']);
    expect(tds[14]![1]).toBe('ar-4-g-1 ar-4-s-litigation_after ar-4-c-litigation_after-4');
    for (const c of SECTION_FOUR_COLUMNS) expect(part.split(`>${c}</th>`)).toHaveLength(4);
    expect(part).toMatch(/colspan="10"[^>]*>行政诉讼</);
    expect(part).toMatch(/colspan="5"[^>]*>未经复议直接起诉</);
    expect(part).toMatch(/colspan="5"[^>]*>复议后起诉</);
    expect(part).toContain('role="region" aria-labelledby="ar-4-caption" tabindex="0"');
  });

  it('escapes the agency name and the texts, and splits texts into paragraphs on blank lines', () => {
    const out = html(sampleReport('<script>alert(1)</script>局'));
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script>alert(1)&lt;/script>局 2025 年');
    const overview = section(out, SECTION_HEADINGS.overview);
    expect(overview).toContain(
      '<p>第一段，含 &lt;b>标记&lt;/b> &amp; 符号。</p><p>第二段。</p><p>第三段</p>',
    );
    expect(section(out, SECTION_HEADINGS.other)).toContain('（未填写）');
  });

  it('marks highlighted cells with a visible marker and hidden text', () => {
    const out = html(
      sampleReport(),
      new Set(['三:3.7:person', '四:reconsideration:总计', '二:charges:amount']),
    );
    expect(out.match(/（核对有误）/g)).toHaveLength(3);
    expect(out).toMatch(
      /class="report-flagged">767<span aria-hidden="true">\u00a0⚠<\/span><span class="sr-only">（核对有误）/,
    );
    expect(section(out, SECTION_HEADINGS.four)).toContain('（核对有误）');
  });

  it('keeps ids apart when two tables share a page', () => {
    const r = sampleReport();
    const out = render(
      h(
        'div',
        null,
        h(SectionThreeTable, { report: r }),
        h(SectionThreeTable, { report: r, idPrefix: 'prev' }),
      ),
    );
    const ids = [...out.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(render(h(SectionFourTable, { report: r, idPrefix: 'x' }))).toContain('id="x-4-caption"');
  });
});

describe('formatReportNumber and textParagraphs', () => {
  it('prints integers as they are and amounts to at most four decimals', () => {
    expect(['0', '859', '12.5', '0.1235', '3']).toEqual(
      [0, 859, 12.5, 0.12345, 3.00001].map(formatReportNumber),
    );
  });

  it('splits on blank lines, including ones with spaces, and drops empty paragraphs', () => {
    expect(textParagraphs('a\r\n\r\nb\n  \nc\nd\n\n')).toEqual(['a', 'b', 'c\nd']);
    expect(textParagraphs(undefined)).toEqual([]);
  });
});
