import type { Actor } from '../../platform/actor.js';
import {
  type AuditFilter,
  recordAudit,
  searchAudit,
  searchAuditBefore,
  type VerifyResult,
  verifyAuditChain,
} from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/index.js';
import type { AuditRow } from '../../platform/db/schema.js';
import { AUDIT_CSV_HEADER, auditCsvLine, BOM, csvLine } from './audit-trail.csv.js';
import * as repo from './audit-trail.repository.js';
import { AUDIT_PAGE_SIZE, type AuditFilterInput, filterQuery, toAuditFilter } from './audit-trail.schema.js';

export interface AuditTrailDeps {
  db: Db;
}

export interface AuditLogView {
  rows: AuditRow[];
  total: number;
  page: number;
  retention: { count: number; oldestAt: string | null };
  /** Present only when verification was asked for: it walks the whole chain. */
  verification: VerifyResult | null;
}

/** The viewer's data: one page of matching records, the retention summary, optionally the chain check. */
export async function viewAuditLog(deps: AuditTrailDeps, input: AuditFilterInput): Promise<AuditLogView> {
  const { db } = deps;
  const [found, retention, verification] = await Promise.all([
    searchAudit(db, toAuditFilter(input), {
      limit: AUDIT_PAGE_SIZE,
      offset: (input.page - 1) * AUDIT_PAGE_SIZE,
    }),
    repo.auditRetention(db),
    input.verify ? verifyAuditChain(db) : Promise.resolve(null),
  ]);
  return { ...found, page: input.page, retention, verification };
}

const EXPORT_BATCH = 500;

/**
 * Export every matching record as CSV. The export itself is recorded first, so an interrupted
 * download still leaves a trace of who took what. Rows are read in batches as the consumer pulls
 * them, so memory stays flat however large the log is.
 */
export async function exportAuditLog(
  actor: Actor,
  input: AuditFilterInput,
  deps: AuditTrailDeps,
): Promise<AsyncGenerator<string>> {
  const { db } = deps;
  await recordAudit(db, actor, {
    action: 'audit.exported',
    targetType: 'audit',
    targetId: '-',
    detail: { format: 'csv', filter: filterQuery(input) },
  });
  return auditCsv(db, toAuditFilter(input));
}

/** The CSV text in chunks: BOM and header first, then one chunk per batch of rows, newest first. */
export async function* auditCsv(db: Db, filter: AuditFilter, batch = EXPORT_BATCH): AsyncGenerator<string> {
  yield BOM + csvLine(AUDIT_CSV_HEADER);
  let before: number | null = null;
  for (;;) {
    const rows = await searchAuditBefore(db, filter, before, batch);
    if (rows.length === 0) return;
    yield rows.map(auditCsvLine).join('');
    before = rows[rows.length - 1]!.seq;
    if (rows.length < batch) return;
  }
}
