import { sql } from 'kysely';
import type { Executor } from '../db/index.js';

/** Count one hit in a fixed window and return the window's total (atomic upsert on both dialects). */
export async function hit(db: Executor, bucket: string, windowStart: string): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql`rate_limits.hits + 1` }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}

export async function deleteOlderThan(db: Executor, before: string): Promise<number> {
  const r = await db.deleteFrom('rate_limits').where('window_start', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The hits counted so far in a window, without counting one more. */
export async function peek(db: Executor, bucket: string, windowStart: string): Promise<number> {
  const row = await db
    .selectFrom('rate_limits')
    .select('hits')
    .where('bucket', '=', bucket)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  return Number(row?.hits ?? 0);
}
