import type { Kysely } from 'kysely';
import { withId } from '../portable.js';

/**
 * Reconsideration and litigation cases (行政复议、行政诉讼, issue 5) about disclosure decisions, the
 * source of section 四 of the annual report (国办公开办函〔2021〕30号; regulations.md C.4). One row per
 * case: its kind (复议 / 直接起诉 / 复议后起诉), the 复议机关 or court, when it was filed and, once it
 * ends, the decision code (modules/applications/case.rules.ts) and its date. Usually linked to an
 * application; nullable because a case may concern a disclosure matter never applied for on this
 * platform (e.g. a complaint that something was not proactively disclosed).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('application_cases'))
    .addColumn('application_id', 'integer', (c) => c.references('applications.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('case_no', 'varchar(100)', (c) => c.notNull())
    .addColumn('body', 'varchar(200)', (c) => c.notNull())
    .addColumn('filed_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('decision', 'varchar(40)')
    .addColumn('decided_on', 'varchar(10)')
    .addColumn('notes', 'varchar(2000)')
    // The 行政复议决定书 published (through the documents workflow) in its catalogue column (seed 五.2).
    .addColumn('document_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // The annual report reads a year of one kind; the application page reads its own cases.
  await db.schema
    .createIndex('application_cases_kind_filed')
    .on('application_cases')
    .columns(['kind', 'filed_on'])
    .execute();
  await db.schema
    .createIndex('application_cases_application')
    .on('application_cases')
    .columns(['application_id', 'id'])
    .execute();
}
