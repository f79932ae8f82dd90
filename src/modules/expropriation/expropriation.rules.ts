/**
 * Statutory stages of a land expropriation (征收集体土地) and their periods. Pure: no I/O, no clock
 * (today is an argument), the working-day calendar is an argument.
 *
 * Sources (shared/domain/website-and-calendar.md D.1, all [P]):
 * - 《土地管理法实施条例》(2021) 第二十六条: 征收土地预公告, 在拟征收土地所在的乡（镇）和村、村民小组范围内发布,
 *   "预公告时间不少于十个工作日"; the 土地现状调查 follows the 预公告 (its contents include the survey arrangement).
 * - 《土地管理法》(2019) 第四十七条: 现状调查, then 征收范围、土地现状、征收目的、补偿标准、安置方式和社会保障等
 *   "公告至少三十日"; 多数成员认为方案不符合法律法规的, 组织召开听证会; 所有权人、使用权人在公告规定期限内
 *   办理补偿登记; only when this 前期工作 is done may the government apply for approval.
 *   实施条例 第二十七条至第二十八条 (方案内容; 公告时间不少于三十日, 载明补偿登记的方式和期限, 听证).
 * - 实施条例 第三十一条: "自收到批准文件之日起十五个工作日内" 发布征收土地公告. (The older 10 WD of
 *   《征收土地公告办法》 is superseded and not applied.)
 * - 现状调查结果: no national period was found (the 5 WD row is a pre-2021 local template, [S]), so only its
 *   presence and its place in the order are checked.
 *
 * Counting (ADR 0005): the posting or receipt day is day 0 and counting starts the next day, as
 * 《民事诉讼法》第八十五条 "期间开始的时和日，不计算在期间内" (the same-day setting makes it day 1).
 * Working days follow the platform calendar
 * (调休上班 weekends count, holidays are skipped). 三十日 are natural days: posted on day 0, the 30th day
 * is the earliest day the posting may come down. A posting "ends" on the last day it was up.
 */
import { addDays, CalendarInputError, parseIsoDate, toDayNumber } from '../../platform/calendar/dates.js';
import {
  addWorkdays,
  type CalendarData,
  type DayReason,
  workdaysBetween,
} from '../../platform/calendar/engine.js';

/** 实施条例 第二十六条. */
export const PRE_NOTICE_MIN_WORKDAYS = 10;
/** 土地管理法 第四十七条; 实施条例 第二十八条. */
export const PLAN_MIN_DAYS = 30;
/** 实施条例 第三十一条. */
export const NOTICE_WITHIN_WORKDAYS = 15;

export const STAGE_KINDS = [
  'pre_notice',
  'survey',
  'compensation_plan',
  'hearing',
  'registration',
  'approval',
  'expropriation_notice',
] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface StageDef {
  name: string;
  /** The legal basis shown with the stage. */
  basis: string;
  /** What the statute requires of the period, in one line. */
  rule: string;
  /** What the stage's date means, and its end date (null: the stage has no end date). */
  dateLabel: string;
  endLabel: string | null;
  /** Stages that must come first: this stage's date may not be earlier than theirs. */
  after: StageKind[];
}

export const STAGES: Record<StageKind, StageDef> = {
  pre_notice: {
    name: '征收土地预公告',
    basis: '《土地管理法实施条例》第二十六条',
    rule: `在拟征收土地所在的乡（镇）和村、村民小组范围内发布，预公告时间不少于${PRE_NOTICE_MIN_WORKDAYS}个工作日`,
    dateLabel: '发布日期',
    endLabel: '公告截止日期',
    after: [],
  },
  survey: {
    name: '土地现状调查结果',
    basis: '《土地管理法》第四十七条；《土地管理法实施条例》第二十六条',
    rule: '预公告后开展拟征收土地现状调查，调查结果作为补偿安置方案的依据（无全国统一的公开期限）',
    dateLabel: '公开日期',
    endLabel: null,
    after: ['pre_notice'],
  },
  compensation_plan: {
    name: '征地补偿安置方案公告',
    basis: '《土地管理法》第四十七条；《土地管理法实施条例》第二十七条、第二十八条',
    rule: `在拟征收土地所在的乡（镇）和村、村民小组范围内公告至少${PLAN_MIN_DAYS}日，载明补偿登记的方式和期限、异议反馈渠道`,
    dateLabel: '发布日期',
    endLabel: '公告截止日期',
    after: ['pre_notice', 'survey'],
  },
  hearing: {
    name: '听证',
    basis: '《土地管理法》第四十七条；《土地管理法实施条例》第二十八条',
    rule: '多数被征地的农村集体经济组织成员认为补偿安置方案不符合法律、法规规定的，应当组织召开听证会',
    dateLabel: '听证日期',
    endLabel: null,
    after: ['compensation_plan'],
  },
  registration: {
    name: '补偿登记',
    basis: '《土地管理法》第四十七条',
    rule: '所有权人、使用权人在补偿安置方案公告规定的期限内办理补偿登记',
    dateLabel: '登记开始日期',
    endLabel: '登记截止日期',
    after: ['compensation_plan'],
  },
  approval: {
    name: '征地批准文件',
    basis: '《土地管理法》第四十七条；《土地管理法实施条例》第三十一条',
    rule: '前期工作（预公告、现状调查、补偿安置方案公告、听证、补偿登记）完成后方可申请征收土地',
    dateLabel: '收到批准文件日期',
    endLabel: null,
    after: ['pre_notice', 'survey', 'compensation_plan', 'hearing', 'registration'],
  },
  expropriation_notice: {
    name: '征收土地公告',
    basis: '《土地管理法实施条例》第三十一条',
    rule: `自收到批准文件之日起${NOTICE_WITHIN_WORKDAYS}个工作日内在拟征收土地所在的乡（镇）和村、村民小组范围内发布`,
    dateLabel: '发布日期',
    endLabel: '公告截止日期',
    after: ['approval'],
  },
};

export type StageState = 'published' | 'missing' | 'out_of_period' | 'not_applicable' | 'not_due';

export const STATE_NAMES: Record<StageState, string> = {
  published: '已公开',
  missing: '缺失',
  out_of_period: '期限不符',
  not_applicable: '不适用',
  not_due: '未到',
};

/** One recorded stage. A stage is recorded once its date is known. */
export interface StageRecord {
  kind: StageKind;
  postedOn: string;
  endOn: string | null;
  /** A published document in the 征地信息 column is linked (a withdrawn one does not count). */
  hasDocument: boolean;
}

export interface ProjectFacts {
  hearingRequested: boolean;
  stages: StageRecord[];
  today: string;
  /**
   * ADR 0005 (CALENDAR_START_COUNTING): next-day (default) makes the posting or receipt day day 0;
   * same-day makes it day 1 (for working days: when it is a working day).
   */
  startCounting?: 'next-day' | 'same-day';
}

export interface StageAssessment {
  kind: StageKind;
  name: string;
  basis: string;
  rule: string;
  state: StageState;
  stateName: string;
  /** Chinese sentences: what was found, the day count, the holidays skipped. */
  explanation: string[];
  /** The last permissible day (征收土地公告) or the earliest permissible end of a posting. */
  limitDate: string | null;
  /** Days counted for the period check, with their unit. */
  count: { value: number; unit: '工作日' | '日' } | null;
}

export type Completeness = 'complete' | 'issues' | 'in_progress';

export const COMPLETENESS_NAMES: Record<Completeness, string> = {
  complete: '环节齐全',
  issues: '存在问题',
  in_progress: '进行中',
};

export interface ProjectAssessment {
  stages: StageAssessment[];
  completeness: Completeness;
  completenessName: string;
  counts: Record<StageState, number>;
}

/** Skipped holidays grouped by name, weekends counted, 调休 days named: one Chinese sentence or none. */
export function calendarNote(skipped: DayReason[], adjusted: DayReason[]): string | null {
  const holidays = new Map<string, string[]>();
  let weekends = 0;
  for (const s of skipped) {
    if (s.reason === 'holiday') {
      const key = s.holiday ?? '节假日';
      holidays.set(key, [...(holidays.get(key) ?? []), s.date]);
    } else weekends++;
  }
  const parts: string[] = [];
  for (const [name, dates] of holidays) {
    const span = dates.length === 1 ? dates[0] : `${dates[0]}至${dates.at(-1)}`;
    parts.push(`跳过${name}假期 ${span}（${dates.length}天）`);
  }
  if (weekends > 0) parts.push(`跳过周末 ${weekends} 天`);
  if (adjusted.length > 0) parts.push(`计入调休上班日 ${adjusted.map((a) => a.date).join('、')}`);
  return parts.length > 0 ? `${parts.join('；')}。` : null;
}

function checkDate(label: string, d: string): string {
  try {
    return parseIsoDate(d);
  } catch (e) {
    if (e instanceof CalendarInputError) throw new CalendarInputError(`${label}：${e.message}`);
    throw e;
  }
}

const daysBetween = (from: string, to: string) => toDayNumber(to) - toDayNumber(from);

interface Finding {
  problems: string[];
  notes: string[];
  limitDate: string | null;
  count: StageAssessment['count'];
}

/** How the start day is counted (ADR 0005), in one place for working and natural days. */
interface Counting {
  mode: 'next-day' | 'same-day';
  /** The days counted from `start` through an end day are the working days in (base(start), end]. */
  base(start: string): string;
  /** The natural day on which the n-th day falls. */
  nthDay(start: string, n: number): string;
  /** Natural days counted from start through end. */
  days(start: string, end: string): number;
  workdayText: string;
  dayText: string;
}

function counting(mode: 'next-day' | 'same-day'): Counting {
  const same = mode === 'same-day';
  return {
    mode,
    base: (start) => (same ? addDays(start, -1) : start),
    nthDay: (start, n) => addDays(start, same ? n - 1 : n),
    days: (start, end) => daysBetween(start, end) + (same ? 1 : 0),
    workdayText: same ? '当日为工作日的计为第1个工作日' : '当日不计入，次日起算',
    dayText: same ? '当日为第1日' : '当日不计入，次日为第1日',
  };
}

/** ≥ N working days (预公告). A posting without an end date is taken as still up, counted to today. */
function workdayPosting(
  cal: CalendarData,
  c: Counting,
  r: StageRecord,
  today: string,
  min: number,
  f: Finding,
): void {
  const minEnd = addWorkdays(cal, r.postedOn, min, { startCounting: c.mode });
  f.limitDate = minEnd.date;
  const end = r.endOn ?? (today < r.postedOn ? r.postedOn : today);
  const between = workdaysBetween(cal, c.base(r.postedOn), end);
  f.count = { value: between.count, unit: '工作日' };
  const note = calendarNote(between.skipped, between.adjustedWorkdaysCounted);
  const span = `${r.postedOn}发布（${c.workdayText}）至${end}${r.endOn ? '' : '（尚未录入截止日期，计至今日）'}`;
  const counted = `${span}，共${between.count}个工作日${note ? `；${note}` : '。'}`;
  if (between.count >= min) {
    f.notes.push(`${counted}满足不少于${min}个工作日的要求（最早可于${minEnd.date}截止）。`);
  } else if (!r.endOn) {
    f.notes.push(`${counted}公告中，应至少公告至${minEnd.date}（第${min}个工作日）。`);
  } else {
    f.problems.push(`${counted}少于法定${min}个工作日，应至少公告至${minEnd.date}。`);
  }
  for (const w of [...minEnd.warnings, ...between.warnings]) if (!f.notes.includes(w)) f.notes.push(w);
}

/** ≥ N natural days (补偿安置方案公告). */
function dayPosting(c: Counting, r: StageRecord, today: string, min: number, f: Finding): void {
  const minEnd = c.nthDay(r.postedOn, min);
  f.limitDate = minEnd;
  const end = r.endOn ?? (today < r.postedOn ? r.postedOn : today);
  const days = c.days(r.postedOn, end);
  f.count = { value: days, unit: '日' };
  const span = `${r.postedOn}发布（${c.dayText}）至${end}${r.endOn ? '' : '（尚未录入截止日期，计至今日）'}`;
  const counted = `${span}，共${days}日（按自然日计算，节假日照常计入）`;
  if (days >= min) f.notes.push(`${counted}，满足至少${min}日的要求（最早可于${minEnd}截止）。`);
  else if (!r.endOn) f.notes.push(`${counted}，公告中，应至少公告至${minEnd}（第${min}日）。`);
  else f.problems.push(`${counted}，少于法定${min}日，应至少公告至${minEnd}。`);
}

/** 征收土地公告 within 15 WD of receiving the approval. */
function noticeWithin(
  cal: CalendarData,
  c: Counting,
  r: StageRecord,
  approval: StageRecord | undefined,
  f: Finding,
): void {
  if (!approval) {
    f.notes.push(
      `未录入收到批准文件的日期，无法核对“收到批准文件之日起${NOTICE_WITHIN_WORKDAYS}个工作日内”的期限。`,
    );
    return;
  }
  const limit = addWorkdays(cal, approval.postedOn, NOTICE_WITHIN_WORKDAYS, { startCounting: c.mode });
  f.limitDate = limit.date;
  if (r.postedOn < approval.postedOn) {
    f.problems.push(
      `征收土地公告发布于${r.postedOn}，早于收到批准文件之日${approval.postedOn}：征收土地公告应在征收申请经依法批准后发布。`,
    );
    return;
  }
  const between = workdaysBetween(cal, c.base(approval.postedOn), r.postedOn);
  f.count = { value: between.count, unit: '工作日' };
  const note = calendarNote(between.skipped, between.adjustedWorkdaysCounted);
  const counted =
    r.postedOn === approval.postedOn
      ? `收到批准文件当日（${r.postedOn}）发布`
      : `${approval.postedOn}收到批准文件（${c.workdayText}），${r.postedOn}发布，为第${between.count}个工作日${note ? `；${note}` : ''}`;
  if (r.postedOn <= limit.date)
    f.notes.push(`${counted}，在${NOTICE_WITHIN_WORKDAYS}个工作日内（最迟${limit.date}）。`);
  else f.problems.push(`${counted}，超过${NOTICE_WITHIN_WORKDAYS}个工作日，最迟应于${limit.date}发布。`);
  for (const w of [...limit.warnings, ...between.warnings]) if (!f.notes.includes(w)) f.notes.push(w);
}

/** The stages recorded after this one that depend on it, directly or through another stage. */
function dependants(kind: StageKind): StageKind[] {
  const out = new Set<StageKind>();
  const visit = (k: StageKind) => {
    for (const other of STAGE_KINDS)
      if (STAGES[other].after.includes(k) && !out.has(other)) {
        out.add(other);
        visit(other);
      }
  };
  visit(kind);
  return STAGE_KINDS.filter((k) => out.has(k));
}

/**
 * Each stage's state. A recorded stage with a problem (period too short, too late, before a stage that
 * must precede it) is 期限不符; without a linked published document it is 缺失 (the date alone publishes
 * nothing); otherwise 已公开. An unrecorded stage is 缺失 once a later stage exists or its deadline has
 * passed, 不适用 for a hearing nobody requested, and otherwise 未到.
 */
export function assessProject(cal: CalendarData, facts: ProjectFacts): ProjectAssessment {
  const today = checkDate('今日', facts.today);
  const mode = facts.startCounting ?? 'next-day';
  if (mode !== 'next-day' && mode !== 'same-day')
    throw new CalendarInputError(`起算方式无效：${String(mode)}`);
  const c = counting(mode);
  const records = new Map<StageKind, StageRecord>();
  for (const s of facts.stages) {
    if (!STAGE_KINDS.includes(s.kind)) throw new CalendarInputError(`未知的环节：${String(s.kind)}`);
    if (records.has(s.kind)) throw new CalendarInputError(`环节重复：${STAGES[s.kind].name}`);
    const def = STAGES[s.kind];
    checkDate(`${def.name}${def.dateLabel}`, s.postedOn);
    if (s.endOn !== null) checkDate(`${def.name}${def.endLabel ?? '截止日期'}`, s.endOn);
    records.set(s.kind, s);
  }

  const stages = STAGE_KINDS.map((kind): StageAssessment => {
    const def = STAGES[kind];
    const r = records.get(kind);
    const f: Finding = { problems: [], notes: [], limitDate: null, count: null };
    let state: StageState;
    if (r) {
      if (r.endOn !== null && r.endOn < r.postedOn)
        f.problems.push(`${def.endLabel ?? '截止日期'}${r.endOn}早于${def.dateLabel}${r.postedOn}。`);
      else if (kind === 'pre_notice') workdayPosting(cal, c, r, today, PRE_NOTICE_MIN_WORKDAYS, f);
      else if (kind === 'compensation_plan') dayPosting(c, r, today, PLAN_MIN_DAYS, f);
      else if (kind === 'expropriation_notice') noticeWithin(cal, c, r, records.get('approval'), f);
      else f.notes.push(`${def.dateLabel}：${r.postedOn}${r.endOn ? `，${def.endLabel}：${r.endOn}` : ''}。`);
      if (kind === 'hearing' && !facts.hearingRequested)
        f.notes.push('项目未登记听证申请，但已组织听证，一并公开。');
      for (const before of def.after) {
        const b = records.get(before);
        if (!b || kind === 'expropriation_notice') continue;
        if (r.postedOn < b.postedOn)
          f.problems.push(
            `环节顺序不符：${def.dateLabel}${r.postedOn}早于${STAGES[before].name}的${STAGES[before].dateLabel}${b.postedOn}。`,
          );
      }
      // The approval may be applied for only after the 30-day posting of the plan (土地管理法 第四十七条).
      const plan = records.get('compensation_plan');
      if (kind === 'approval' && plan && r.postedOn >= plan.postedOn) {
        const planEnd = c.nthDay(plan.postedOn, PLAN_MIN_DAYS);
        if (r.postedOn < planEnd)
          f.problems.push(
            `环节顺序不符：收到批准文件之日${r.postedOn}早于补偿安置方案公告满${PLAN_MIN_DAYS}日之日${planEnd}，前期工作尚未完成即已批准。`,
          );
      }
      if (f.problems.length > 0) state = 'out_of_period';
      else if (!r.hasDocument) {
        state = 'missing';
        f.notes.push('已录入日期，但未关联“征地信息”栏目中已公开的文件，视为未公开。');
      } else state = 'published';
    } else {
      const later = dependants(kind).filter((k) => records.has(k));
      const laterNames = later.map((k) => STAGES[k].name).join('、');
      const approval = records.get('approval');
      if (kind === 'hearing' && !facts.hearingRequested) {
        state = 'not_applicable';
        f.notes.push('未有多数被征地的农村集体经济组织成员对补偿安置方案提出异议并要求听证，不适用。');
      } else if (later.length > 0) {
        state = 'missing';
        f.notes.push(`后续环节（${laterNames}）已开展，但本环节未公开。`);
      } else if (kind === 'expropriation_notice' && approval) {
        const limit = addWorkdays(cal, approval.postedOn, NOTICE_WITHIN_WORKDAYS, { startCounting: mode });
        f.limitDate = limit.date;
        const note = calendarNote(limit.skipped, limit.adjustedWorkdaysCounted);
        const head = `${approval.postedOn}收到批准文件（${c.workdayText}），第${NOTICE_WITHIN_WORKDAYS}个工作日为${limit.date}${note ? `；${note}` : '。'}`;
        if (today > limit.date) {
          state = 'missing';
          const late = workdaysBetween(cal, limit.date, today).count;
          f.notes.push(`${head}已超过期限${late}个工作日仍未发布征收土地公告。`);
        } else {
          state = 'not_due';
          const left = workdaysBetween(cal, today, limit.date).count;
          f.notes.push(`${head}应于${limit.date}前发布（自今日起还有${left}个工作日）。`);
        }
        for (const w of limit.warnings) f.notes.push(w);
      } else {
        state = 'not_due';
        f.notes.push('尚未开展。');
      }
    }
    return {
      kind,
      name: def.name,
      basis: def.basis,
      rule: def.rule,
      state,
      stateName: STATE_NAMES[state],
      explanation: [...f.problems, ...f.notes],
      limitDate: f.limitDate,
      count: f.count,
    };
  });

  const counts: Record<StageState, number> = {
    published: 0,
    missing: 0,
    out_of_period: 0,
    not_applicable: 0,
    not_due: 0,
  };
  for (const s of stages) counts[s.state]++;
  const completeness: Completeness =
    counts.missing + counts.out_of_period > 0 ? 'issues' : counts.not_due > 0 ? 'in_progress' : 'complete';
  return { stages, completeness, completenessName: COMPLETENESS_NAMES[completeness], counts };
}
