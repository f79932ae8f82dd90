import { describe, expect, it } from 'vitest';
import { RESULT_ROWS } from '../applications/index.js';
import { REPORT_CSV_HEADER, reportCells, reportCsv } from './report.csv.js';
import {
  type AnnualReportData,
  emptySectionFour,
  emptySectionThree,
  emptySectionTwo,
} from './report.format.js';

function report(agency: string): AnnualReportData {
  const three = emptySectionThree();
  three['3.3.1'].person = 4;
  three['1'].other_org = 2;
  const four = emptySectionFour();
  four.litigation_after.总计 = 3;
  const two = emptySectionTwo();
  two.charges.amount = 0.12345;
  two.normative.inForce = 17;
  return { year: 2025, agency, two, three, four };
}

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks; records end in CRLF. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted && ch === '"' && csv[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && ch === '\r' && csv[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  expect(field).toBe('');
  return rows;
}

describe('reportCsv', () => {
  it('writes a BOM, the header and one line per cell in report order', () => {
    const csv = reportCsv(report('某局'));
    expect(csv.startsWith('\uFEFF年度,报告机关,部分,项目,列,数值\r\n')).toBe(true);
    const rows = parse(csv.slice(1));
    expect(rows[0]).toEqual([...REPORT_CSV_HEADER]);
    // 二: 2 × 3 + 1 + 2 + 1 cells; 三: (2 + 22 + 1) rows × 7 columns; 四: 3 × 5.
    expect(RESULT_ROWS).toHaveLength(22);
    expect(rows).toHaveLength(1 + 10 + 25 * 7 + 15);
    expect(rows.every((r) => r.length === 6)).toBe(true);
    expect(rows.slice(1).map((r) => r[2])).toEqual([
      ...Array(10).fill('二'),
      ...Array(175).fill('三'),
      ...Array(15).fill('四'),
    ]);
    expect(rows[1]).toEqual(['2025', '某局', '二', '规章', '本年制发件数', '0']);
    expect(rows).toContainEqual(['2025', '某局', '二', '行政规范性文件', '现行有效件数', '17']);
    expect(rows).toContainEqual([
      '2025',
      '某局',
      '二',
      '行政事业性收费',
      '本年收费金额（单位：万元）',
      '0.1235',
    ]);
    expect(rows).toContainEqual(['2025', '某局', '三', '（三）1.属于国家秘密', '自然人', '4']);
    expect(rows).toContainEqual([
      '2025',
      '某局',
      '三',
      '一、本年新收政府信息公开申请数量',
      '法人或其他组织（其他）',
      '2',
    ]);
    expect(rows).toContainEqual(['2025', '某局', '三', '（七）总计', '总计', '0']);
    expect(rows.at(-1)).toEqual(['2025', '某局', '四', '行政诉讼（复议后起诉）', '总计', '3']);
  });

  it('names every cell uniquely, so that cells of many reports can be summed by 部分, 项目 and 列', () => {
    const keys = reportCells(report('某局')).map((c) => `${c.section}|${c.item}|${c.column}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('quotes agency names with commas, quotes and line breaks and guards against formulas', () => {
    const agency = '某市"阳光",政务\n服务局';
    const csv = reportCsv(report(agency));
    expect(csv).toContain('"某市""阳光"",政务\n服务局"');
    const rows = parse(csv.slice(1));
    expect(rows).toHaveLength(201);
    expect(rows.slice(1).every((r) => r[1] === agency)).toBe(true);
    expect(parse(reportCsv(report('=HYPERLINK("x")')).slice(1))[1]![1]).toBe('\'=HYPERLINK("x")');
  });
});
