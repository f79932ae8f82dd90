import type { Kysely } from 'kysely';
import { forbidUpdateDelete, withId } from '../portable.js';

/**
 * The annual report (年度报告, issue 6; 国办公开办函〔2021〕30号).
 *
 * - applications.closed_on: the day an application left the open states (replied, abandoned,
 *   withdrawn) — the day it is counted in section 三 of that year's report; for lapses and
 *   withdrawals `reply_type` now carries their result type (not_supplemented, fee_unpaid, withdrawn),
 *   so the result row of every closed application is one mapping (reply.rules.ts). Existing rows are
 *   backfilled from their events.
 * - annual_reports: one per year. A report made by the platform keeps the computed tables, the
 *   figures staff enter (行政处罚、行政强制 counts, 行政事业性收费), overrides of computed cells (each
 *   with a reason), explanations of check findings, the texts of sections 一、五、六, and, once
 *   published, the frozen report. An imported one (years before the platform) keeps only the frozen
 *   report. annual_report_events is the append-only workflow history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s.alterTable('applications').addColumn('closed_on', 'varchar(10)').execute();
  await s.createIndex('applications_received_on').on('applications').column('received_on').execute();
  await s.createIndex('applications_closed_on').on('applications').column('closed_on').execute();

  // Backfill: replies close on their reply date; lapses and withdrawals on the day of their event
  // (China time), with their result type.
  const k = db as unknown as Kysely<Backfill>;
  await k
    .updateTable('applications')
    .set((eb) => ({ closed_on: eb.ref('replied_on') }))
    .where('replied_on', 'is not', null)
    .execute();
  const RESULT: Record<string, string> = {
    supplement_lapsed: 'not_supplemented',
    fee_lapsed: 'fee_unpaid',
    withdraw: 'withdrawn',
  };
  const events = await k
    .selectFrom('application_events')
    .select(['application_id', 'action', 'at'])
    .where('action', 'in', Object.keys(RESULT))
    .execute();
  for (const e of events) {
    const day = new Date(Date.parse(e.at) + 8 * 3600_000).toISOString().slice(0, 10);
    await k
      .updateTable('applications')
      .set({ closed_on: day, reply_type: RESULT[e.action]! })
      .where('id', '=', e.application_id)
      .execute();
  }

  await withId(db, s.createTable('annual_reports'))
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('agency', 'varchar(200)', (c) => c.notNull())
    /** draft | review | published */
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    /** platform | imported */
    .addColumn('source', 'varchar(20)', (c) => c.notNull())
    .addColumn('computed', 'text')
    .addColumn('computed_at', 'varchar(32)')
    .addColumn('inputs', 'text')
    .addColumn('overrides', 'text')
    .addColumn('explanations', 'text')
    .addColumn('texts', 'text')
    .addColumn('published', 'text')
    .addColumn('published_on', 'varchar(10)')
    .addColumn('document_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await withId(db, s.createTable('annual_report_events'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('annual_reports.id'))
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
    .createIndex('annual_report_events_report')
    .on('annual_report_events')
    .columns(['report_id', 'id'])
    .execute();
  await forbidUpdateDelete(db, 'annual_report_events');
}

interface Backfill {
  applications: {
    id: number;
    replied_on: string | null;
    closed_on: string | null;
    reply_type: string | null;
  };
  application_events: { application_id: number; action: string; at: string };
}
