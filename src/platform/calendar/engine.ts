/**
 * Working-day (工作日) calendar engine. Pure: no I/O, no clock, no local time zone.
 *
 * 《政府信息公开条例》 arts. 30, 32, 33 and 34 set reply, 补正 and consultation deadlines in 工作日;
 * 《行政许可法》 art. 82 says such limits "以工作日计算，不含法定节假日". Which days are working days is set
 * each year by the State Council's holiday notice (see official-data.ts), so:
 *   working day ⇔ listed 调休上班 weekend day, or (Mon–Fri and not a listed day off).
 * 调休上班 weekends counting as 工作日 is the common convention; no source found states it for statutory
 * deadlines (domain doc E.0, [U]). A caller that wants otherwise can add 'normal' overrides.
 *
 * A year without official data is never silently treated as known: the result is computed from weekends
 * alone and always carries a warning and the year in uncoveredYears, so an admin can add the notice.
 */
import {
  CalendarInputError,
  dayOfWeekOf,
  fromDayNumber,
  MAX_YEAR,
  MIN_YEAR,
  parseIsoDate,
  toDayNumber,
  weekdayName,
  weekdayNameOf,
  yearOf,
} from './dates.js';
import type { OfficialYear } from './official-data.js';

export { CalendarInputError, parseIsoDate } from './dates.js';

/** The most working days one call may add: ten years is far beyond any statutory period. */
export const MAX_WORKDAYS = 3650;

export interface DayEntry {
  date: string;
  /** rest = day off; workday = 调休上班 on a weekend; normal = an override cancelling any entry for the date. */
  kind: 'rest' | 'workday' | 'normal';
  name: string;
  source: string;
}

export interface CalendarData {
  entries: Map<string, DayEntry>;
  /** Calendar years whose every date is known. A year is covered by official data or an admin declaration. */
  coveredYears: Set<number>;
  /** 'normal' overrides, kept only so that explanations can say an official entry was cancelled. */
  cancelled?: Map<string, DayEntry>;
}

export type DayReason = {
  date: string;
  workday: boolean;
  reason: 'weekday' | 'weekend' | 'holiday' | 'adjusted-workday';
  holiday?: string;
  source?: string;
  /** Chinese, e.g. '2020-02-01 星期六：春节假期（国办发明电〔2020〕1号）'. */
  label: string;
  /** False when the date's calendar year has no official data (the status then rests on weekends only). */
  covered: boolean;
};

export interface WorkdayResult {
  date: string;
  explanation: string[];
  skipped: DayReason[];
  adjustedWorkdaysCounted: DayReason[];
  warnings: string[];
  uncoveredYears: number[];
}

export interface WorkdaysBetweenResult {
  count: number;
  explanation: string[];
  skipped: DayReason[];
  adjustedWorkdaysCounted: DayReason[];
  warnings: string[];
  uncoveredYears: number[];
}

export interface AddWorkdaysOptions {
  /**
   * next-day (default): the start day is day 0 and counting begins the next day, as 《民事诉讼法》 art. 85
   * "期间开始的时和日，不计算在期间内". same-day: the start day is day 1 if it is a working day.
   * The 条例 does not say which applies (regulations.md A.0, [U]), hence the option.
   */
  startCounting?: 'next-day' | 'same-day';
}

const KINDS = new Set<string>(['rest', 'workday', 'normal']);

export function uncoveredYearWarning(year: number): string {
  return `${year}年尚无官方节假日安排数据，计算结果仅按周末推算，请管理员补充`;
}

/**
 * Official entries first, then overrides in order (a later override for the same date wins). A 'normal'
 * override removes whatever entry the date had. Overrides do not make a year covered: one local day off
 * says nothing about the rest of that year. Bad dates throw rather than silently never matching.
 */
export function buildCalendarData(
  official: OfficialYear[],
  overrides: DayEntry[] = [],
  extraYears: { year: number }[] = [],
): CalendarData {
  const entries = new Map<string, DayEntry>();
  const cancelled = new Map<string, DayEntry>();
  const coveredYears = new Set<number>();
  for (const y of official) {
    coveredYears.add(y.year);
    for (const period of y.periods) {
      const add = (date: string, kind: 'rest' | 'workday') => {
        parseIsoDate(date);
        const prev = entries.get(date);
        if (prev) {
          throw new CalendarInputError(
            `官方节假日数据有误：${date} 同时出现在“${prev.name}”和“${period.name}”中`,
          );
        }
        entries.set(date, { date, kind, name: period.name, source: period.source });
      };
      for (const d of period.rest) add(d, 'rest');
      for (const d of period.workdays) add(d, 'workday');
    }
  }
  for (const o of overrides) {
    parseIsoDate(o.date);
    if (!KINDS.has(o.kind)) {
      throw new CalendarInputError(`本地日历条目 ${o.date} 的类型无效：${String(o.kind)}`);
    }
    if (o.kind === 'normal') {
      entries.delete(o.date);
      cancelled.set(o.date, o);
    } else {
      entries.set(o.date, o);
      cancelled.delete(o.date);
    }
  }
  for (const { year } of extraYears) {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      throw new CalendarInputError(`年度无效：${year}，应为 ${MIN_YEAR}—${MAX_YEAR} 之间的整数`);
    }
    coveredYears.add(year);
  }
  return { entries, coveredYears, cancelled };
}

function holidayText(name: string): string {
  return name.endsWith('假') || name.endsWith('假期') ? name : `${name}假期`;
}

export function explainDay(cal: CalendarData, date: string): DayReason {
  const d = parseIsoDate(date);
  return explainValid(cal, d, toDayNumber(d));
}

/** explainDay for a date already known valid, with its day number: the per-day hot path of the walks. */
function explainValid(cal: CalendarData, d: string, dayNumber: number): DayReason {
  const head = `${d} ${weekdayNameOf(dayNumber)}：`;
  const year = yearOf(d);
  const covered = cal.coveredYears.has(year);
  const dow = dayOfWeekOf(dayNumber);
  const weekend = dow === 0 || dow === 6;
  const entry = cal.entries.get(d);
  if (entry?.kind === 'rest') {
    const label = `${head}${holidayText(entry.name)}（${entry.source}）`;
    return {
      date: d,
      workday: false,
      reason: 'holiday',
      holiday: entry.name,
      source: entry.source,
      label,
      covered,
    };
  }
  if (entry?.kind === 'workday' && weekend) {
    const label = `${head}调休上班（${entry.name}）`;
    return {
      date: d,
      workday: true,
      reason: 'adjusted-workday',
      holiday: entry.name,
      source: entry.source,
      label,
      covered,
    };
  }
  // No entry decides the day: it follows the week. Say why when that is only a guess or a local change.
  const cancel = cal.cancelled?.get(d);
  let note = '';
  if (cancel) note = `（本地调整：${cancel.name}，${cancel.source}）`;
  else if (!covered) note = `（${year}年无官方节假日数据，仅按周末判断）`;
  const label = `${head}${weekend ? '周末休息' : '工作日'}${note}`;
  const r: DayReason = {
    date: d,
    workday: !weekend,
    reason: weekend ? 'weekend' : 'weekday',
    label,
    covered,
  };
  if (cancel) r.source = cancel.source;
  return r;
}

export function isWorkday(cal: CalendarData, date: string): boolean {
  return explainDay(cal, date).workday;
}

function checkDays(days: number): void {
  if (typeof days !== 'number' || !Number.isInteger(days)) {
    throw new CalendarInputError(`工作日天数必须是整数，收到的是：${String(days)}`);
  }
  if (days < 0) throw new CalendarInputError(`工作日天数不能为负数：${days}`);
  if (days > MAX_WORKDAYS) throw new CalendarInputError(`工作日天数不能超过 ${MAX_WORKDAYS}：${days}`);
}

/** Day-by-day accumulator shared by addWorkdays and workdaysBetween, so both explain days identically. */
class Walk {
  readonly explanation: string[] = [];
  readonly skipped: DayReason[] = [];
  readonly adjusted: DayReason[] = [];
  private readonly years = new Set<number>();
  count = 0;

  constructor(private readonly cal: CalendarData) {}

  step(dayNumber: number): DayReason {
    const date = fromDayNumber(dayNumber);
    const year = yearOf(date);
    if (year > MAX_YEAR) throw new CalendarInputError(`计算结果超出可计算范围（${MAX_YEAR}年以后）`);
    const r = explainValid(this.cal, date, dayNumber);
    this.years.add(year);
    if (!r.workday) {
      this.skipped.push(r);
      this.explanation.push(`跳过 ${r.label}`);
      return r;
    }
    this.count++;
    if (r.reason === 'adjusted-workday') {
      this.adjusted.push(r);
      this.explanation.push(`计入 ${r.label}，为第${this.count}个工作日`);
    }
    return r;
  }

  finish(): { warnings: string[]; uncoveredYears: number[] } {
    const holidays = this.skipped.filter((s) => s.reason === 'holiday').length;
    if (this.skipped.length > 0 || this.adjusted.length > 0) {
      this.explanation.push(
        `共跳过非工作日 ${this.skipped.length} 天（节假日 ${holidays} 天、周末 ${this.skipped.length - holidays} 天），` +
          `计入调休上班 ${this.adjusted.length} 天`,
      );
    }
    const uncoveredYears = [...this.years].filter((y) => !this.cal.coveredYears.has(y)).sort((a, b) => a - b);
    const warnings = uncoveredYears.map(uncoveredYearWarning);
    for (const w of warnings) this.explanation.push(`注意：${w}`);
    return { warnings, uncoveredYears };
  }
}

/**
 * The date on which the `days`-th working day falls. With 'next-day' (default) the start day is day 0,
 * so a Friday + 1 is the next Monday. With 'same-day' a working start day is day 1 (so +1 returns it) and
 * a non-working start day is skipped. days = 0 returns the start date itself in both modes, and then no
 * day's status is looked at, so no year is reported as uncovered. Only years whose days were examined
 * are reported: (from, result] for 'next-day', [from, result] for 'same-day'.
 */
export function addWorkdays(
  cal: CalendarData,
  from: string,
  days: number,
  opts: AddWorkdaysOptions = {},
): WorkdayResult {
  const start = parseIsoDate(from);
  checkDays(days);
  const mode = opts.startCounting ?? 'next-day';
  if (mode !== 'next-day' && mode !== 'same-day') {
    throw new CalendarInputError(`起算方式无效：${String(mode)}`);
  }
  const walk = new Walk(cal);
  const rule = mode === 'next-day' ? '起算日当天不计入，自次日起算' : '起算日为工作日的，当日计为第1个工作日';
  walk.explanation.push(`起算日：${start} ${weekdayName(start)}（${rule}），计算 ${days} 个工作日`);
  if (days === 0) {
    walk.explanation.push(`天数为 0，结果即起算日 ${start}`);
    return {
      date: start,
      skipped: [],
      adjustedWorkdaysCounted: [],
      ...walk.finish(),
      explanation: walk.explanation,
    };
  }
  let cursor = toDayNumber(start) - (mode === 'same-day' ? 1 : 0);
  let last: DayReason | undefined;
  while (walk.count < days) {
    cursor++;
    last = walk.step(cursor);
  }
  const result = last!.date;
  walk.explanation.push(`第${days}个工作日：${result} ${weekdayName(result)}，即为结果日期`);
  const tail = walk.finish();
  return {
    date: result,
    explanation: walk.explanation,
    skipped: walk.skipped,
    adjustedWorkdaysCounted: walk.adjusted,
    ...tail,
  };
}

/**
 * Working days in (from, to]: `from` excluded, `to` included, so that for n ≥ 1
 * workdaysBetween(from, addWorkdays(from, n).date).count === n. to == from gives 0. When to < from the
 * count is negative: −(working days in (to, from]). The count is thus F(to) − F(from), F(x) being the
 * number of working days up to and including x, and counts over adjacent spans add up.
 */
export function workdaysBetween(cal: CalendarData, from: string, to: string): WorkdaysBetweenResult {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (b < a) {
    const r = workdaysBetween(cal, b, a);
    const note = `结束日 ${b} 早于开始日 ${a}，按区间（${b}，${a}］计算后取负值`;
    return { ...r, count: -r.count, explanation: [note, ...r.explanation, `结果：${-r.count} 个工作日`] };
  }
  const walk = new Walk(cal);
  walk.explanation.push(`区间：${a} ${weekdayName(a)}（不计入）至 ${b} ${weekdayName(b)}（计入）`);
  const end = toDayNumber(b);
  for (let cursor = toDayNumber(a) + 1; cursor <= end; cursor++) walk.step(cursor);
  walk.explanation.push(`共 ${walk.count} 个工作日`);
  const tail = walk.finish();
  return {
    count: walk.count,
    explanation: walk.explanation,
    skipped: walk.skipped,
    adjustedWorkdaysCounted: walk.adjusted,
    ...tail,
  };
}
