import type { AuditFilter } from '../../platform/audit/audit.js';
import { type Executor, like } from '../../platform/db/index.js';
import type { AuditRow } from '../../platform/db/schema.js';

/** How much the log holds and since when (the retention note on the viewer). */
export async function auditRetention(db: Executor): Promise<{ count: number; oldestAt: string | null }> {
  const r = await db
    .selectFrom('audit_log')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
    .executeTakeFirstOrThrow();
  return { count: Number(r.n), oldestAt: r.oldest ?? null };
}

/**
 * One page of matching rows, newest first, strictly below `beforeSeq` (keyset paging). Used by the
 * export: unlike offset paging it neither repeats nor skips rows while new records are appended,
 * and costs the same on the last page as on the first. Conditions mirror platform searchAudit.
 */
export async function auditRowsBefore(
  db: Executor,
  f: AuditFilter,
  beforeSeq: number | null,
  limit: number,
): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (beforeSeq !== null) q = q.where('seq', '<', beforeSeq);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.actor) q = q.where(like('actor_name', f.actor));
  if (f.action) q = q.where(like('action', f.action, 'prefix'));
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  return q.orderBy('seq', 'desc').limit(limit).execute();
}
