import type { Kysely } from 'kysely';
import { withId } from '../portable.js';

/**
 * Personal data found in a document before publication (issue 3). The found text itself is not
 * stored — only its SM3 digest and a masked preview — so the screening does not copy the very data
 * it protects. A dismissal is remembered by field and digest, so re-screening keeps the decision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('document_findings'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('field', 'varchar(40)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('severity', 'varchar(10)', (c) => c.notNull())
    .addColumn('label', 'varchar(100)', (c) => c.notNull())
    .addColumn('start_pos', 'integer', (c) => c.notNull())
    .addColumn('end_pos', 'integer', (c) => c.notNull())
    .addColumn('digest', 'varchar(64)', (c) => c.notNull())
    .addColumn('masked', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)')
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_findings_doc')
    .on('document_findings')
    .columns(['document_id', 'status'])
    .execute();
}
