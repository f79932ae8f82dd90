import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASE_KINDS,
  type CaseFacts,
  type CaseKind,
  caseProblems,
  DECISIONS,
  DECISIONS_BY_KIND,
  type DecisionCode,
  decisionLabel,
  i4Problems,
  inReportYear,
  LITIGATION_DECISIONS,
  outcomeOf,
  RECONSIDERATION_DECISIONS,
  REPORT_OUTCOMES,
  sectionFourCells,
  sectionFourRow,
} from './case.rules.js';

const ALL = Object.keys(DECISIONS) as DecisionCode[];

// regulations.md E.3 [I], written out again by hand so a change to the rules has to change this too.
const E3: Record<'结果维持' | '结果纠正' | '其他结果', DecisionCode[]> = {
  结果维持: ['rec_uphold', 'rec_reject_claim', 'lit_reject_claims'],
  结果纠正: [
    'rec_vary',
    'rec_annul',
    'rec_unlawful',
    'rec_void',
    'rec_perform',
    'lit_annul',
    'lit_perform',
    'lit_unlawful',
    'lit_void',
    'lit_vary',
  ],
  其他结果: [
    'rec_reject_application',
    'rec_terminate',
    'rec_mediation',
    'rec_settlement',
    'rec_other',
    'lit_dismiss',
    'lit_withdrawn',
    'lit_mediation',
    'lit_other',
  ],
};

const kindOf = (code: DecisionCode): CaseKind =>
  code.startsWith('rec_') ? 'reconsideration' : 'litigation_direct';

describe('decision codes and the E.3 mapping', () => {
  it('maps every decision code to exactly one decided outcome, as E.3 proposes', () => {
    for (const code of ALL) {
      const columns = Object.entries(E3).filter(([, codes]) => codes.includes(code));
      expect(columns, code).toHaveLength(1);
      expect(DECISIONS[code].outcome, code).toBe(columns[0]![0]);
      expect(outcomeOf(kindOf(code), code, '2024-06-30', '2024-12-31'), code).toBe(columns[0]![0]);
    }
    expect(Object.values(E3).flat().sort()).toEqual([...ALL].sort());
  });

  it('gives each kind its own law: reconsideration decisions never end a suit, and the reverse', () => {
    const rec = new Set(DECISIONS_BY_KIND.reconsideration);
    for (const code of DECISIONS_BY_KIND.litigation_direct) expect(rec.has(code), code).toBe(false);
    expect(DECISIONS_BY_KIND.litigation_after).toEqual(DECISIONS_BY_KIND.litigation_direct);
    expect([...DECISIONS_BY_KIND.reconsideration].sort()).toEqual(
      Object.keys(RECONSIDERATION_DECISIONS).sort(),
    );
    expect([...DECISIONS_BY_KIND.litigation_direct].sort()).toEqual(Object.keys(LITIGATION_DECISIONS).sort());
    for (const kind of CASE_KINDS)
      for (const code of ALL)
        if (!DECISIONS_BY_KIND[kind].includes(code))
          expect(() => outcomeOf(kind, code, '2024-06-30', '2024-12-31'), `${kind} ${code}`).toThrow(
            RangeError,
          );
  });

  it('lets every kind end in each of the three decided columns', () => {
    for (const kind of CASE_KINDS)
      for (const o of ['结果维持', '结果纠正', '其他结果'] as const)
        expect(
          DECISIONS_BY_KIND[kind].some((c) => DECISIONS[c].outcome === o),
          `${kind} ${o}`,
        ).toBe(true);
  });

  it('cites only what regulations.md supports and marks the rest', () => {
    for (const code of ALL) {
      const d = DECISIONS[code];
      if (d.source === 'none') expect(d.basis, code).toBeNull();
      if (d.basis) expect(d.basis, code).toMatch(/^行政(复议|诉讼)法第[一二三四五六七八九十]+条$/);
    }
    // The E.2 list: 行政复议法 63–69, 41, 73, 74; 行政诉讼法 69, 70, 72, 74, 75, 77.
    const e2 = ALL.filter((c) => DECISIONS[c].source === 'E.2').map((c) => DECISIONS[c].basis);
    expect(e2).toHaveLength(16);
    expect(DECISIONS.rec_reject_application.source).toBe('E.3');
    expect(DECISIONS.lit_withdrawn.source).toBe('law-text');
  });

  it('labels a decision with its article', () => {
    expect(decisionLabel('rec_uphold')).toBe('决定维持（行政复议法第六十八条）');
    expect(decisionLabel('lit_dismiss')).toBe('裁定驳回起诉');
    expect(decisionLabel('unknown')).toBe('unknown');
  });
});

describe('outcomeOf: pending at 31 December (E.3)', () => {
  it('is 尚未审结 without a decision or its date', () => {
    expect(outcomeOf('reconsideration', null, null, '2024-12-31')).toBe('尚未审结');
    expect(outcomeOf('reconsideration', 'rec_uphold', null, '2024-12-31')).toBe('尚未审结');
  });

  it('counts a decision of 31 December in that year and one of 1 January as pending', () => {
    expect(outcomeOf('litigation_after', 'lit_annul', '2024-12-31', '2024-12-31')).toBe('结果纠正');
    expect(outcomeOf('litigation_after', 'lit_annul', '2025-01-01', '2024-12-31')).toBe('尚未审结');
    expect(outcomeOf('litigation_after', 'lit_annul', '2025-01-01', '2025-12-31')).toBe('结果纠正');
  });
});

describe('inReportYear (platform counting rule)', () => {
  const c = (filedOn: string, decidedOn: string | null): CaseFacts => ({
    kind: 'reconsideration',
    filedOn,
    decision: decidedOn ? 'rec_uphold' : null,
    decidedOn,
  });
  it.each([
    ['filed on 1 January', c('2024-01-01', '2024-02-01'), true],
    ['filed on 31 December, undecided', c('2024-12-31', null), true],
    ['filed on 1 January of the next year', c('2025-01-01', null), false],
    ['filed earlier, still undecided', c('2022-05-01', null), true],
    ['filed earlier, decided on 1 January', c('2023-11-01', '2024-01-01'), true],
    ['filed earlier, decided on 31 December before', c('2023-11-01', '2023-12-31'), false],
    ['filed earlier, decided during the year', c('2023-11-01', '2024-07-01'), true],
  ])('%s → %s for 2024', (_name, facts, expected) => {
    expect(inReportYear(facts, 2024)).toBe(expected);
  });
});

describe('sectionFourRow', () => {
  const cases: CaseFacts[] = [
    { kind: 'reconsideration', filedOn: '2024-03-01', decision: 'rec_uphold', decidedOn: '2024-04-20' },
    { kind: 'reconsideration', filedOn: '2024-05-01', decision: 'rec_annul', decidedOn: '2024-06-20' },
    { kind: 'reconsideration', filedOn: '2024-11-20', decision: 'rec_terminate', decidedOn: '2025-01-10' },
    { kind: 'reconsideration', filedOn: '2023-12-01', decision: 'rec_reject_claim', decidedOn: '2024-01-15' },
    { kind: 'reconsideration', filedOn: '2023-06-01', decision: 'rec_vary', decidedOn: '2023-08-01' },
    {
      kind: 'litigation_direct',
      filedOn: '2024-02-01',
      decision: 'lit_reject_claims',
      decidedOn: '2024-09-01',
    },
    { kind: 'litigation_direct', filedOn: '2024-08-01', decision: null, decidedOn: null },
    { kind: 'litigation_after', filedOn: '2024-07-01', decision: 'lit_withdrawn', decidedOn: '2024-08-01' },
    { kind: 'litigation_after', filedOn: '2022-01-10', decision: null, decidedOn: null },
    { kind: 'litigation_after', filedOn: '2025-01-02', decision: null, decidedOn: null },
  ];

  it('counts the 2024 report: 15 numbers in report order, kinds kept apart', () => {
    const row = sectionFourRow(cases, 2024);
    expect(row.reconsideration).toEqual({ 结果维持: 2, 结果纠正: 1, 其他结果: 0, 尚未审结: 1, 总计: 4 });
    expect(row.litigation_direct).toEqual({ 结果维持: 1, 结果纠正: 0, 其他结果: 0, 尚未审结: 1, 总计: 2 });
    expect(row.litigation_after).toEqual({ 结果维持: 0, 结果纠正: 0, 其他结果: 1, 尚未审结: 1, 总计: 2 });
    expect(sectionFourCells(row)).toEqual([2, 1, 0, 1, 4, 1, 0, 0, 1, 2, 0, 0, 1, 1, 2]);
  });

  it('counts a case again, with its outcome, in the year it was still pending on 1 January', () => {
    const row = sectionFourRow(cases, 2025);
    expect(row.reconsideration).toEqual({ 结果维持: 0, 结果纠正: 0, 其他结果: 1, 尚未审结: 0, 总计: 1 });
    expect(row.litigation_after.尚未审结).toBe(2);
    expect(sectionFourCells(sectionFourRow([], 2024))).toEqual(Array(15).fill(0));
  });

  it('I4: 总计 is the sum of the four, for any cases and year', () => {
    const day = fc
      .date({
        min: new Date('2019-01-01T00:00:00Z'),
        max: new Date('2027-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const arbCase = fc
      .tuple(fc.constantFrom(...CASE_KINDS), day, fc.option(day), fc.nat())
      .map(([kind, a, b, pick]): CaseFacts => {
        const codes = DECISIONS_BY_KIND[kind];
        const [filedOn, decidedOn] = b === null ? [a, null] : a <= b ? [a, b] : [b, a];
        return { kind, filedOn, decidedOn, decision: decidedOn ? codes[pick % codes.length]! : null };
      });
    fc.assert(
      fc.property(fc.array(arbCase, { maxLength: 40 }), fc.integer({ min: 2019, max: 2027 }), (cs, year) => {
        const row = sectionFourRow(cs, year);
        expect(i4Problems(row)).toEqual([]);
        const cells = sectionFourCells(row);
        expect(cells).toHaveLength(15);
        expect(cells[4]! + cells[9]! + cells[14]!).toBe(cs.filter((c) => inReportYear(c, year)).length);
        for (const kind of CASE_KINDS)
          expect(row[kind].总计).toBe(cs.filter((c) => c.kind === kind && inReportYear(c, year)).length);
      }),
    );
  });

  it('finds a row that breaks I4', () => {
    const row = sectionFourRow([], 2024);
    row.litigation_direct.总计 = 3;
    expect(i4Problems(row)).toEqual(['行政诉讼（未经复议直接起诉）：总计 3 不等于四项之和 0']);
    expect(REPORT_OUTCOMES).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结']);
  });
});

describe('caseProblems (each message names its field)', () => {
  const base = {
    kind: 'reconsideration' as CaseKind,
    filedOn: '2024-03-01',
    decision: null as string | null,
    decidedOn: null as string | null,
    notes: null as string | null,
  };
  const today = '2024-06-30';

  it('accepts a pending case and a decided one', () => {
    expect(caseProblems(base, today)).toEqual({});
    expect(caseProblems({ ...base, decision: 'rec_uphold', decidedOn: '2024-03-01' }, today)).toEqual({});
  });

  it('refuses a decision of another kind', () => {
    expect(caseProblems({ ...base, decision: 'lit_annul', decidedOn: '2024-04-01' }, today)).toEqual({
      decision:
        '审结结果：“判决撤销或者部分撤销（可判决重新作出）（行政诉讼法第七十条）”不是行政复议的审结结果',
    });
  });

  it('wants a decision and its date together', () => {
    expect(caseProblems({ ...base, decision: 'rec_uphold' }, today)).toEqual({
      decidedOn: '审结日期：已填写审结结果的，必填',
    });
    expect(caseProblems({ ...base, decidedOn: '2024-04-01' }, today)).toEqual({
      decision: '审结结果：已填写审结日期的，必填',
    });
  });

  it('refuses future dates and a decision before the filing', () => {
    expect(caseProblems({ ...base, filedOn: '2024-07-01' }, today).filedOn).toBe(
      '申请复议或起诉日期：不能晚于今天（2024-06-30）',
    );
    expect(caseProblems({ ...base, decision: 'rec_uphold', decidedOn: '2024-07-01' }, today).decidedOn).toBe(
      '审结日期：不能晚于今天（2024-06-30）',
    );
    expect(caseProblems({ ...base, decision: 'rec_uphold', decidedOn: '2024-02-28' }, today).decidedOn).toBe(
      '审结日期：不能早于申请复议或起诉日期（2024-03-01）',
    );
  });

  it('wants notes for the catch-all decisions', () => {
    expect(caseProblems({ ...base, decision: 'rec_other', decidedOn: '2024-04-01' }, today)).toEqual({
      notes: '备注：审结结果为“其他”的，须说明具体情况',
    });
    expect(
      caseProblems({ ...base, decision: 'rec_other', decidedOn: '2024-04-01', notes: '移送' }, today),
    ).toEqual({});
  });
});
