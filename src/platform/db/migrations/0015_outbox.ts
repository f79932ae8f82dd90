import type { Kysely } from 'kysely';
import { withId } from '../portable.js';

/**
 * Outgoing e-mail (issue 5: notifications by SMTP and an outbox visible to staff). A message is
 * written in the transaction of the change it reports, then sent by a job; it stays visible with its
 * state and last error. Recipients are sealed (SM4) and kept masked for display; a dedupe key makes
 * reminders and notices idempotent. Also the deadline reminders of applications.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('outbox'))
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('to_sealed', 'text', (c) => c.notNull())
    .addColumn('to_masked', 'varchar(200)', (c) => c.notNull())
    .addColumn('subject', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('related_type', 'varchar(40)')
    .addColumn('related_id', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('outbox_status').on('outbox').columns(['status', 'id']).execute();
  await db.schema
    .createIndex('outbox_related')
    .on('outbox')
    .columns(['related_type', 'related_id'])
    .execute();

  // Deadline reminders of applications (5 and 2 working days before the due date), one per
  // application, kind and due date: a moved due date gets its own reminders.
  await withId(db, db.schema.createTable('application_reminders'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('org_id', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('application_reminders_once', ['application_id', 'kind', 'due_on'])
    .execute();
}
