import { sql } from 'kysely';
import { CONTENT_CHANNEL } from '../db/content-version.js';
import { dialectOf, type Executor, like, type Trx } from '../db/index.js';
import type { AuditLogTable, AuditRow } from '../db/schema.js';

type NewAuditRow = Omit<AuditLogTable, 'id'>;

export async function lockHead(trx: Trx): Promise<{ seq: number; hash: string }> {
  // FOR UPDATE serialises appenders across processes on PostgreSQL; SQLite transactions are serial.
  const q = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  const row = await (dialectOf(trx) === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw new Error('audit_head row missing: migrations not applied');
  return row;
}

export async function insertRow(trx: Trx, row: NewAuditRow): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
  await trx.updateTable('audit_head').set({ seq: row.seq, hash: row.hash }).where('id', '=', 1).execute();
  // Other web processes drop their page caches when this commits (content-version.ts).
  if (dialectOf(trx) === 'postgres')
    await sql`SELECT pg_notify(${CONTENT_CHANNEL}, ${String(row.seq)})`.execute(trx);
}

export async function head(db: Executor): Promise<{ seq: number; hash: string } | undefined> {
  return db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
}

export async function countRows(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Rows in chain order, a page at a time, for verification. */
export async function rowsAfter(db: Executor, seq: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute();
}

export interface AuditFilter {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
}

/** The filter as WHERE clauses: the viewer's page and the export's batches match the same rows. */
function filtered(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.actor) q = q.where(like('actor_name', f.actor));
  if (f.action) q = q.where(like('action', f.action, 'prefix'));
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  return q;
}

export async function search(
  db: Executor,
  f: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const q = filtered(db, f);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute();
  return { rows, total: Number(total.n) };
}

/**
 * Matching rows older than `beforeSeq` (newest first): keyset paging for exports, so rows appended
 * during a long download are neither repeated nor skipped.
 */
export async function searchBefore(
  db: Executor,
  f: AuditFilter,
  beforeSeq: number | null,
  limit: number,
): Promise<AuditRow[]> {
  let q = filtered(db, f).selectAll();
  if (beforeSeq !== null) q = q.where('seq', '<', beforeSeq);
  return q.orderBy('seq', 'desc').limit(limit).execute();
}
