import type { Kysely } from 'kysely';
import { forbidUpdateDelete, withId } from '../portable.js';

/**
 * Applications for disclosure (依申请公开, issue 5): one row per application with its state, receipt
 * date (条例第三十一条) and the computed due date as an indexed column (so "overdue" and "due within N
 * days" are queries); an append-only event row per transition (the audit trail and the timeline); and
 * the pauses of the clock (consultations under 条例第三十三条第三款, fee windows when the policy says so).
 * Personal data (name, identity number, contact details) is one SM4-sealed value; lists show a masked
 * label and group an applicant's requests by a keyed hash of the identity document, never by the number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await withId(db, s.createTable('applications'))
    .addColumn('tracking_code', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('reference_no', 'varchar(60)')
    .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('applicant_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('applicant_label', 'varchar(200)', (c) => c.notNull())
    .addColumn('applicant_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('personal_sealed', 'text', (c) => c.notNull())
    .addColumn('subject', 'varchar(500)', (c) => c.notNull())
    .addColumn('doc_number', 'varchar(100)')
    .addColumn('description', 'text')
    .addColumn('form_wanted', 'varchar(20)', (c) => c.notNull())
    .addColumn('delivery', 'varchar(20)', (c) => c.notNull())
    .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('received_on', 'varchar(10)')
    .addColumn('receipt_basis', 'varchar(200)')
    .addColumn('restarted_on', 'varchar(10)')
    .addColumn('supplement_due_on', 'varchar(10)')
    .addColumn('extension_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_on', 'varchar(10)')
    .addColumn('clock_paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
    .addColumn('internal_due_on', 'varchar(10)')
    .addColumn('fee_method', 'varchar(10)')
    .addColumn('fee_pieces', 'integer')
    .addColumn('fee_pages', 'integer')
    .addColumn('fee_amount', 'integer')
    .addColumn('fee_notice_on', 'varchar(10)')
    .addColumn('fee_due_on', 'varchar(10)')
    .addColumn('fee_paid_on', 'varchar(10)')
    .addColumn('reply_type', 'varchar(40)')
    .addColumn('replied_on', 'varchar(10)')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s.createIndex('applications_status_due').on('applications').columns(['status', 'due_on']).execute();
  await s.createIndex('applications_org_status').on('applications').columns(['org_id', 'status']).execute();
  await s
    .createIndex('applications_applicant')
    .on('applications')
    .columns(['applicant_key', 'received_on'])
    .execute();

  await withId(db, s.createTable('application_events'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('action', 'varchar(40)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(20)')
    .addColumn('to_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('reason', 'varchar(2000)')
    .addColumn('data', 'text')
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s
    .createIndex('application_events_app')
    .on('application_events')
    .columns(['application_id', 'id'])
    .execute();
  await forbidUpdateDelete(db, 'application_events');

  await withId(db, s.createTable('application_pauses'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('from_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('to_on', 'varchar(10)')
    .addColumn('label', 'varchar(200)')
    .addColumn('window_end_on', 'varchar(10)')
    .execute();
  await s
    .createIndex('application_pauses_app')
    .on('application_pauses')
    .columns(['application_id', 'id'])
    .execute();
}
