/**
 * The statutory clock of an application (依申请公开). Pure: no I/O, no clock of its own (today is an
 * argument), the working-day calendar is an argument, so every due date can be recomputed and explained.
 *
 * Rules (shared/domain/regulations.md A.0, A.1):
 * - 条例第三十三条第一款: reply within 20 工作日 of receipt (收到申请之日, fixed per channel by 第三十一条).
 * - 条例第三十三条第二款: extension by at most 20 工作日, approved by the head of the office, applicant told.
 *   Sending it before the original due date runs out is the safe reading ([I]), so that is enforced.
 * - 条例第三十三条第三款: time spent consulting third parties (第三十二条) or other agencies (第三十四条) is
 *   not counted. A consultation excludes the working days in (sent, answered]: the day the letter goes out
 *   is an ordinary day of work, as the receipt day is day 0 of the reply period; the day the answer (or the
 *   end of the 15-day window) arrives is not counted.
 * - 条例第三十条: a supplementation notice within 7 工作日 of receipt; the reply period runs again from the day
 *   the supplemented application is received (a restart, not a pause: days before it never count).
 * - 109号 fee window (regulations.md B9, B11): the applicant pays within 20 工作日 from the day after receiving
 *   the notice. Whether that window stops the reply clock is NOT settled by any retrieved source; the caller
 *   passes fee windows as pauses only when the configured policy says so (APPLICATION_FEE_CLOCK=exclude).
 *
 * Counting follows ADR 0005: with 'next-day' (default) the start day is day 0; with 'same-day' a working
 * start day is day 1. 调休上班 weekends count, holidays do not (platform/calendar/engine.ts).
 */
import { addDays, CalendarInputError, parseIsoDate, weekdayName } from '../../platform/calendar/dates.js';
import {
  addWorkdays,
  type CalendarData,
  type DayReason,
  explainDay,
  uncoveredYearWarning,
} from '../../platform/calendar/engine.js';

/** 条例第三十三条第一款. */
export const REPLY_WORKDAYS = 20;
/** 条例第三十三条第二款: the most an extension may add. */
export const MAX_EXTENSION_WORKDAYS = 20;
/** 条例第三十条: the supplementation notice goes out within this many working days of receipt. */
export const SUPPLEMENT_NOTICE_WORKDAYS = 7;
/** 条例第三十二条、第三十四条: a consulted party answers within this many working days. */
export const CONSULTATION_WORKDAYS = 15;
/** 109号 (regulations.md B9): payment within this many working days from the day after the notice arrives. */
export const FEE_PAYMENT_WORKDAYS = 20;

export type PauseKind = 'consultation' | 'fee';

/** Working days in (from, to] are not counted; `to` null while the pause is still open. */
export interface ClockPause {
  kind: PauseKind;
  from: string;
  to: string | null;
  /** Who was consulted, or which fee notice: shown in the derivation. */
  label?: string;
}

export interface ClockInput {
  /** 收到申请之日 under 条例第三十一条. */
  receivedOn: string;
  /** The day the supplemented application was received (条例第三十条): the period runs again from it. */
  restartedOn?: string | null;
  /** Working days added by an approved extension (条例第三十三条第二款), 0 when none. */
  extensionDays?: number;
  pauses?: ClockPause[];
  startCounting?: 'next-day' | 'same-day';
  /** Today (China time), for the days counted so far and the projection of an open pause. */
  today: string;
}

export interface ClockResult {
  /** The day the reply is due; null while a pause is open (see projectedDueDate). */
  dueDate: string | null;
  /** The due date if an open pause ended today; equals dueDate when nothing is open. */
  projectedDueDate: string;
  state: 'running' | 'paused';
  /** The day the period runs from (receipt or the supplement's receipt). */
  start: string;
  limitDays: number;
  /** Working days counted up to and including today (never more than limitDays). */
  countedDays: number;
  /** Working days left after today (0 when due today or overdue). */
  remainingDays: number;
  /** Today is after the due date. */
  overdue: boolean;
  /** Working days not counted because of pauses, up to the due date (or today while paused). */
  pausedDays: number;
  holidays: DayReason[];
  adjustedWorkdays: DayReason[];
  /** The derivation, one line per fact, in Chinese. */
  explanation: string[];
  warnings: string[];
}

export class ClockInputError extends CalendarInputError {}

const PAUSE_NAMES: Record<PauseKind, string> = {
  consultation: '征求意见（条例第三十三条第三款，不计入答复期限）',
  fee: '收费缴费期（按本机关收费计时规则不计入答复期限）',
};

function checkInput(input: ClockInput): void {
  parseIsoDate(input.receivedOn);
  parseIsoDate(input.today);
  if (input.restartedOn) {
    parseIsoDate(input.restartedOn);
    if (input.restartedOn < input.receivedOn)
      throw new ClockInputError(
        `补正后收到申请之日（${input.restartedOn}）不能早于收到申请之日（${input.receivedOn}）`,
      );
  }
  const ext = input.extensionDays ?? 0;
  if (!Number.isInteger(ext) || ext < 0 || ext > MAX_EXTENSION_WORKDAYS)
    throw new ClockInputError(
      `延期天数应为 0—${MAX_EXTENSION_WORKDAYS} 个工作日（条例第三十三条第二款），收到：${ext}`,
    );
  for (const p of input.pauses ?? []) {
    parseIsoDate(p.from);
    if (p.to !== null) {
      parseIsoDate(p.to);
      if (p.to < p.from) throw new ClockInputError(`暂停区间的结束日（${p.to}）早于开始日（${p.from}）`);
    }
  }
}

/** The pause (if any) that covers a day: from < day ≤ to, an open pause covering every day after from. */
function pauseOn(pauses: ClockPause[], day: string): ClockPause | undefined {
  return pauses.find((p) => p.from < day && (p.to === null || day <= p.to));
}

/**
 * Walks working days from the start until the limit is reached. Open pauses are taken as ending today
 * for the projection; the derivation says so.
 */
export function computeClock(cal: CalendarData, input: ClockInput): ClockResult {
  checkInput(input);
  const start = input.restartedOn ?? input.receivedOn;
  const ext = input.extensionDays ?? 0;
  const limitDays = REPLY_WORKDAYS + ext;
  const mode = input.startCounting ?? 'next-day';
  // Pauses that ended before the period began belong to an earlier run of the clock (before a restart).
  const all = (input.pauses ?? []).filter((p) => p.to === null || p.to > start);
  const open = all.filter((p) => p.to === null);
  const effective = all.map((p) => (p.to === null ? { ...p, to: [input.today, p.from].sort().at(-1)! } : p));

  const explanation: string[] = [];
  explanation.push(`收到申请之日：${input.receivedOn} ${weekdayName(input.receivedOn)}（条例第三十一条）`);
  if (input.restartedOn)
    explanation.push(
      `收到补正后的申请之日：${input.restartedOn} ${weekdayName(input.restartedOn)}，答复期限自该日重新计算（条例第三十条）`,
    );
  explanation.push(
    mode === 'next-day'
      ? `起算：${start} 当日不计入，自次日起算`
      : `起算：${start} 为工作日的，当日计为第1个工作日`,
  );
  explanation.push(
    ext
      ? `答复期限：${REPLY_WORKDAYS} 个工作日（条例第三十三条第一款），经批准延长 ${ext} 个工作日（第三十三条第二款），共 ${limitDays} 个工作日`
      : `答复期限：${REPLY_WORKDAYS} 个工作日（条例第三十三条第一款）`,
  );

  const holidays: DayReason[] = [];
  const adjusted: DayReason[] = [];
  const years = new Set<number>();
  const pausedPer = new Map<ClockPause, number>();
  let weekends = 0;
  let counted = 0;
  let countedToday = 0;
  let pausedDays = 0;
  let day = mode === 'next-day' ? addDays(start, 1) : start;
  let due = start;
  for (;;) {
    const r = explainDay(cal, day);
    years.add(Number(day.slice(0, 4)));
    if (!r.workday) {
      if (r.reason === 'holiday') holidays.push(r);
      else weekends++;
    } else {
      const pause = pauseOn(effective, day);
      if (pause) {
        pausedDays++;
        pausedPer.set(pause, (pausedPer.get(pause) ?? 0) + 1);
      } else {
        counted++;
        if (r.reason === 'adjusted-workday') adjusted.push(r);
        if (day <= input.today) countedToday = counted;
        if (counted === limitDays) {
          due = day;
          break;
        }
      }
    }
    day = addDays(day, 1);
  }

  effective.forEach((p, i) => {
    const n = pausedPer.get(p) ?? 0;
    const original = all[i]!;
    const who = p.label ? `：${p.label}` : '';
    const span =
      original.to === null
        ? `${p.from} 起，至今未结束（按今日 ${input.today} 结束推算）`
        : `${p.from} 至 ${p.to}`;
    explanation.push(`暂停 ${PAUSE_NAMES[p.kind]}${who}，${span}，其间 ${n} 个工作日不计入`);
  });
  for (const h of holidays) explanation.push(`跳过 ${h.label}`);
  for (const a of adjusted) explanation.push(`计入 ${a.label}`);
  explanation.push(
    `共跳过周末 ${weekends} 天、节假日 ${holidays.length} 天，计入调休上班 ${adjusted.length} 天，暂停不计 ${pausedDays} 个工作日`,
  );
  explanation.push(
    open.length
      ? `若暂停于今日结束，第${limitDays}个工作日为 ${due} ${weekdayName(due)}；暂停期间期限不再计算，结束后重新确定`
      : `第${limitDays}个工作日：${due} ${weekdayName(due)}，即答复期限`,
  );
  const uncovered = [...years].filter((y) => !cal.coveredYears.has(y)).sort((a, b) => a - b);
  const warnings = uncovered.map(uncoveredYearWarning);
  for (const w of warnings) explanation.push(`注意：${w}`);

  const paused = open.length > 0;
  return {
    dueDate: paused ? null : due,
    projectedDueDate: due,
    state: paused ? 'paused' : 'running',
    start,
    limitDays,
    countedDays: input.today < start ? 0 : countedToday,
    remainingDays: Math.max(0, limitDays - (input.today < start ? 0 : countedToday)),
    overdue: !paused && input.today > due,
    pausedDays,
    holidays,
    adjustedWorkdays: adjusted,
    explanation,
    warnings,
  };
}

/** 条例第三十条: the last day a supplementation notice may go out. */
export function supplementNoticeDeadline(
  cal: CalendarData,
  receivedOn: string,
  startCounting?: 'next-day' | 'same-day',
) {
  return addWorkdays(cal, receivedOn, SUPPLEMENT_NOTICE_WORKDAYS, { startCounting });
}

/** 条例第三十二条、第三十四条: the consulted party's last day, from the day it received the letter. */
export function consultationWindowEnd(
  cal: CalendarData,
  letterReceivedOn: string,
  startCounting?: 'next-day' | 'same-day',
) {
  return addWorkdays(cal, letterReceivedOn, CONSULTATION_WORKDAYS, { startCounting });
}

/** 109号 (B9): the last day to pay, counted from the day after the notice was received. */
export function feePaymentDeadline(cal: CalendarData, noticeReceivedOn: string) {
  // "收到收费通知次日起" is next-day counting whatever the platform's general setting is.
  return addWorkdays(cal, noticeReceivedOn, FEE_PAYMENT_WORKDAYS, { startCounting: 'next-day' });
}

/**
 * An extension is allowed when it keeps the total within 20 working days and is decided on or before the
 * current due date (条例第三十三条第二款; the timing is the safe reading, regulations.md A.0 [I]).
 * Returns a Chinese reason when it is not.
 */
export function extensionProblem(
  clock: Pick<ClockResult, 'dueDate' | 'limitDays'>,
  days: number,
  decidedOn: string,
): string | null {
  if (!Number.isInteger(days) || days < 1) return '延长天数应为正整数个工作日';
  const already = clock.limitDays - REPLY_WORKDAYS;
  if (already + days > MAX_EXTENSION_WORKDAYS)
    return `延长答复期限最长不得超过 ${MAX_EXTENSION_WORKDAYS} 个工作日（条例第三十三条第二款）${already ? `，已延长 ${already} 个工作日` : ''}`;
  if (clock.dueDate && decidedOn > clock.dueDate)
    return `答复期限（${clock.dueDate}）已过，不能再延期：延期须在原答复期限届满前决定并告知申请人`;
  return null;
}

/** The working day that lies `n` working days before `due` (for reminders 5 and 2 working days ahead). */
export function workdaysBefore(cal: CalendarData, due: string, n: number): string {
  parseIsoDate(due);
  if (!Number.isInteger(n) || n < 0 || n > 366) throw new ClockInputError(`提前天数无效：${n}`);
  let day = due;
  let left = n;
  while (left > 0) {
    day = addDays(day, -1);
    if (explainDay(cal, day).workday) left--;
  }
  return day;
}
