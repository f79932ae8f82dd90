import type { Executor } from '../platform/db/index.js';

export async function countUsers(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Demo accounts skip the forced first change so the demo works at once; the console warns about them. */
export async function markDemoPasswordChanged(db: Executor, userId: number): Promise<void> {
  await db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', userId).execute();
}
