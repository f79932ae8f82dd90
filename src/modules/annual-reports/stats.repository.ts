import { type Expression, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import { OPEN_STATUSES } from '../applications/index.js';

/**
 * All SQL of the staff statistics dashboard (stats.service.ts). Everything that can be counted is
 * counted in the database (GROUP BY), so 100,000 applications come back as at most units × days rows;
 * only the working-day arithmetic, which needs the calendar, is left to the service. Portable: dates
 * are 'YYYY-MM-DD' text, so a month is substr(…, 1, 7) and ranges are string comparisons on both
 * dialects; counts are read with Number() (PostgreSQL returns bigint sums as strings).
 */

const num = (v: string | number | bigint | null | undefined): number => Number(v ?? 0);

/** The month of the receipt ('2024-09'); literals inline, so that GROUP BY repeats the same text. */
const receivedMonth = sql<string>`substr(${sql.ref('received_on')}, ${sql.lit(1)}, ${sql.lit(7)})`;

/** The day an application's clock started: the 补正 restart when there was one, else the receipt. */
const clockStart = sql<string | null>`coalesce(${sql.ref('restarted_on')}, ${sql.ref('received_on')})`;

/** 1 when the condition holds, else 0: summed, it counts the rows that meet it. */
const flag = (cond: Expression<SqlBool>) => sql<number>`case when ${cond} then 1 else 0 end`;

/** Registered applications (received_on set) by month of receipt, within [from, to]. */
export async function receivedByMonth(db: Executor, from: string, to: string) {
  const rows = await db
    .selectFrom('applications')
    .select((eb) => [receivedMonth.as('month'), eb.fn.countAll<string | number>().as('n')])
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .groupBy(receivedMonth)
    .execute();
  return rows.map((r) => ({ month: r.month, n: num(r.n) }));
}

/** Replies within [from, to] by reply type (null when none was recorded). */
export async function repliesByType(db: Executor, from: string, to: string) {
  const rows = await db
    .selectFrom('applications')
    .select((eb) => ['reply_type', eb.fn.countAll<string | number>().as('n')])
    .where('replied_on', '>=', from)
    .where('replied_on', '<=', to)
    .groupBy('reply_type')
    .execute();
  return rows.map((r) => ({ replyType: r.reply_type, n: num(r.n) }));
}

/**
 * Replies within [from, to] by handling unit and reply day: how many, how many on or before their due
 * date, and how many have a clock start (those enter the working-day average).
 */
export async function repliesByUnitAndDay(db: Executor, from: string, to: string) {
  const rows = await db
    .selectFrom('applications')
    .select((eb) => [
      'org_id',
      'replied_on',
      eb.fn.countAll<string | number>().as('n'),
      eb.fn
        .sum<string | number | null>(
          flag(eb.and([eb('due_on', 'is not', null), eb('replied_on', '<=', eb.ref('due_on'))])),
        )
        .as('on_time'),
      eb.fn.count<string | number>(clockStart).as('measured'),
    ])
    .where('replied_on', '>=', from)
    .where('replied_on', '<=', to)
    .groupBy(['replied_on', 'org_id'])
    .execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    repliedOn: r.replied_on as string,
    n: num(r.n),
    onTime: num(r.on_time),
    measured: num(r.measured),
  }));
}

/**
 * The same replies by handling unit and clock start. Working days are additive (F(reply) − F(start)),
 * so a unit's total is Σ F(reply) − Σ F(start): two groupings of at most units × days rows each,
 * rather than one row per (start, reply) pair.
 */
export async function repliesByUnitAndStart(db: Executor, from: string, to: string) {
  const rows = await db
    .selectFrom('applications')
    .select((eb) => ['org_id', clockStart.as('start_on'), eb.fn.countAll<string | number>().as('n')])
    .where('replied_on', '>=', from)
    .where('replied_on', '<=', to)
    .where(clockStart, 'is not', null)
    .groupBy([clockStart, 'org_id'])
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, startOn: r.start_on as string, n: num(r.n) }));
}

/** Open applications now, by handling unit, and how many of them are past their due date on `today`. */
export async function openByUnit(db: Executor, today: string) {
  const rows = await db
    .selectFrom('applications')
    .select((eb) => [
      'org_id',
      eb.fn.countAll<string | number>().as('open'),
      eb.fn
        .sum<string | number | null>(
          flag(eb.and([eb('clock_paused', '=', 0), eb('due_on', 'is not', null), eb('due_on', '<', today)])),
        )
        .as('overdue'),
    ])
    .where('status', 'in', [...OPEN_STATUSES])
    .groupBy('org_id')
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, open: num(r.open), overdue: num(r.overdue) }));
}

/** Names, kinds and order of the given organisations. */
export async function orgsByIds(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('orgs').select(['id', 'name', 'kind', 'sort_order']).where('id', 'in', ids).execute();
}

/**
 * Documents published (and still published) in the instant range [fromIso, untilIso), with their
 * column and the day the information was formed or changed.
 */
export async function publishedDocuments(db: Executor, fromIso: string, untilIso: string) {
  return db
    .selectFrom('documents as d')
    .innerJoin('doc_columns as c', 'c.id', 'd.column_id')
    .select([
      'd.column_id',
      'c.name as column_name',
      'c.sort_order as column_order',
      'd.formed_on',
      'd.published_at',
    ])
    .where('d.status', '=', 'published')
    .where('d.published_at', '>=', fromIso)
    .where('d.published_at', '<', untilIso)
    .execute();
}
