/**
 * Reconsideration and litigation cases (行政复议、行政诉讼) about disclosure decisions, and the one data
 * row of section 四 of the annual report (国办公开办函〔2021〕30号; regulations.md C.4, E). Pure: no I/O.
 *
 * The report has 15 columns: for 行政复议, 行政诉讼·未经复议直接起诉 and 行政诉讼·复议后起诉 each,
 * 结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计 (E.1 [V][S9]); 总计 is the sum of the four (I4).
 *
 * Sources of the decision lists (the `source` field of each decision):
 * - 'E.2': the decision and its article are listed in regulations.md E.2 [V] (行政复议法 2023, 行政诉讼法
 *   2017, source S20);
 * - 'E.3': named only in the E.3 table, which is an inference [I];
 * - 'law-text': not in regulations.md; the article was read in the S20 law text (LawRefBook) when this
 *   module was written, so it is [I] until regulations.md records it;
 * - 'none': a catch-all without an article.
 *
 * The mapping of every decision to a report column is regulations.md E.3, itself [I]: proposed, not
 * stated in any retrieved source; to be confirmed with the 主管部门 (the 30号 definitions of 结果纠正
 * and 其他结果 were not retrieved, G.2).
 *
 * A case records the decision that ends it. After an appeal (二审) record the judgment as it stands:
 * 驳回上诉、维持原判 keeps the first-instance type, 改判 gives the new type [I]. While the appeal is
 * pending leave the decision empty: the case is 尚未审结 [I].
 */

export const CASE_KINDS = ['reconsideration', 'litigation_direct', 'litigation_after'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  reconsideration: '行政复议',
  litigation_direct: '行政诉讼（未经复议直接起诉）',
  litigation_after: '行政诉讼（复议后起诉）',
};

/** The column groups of section 四 as the report heads them (C.4). */
export const SECTION_FOUR_GROUPS: Record<CaseKind, { group: string | null; label: string }> = {
  reconsideration: { group: null, label: '行政复议' },
  litigation_direct: { group: '行政诉讼', label: '未经复议直接起诉' },
  litigation_after: { group: '行政诉讼', label: '复议后起诉' },
};

export const REPORT_OUTCOMES = ['结果维持', '结果纠正', '其他结果', '尚未审结'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];
export type DecidedOutcome = Exclude<ReportOutcome, '尚未审结'>;

export type BasisSource = 'E.2' | 'E.3' | 'law-text' | 'none';

export interface DecisionDef {
  /** The decision as the 决定书 / 判决书 / 裁定书 names it. */
  name: string;
  /** The article, or null where regulations.md and the law text give none. */
  basis: string | null;
  source: BasisSource;
  /** The report column (E.3 [I]). */
  outcome: DecidedOutcome;
}

/** 行政复议法 (2023 revision, in force 2024-01-01), 第五章 and arts. 33, 41 (E.2, E.3). */
export const RECONSIDERATION_DECISIONS = {
  rec_uphold: { name: '决定维持', basis: '行政复议法第六十八条', source: 'E.2', outcome: '结果维持' },
  // Art. 69 concerns claims of non-performance: no such duty, or already performed before acceptance.
  rec_reject_claim: {
    name: '决定驳回复议请求',
    basis: '行政复议法第六十九条',
    source: 'E.2',
    outcome: '结果维持',
  },
  rec_vary: { name: '决定变更', basis: '行政复议法第六十三条', source: 'E.2', outcome: '结果纠正' },
  rec_annul: {
    name: '决定撤销或者部分撤销（可责令重新作出）',
    basis: '行政复议法第六十四条',
    source: 'E.2',
    outcome: '结果纠正',
  },
  rec_unlawful: { name: '确认违法', basis: '行政复议法第六十五条', source: 'E.2', outcome: '结果纠正' },
  rec_perform: { name: '责令履行', basis: '行政复议法第六十六条', source: 'E.2', outcome: '结果纠正' },
  rec_void: { name: '确认无效', basis: '行政复议法第六十七条', source: 'E.2', outcome: '结果纠正' },
  // E.2 does not list art. 33; E.3 names it ("驳回申请 (33)"): after acceptance the application turns
  // out not to meet art. 30 ¶1.
  rec_reject_application: {
    name: '驳回复议申请',
    basis: '行政复议法第三十三条',
    source: 'E.3',
    outcome: '其他结果',
  },
  // Art. 41 item (一): the applicant withdraws and the 复议机构 allows it (E.2 "for example on withdrawal").
  rec_terminate: {
    name: '终止行政复议（含申请人撤回复议申请）',
    basis: '行政复议法第四十一条',
    source: 'E.2',
    outcome: '其他结果',
  },
  rec_mediation: {
    name: '调解（制作行政复议调解书）',
    basis: '行政复议法第七十三条',
    source: 'E.2',
    outcome: '其他结果',
  },
  rec_settlement: {
    name: '和解后撤回、终止',
    basis: '行政复议法第七十四条',
    source: 'E.2',
    outcome: '其他结果',
  },
  rec_other: { name: '其他（须在备注中说明）', basis: null, source: 'none', outcome: '其他结果' },
} as const satisfies Record<string, DecisionDef>;

/** 行政诉讼法 (2017), 第七章 judgments (E.2) and the other endings E.3 names. */
export const LITIGATION_DECISIONS = {
  lit_reject_claims: {
    name: '判决驳回诉讼请求',
    basis: '行政诉讼法第六十九条',
    source: 'E.2',
    outcome: '结果维持',
  },
  lit_annul: {
    name: '判决撤销或者部分撤销（可判决重新作出）',
    basis: '行政诉讼法第七十条',
    source: 'E.2',
    outcome: '结果纠正',
  },
  lit_perform: { name: '判决履行', basis: '行政诉讼法第七十二条', source: 'E.2', outcome: '结果纠正' },
  lit_unlawful: { name: '判决确认违法', basis: '行政诉讼法第七十四条', source: 'E.2', outcome: '结果纠正' },
  lit_void: { name: '判决确认无效', basis: '行政诉讼法第七十五条', source: 'E.2', outcome: '结果纠正' },
  lit_vary: { name: '判决变更', basis: '行政诉讼法第七十七条', source: 'E.2', outcome: '结果纠正' },
  // E.3 names 驳回起诉 without an article; the 行政诉讼法 itself has none (it is a 裁定 under the SPC
  // interpretation, not retrieved).
  lit_dismiss: { name: '裁定驳回起诉', basis: null, source: 'E.3', outcome: '其他结果' },
  // E.3 names withdrawal; art. 62 (court rules on 撤诉) was read in the S20 text, not in regulations.md.
  lit_withdrawn: {
    name: '准予撤诉',
    basis: '行政诉讼法第六十二条',
    source: 'law-text',
    outcome: '其他结果',
  },
  // E.3 names mediation; art. 60 (read in the S20 text) allows it only for compensation and
  // discretionary matters, so it is rare in disclosure cases.
  lit_mediation: { name: '调解', basis: '行政诉讼法第六十条', source: 'law-text', outcome: '其他结果' },
  lit_other: { name: '其他（须在备注中说明）', basis: null, source: 'none', outcome: '其他结果' },
} as const satisfies Record<string, DecisionDef>;

export const DECISIONS: Record<DecisionCode, DecisionDef> = {
  ...RECONSIDERATION_DECISIONS,
  ...LITIGATION_DECISIONS,
};
export type DecisionCode = keyof typeof RECONSIDERATION_DECISIONS | keyof typeof LITIGATION_DECISIONS;

const REC_CODES = Object.keys(RECONSIDERATION_DECISIONS) as DecisionCode[];
const LIT_CODES = Object.keys(LITIGATION_DECISIONS) as DecisionCode[];

/** The decisions that can end a case of each kind: both litigation kinds end in court decisions. */
export const DECISIONS_BY_KIND: Record<CaseKind, readonly DecisionCode[]> = {
  reconsideration: REC_CODES,
  litigation_direct: LIT_CODES,
  litigation_after: LIT_CODES,
};

/** Decisions whose notes must say what happened (the catch-alls). */
export const NEEDS_NOTES: readonly DecisionCode[] = ['rec_other', 'lit_other'];

export const isCaseKind = (k: string): k is CaseKind => (CASE_KINDS as readonly string[]).includes(k);

export function isDecisionOf(kind: CaseKind, decision: string): decision is DecisionCode {
  return (DECISIONS_BY_KIND[kind] as readonly string[]).includes(decision);
}

/** "决定维持（行政复议法第六十八条）" */
export function decisionLabel(code: string): string {
  const d = DECISIONS[code as DecisionCode];
  if (!d) return code;
  return d.basis ? `${d.name}（${d.basis}）` : d.name;
}

/**
 * The report column of a case in the report whose year ends on `yearEnd` (YYYY-12-31): 尚未审结 while
 * no decision is recorded or the decision came after the year end (E.3: "pending at 31 December").
 * Throws on a decision of another kind: the service never stores one.
 */
export function outcomeOf(
  kind: CaseKind,
  decision: string | null,
  decidedOn: string | null,
  yearEnd: string,
): ReportOutcome {
  if (!decision) return '尚未审结';
  if (!isDecisionOf(kind, decision)) throw new RangeError(`decision ${decision} does not end a ${kind} case`);
  if (!decidedOn || decidedOn > yearEnd) return '尚未审结';
  return DECISIONS[decision].outcome;
}

/** What the rules need of a case. */
export interface CaseFacts {
  kind: CaseKind;
  decision: string | null;
  filedOn: string;
  decidedOn: string | null;
}

/**
 * Whether a case belongs to the report of `year`. Platform decision, documented because the 30号
 * counting rule was not retrieved (regulations.md E.3 last line [U], G.2): a case counts in the year it
 * was filed, and again in every later year it was still undecided on 1 January. So a case filed in
 * 2024 and decided in March 2025 is 尚未审结 in the 2024 report and counts with its outcome in 2025.
 */
export function inReportYear(c: CaseFacts, year: number): boolean {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  if (c.filedOn > end) return false;
  if (c.filedOn >= start) return true;
  return !c.decision || !c.decidedOn || c.decidedOn >= start;
}

export type KindCounts = Record<ReportOutcome | '总计', number>;
export type SectionFourRow = Record<CaseKind, KindCounts>;

const zero = (): KindCounts => ({ 结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 0 });

/** The one data row of section 四 for `year`, with 总计 = the sum of the four (I4). */
export function sectionFourRow(cases: readonly CaseFacts[], year: number): SectionFourRow {
  const row: SectionFourRow = {
    reconsideration: zero(),
    litigation_direct: zero(),
    litigation_after: zero(),
  };
  const yearEnd = `${year}-12-31`;
  for (const c of cases) {
    if (!inReportYear(c, year)) continue;
    row[c.kind][outcomeOf(c.kind, c.decision, c.decidedOn, yearEnd)] += 1;
  }
  for (const k of CASE_KINDS) row[k].总计 = REPORT_OUTCOMES.reduce((n, o) => n + row[k][o], 0);
  return row;
}

/** The 15 numbers in report order (C.4): per kind, the four outcomes then 总计. */
export function sectionFourCells(row: SectionFourRow): number[] {
  return CASE_KINDS.flatMap((k) => [...REPORT_OUTCOMES.map((o) => row[k][o]), row[k].总计]);
}

/** I4 violations of a row (e.g. one typed in by hand or imported), in Chinese; empty when it holds. */
export function i4Problems(row: SectionFourRow): string[] {
  return CASE_KINDS.flatMap((k) => {
    const sum = REPORT_OUTCOMES.reduce((n, o) => n + row[k][o], 0);
    return sum === row[k].总计 ? [] : [`${CASE_KIND_LABELS[k]}：总计 ${row[k].总计} 不等于四项之和 ${sum}`];
  });
}

/** Field names of a case and their Chinese labels (form labels and error messages). */
export const CASE_LABELS = {
  applicationCode: '关联申请（查询码）',
  kind: '案件类型',
  caseNo: '案号',
  body: '复议机关或人民法院',
  filedOn: '申请复议或起诉日期',
  decision: '审结结果',
  decidedOn: '审结日期',
  notes: '备注',
} as const;

export interface CaseRuleInput extends CaseFacts {
  notes: string | null;
}

/**
 * The rules across fields, each message naming its field: the decision belongs to the kind; a decision
 * and its date come together; nothing is dated in the future or decided before it was filed.
 */
export function caseProblems(c: CaseRuleInput, today: string): Record<string, string> {
  const L = CASE_LABELS;
  const p: Record<string, string> = {};
  if (c.filedOn > today) p.filedOn = `${L.filedOn}：不能晚于今天（${today}）`;
  if (c.decision && !isDecisionOf(c.kind, c.decision))
    p.decision = `${L.decision}：“${decisionLabel(c.decision)}”不是${CASE_KIND_LABELS[c.kind]}的审结结果`;
  if (c.decision && !c.decidedOn) p.decidedOn = `${L.decidedOn}：已填写审结结果的，必填`;
  if (!c.decision && c.decidedOn) p.decision = `${L.decision}：已填写审结日期的，必填`;
  if (c.decidedOn && c.decidedOn > today) p.decidedOn = `${L.decidedOn}：不能晚于今天（${today}）`;
  else if (c.decidedOn && c.decidedOn < c.filedOn)
    p.decidedOn = `${L.decidedOn}：不能早于${L.filedOn}（${c.filedOn}）`;
  if (c.decision && NEEDS_NOTES.includes(c.decision as DecisionCode) && !c.notes)
    p.notes = `${L.notes}：审结结果为“其他”的，须说明具体情况`;
  return p;
}
