import { sql } from 'kysely';
import { dialectOf, type Executor } from '../../platform/db/index.js';
import type { DocColumn, DocumentRow } from '../../platform/db/schema.js';

/** The SQL of `gongkai import documents` (kept apart from document.repository.ts). */

export async function findByExternalId(db: Executor, externalId: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('external_id', '=', externalId).executeTakeFirst();
}

export async function findByIndexNo(db: Executor, indexNo: string): Promise<{ id: number } | undefined> {
  return db.selectFrom('documents').select('id').where('index_no', '=', indexNo).executeTakeFirst();
}

/** Organisations whose full or short name is exactly the given one. */
export async function orgsNamed(db: Executor, name: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'org_code'])
    .where((eb) => eb.or([eb('name', '=', name), eb('short_name', '=', name)]))
    .orderBy('id')
    .execute();
}

/** The default publisher: the top of the organisation tree (the bureau itself). */
export async function rootOrg(db: Executor) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'org_code'])
    .where('parent_id', 'is', null)
    .orderBy('sort_order')
    .orderBy('id')
    .executeTakeFirst();
}

export async function orgById(db: Executor, id: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'org_code']).where('id', '=', id).executeTakeFirst();
}

export async function allColumns(db: Executor): Promise<DocColumn[]> {
  return db.selectFrom('doc_columns').selectAll().orderBy('id').execute();
}

/**
 * An imported 索引号 keeps its serial: the counter of its prefix and year moves past it, so numbers
 * assigned later never collide (one portable upsert; the counter never goes back).
 */
export async function raiseIndexSerial(db: Executor, prefix: string, year: number, serial: number) {
  await db
    .insertInto('index_serials')
    .values({ prefix, year, last_serial: serial })
    .onConflict((oc) =>
      oc.columns(['prefix', 'year']).doUpdateSet({
        last_serial: sql`CASE WHEN index_serials.last_serial < CAST(${serial} AS INTEGER) THEN CAST(${serial} AS INTEGER) ELSE index_serials.last_serial END`,
      }),
    )
    .execute();
}

/**
 * PostgreSQL: commit an import line without waiting for the WAL flush (SET LOCAL, this transaction
 * only). Atomicity is unchanged — a line still lands whole or not at all; a crash can lose the last
 * few committed lines, which re-running the idempotent import brings back. SQLite already runs with
 * synchronous = NORMAL in WAL mode, which makes the same trade.
 */
export async function relaxCommitDurability(db: Executor): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`SET LOCAL synchronous_commit = off`.execute(db);
}
