import type { Executor } from '../../platform/db/index.js';

/** The search dictionary (search_synonyms) and the index's entry counts, for the console. */

export async function listSynonyms(db: Executor) {
  return db.selectFrom('search_synonyms').selectAll().orderBy('id').execute();
}

export async function findSynonym(db: Executor, id: number) {
  return db.selectFrom('search_synonyms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSynonym(
  db: Executor,
  row: { terms: string; note: string; created_at: string },
): Promise<number> {
  const r = await db
    .insertInto('search_synonyms')
    .values({ ...row, is_sample: 0, updated_at: row.created_at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateSynonym(
  db: Executor,
  id: number,
  set: { terms: string; note: string; updated_at: string },
): Promise<void> {
  await db.updateTable('search_synonyms').set(set).where('id', '=', id).execute();
}

export async function deleteSynonym(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('search_synonyms').where('id', '=', id).execute();
}

export async function entriesByKind(db: Executor) {
  return db
    .selectFrom('search_entries')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('kind')
    .execute();
}
