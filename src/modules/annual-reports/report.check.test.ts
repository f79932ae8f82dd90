import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistentReport } from './fixtures/arbitrary.js';
import { buildReport, shanghaiFigures } from './fixtures/build.js';
import { checkReport, explainableViolationKey, type Violation } from './report.check.js';
import {
  type AnnualReportData,
  type CellRef,
  REPORT_COLUMNS,
  SECTION_FOUR_COLUMNS,
  SECTION_FOUR_ROWS,
  SECTION_THREE_ROW_KEYS,
} from './report.format.js';
import { parseReportJson } from './report.json.js';

const shanghai = (year = 2025) => buildReport(shanghaiFigures(year));
/** A report changed by `change` (on a fresh copy). */
const mutated = (change: (r: AnnualReportData) => void, base = shanghai()) => {
  const r = structuredClone(base);
  change(r);
  return r;
};
const summary = (vs: Violation[]) => vs.map(explainableViolationKey);
const names = (v: Violation, ref: CellRef) =>
  v.cells.some((c) => c.section === ref.section && c.row === ref.row && c.column === ref.column);

describe('checkReport on the worked figures of regulations.md C.3 (Shanghai table)', () => {
  it('has the checked totals and passes', () => {
    const r = shanghai();
    // I1, total column: 859 + 18 = 805 + 72 = 877; natural persons: 821 + 18 = 767 + 72 = 839.
    expect([r.three['1'].total, r.three['2'].total, r.three['3.7'].total, r.three['4'].total]).toEqual([
      859, 18, 805, 72,
    ]);
    expect([r.three['1'].person, r.three['2'].person, r.three['3.7'].person, r.three['4'].person]).toEqual([
      821, 18, 767, 72,
    ]);
    // I3, row 一: 821 + 35 + 0 + 0 + 2 + 1 = 859.
    expect(r.three['1']).toEqual({
      person: 821,
      company: 35,
      research: 0,
      public_interest: 0,
      legal_service: 2,
      other_org: 1,
      total: 859,
    });
    // I4: 5 + 0 + 0 + 2 = 7; 8 + 0 + 0 + 1 = 9.
    expect(Object.values(r.four.reconsideration)).toEqual([5, 0, 0, 2, 7]);
    expect(Object.values(r.four.litigation_direct)).toEqual([8, 0, 0, 1, 9]);
    expect(checkReport(r)).toEqual({ ok: true, violations: [], carryOverChecked: false });
  });

  it('passes the example fixture', () => {
    const json = JSON.parse(readFileSync(new URL('./fixtures/example-2025.json', import.meta.url), 'utf8'));
    const parsed = parseReportJson(json);
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    expect(checkReport(parsed.report).violations).toEqual([]);
  });
});

describe('checkReport finds exactly the identities a single changed cell breaks', () => {
  it('三(七)总计 × 自然人 767 → 768 breaks I1 and I2 for the column and I3 for the row', () => {
    const { ok, violations } = checkReport(mutated((r) => (r.three['3.7'].person = 768)));
    expect(ok).toBe(false);
    expect(summary(violations)).toEqual(['I1:三:*:person', 'I2:三:3.7:person', 'I3:三:3.7:total']);
    const [i1, i2, i3] = violations as [Violation, Violation, Violation];
    expect(i1.message).toBe(
      '三、“自然人”列：第一项加第二项之和为 839（821 + 18），但第三项（七）总计加第四项之和为 840（768 + 72），两者应相等（I1）',
    );
    expect([i1.expected, i1.actual]).toEqual([839, 840]);
    expect(i2.message).toBe('三、第（七）总计行“自然人”列为 768，但 21 个办理结果分项之和为 767（I2）');
    expect([i2.expected, i2.actual]).toEqual([767, 768]);
    expect(i2.cells).toHaveLength(22);
    expect(i3.message).toBe(
      '三、（七）总计：“总计”列为 805，但自然人与五类法人或其他组织之和为 806（768 + 35 + 0 + 0 + 2 + 1）（I3）',
    );
    for (const v of violations) expect(names(v, { section: '三', row: '3.7', column: 'person' })).toBe(true);
  });

  it('a leaf cell breaks I2 for its column and I3 for its row', () => {
    const { violations } = checkReport(mutated((r) => (r.three['3.3.1'].company = 1)));
    expect(summary(violations)).toEqual(['I2:三:3.7:company', 'I3:三:3.3.1:total']);
    expect(violations[1]!.message).toBe(
      '三、（三）1.属于国家秘密：“总计”列为 0，但自然人与五类法人或其他组织之和为 1（0 + 1 + 0 + 0 + 0 + 0）（I3）',
    );
  });

  it('row 一 × 总计 breaks I1 for the total column and I3 for row 一', () => {
    const { violations } = checkReport(mutated((r) => (r.three['1'].total = 860)));
    expect(summary(violations)).toEqual(['I1:三:*:total', 'I3:三:1:total']);
    expect(violations[0]!.cells).toEqual(
      ['1', '2', '3.7', '4'].map((row) => ({ section: '三', row, column: 'total' })),
    );
  });

  it('row 四 (carried forward) breaks I1 and I3, not I2', () => {
    const { violations } = checkReport(mutated((r) => (r.three['4'].research = 2)));
    expect(summary(violations)).toEqual(['I1:三:*:research', 'I3:三:4:total']);
  });

  it('a total of section 四 breaks I4 only', () => {
    const { violations } = checkReport(mutated((r) => (r.four.reconsideration.总计 = 8)));
    expect(summary(violations)).toEqual(['I4:四:reconsideration:总计']);
    expect(violations[0]).toEqual({
      code: 'I4',
      message:
        '四、行政复议：“总计”为 8，但结果维持、结果纠正、其他结果、尚未审结之和为 7（5 + 0 + 0 + 2）（I4）',
      cells: ['总计', '结果维持', '结果纠正', '其他结果', '尚未审结'].map((column) => ({
        section: '四',
        row: 'reconsideration',
        column,
      })),
      expected: 7,
      actual: 8,
    });
  });
});

describe('checkReport I6: every cell a non-negative integer', () => {
  it('a negative or fractional count in 二', () => {
    const { violations } = checkReport(
      mutated((r) => {
        r.two.regulations.issued = -1;
        r.two.licensing.decisions = 2.5;
      }),
    );
    expect(violations.map((v) => v.message)).toEqual([
      '二、规章 × 本年制发件数为 -1，应为不小于 0 的整数（I6）',
      '二、行政许可 × 本年处理决定数量为 2.5，应为不小于 0 的整数（I6）',
    ]);
    expect(summary(violations)).toEqual(['I6:二:regulations:issued', 'I6:二:licensing:decisions']);
  });

  it('the charges amount: 万元 with at most 4 decimal places, not negative', () => {
    const amount = (n: number) => checkReport(mutated((r) => (r.two.charges.amount = n))).violations;
    expect(amount(1.2345)).toEqual([]);
    expect(amount(12_345.6789)).toEqual([]);
    expect(amount(1.23456)[0]!.message).toBe(
      '二、行政事业性收费 × 本年收费金额（单位：万元）为 1.23456，应为不小于 0 的金额，单位万元，最多 4 位小数（精确到元）（I6）',
    );
    expect(summary(amount(-0.5))).toEqual(['I6:二:charges:amount']);
  });

  it('a negative leaf in an otherwise consistent 三 is I6 only, naming the cell and its row total', () => {
    const r = buildReport({
      ...shanghaiFigures(),
      leaves: { ...shanghaiFigures().leaves, '3.3.1': { person: -1 } },
    });
    const { violations } = checkReport(r);
    expect(violations).toEqual([
      {
        code: 'I6',
        message: '三、（三）1.属于国家秘密 × 自然人为 -1，应为不小于 0 的整数（I6）',
        cells: [{ section: '三', row: '3.3.1', column: 'person' }],
        actual: -1,
      },
      expect.objectContaining({ code: 'I6', cells: [{ section: '三', row: '3.3.1', column: 'total' }] }),
    ]);
  });

  it('a fractional cell in 三 and 四, and a missing cell, without float noise in the sums', () => {
    const r = mutated((x) => {
      x.three['3.1'].research = 0.1;
      x.three['3.2'].research = 0.2;
      x.three['3.7'].research = 0.3;
      x.three['1'].research = 0.3;
      for (const row of ['3.1', '3.2', '3.7', '1'] as const) x.three[row].total += x.three[row].research;
      x.four.litigation_after.结果纠正 = -1;
      delete (x.four.litigation_after as Partial<Record<string, number>>).其他结果;
    });
    const { violations } = checkReport(r);
    expect(summary(violations)).toEqual([
      'I6:三:1:research',
      'I6:三:1:total',
      'I6:三:3.1:research',
      'I6:三:3.1:total',
      'I6:三:3.2:research',
      'I6:三:3.2:total',
      'I6:三:3.7:research',
      'I6:三:3.7:total',
      'I4:四:litigation_after:总计',
      'I6:四:litigation_after:结果纠正',
      'I6:四:litigation_after:其他结果',
    ]);
    expect(violations.at(-1)!.message).toBe(
      '四、行政诉讼（复议后起诉） × 其他结果不是数字，应为不小于 0 的整数（I6）',
    );
  });

  it('orders violations by section, then code', () => {
    const r = mutated((x) => {
      x.four.reconsideration.结果维持 = 6;
      x.three['3.1'].person = -343;
      x.two.charges.amount = -1;
    });
    expect([...new Set(checkReport(r).violations.map((v) => `${v.cells[0]!.section}${v.code}`))]).toEqual([
      '二I6',
      '三I2',
      '三I3',
      '三I6',
      '四I4',
    ]);
  });
});

describe('checkReport I5: carried over = last year’s carried forward', () => {
  const previous = (forward: Record<string, number>) =>
    buildReport({ ...shanghaiFigures(2024), carriedForward: forward });

  it('is checked when the previous year is given, and passes when the numbers agree', () => {
    expect(checkReport(shanghai(), previous({ person: 18 }))).toEqual({
      ok: true,
      violations: [],
      carryOverChecked: true,
    });
  });

  it('lists every differing column with both numbers and both years', () => {
    const { ok, violations, carryOverChecked } = checkReport(
      shanghai(),
      previous({ person: 17, company: 2 }),
    );
    expect([ok, carryOverChecked]).toEqual([false, true]);
    expect(violations).toEqual([
      {
        code: 'I5',
        message:
          '三、二、上年结转政府信息公开申请数量“自然人”列为 18（2025 年度），但 2024 年度报告的四、结转下年度继续办理为 17，两者应相等（I5）',
        cells: [{ section: '三', row: '2', column: 'person' }],
        expected: 17,
        actual: 18,
      },
      expect.objectContaining({ code: 'I5', cells: [{ section: '三', row: '2', column: 'company' }] }),
      expect.objectContaining({ code: 'I5', cells: [{ section: '三', row: '2', column: 'total' }] }),
    ]);
    expect(violations[1]!.message).toContain(
      '“商业企业”列为 0（2025 年度），但 2024 年度报告的四、结转下年度继续办理为 2',
    );
    expect(summary(violations)).toEqual(['I5:三:2:person', 'I5:三:2:company', 'I5:三:2:total']);
  });

  it('a previous report of another year is one violation, and the carry-over stays unchecked', () => {
    const result = checkReport(shanghai(), buildReport(shanghaiFigures(2023)));
    expect(result.carryOverChecked).toBe(false);
    expect(result.violations).toEqual([
      {
        code: 'I5',
        message: '上一年度报告应为 2024 年度，但提供的是 2023 年度的报告，未能核对上年结转（I5）',
        cells: [],
        expected: 2024,
        actual: 2023,
      },
    ]);
    expect(explainableViolationKey(result.violations[0]!)).toBe('I5:三:2:*');
    expect(checkReport(shanghai(), shanghai(2025)).violations).toHaveLength(1);
  });

  it('is not checked without a previous report', () => {
    expect(checkReport(shanghai(), null).carryOverChecked).toBe(false);
    expect(checkReport(shanghai()).carryOverChecked).toBe(false);
  });
});

describe('explainableViolationKey', () => {
  it('gives every violation of a report its own stable key', () => {
    const r = mutated((x) => {
      for (const row of SECTION_THREE_ROW_KEYS) for (const c of REPORT_COLUMNS) x.three[row][c] += 1;
      for (const k of SECTION_FOUR_ROWS) for (const c of SECTION_FOUR_COLUMNS) x.four[k][c] += 1;
    });
    const run = () => summary(checkReport(r, buildReport(shanghaiFigures(2024))).violations);
    const keys = run();
    expect(keys.length).toBeGreaterThan(10);
    expect(new Set(keys).size).toBe(keys.length);
    expect(run()).toEqual(keys);
  });
});

describe('checkReport (properties)', () => {
  it('passes any report built consistently from random leaf counts', () => {
    fc.assert(
      fc.property(consistentReport(), (r) => {
        expect(checkReport(r).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('names the changed cell when any single cell of 三 or 四 is changed', () => {
    const cells: CellRef[] = [
      ...SECTION_THREE_ROW_KEYS.flatMap((row) =>
        REPORT_COLUMNS.map((column) => ({ section: '三' as const, row, column })),
      ),
      ...SECTION_FOUR_ROWS.flatMap((row) =>
        SECTION_FOUR_COLUMNS.map((column) => ({ section: '四' as const, row, column })),
      ),
    ];
    fc.assert(
      fc.property(
        consistentReport(),
        fc.constantFrom(...cells),
        fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0),
        (report, ref, delta) => {
          const table = (ref.section === '三' ? report.three : report.four) as unknown as Record<
            string,
            Record<string, number>
          >;
          table[ref.row]![ref.column]! += delta;
          const { ok, violations } = checkReport(report);
          expect(ok).toBe(false);
          expect(violations.some((v) => names(v, ref))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a carry-over difference in any column', () => {
    fc.assert(
      fc.property(
        consistentReport(2025),
        fc.constantFrom(...REPORT_COLUMNS),
        fc.integer({ min: 1, max: 9 }),
        (r, c, d) => {
          const last = buildReport({ ...shanghaiFigures(2024), carriedForward: {} });
          last.three['4'] = { ...r.three['2'] };
          expect(checkReport(r, last).ok).toBe(true);
          last.three['4'][c] += d;
          expect(summary(checkReport(r, last).violations)).toEqual([`I5:三:2:${c}`]);
        },
      ),
    );
  });
});
