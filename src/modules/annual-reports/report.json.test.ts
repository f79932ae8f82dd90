import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistentReport } from './fixtures/arbitrary.js';
import { buildReport, shanghaiFigures } from './fixtures/build.js';
import { type AnnualReportJson, parseReportJson, REPORT_JSON_FORMAT, toReportJson } from './report.json.js';
import { normaliseLabel, TABLE_INDEX, TABLES } from './report.tables.js';

const shanghai = () => buildReport(shanghaiFigures());
const example = () =>
  JSON.parse(
    readFileSync(new URL('./fixtures/example-2025.json', import.meta.url), 'utf8'),
  ) as AnnualReportJson;

function parsed(value: unknown) {
  const r = parseReportJson(value);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r;
}

function errorsOf(value: unknown) {
  const r = parseReportJson(value);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

/** The Shanghai report's JSON with one row of a table replaced by `row` (matched by position). */
function withRow(section: '二' | '三' | '四', index: number, row: Record<string, unknown>) {
  const json = toReportJson(shanghai()) as unknown as Record<string, { rows: unknown[] }>;
  json[section]!.rows[index] = row;
  return json;
}

describe('toReportJson', () => {
  it('writes the header and section 二 as in the documented example', () => {
    const json = toReportJson(shanghai());
    expect(json.format).toBe('gongkai/annual-report@1');
    expect([json.year, json.agency]).toEqual([2025, '某市规划和自然资源局']);
    expect(Object.keys(json)).toEqual(['format', 'year', 'agency', '二', '三', '四']);
    expect(json.二.rows).toEqual([
      { row: '规章', 本年制发件数: 1, 本年废止件数: 0, 现行有效件数: 12 },
      { row: '行政规范性文件', 本年制发件数: 9, 本年废止件数: 4, 现行有效件数: 63 },
      { row: '行政许可', 本年处理决定数量: 310 },
      { row: '行政处罚', 本年处理决定数量: 4 },
      { row: '行政强制', 本年处理决定数量: 0 },
      { row: '行政事业性收费', '本年收费金额（单位：万元）': 0 },
    ]);
  });

  it('writes all 25 rows of 三 in report order with self-explanatory, unique labels and all 7 columns', () => {
    const rows = toReportJson(shanghai()).三.rows;
    expect(rows[0]).toEqual({
      row: '一、本年新收政府信息公开申请数量',
      自然人: 821,
      商业企业: 35,
      科研机构: 0,
      社会公益组织: 0,
      法律服务机构: 2,
      其他: 1,
      总计: 859,
    });
    const labels = rows.map((r) => r.row);
    expect(labels).toHaveLength(25);
    expect(new Set(labels).size).toBe(25);
    expect(labels.slice(0, 5)).toEqual([
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '（一）予以公开',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '（三）1.属于国家秘密',
    ]);
    expect(labels).toContain('（三）3.危及“三安全一稳定”');
    expect(labels).toContain('（四）1.本机关不掌握相关政府信息');
    expect(labels).toContain('（五）5.要求行政机关确认或重新出具已获取信息');
    expect(labels.slice(-3)).toEqual(['（六）3.其他', '（七）总计', '四、结转下年度继续办理']);
    for (const r of rows)
      expect(Object.keys(r)).toEqual([
        'row',
        '自然人',
        '商业企业',
        '科研机构',
        '社会公益组织',
        '法律服务机构',
        '其他',
        '总计',
      ]);
    expect(rows.find((r) => r.row === '（七）总计')).toMatchObject({ 自然人: 767, 总计: 805 });
  });

  it('writes 四 as three rows of five columns', () => {
    expect(toReportJson(shanghai()).四.rows).toEqual([
      { row: '行政复议', 结果维持: 5, 结果纠正: 0, 其他结果: 0, 尚未审结: 2, 总计: 7 },
      { row: '行政诉讼（未经复议直接起诉）', 结果维持: 8, 结果纠正: 0, 其他结果: 0, 尚未审结: 1, 总计: 9 },
      { row: '行政诉讼（复议后起诉）', 结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 0 },
    ]);
  });

  it('writes the texts 一, 五, 六 only when the report has texts', () => {
    const texts = { overview: '概述', problems: '', other: '未收取信息处理费。' };
    const json = toReportJson({ ...shanghai(), texts });
    expect([json.一, json.五, json.六]).toEqual(['概述', '', '未收取信息处理费。']);
    expect(parsed(json).report.texts).toEqual(texts);
  });
});

describe('parseReportJson reads what toReportJson writes', () => {
  it('round-trips the Shanghai report, with and without texts', () => {
    const r = shanghai();
    expect(parsed(toReportJson(r))).toEqual({ ok: true, report: r, notes: [] });
    const t = { ...r, texts: { overview: 'a', problems: 'b', other: 'c' } };
    expect(parsed(toReportJson(t)).report).toEqual(t);
  });

  it('reads the example fixture, and writing it again gives the same file', () => {
    const r = parsed(example());
    expect(r.notes).toEqual([]);
    expect(toReportJson(r.report)).toEqual(example());
  });

  it('round-trips any consistent report (property)', () => {
    fc.assert(
      fc.property(consistentReport(), (report) => {
        expect(parsed(JSON.parse(JSON.stringify(toReportJson(report)))).report).toEqual(report);
      }),
      { numRuns: 100 },
    );
  });
});

describe('parseReportJson is lenient the way a supervising office needs', () => {
  it('finds rows by label without category prefix, bare name or row key, in any bracket, digit, punctuation or quote style', () => {
    const json = toReportJson(shanghai()) as unknown as Record<string, { rows: { row: unknown }[] }>;
    const spellings: [number, unknown][] = [
      [0, 1],
      [1, '二、 上年结转政府信息公开申请数量'],
      [2, '予以公开'],
      [3, '(二)部分公开'],
      [4, '1.属于国家秘密'],
      [5, '（三）２．其他法律行政法规禁止公开'],
      [6, '3、危及"三安全一稳定"'],
      [7, '3.3.4'],
      [8, '属于三类内部事务信息'],
      [12, '(四)1、本机关不掌握相关政府信息'],
      [20, '【六】1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
      [22, '3．其他'],
      [23, '3.7'],
      [24, '4'],
    ];
    for (const [i, label] of spellings) json.三!.rows[i]!.row = label;
    json.四!.rows[1]!.row = '行政诉讼 (未经复议直接起诉)';
    json.四!.rows[2]!.row = 'litigation_after';
    json.二!.rows[5]!.row = 'charges';
    expect(parsed(json)).toEqual({ ok: true, report: shanghai(), notes: [] });
  });

  it('finds columns by name or key', () => {
    const json = withRow('三', 0, {
      row: '1',
      person: 821,
      '法人或其他组织（商业企业）': 35,
      research: 0,
      社会公益组织: 0,
      ' 法律服务机构 ': 2,
      other_org: 1,
      total: 859,
    });
    (json.二!.rows as object[])[0] = { row: 'regulations', issued: 1, repealed: 0, inForce: 12 };
    (json.二!.rows as object[])[5] = { row: '行政事业性收费', '本年收费金额(万元)': '0' };
    expect(parsed(json).report).toEqual(shanghai());
    expect(parsed(withRow('二', 5, { row: '行政事业性收费', amount: 0 })).report).toEqual(shanghai());
  });

  it('reads numeric strings as numbers', () => {
    const r = parsed(
      withRow('二', 0, { row: '规章', 本年制发件数: '12', 本年废止件数: ' 1,234 ', 现行有效件数: '１２' }),
    );
    expect(r.report.two.regulations).toEqual({ issued: 12, repealed: 1234, inForce: 12 });
  });

  it('reads a missing cell, null or "" as 0 and says so in the notes', () => {
    const r = parsed(withRow('二', 0, { row: '规章', 本年制发件数: null, 本年废止件数: '' }));
    expect(r.report.two.regulations).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    expect(r.notes).toEqual(['二、规章：“本年制发件数”“本年废止件数”“现行有效件数”未填，按 0 计']);
  });

  it('reads a missing row or table as 0 and says so in the notes', () => {
    const json = toReportJson(shanghai()) as unknown as Record<string, unknown>;
    (json.三 as { rows: unknown[] }).rows.splice(4, 1);
    delete json.四;
    const r = parsed(json);
    expect(r.report.three['3.3.1']).toEqual({
      person: 0,
      company: 0,
      research: 0,
      public_interest: 0,
      legal_service: 0,
      other_org: 0,
      total: 0,
    });
    expect(Object.values(r.report.four).every((g) => Object.values(g).every((n) => n === 0))).toBe(true);
    expect(r.notes).toEqual([
      '三、收到和处理政府信息公开申请情况：未填以下 1 行，按 0 计：（三）1.属于国家秘密',
      '四、政府信息公开行政复议、行政诉讼情况：整个表格未填，全部按 0 计',
    ]);
  });

  it('accepts a table given as a bare array of rows and skips empty heading rows', () => {
    const json = toReportJson(shanghai()) as unknown as Record<string, unknown>;
    const rows = (json.三 as { rows: object[] }).rows;
    rows.splice(4, 0, { row: '（三）不予公开' }, { row: '三、本年度办理结果', 自然人: '' });
    json.三 = rows;
    expect(parsed(json).report).toEqual(shanghai());
  });

  it('keeps negative and fractional numbers for the check to report (I6)', () => {
    const r = parsed(
      withRow('三', 4, { row: '（三）1.属于国家秘密', 自然人: -1, 商业企业: 1.5, 总计: '-0.25' }),
    );
    expect(r.report.three['3.3.1']).toMatchObject({ person: -1, company: 1.5, total: -0.25 });
  });

  it('every alias names exactly one row, and every written label is found again', () => {
    for (const section of ['二', '三', '四'] as const) {
      for (const [alias, keys] of TABLE_INDEX[section].rows)
        expect(keys, `${section} ${alias}`).toHaveLength(1);
      for (const r of TABLES[section].rows)
        expect(TABLE_INDEX[section].rows.get(normaliseLabel(r.label))).toEqual([r.key]);
    }
  });
});

describe('parseReportJson rejects what it cannot read, naming the field in Chinese', () => {
  it('a cell that is not a number', () => {
    for (const bad of ['abc', true, { n: 1 }, [1]]) {
      const errors = errorsOf(withRow('三', 4, { row: '（三）1.属于国家秘密', 自然人: bad }));
      expect(errors).toHaveLength(1);
      expect(errors[0]!.field).toBe('三、（三）1.属于国家秘密 × 自然人');
      expect(errors[0]!.message).toMatch(/^三、（三）1\.属于国家秘密 × 自然人：应为数字，收到/);
    }
    expect(errorsOf(withRow('四', 0, { row: '行政复议', 总计: 'x' }))[0]!.message).toBe(
      '四、行政复议 × 总计：应为数字，收到“x”',
    );
  });

  it('an unknown row, an unknown column, a column of another row, a repeated row or column', () => {
    expect(errorsOf(withRow('三', 4, { row: '（三）9.其他情形', 自然人: 1 }))[0]!.message).toBe(
      '三、（三）9.其他情形：没有这一行（第 5 行）',
    );
    expect(errorsOf(withRow('三', 4, { row: '3.3.1', 外国人: 1 }))[0]!.message).toContain(
      '三、（三）1.属于国家秘密：没有“外国人”这一列',
    );
    expect(errorsOf(withRow('二', 0, { row: '规章', 本年处理决定数量: 1 }))[0]!.message).toBe(
      '二、规章：没有“本年处理决定数量”这一列（本行的列：本年制发件数、本年废止件数、现行有效件数）',
    );
    expect(errorsOf(withRow('三', 4, { row: '3.3.2' }))[0]!.message).toBe(
      '三、（三）2.其他法律行政法规禁止公开：重复出现（第 5 行和第 6 行）',
    );
    expect(errorsOf(withRow('三', 4, { row: '3.3.1', 自然人: 1, person: 1 }))[0]!.message).toContain(
      '“自然人”列重复',
    );
    expect(errorsOf(withRow('三', 4, { 自然人: 1 }))[0]!.message).toBe('三、第 5 行：缺少 row（行名称）');
    expect(errorsOf(withRow('三', 4, { row: '（三）不予公开', 自然人: 3 }))[0]!.message).toContain(
      '是分类标题行',
    );
  });

  it('year, agency, format and unknown fields', () => {
    const base = toReportJson(shanghai()) as unknown as Record<string, unknown>;
    const messages = (patch: Record<string, unknown>) =>
      errorsOf({ ...base, ...patch }).map((e) => e.message);
    expect(messages({ year: undefined })).toEqual(['年度（year）：必填，如 2025']);
    for (const year of [2007, 2101, 2025.5, 'abc', true])
      expect(messages({ year })[0]).toMatch(/^年度（year）：应为 2008 至 2100 之间的整数年份/);
    expect(parsed({ ...base, year: '2025' }).report.year).toBe(2025);
    expect(messages({ agency: '  ' })).toEqual(['报告机关（agency）：必填，如“某市规划和自然资源局”']);
    expect(messages({ agency: 12 })).toEqual(['报告机关（agency）：应为文字，收到12']);
    expect(messages({ format: 'gongkai/annual-report@2' })).toEqual([
      '格式标识（format）：应为“gongkai/annual-report@1”，收到“gongkai/annual-report@2”',
    ]);
    expect(parsed({ ...base, format: undefined }).report).toEqual(shanghai());
    expect(messages({ 七: 'x' })[0]).toMatch(/^七：未知字段/);
    expect(messages({ 一: 3 })).toEqual(['一、总体情况：应为文字，收到3']);
    expect(messages({ 三: 'x' })[0]).toMatch(/^三：应为 \{"rows"/);
    expect(errorsOf([])[0]!.field).toBe('报告');
    expect(REPORT_JSON_FORMAT).toBe('gongkai/annual-report@1');
  });

  it('lists every problem, not only the first', () => {
    const json = withRow('三', 4, { row: '3.3.1', 自然人: 'abc', 外国人: 1 }) as Record<string, unknown>;
    json.year = 1999;
    json.agency = '';
    expect(errorsOf(json).map((e) => e.field)).toEqual([
      '年度（year）',
      '报告机关（agency）',
      '三、（三）1.属于国家秘密 × 自然人',
      '三、（三）1.属于国家秘密',
    ]);
  });
});
