import type { Insertable } from 'kysely';
import type { Executor } from '../db/index.js';
import type { OutboxTable } from '../db/schema.applications.js';

/** All SQL of the outbox. */
export async function insertIgnoringDuplicate(db: Executor, row: Insertable<OutboxTable>): Promise<boolean> {
  const r = await db
    .insertInto('outbox')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

const LISTED = [
  'id',
  'to_masked',
  'subject',
  'status',
  'attempts',
  'last_error',
  'related_type',
  'related_id',
  'created_at',
  'sent_at',
] as const;

export async function list(db: Executor, filter: { status?: string; limit?: number }) {
  let q = db.selectFrom('outbox').select(LISTED);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200)
    .execute();
}

export async function listRelated(db: Executor, relatedType: string, relatedId: number) {
  return db
    .selectFrom('outbox')
    .select(LISTED)
    .where('related_type', '=', relatedType)
    .where('related_id', '=', relatedId)
    .orderBy('id')
    .execute();
}

export async function pending(db: Executor, limit: number) {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Says why pending messages wait, once, without touching their attempts. */
export async function notePendingReason(db: Executor, reason: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ last_error: reason })
    .where('status', '=', 'pending')
    .where('last_error', 'is', null)
    .execute();
}

export async function markSent(db: Executor, id: number, attempts: number, at: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: at, attempts, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markFailure(
  db: Executor,
  id: number,
  attempts: number,
  status: string,
  error: string,
): Promise<void> {
  await db.updateTable('outbox').set({ attempts, status, last_error: error }).where('id', '=', id).execute();
}

/** For key rotation: every sealed address. */
export async function sealedAddresses(db: Executor) {
  return db.selectFrom('outbox').select(['id', 'to_sealed']).execute();
}

export async function setSealedAddress(db: Executor, id: number, sealed: string): Promise<void> {
  await db.updateTable('outbox').set({ to_sealed: sealed }).where('id', '=', id).execute();
}
