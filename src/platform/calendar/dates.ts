/**
 * Date helpers for 'YYYY-MM-DD' strings. Everything goes through an integer day number and never through
 * a Date object, so the server's time zone can never move a date by one day (a local-time Date at
 * midnight in Asia/Shanghai is the previous day in UTC, the classic off-by-one in deadline code).
 */

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

/** Lowest and highest year accepted as input: wide enough for archived cases and long deadlines. */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

/** Thrown for any bad input: the message is Chinese and names the problem, so it can be shown to users. */
export class CalendarInputError extends Error {
  override name = 'CalendarInputError';
}

/**
 * Days since 1970-01-01 of an already-validated 'YYYY-MM-DD' string. Pure integer arithmetic
 * (H. Hinnant's days_from_civil) rather than Date: deadline loops call this per day, and no Date means
 * no time zone can ever be involved.
 */
export function toDayNumber(date: string): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of toDayNumber (civil_from_days). */
export function fromDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay. 1970-01-01 was a Thursday. */
export function dayOfWeek(date: string): number {
  return dayOfWeekOf(toDayNumber(date));
}

export function dayOfWeekOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[dayOfWeek(date)]!;
}

export function weekdayNameOf(dayNumber: number): string {
  return WEEKDAY_NAMES[dayOfWeekOf(dayNumber)]!;
}

export function isWeekend(date: string): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Every date from `from` to `to`, both included. Used to keep the official data compact in source. */
export function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = toDayNumber(parseIsoDate(from)); n <= toDayNumber(parseIsoDate(to)); n++)
    out.push(fromDayNumber(n));
  return out;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Strict 'YYYY-MM-DD' (ASCII digits, zero-padded, nothing around it), a real calendar date, and a year
 * in MIN_YEAR..MAX_YEAR. Returns the string unchanged so callers can write `const d = parseIsoDate(x)`.
 */
export function parseIsoDate(s: string): string {
  if (typeof s !== 'string')
    throw new CalendarInputError(`日期必须是文本，格式为 YYYY-MM-DD，收到的是 ${typeof s}`);
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s)) {
    throw new CalendarInputError(`日期格式不正确：“${s}”，应为 YYYY-MM-DD，例如 2021-06-04`);
  }
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new CalendarInputError(`日期 ${s} 的年份超出可计算范围（${MIN_YEAR}—${MAX_YEAR}年）`);
  }
  if (m < 1 || m > 12) throw new CalendarInputError(`日期 ${s} 的月份无效：月份应为 01—12`);
  const max = daysInMonth(y, m);
  if (d < 1 || d > max) throw new CalendarInputError(`日期 ${s} 不存在：${y}年${m}月只有${max}天`);
  return s;
}
