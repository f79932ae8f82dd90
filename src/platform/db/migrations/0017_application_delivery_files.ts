import type { Kysely } from 'kysely';
import { withId } from '../portable.js';

/**
 * Issue 5, the rest of intake and reply:
 * - the delivery record of a reply (送达): how it was delivered, when it arrived, and the proof
 *   (挂号信/EMS 单号, the e-mail sent, the receipt signed on collection);
 * - the files an applicant attaches to an application (or staff add to a registered paper one). The
 *   bytes are SM4-sealed in `files` (they often hold identity documents); the row keeps the name,
 *   the real type and size for display;
 * - a work e-mail address for staff, so deadline reminders reach handlers by e-mail as well.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('delivered_on', 'varchar(10)').execute();
  await db.schema.alterTable('applications').addColumn('delivery_method', 'varchar(20)').execute();
  await db.schema.alterTable('applications').addColumn('delivery_proof', 'varchar(500)').execute();
  await db.schema.alterTable('users').addColumn('email', 'varchar(200)').execute();

  await withId(db, db.schema.createTable('application_files'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    /** applicant | staff */
    .addColumn('source', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_files_app')
    .on('application_files')
    .columns(['application_id', 'id'])
    .execute();
}
