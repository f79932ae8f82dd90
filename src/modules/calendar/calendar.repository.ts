import type { Executor } from '../../platform/db/index.js';
import type { CalendarEntry } from '../../platform/db/schema.js';

/** Current (not superseded) local entries of a region, oldest first so later ones win. */
export async function activeEntries(db: Executor, region: string): Promise<CalendarEntry[]> {
  return db
    .selectFrom('calendar_entries')
    .selectAll()
    .where('region', '=', region)
    .where('superseded_at', 'is', null)
    .orderBy('id')
    .execute();
}

export async function allEntries(db: Executor, region: string, limit: number): Promise<CalendarEntry[]> {
  return db
    .selectFrom('calendar_entries')
    .selectAll()
    .where('region', '=', region)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function years(db: Executor, region: string) {
  return db.selectFrom('calendar_years').selectAll().where('region', '=', region).orderBy('year').execute();
}

/** A cheap fingerprint of the region's data: every change alters it (ids only grow, rows are never deleted). */
export async function fingerprint(db: Executor, region: string): Promise<string> {
  const e = await db
    .selectFrom('calendar_entries')
    .select((eb) => [eb.fn.max('id').as('max_id'), eb.fn.count<number>('superseded_at').as('superseded')])
    .where('region', '=', region)
    .executeTakeFirst();
  const y = await db
    .selectFrom('calendar_years')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region', '=', region)
    .executeTakeFirst();
  return `${e?.max_id ?? 0}:${e?.superseded ?? 0}:${y?.n ?? 0}`;
}

export async function supersede(db: Executor, region: string, date: string, at: string): Promise<number> {
  const r = await db
    .updateTable('calendar_entries')
    .set({ superseded_at: at })
    .where('region', '=', region)
    .where('date', '=', date)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function latestVersion(db: Executor, region: string, date: string): Promise<number> {
  const r = await db
    .selectFrom('calendar_entries')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('region', '=', region)
    .where('date', '=', date)
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

export async function insertEntry(db: Executor, e: Omit<CalendarEntry, 'id'>): Promise<number> {
  const r = await db.insertInto('calendar_entries').values(e).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertYear(
  db: Executor,
  y: { region: string; year: number; source: string; created_by: number | null; created_at: string },
) {
  await db.insertInto('calendar_years').values(y).execute();
}

export async function findYear(db: Executor, region: string, year: number) {
  return db
    .selectFrom('calendar_years')
    .selectAll()
    .where('region', '=', region)
    .where('year', '=', year)
    .executeTakeFirst();
}
