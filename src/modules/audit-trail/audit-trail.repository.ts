import type { Executor } from '../../platform/db/index.js';

/** How much the log holds and since when (the retention note on the viewer). */
export async function auditRetention(db: Executor): Promise<{ count: number; oldestAt: string | null }> {
  const r = await db
    .selectFrom('audit_log')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
    .executeTakeFirstOrThrow();
  return { count: Number(r.n), oldestAt: r.oldest ?? null };
}
