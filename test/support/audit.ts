import { sql } from 'kysely';
import type { DialectName, Executor } from '../../src/platform/db/index.js';

/**
 * Switch off the append-only triggers of audit_log, so a test can play the attacker who edits or
 * removes records directly in the database and prove that verification notices.
 */
export async function allowAuditTampering(db: Executor, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
    return;
  }
  await sql`DROP TRIGGER IF EXISTS audit_log_no_update`.execute(db);
  await sql`DROP TRIGGER IF EXISTS audit_log_no_delete`.execute(db);
}
