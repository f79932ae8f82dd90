import type { Config } from '../../config.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { isWeekend, range } from '../../platform/calendar/dates.js';
import {
  addWorkdays,
  buildCalendarData,
  type CalendarData,
  CalendarInputError,
  explainDay,
  parseIsoDate,
  workdaysBetween,
} from '../../platform/calendar/engine.js';
import { OFFICIAL_YEARS } from '../../platform/calendar/official-data.js';
import { type Db, type Executor, inTransaction, nowIso } from '../../platform/db/index.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { todayCst } from '../../platform/time.js';
import * as repo from './calendar.repository.js';
import type { EntryInput } from './calendar.schema.js';

type CalendarConfig = Pick<Config, 'calendarRegion' | 'calendarStartCounting'>;

/**
 * The calendar in force: official State Council data (platform/calendar/official-data.ts) plus
 * the admins' local entries and declared years from the database. Rebuilt whenever the database
 * fingerprint changes, so every node sees an edit at its next calculation.
 */
const cache = new WeakMap<object, Map<string, { fp: string; data: CalendarData }>>();

export async function loadCalendar(db: Executor, region: string): Promise<CalendarData> {
  const fp = await repo.fingerprint(db, region);
  const perDb = cache.get(db) ?? new Map();
  cache.set(db, perDb);
  const hit = perDb.get(region);
  if (hit && hit.fp === fp) return hit.data;
  const [entries, years] = await Promise.all([repo.activeEntries(db, region), repo.years(db, region)]);
  const data = buildCalendarData(
    OFFICIAL_YEARS,
    entries.map((e) => ({ date: e.date, kind: e.kind, name: e.name, source: e.source })),
    years,
  );
  perDb.set(region, { fp, data });
  return data;
}

/** Engine input errors become 400s naming the field. */
function guard<T>(field: string, label: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CalendarInputError)
      throw new AppError('VALIDATION_FAILED', {
        message: `${label}：${e.message}`,
        fields: { [field]: `${label}：${e.message}` },
      });
    throw e;
  }
}

export async function workdayAt(db: Executor, config: CalendarConfig, date: string) {
  const d = guard('date', '日期', () => parseIsoDate(date));
  const cal = await loadCalendar(db, config.calendarRegion);
  const r = explainDay(cal, d);
  return {
    date: d,
    workday: r.workday,
    reason: r.label,
    kind: r.reason,
    ...(r.holiday ? { holiday: r.holiday } : {}),
    ...(r.source ? { source: r.source } : {}),
    warnings: r.covered ? [] : [`${d.slice(0, 4)}年尚无官方节假日安排数据，结果仅按周末推算，请管理员补充`],
  };
}

export async function addWorkdaysAt(
  db: Executor,
  config: CalendarConfig,
  from: string,
  days: string | number,
) {
  const f = guard('from', '起始日期', () => parseIsoDate(from));
  const n = typeof days === 'number' ? days : /^\d+$/.test(days.trim()) ? Number(days) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 3650) throw fieldError('days', '工作日数：应为 0–3650 的整数');
  const cal = await loadCalendar(db, config.calendarRegion);
  return guard('days', '工作日数', () =>
    addWorkdays(cal, f, n, { startCounting: config.calendarStartCounting }),
  );
}

export async function workdaysBetweenAt(db: Executor, config: CalendarConfig, from: string, to: string) {
  const f = guard('from', '起始日期', () => parseIsoDate(from));
  const t = guard('to', '截止日期', () => parseIsoDate(to));
  const cal = await loadCalendar(db, config.calendarRegion);
  return workdaysBetween(cal, f, t);
}

/** Years (this year and the next) for which no arrangement is known: the console warns admins. */
export async function missingYears(db: Executor, region: string, today = todayCst()): Promise<number[]> {
  const cal = await loadCalendar(db, region);
  const year = Number(today.slice(0, 4));
  // The State Council publishes next year's arrangement in Oct–Dec: warn about it from November.
  const wanted = today.slice(5) >= '11-01' ? [year, year + 1] : [year];
  return wanted.filter((y) => !cal.coveredYears.has(y));
}

/**
 * Add or replace local entries for a date or a run of dates (returns how many): each date's previous
 * version is kept, marked superseded.
 */
export async function saveEntry(db: Db, actor: Actor, region: string, input: EntryInput): Promise<number> {
  const first = guard('date', '日期', () => parseIsoDate(input.date));
  const last = input.to ? guard('to', '截止日期', () => parseIsoDate(input.to as string)) : first;
  if (last < first) throw fieldError('to', '截止日期：不能早于日期');
  const dates = range(first, last);
  if (dates.length > 31) throw fieldError('to', '截止日期：一次最多录入 31 天');
  const weekday = dates.find((d) => !isWeekend(d));
  if (input.kind === 'workday' && weekday)
    throw fieldError('kind', `类型：调休上班日只能是星期六或星期日（${weekday} 不是）`);
  const at = nowIso();
  const { to: _to, ...fields } = input;
  return inTransaction(db, async (trx) => {
    for (const date of dates) {
      const version = (await repo.latestVersion(trx, region, date)) + 1;
      await repo.supersede(trx, region, date, at);
      await repo.insertEntry(trx, {
        region,
        date,
        kind: fields.kind,
        name: fields.name,
        source: fields.source,
        note: fields.note,
        version,
        created_by: actor.userId,
        created_at: at,
        superseded_at: null,
      });
      await recordAudit(trx, actor, {
        action: 'calendar.entry_saved',
        targetType: 'calendar',
        targetId: `${region}:${date}`,
        after: { ...fields, date, version },
      });
    }
    return dates.length;
  });
}

/** Withdraw a local entry (the official data for that date applies again); history is kept. */
export async function withdrawEntry(db: Db, actor: Actor, region: string, date: string): Promise<void> {
  const d = guard('date', '日期', () => parseIsoDate(date));
  await inTransaction(db, async (trx) => {
    const n = await repo.supersede(trx, region, d, nowIso());
    if (n === 0) throw new AppError('NOT_FOUND', { message: '该日期没有本地条目' });
    await recordAudit(trx, actor, {
      action: 'calendar.entry_withdrawn',
      targetType: 'calendar',
      targetId: `${region}:${d}`,
    });
  });
}

/** Declare a year's arrangement complete once its days are entered: its dates stop warning. */
export async function declareYear(
  db: Db,
  actor: Actor,
  region: string,
  year: number,
  source: string,
): Promise<void> {
  if (OFFICIAL_YEARS.some((y) => y.year === year) || (await repo.findYear(db, region, year)))
    throw fieldError('year', `年度：${year} 年已有节假日安排数据`);
  await inTransaction(db, async (trx) => {
    await repo.insertYear(trx, { region, year, source, created_by: actor.userId, created_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'calendar.year_declared',
      targetType: 'calendar',
      targetId: `${region}:${year}`,
      after: { year, source },
    });
  });
}

export async function calendarOverview(db: Executor, region: string) {
  const [entries, years] = await Promise.all([repo.allEntries(db, region, 500), repo.years(db, region)]);
  return {
    official: OFFICIAL_YEARS.map((y) => ({ year: y.year, notice: y.notice, periods: y.periods.length })),
    declared: years,
    entries,
  };
}
