import type { Executor } from '../../platform/db/index.js';
import {
  APPLICANT_TYPES,
  type ApplicantType,
  type CaseFacts,
  type CaseKind,
  isReplyType,
  rowOf,
  sectionFourRow,
} from '../applications/index.js';
import { columnSubtreeIds } from '../documents/index.js';
import {
  type AnnualReportData,
  emptySectionThree,
  emptySectionTwo,
  LEAF_ROW_KEYS,
  REPORT_COLUMNS,
  type SectionFour,
  type SectionThree,
  type SectionThreeRowKey,
  type SectionTwo,
} from './report.format.js';
import * as repo from './report.repository.js';

/**
 * Sections 二, 三 and 四 computed from the platform's records (issue 6; regulations.md C.2–C.4).
 *
 * 三: an application counts from its receipt date (条例第三十一条) until the day it leaves the open
 * states (`closed_on`): 一 = received in the year; 二 = received before it and still open on
 * 1 January; 三 = closed in the year, in the row of its result type (reply.rules.ts rowOf — the one
 * mapping the applications module uses); 四 = received by 31 December and still open then. So I1
 * holds by construction: 一 + 二 = 三(七) + 四 in every column.
 * 四: reconsideration and litigation cases by case.rules.ts sectionFourRow.
 * 二: from the catalogue (see sectionTwoFrom); 行政处罚、行政强制 and 行政事业性收费 are entered.
 */

export const yearOf = (year: number): repo.Year => ({ start: `${year}-01-01`, end: `${year}-12-31` });

/** Where the catalogue keeps what section 二 counts. */
export const SECTION_TWO_SOURCES = {
  /** 规章 are documents of genre (体裁) 规章, in whichever column. */
  regulationsGenre: '规章',
  /** 行政规范性文件: the column of that name. */
  normativeColumn: 'xzgfxwj',
  /** 行政许可: every decision published in the 行政许可结果 columns. */
  licensingColumn: 'xzxkjg',
} as const;

export type Counts = Awaited<ReturnType<typeof repo.applicationCounts>>;

const isApplicantType = (t: string): t is ApplicantType => (APPLICANT_TYPES as readonly string[]).includes(t);

/** Section 三 from the four grouped counts; unknown applicant or result types are reported, not hidden. */
export function sectionThreeFrom(c: Counts): { three: SectionThree; problems: string[] } {
  const three = emptySectionThree();
  const problems: string[] = [];
  const add = (row: SectionThreeRowKey, type: string, n: number) => {
    const col = isApplicantType(type) ? type : 'other_org';
    if (!isApplicantType(type)) problems.push(`申请人类型“${type}”无法识别，已计入“其他”列（${n} 件）`);
    three[row][col] += n;
  };
  for (const r of c.fresh) add('1', r.applicantType, r.n);
  for (const r of c.carried) add('2', r.applicantType, r.n);
  for (const r of c.forward) add('4', r.applicantType, r.n);
  for (const r of c.results) {
    let row: SectionThreeRowKey = '3.6.3';
    if (r.replyType && isReplyType(r.replyType)) row = rowOf(r.replyType).key;
    else
      problems.push(
        `${r.n} 件已办结申请的办理结果“${r.replyType ?? '未填写'}”无法识别，已计入“（六）3.其他”`,
      );
    add(row, r.applicantType, r.n);
  }
  for (const col of REPORT_COLUMNS) {
    if (col === 'total') continue;
    three['3.7'][col] = LEAF_ROW_KEYS.reduce((n, k) => n + three[k][col], 0);
  }
  for (const row of Object.keys(three) as SectionThreeRowKey[])
    three[row].total = APPLICANT_TYPES.reduce((n, t) => n + three[row][t], 0);
  return { three, problems };
}

type DocFacts = Awaited<ReturnType<typeof repo.catalogueFacts>>[number];

/** The day a document was issued: its 成文日期, else the day it was formed. */
const issuedOn = (d: DocFacts) => d.written_on ?? d.formed_on;
/** No longer in force: 废止 or 失效 (a revised document's new version is the one in force). */
const ENDED = new Set(['repealed', 'expired', 'revised']);
const REPEALED = new Set(['repealed', 'expired']);

/**
 * 本年制发 = issued in the year; 本年废止 = repealed or expired (失效) in the year [I: 30号 does not
 * say whether 失效 counts as 废止; both end the document's force]; 现行有效 = issued by 31 December and
 * not repealed, expired or revised by then.
 */
export function issuedRepealedInForce(docs: readonly DocFacts[], y: repo.Year) {
  let issued = 0;
  let repealed = 0;
  let inForce = 0;
  for (const d of docs) {
    const on = issuedOn(d);
    if (on >= y.start && on <= y.end) issued++;
    const endedOn = d.validity !== 'valid' ? d.validity_changed_on : null;
    if (endedOn && REPEALED.has(d.validity) && endedOn >= y.start && endedOn <= y.end) repealed++;
    const endedByYearEnd = ENDED.has(d.validity) && (!endedOn || endedOn <= y.end);
    if (on <= y.end && !endedByYearEnd) inForce++;
  }
  return { issued, repealed, inForce };
}

export interface EnteredFigures {
  penalty: number;
  coercion: number;
  /** 万元 */
  charges: number;
}

export async function sectionTwoFrom(
  db: Executor,
  year: number,
  entered: EnteredFigures,
): Promise<SectionTwo> {
  const y = yearOf(year);
  const two = emptySectionTwo();
  const [regs, normativeIds, licensingIds] = await Promise.all([
    repo.catalogueFacts(db, { genre: SECTION_TWO_SOURCES.regulationsGenre }),
    columnSubtreeIds(db, SECTION_TWO_SOURCES.normativeColumn),
    columnSubtreeIds(db, SECTION_TWO_SOURCES.licensingColumn),
  ]);
  two.regulations = issuedRepealedInForce(regs, y);
  two.normative = issuedRepealedInForce(await repo.catalogueFacts(db, { columnIds: normativeIds ?? [] }), y);
  // A licensing decision counts in the year it was made (the record's 形成日期).
  const licences = await repo.catalogueFacts(db, { columnIds: licensingIds ?? [] });
  two.licensing.decisions = licences.filter((d) => d.formed_on >= y.start && d.formed_on <= y.end).length;
  two.penalty.decisions = entered.penalty;
  two.coercion.decisions = entered.coercion;
  two.charges.amount = entered.charges;
  return two;
}

export async function sectionFourFrom(db: Executor, year: number): Promise<SectionFour> {
  const cases = await repo.casesUpTo(db, yearOf(year).end);
  const facts: CaseFacts[] = cases.map((c) => ({
    kind: c.kind as CaseKind,
    filedOn: c.filed_on,
    decision: c.decision,
    decidedOn: c.decided_on,
  }));
  return sectionFourRow(facts, year);
}

export interface Computed {
  report: AnnualReportData;
  problems: string[];
}

/** Every table of a year's report, computed now. */
export async function computeReport(
  db: Executor,
  year: number,
  agency: string,
  entered: EnteredFigures,
): Promise<Computed> {
  const [counts, two, four] = await Promise.all([
    repo.applicationCounts(db, yearOf(year)),
    sectionTwoFrom(db, year, entered),
    sectionFourFrom(db, year),
  ]);
  const { three, problems } = sectionThreeFrom(counts);
  return { report: { year, agency, two, three, four }, problems };
}
