import type { Executor } from '../../platform/db/index.js';

/** A row of the legacy notices table (kept read-only so that old /notices/:id links still resolve). */
export async function findLegacyNotice(db: Executor, id: number) {
  return db.selectFrom('notices').select(['id', 'title']).where('id', '=', id).executeTakeFirst();
}
