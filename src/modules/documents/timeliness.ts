/**
 * Timeliness of proactive disclosure (主动公开时限). Pure: no I/O, no clock (today is an argument).
 *
 * 《政府信息公开条例》第二十六条: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内
 * 及时公开。法律、法规对政府信息公开的期限另有规定的，从其规定。 (regulations.md A.0 T1; domain doc C.1.)
 * Other laws set other periods, e.g. the 征收土地公告 within 15 工作日 (《土地管理法实施条例》第三十一条,
 * domain doc D.1), hence periodDays.
 *
 * Counting: the day the information is formed or changed is day 0 and counting starts the next day
 * (the engine's default, after 《民事诉讼法》第八十五条 "期间开始的时和日，不计算在期间内"; the 条例 is
 * silent, regulations.md A.0 [U]). 调休上班 weekend days count as 工作日, as in the engine.
 *
 * Status follows the dates: published on or before the due date is on time, after it is late; unpublished
 * is overdue once the due date has passed. How late is measured in working days, so a Monday publication
 * after a Friday due date is 1 working day late, not 3; a publication on the weekend right after the due
 * date is late by 0 working days (daysLate 1), since the period ended with the due date.
 */
import { CalendarInputError, parseIsoDate, toDayNumber } from '../../platform/calendar/dates.js';
import { addWorkdays, type CalendarData, workdaysBetween } from '../../platform/calendar/engine.js';

/** 条例第二十六条: 20 个工作日. */
export const DISCLOSURE_PERIOD_WORKDAYS = 20;
export const DEFAULT_AT_RISK_WORKDAYS = 3;

export type DisclosureStatus = 'on_time' | 'late' | 'due' | 'at_risk' | 'overdue';

export const DISCLOSURE_STATUS_LABELS: Record<DisclosureStatus, string> = {
  on_time: '按时公开',
  late: '逾期公开',
  due: '待公开',
  at_risk: '即将到期',
  overdue: '已逾期未公开',
};

export interface DisclosureDue {
  due: string;
  explanation: string[];
  warnings: string[];
}

export interface DisclosureStatusInput {
  /** The day the information was formed or changed (形成或者变更之日), 'YYYY-MM-DD'. */
  formedOn: string;
  publishedOn: string | null;
  today: string;
  /** Another period set by law or regulation; 20 when absent. */
  periodDays?: number;
  /** Unpublished with this many working days left or fewer is at_risk. */
  atRiskDays?: number;
}

export interface DisclosureStatusResult {
  status: DisclosureStatus;
  due: string;
  /** late, overdue: working days after the due date up to the publication date or today. */
  workdaysLate?: number;
  /** late, overdue: calendar days after the due date. */
  daysLate?: number;
  /** due, at_risk: working days after today up to the due date; 0 means today is the last day. */
  workdaysLeft?: number;
  explanation: string[];
  warnings: string[];
}

export interface OnTimeRate {
  total: number;
  onTime: number;
  late: number;
  /** onTime / total as a fraction; null when nothing has been published, not a flattering 100%. */
  rate: number | null;
}

function basis(periodDays: number): string {
  if (periodDays === DISCLOSURE_PERIOD_WORKDAYS) {
    return '依据《政府信息公开条例》第二十六条，应当自该政府信息形成或者变更之日起20个工作日内公开';
  }
  return `《政府信息公开条例》第二十六条：法律、法规对公开期限另有规定的，从其规定；本项期限为${periodDays}个工作日`;
}

/** The last day on which information formed or changed on formedOn may be published on time. */
export function disclosureDue(
  cal: CalendarData,
  formedOn: string,
  periodDays: number = DISCLOSURE_PERIOD_WORKDAYS,
): DisclosureDue {
  const r = addWorkdays(cal, formedOn, periodDays);
  return {
    due: r.date,
    explanation: [basis(periodDays), ...r.explanation, `公开期限截止日：${r.date}`],
    warnings: r.warnings,
  };
}

function daysAfter(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function disclosureStatus(cal: CalendarData, input: DisclosureStatusInput): DisclosureStatusResult {
  const atRiskDays = input.atRiskDays ?? DEFAULT_AT_RISK_WORKDAYS;
  if (!Number.isInteger(atRiskDays) || atRiskDays < 0) {
    throw new CalendarInputError(`临期提醒天数必须是非负整数：${String(atRiskDays)}`);
  }
  const formedOn = parseIsoDate(input.formedOn);
  const today = parseIsoDate(input.today);
  const { due, explanation, warnings } = disclosureDue(cal, formedOn, input.periodDays);
  const allWarnings = new Set(warnings);
  const done = (r: Omit<DisclosureStatusResult, 'due' | 'explanation' | 'warnings'>, line: string) => ({
    ...r,
    due,
    explanation: [...explanation, line],
    warnings: [...allWarnings],
  });

  if (input.publishedOn !== null) {
    const published = parseIsoDate(input.publishedOn);
    if (published < formedOn) allWarnings.add(`发布日期 ${published} 早于形成日期 ${formedOn}，请核对`);
    if (published <= due) {
      return done({ status: 'on_time' }, `已于 ${published} 公开，未超过截止日 ${due}，按时公开`);
    }
    const late = workdaysBetween(cal, due, published);
    for (const w of late.warnings) allWarnings.add(w);
    const daysLate = daysAfter(due, published);
    return done(
      { status: 'late', workdaysLate: late.count, daysLate },
      `已于 ${published} 公开，超过截止日 ${due} ${daysLate} 天（${late.count} 个工作日），逾期公开`,
    );
  }

  const between = workdaysBetween(cal, today, due);
  for (const w of between.warnings) allWarnings.add(w);
  if (today > due) {
    const daysLate = daysAfter(due, today);
    return done(
      { status: 'overdue', workdaysLate: -between.count, daysLate },
      `截至 ${today} 尚未公开，已超过截止日 ${due} ${daysLate} 天（${-between.count} 个工作日）`,
    );
  }
  const left = between.count;
  const status = left <= atRiskDays ? 'at_risk' : 'due';
  const tail = left === 0 ? '今天是最后期限' : `截止日前还剩 ${left} 个工作日`;
  return done({ status, workdaysLeft: left }, `截至 ${today} 尚未公开，${tail}（截止日 ${due}）`);
}

/** The on-time rate of published items; unpublished ones (due, at_risk, overdue) are left out. */
export function onTimeRate(items: readonly { status: DisclosureStatus }[]): OnTimeRate {
  let onTime = 0;
  let late = 0;
  for (const { status } of items) {
    if (status === 'on_time') onTime++;
    else if (status === 'late') late++;
  }
  const total = onTime + late;
  return { total, onTime, late, rate: total === 0 ? null : onTime / total };
}
