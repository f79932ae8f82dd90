import { fromDayNumber, parseIsoDate, toDayNumber } from '../../platform/calendar/dates.js';
import { type CalendarData, isWorkday, uncoveredYearWarning } from '../../platform/calendar/engine.js';
import type { Executor } from '../../platform/db/index.js';
import { cstToIso, formatDate, todayCst } from '../../platform/time.js';
import {
  CATEGORY_DEFS,
  categoryOf,
  isReplyType,
  REPLY_TYPE_DEFS,
  REPLY_TYPES,
  RESULT_CATEGORIES,
  type ResultCategory,
} from '../applications/index.js';
import { ORG_KINDS } from '../orgs/index.js';
import * as repo from './stats.repository.js';

/**
 * The staff statistics dashboard (issue 6): applications and replies by month, results by category and
 * reply type, on-time rate and average working days per handling unit, and documents published per
 * column with their timeliness. Plain data; the console draws it (stats.console.tsx).
 *
 * Working days follow the platform calendar and ADR 0005: the start day is not counted, the end day is
 * (the engine's workdaysBetween), so a reply on the next working day took 1 working day. An application's
 * clock starts at its receipt, or at the 补正 restart when there was one (条例第三十条). 条例第二十六条:
 * information is published on time when published within 20 working days of the day it was formed or
 * changed, i.e. on or before the 20th working day after it (documents/timeliness.ts says the same).
 */

/** 条例第二十六条: 20 个工作日. */
const DISCLOSURE_PERIOD_WORKDAYS = 20;

type OrgKind = keyof typeof ORG_KINDS;

/** The handling unit of applications not (yet) assigned to a division or branch. */
export const UNASSIGNED_UNIT = '公开办（未分办）';

export interface StatsRange {
  /** First day, 'YYYY-MM-DD', included. */
  from: string;
  /** Last day, included. */
  to: string;
  /** The day "open" and "overdue" are counted on; today in Beijing by default. */
  today?: string;
}

export interface MonthRow {
  /** 'YYYY-MM'. */
  month: string;
  received: number;
  replied: number;
}

export interface CategoryRow {
  category: ResultCategory;
  name: string;
  count: number;
}

export interface ReplyTypeRow {
  /** A reply type code, or null for replies recorded without a (known) type. */
  type: string | null;
  name: string;
  category: string;
  count: number;
}

export interface UnitRow {
  /** null: 公开办, not yet assigned. */
  orgId: number | null;
  name: string;
  kind: OrgKind | null;
  /** 机关处室, 区分局, … or 公开办. */
  kindLabel: string;
  replied: number;
  onTime: number;
  /** Percent with one decimal (66.7); null when nothing was replied. */
  onTimeRate: number | null;
  /** Mean working days from the clock start to the reply, one decimal; null when none was measured. */
  avgWorkdays: number | null;
  /** Open now (on `today`), and of those past their due date with the clock running. */
  open: number;
  overdue: number;
}

export interface ColumnRow {
  columnId: number;
  name: string;
  published: number;
  timely: number;
  late: number;
  /** Percent with one decimal; null when nothing was published. */
  timelyRate: number | null;
  /** Mean working days from formation to publication, one decimal. */
  avgWorkdays: number | null;
}

export interface DashboardStats {
  from: string;
  to: string;
  today: string;
  months: MonthRow[];
  categories: CategoryRow[];
  replyTypes: ReplyTypeRow[];
  units: UnitRow[];
  columns: ColumnRow[];
  totals: {
    received: number;
    replied: number;
    onTime: number;
    onTimeRate: number | null;
    avgWorkdays: number | null;
    open: number;
    overdue: number;
    published: number;
    timely: number;
    late: number;
    timelyRate: number | null;
    publishedAvgWorkdays: number | null;
  };
  /** Calendar years used without official holiday data (working days there rest on weekends only). */
  warnings: string[];
}

/** Percent with one decimal, or null for 0 of 0 (not a flattering 100%). */
export const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

const mean = (sum: number, n: number): number | null => (n === 0 ? null : Math.round((sum / n) * 10) / 10);

/** Every month from the month of `from` to the month of `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * Working-day ordinals over a span of dates, built once from the calendar engine: F(d) is the number of
 * working days in (first, d], so the engine's workdaysBetween(a, b) is F(b) − F(a) in O(1) per pair.
 */
export class WorkdayIndex {
  private readonly base: number;
  private readonly prefix: Int32Array;
  private readonly workday: Uint8Array;
  readonly uncoveredYears: number[];

  constructor(cal: CalendarData, first: string, last: string) {
    this.base = toDayNumber(parseIsoDate(first));
    const size = toDayNumber(parseIsoDate(last)) - this.base + 1;
    this.prefix = new Int32Array(Math.max(1, size));
    this.workday = new Uint8Array(Math.max(1, size));
    const years = new Set<number>();
    for (let i = 0; i < size; i++) {
      const date = fromDayNumber(this.base + i);
      years.add(Number(date.slice(0, 4)));
      const w = isWorkday(cal, date) ? 1 : 0;
      this.workday[i] = w;
      this.prefix[i] = i === 0 ? 0 : this.prefix[i - 1]! + w;
    }
    this.uncoveredYears = [...years].filter((y) => !cal.coveredYears.has(y)).sort((a, b) => a - b);
  }

  private at(date: string): number {
    const i = toDayNumber(date) - this.base;
    if (i < 0 || i >= this.prefix.length) throw new RangeError(`${date} is outside the indexed span`);
    return i;
  }

  /** F(date): working days in (first, date]. Differences of ordinals are working-day counts. */
  ordinal(date: string): number {
    return this.prefix[this.at(date)]!;
  }

  /** Working days in (from, to]; negative when to < from. */
  between(from: string, to: string): number {
    return this.ordinal(to) - this.ordinal(from);
  }

  isWorkday(date: string): boolean {
    return this.workday[this.at(date)] === 1;
  }
}

const isDate = (s: string | null | undefined): s is string => {
  if (!s) return false;
  try {
    parseIsoDate(s);
    return true;
  } catch {
    return false;
  }
};

const KIND_ORDER: Record<string, number> = { division: 0, branch: 1, unit: 2, bureau: 3 };

function unitKey(orgId: number | null): string {
  return orgId === null ? 'none' : String(orgId);
}

export async function dashboardStats(
  db: Executor,
  calendar: CalendarData,
  range: StatsRange,
): Promise<DashboardStats> {
  const from = parseIsoDate(range.from);
  const to = parseIsoDate(range.to);
  const today = parseIsoDate(range.today ?? todayCst());
  // Publication instants of days [from, to] in Beijing time.
  const fromIso = cstToIso(from);
  const untilIso = cstToIso(fromDayNumber(toDayNumber(to) + 1));

  const [received, byType, byDay, byStart, open, docs] = await Promise.all([
    repo.receivedByMonth(db, from, to),
    repo.repliesByType(db, from, to),
    repo.repliesByUnitAndDay(db, from, to),
    repo.repliesByUnitAndStart(db, from, to),
    repo.openByUnit(db, today),
    repo.publishedDocuments(db, fromIso, untilIso),
  ]);

  // Applications and replies by month, every month of the range (zero months included).
  const receivedBy = new Map(received.map((r) => [r.month, r.n]));
  const repliedBy = new Map<string, number>();
  for (const r of byDay) {
    const month = r.repliedOn.slice(0, 7);
    repliedBy.set(month, (repliedBy.get(month) ?? 0) + r.n);
  }
  const months = monthsBetween(from, to).map((month) => ({
    month,
    received: receivedBy.get(month) ?? 0,
    replied: repliedBy.get(month) ?? 0,
  }));

  // Results: the six categories of 三、本年度办理结果, and each reply type.
  const perCategory = new Map<ResultCategory, number>();
  const perType = new Map<string, number>();
  let unknownType = 0;
  for (const r of byType) {
    if (r.replyType && isReplyType(r.replyType)) {
      const c = categoryOf(r.replyType);
      perCategory.set(c, (perCategory.get(c) ?? 0) + r.n);
      perType.set(r.replyType, r.n);
    } else unknownType += r.n;
  }
  const categories = RESULT_CATEGORIES.map((category) => ({
    category,
    name: CATEGORY_DEFS[category].name,
    count: perCategory.get(category) ?? 0,
  }));
  const replyTypes: ReplyTypeRow[] = REPLY_TYPES.filter((t) => perType.has(t)).map((t) => ({
    type: t,
    name: REPLY_TYPE_DEFS[t].name,
    category: CATEGORY_DEFS[categoryOf(t)].name,
    count: perType.get(t)!,
  }));
  if (unknownType) replyTypes.push({ type: null, name: '未记录答复类型', category: '—', count: unknownType });

  // One calendar index over every date a working-day count needs.
  // Stored dates were validated on input; the isDate filter only keeps a corrupt row from breaking the page.
  const docDates = docs.map((d) => ({
    ...d,
    publishedOn: d.published_at ? formatDate(d.published_at) : null,
  }));
  let first = from;
  let last = to;
  const span = (d: string) => {
    if (d < first) first = d;
    if (d > last) last = d;
  };
  for (const r of byDay) if (isDate(r.repliedOn)) span(r.repliedOn);
  for (const r of byStart) if (isDate(r.startOn)) span(r.startOn);
  for (const d of docDates) {
    if (!d.publishedOn || !isDate(d.formed_on)) continue;
    span(d.formed_on);
    span(d.publishedOn);
  }
  const index = new WorkdayIndex(calendar, first, last);

  // Per handling unit: replies, on time, working days; open and overdue now.
  const units = new Map<string, UnitRow & { measured: number; workdays: number }>();
  const unit = (orgId: number | null) => {
    const key = unitKey(orgId);
    let u = units.get(key);
    if (!u) {
      u = {
        orgId,
        name: orgId === null ? UNASSIGNED_UNIT : '',
        kind: null,
        kindLabel: orgId === null ? '公开办' : '',
        replied: 0,
        onTime: 0,
        onTimeRate: null,
        avgWorkdays: null,
        open: 0,
        overdue: 0,
        measured: 0,
        workdays: 0,
      };
      units.set(key, u);
    }
    return u;
  };
  // Σ (F(reply) − F(start)) over a unit's replies = Σ F(reply) − Σ F(start).
  for (const r of byDay) {
    const u = unit(r.orgId);
    u.replied += r.n;
    u.onTime += r.onTime;
    if (!isDate(r.repliedOn)) continue;
    u.measured += r.measured;
    u.workdays += r.measured * index.ordinal(r.repliedOn);
  }
  for (const r of byStart) if (isDate(r.startOn)) unit(r.orgId).workdays -= r.n * index.ordinal(r.startOn);
  for (const o of open) {
    const u = unit(o.orgId);
    u.open += o.open;
    u.overdue += o.overdue;
  }
  const ids = [...units.values()].map((u) => u.orgId).filter((id): id is number => id !== null);
  const orgs = new Map((await repo.orgsByIds(db, ids)).map((o) => [o.id, o]));
  const order = (u: UnitRow) => (u.orgId === null ? 9 : (KIND_ORDER[u.kind ?? ''] ?? 8));
  const unitRows: UnitRow[] = [...units.values()]
    .map(({ measured, workdays, ...u }) => {
      const org = u.orgId === null ? undefined : orgs.get(u.orgId);
      if (u.orgId !== null) {
        u.name = org?.name ?? `机构 ${u.orgId}`;
        u.kind = (org?.kind as OrgKind | undefined) ?? null;
        u.kindLabel = u.kind ? ORG_KINDS[u.kind] : '';
      }
      return { ...u, onTimeRate: percent(u.onTime, u.replied), avgWorkdays: mean(workdays, measured) };
    })
    .sort(
      (a, b) =>
        order(a) - order(b) ||
        (orgs.get(a.orgId ?? 0)?.sort_order ?? 0) - (orgs.get(b.orgId ?? 0)?.sort_order ?? 0) ||
        a.name.localeCompare(b.name, 'zh'),
    );

  // Documents per column, timely under 条例第二十六条.
  const columns = new Map<number, ColumnRow & { order: number; measured: number; workdays: number }>();
  for (const d of docDates) {
    const c = columns.get(d.column_id) ?? {
      columnId: d.column_id,
      name: d.column_name,
      order: d.column_order,
      published: 0,
      timely: 0,
      late: 0,
      timelyRate: null,
      avgWorkdays: null,
      measured: 0,
      workdays: 0,
    };
    columns.set(d.column_id, c);
    c.published++;
    const published = d.publishedOn;
    if (!published || !isDate(d.formed_on)) continue;
    const days = index.between(d.formed_on, published);
    c.measured++;
    c.workdays += days;
    // Within the period, or on its last day (the 20th working day itself, not a rest day after it).
    const timely =
      days < DISCLOSURE_PERIOD_WORKDAYS ||
      (days === DISCLOSURE_PERIOD_WORKDAYS && index.isWorkday(published));
    if (timely) c.timely++;
    else c.late++;
  }
  const columnRows: ColumnRow[] = [...columns.values()]
    .sort((a, b) => b.published - a.published || a.order - b.order || a.name.localeCompare(b.name, 'zh'))
    .map(({ order: _order, measured, workdays, ...c }) => ({
      ...c,
      timelyRate: percent(c.timely, c.timely + c.late),
      avgWorkdays: mean(workdays, measured),
    }));

  const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
  const allUnits = [...units.values()];
  const replied = sum(unitRows, (u) => u.replied);
  const onTime = sum(unitRows, (u) => u.onTime);
  const timely = sum(columnRows, (c) => c.timely);
  const late = sum(columnRows, (c) => c.late);
  const docMeasured = [...columns.values()];
  return {
    from,
    to,
    today,
    months,
    categories,
    replyTypes,
    units: unitRows,
    columns: columnRows,
    totals: {
      received: sum(months, (m) => m.received),
      replied,
      onTime,
      onTimeRate: percent(onTime, replied),
      avgWorkdays: mean(
        sum(allUnits, (u) => u.workdays),
        sum(allUnits, (u) => u.measured),
      ),
      open: sum(unitRows, (u) => u.open),
      overdue: sum(unitRows, (u) => u.overdue),
      published: sum(columnRows, (c) => c.published),
      timely,
      late,
      timelyRate: percent(timely, timely + late),
      publishedAvgWorkdays: mean(
        sum(docMeasured, (c) => c.workdays),
        sum(docMeasured, (c) => c.measured),
      ),
    },
    warnings: index.uncoveredYears.map(uncoveredYearWarning),
  };
}
