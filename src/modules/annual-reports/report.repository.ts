import type { Updateable } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import { nowIso } from '../../platform/db/index.js';
import type { AnnualReportTable } from '../../platform/db/schema.applications.js';

/** All SQL of the annual report: the figures it is computed from, and the report rows. */

export interface Year {
  start: string;
  end: string;
}

type Counted = { applicant_type: string; n: number | string | bigint };
const num = (r: { n: number | string | bigint }) => Number(r.n);

/**
 * Section 三 from the applications, as four grouped counts (new, carried over, closed with their
 * result type, carried forward). An application counts once it has a receipt date (条例第三十一条);
 * it leaves the count on `closed_on`.
 */
export async function applicationCounts(db: Executor, y: Year) {
  const base = () =>
    db
      .selectFrom('applications')
      .select(['applicant_type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('received_on', 'is not', null)
      .groupBy('applicant_type');
  const [fresh, carried, forward, results] = await Promise.all([
    base().where('received_on', '>=', y.start).where('received_on', '<=', y.end).execute(),
    base()
      .where('received_on', '<', y.start)
      .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', y.start)]))
      .execute(),
    base()
      .where('received_on', '<=', y.end)
      .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', y.end)]))
      .execute(),
    db
      .selectFrom('applications')
      .select(['applicant_type', 'reply_type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('received_on', 'is not', null)
      .where('closed_on', '>=', y.start)
      .where('closed_on', '<=', y.end)
      .groupBy(['applicant_type', 'reply_type'])
      .execute(),
  ]);
  const plain = (rows: Counted[]) => rows.map((r) => ({ applicantType: r.applicant_type, n: num(r) }));
  return {
    fresh: plain(fresh),
    carried: plain(carried),
    forward: plain(forward),
    results: results.map((r) => ({ applicantType: r.applicant_type, replyType: r.reply_type, n: num(r) })),
  };
}

/** Reconsideration and litigation cases that may count in the year (filed by its end). */
export async function casesUpTo(db: Executor, end: string) {
  return db
    .selectFrom('application_cases')
    .select(['kind', 'filed_on', 'decision', 'decided_on'])
    .where('filed_on', '<=', end)
    .execute();
}

/** Published documents of some columns (or a genre), with the dates section 二 reads. */
export async function catalogueFacts(db: Executor, filter: { columnIds?: number[]; genre?: string }) {
  let q = db
    .selectFrom('documents')
    .select(['written_on', 'formed_on', 'published_at', 'validity', 'validity_changed_on'])
    .where('status', '=', 'published');
  if (filter.columnIds) {
    if (!filter.columnIds.length) return [];
    q = q.where('column_id', 'in', filter.columnIds);
  }
  if (filter.genre) q = q.where('genre', '=', filter.genre);
  return q.execute();
}

/** Fees under 109号 in the year (section 六): notices sent, amount, collected. */
export async function feeFacts(db: Executor, y: Year) {
  const r = await db
    .selectFrom('applications')
    .select((eb) => [
      eb.fn.countAll<number>().as('notices'),
      eb.fn.sum<number>('fee_amount').as('amount'),
      eb.fn.count<number>('fee_paid_on').as('paid'),
    ])
    .where('fee_notice_on', '>=', y.start)
    .where('fee_notice_on', '<=', y.end)
    .executeTakeFirstOrThrow();
  const collected = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.sum<number>('fee_amount').as('amount'))
    .where('fee_paid_on', '>=', y.start)
    .where('fee_paid_on', '<=', y.end)
    .executeTakeFirstOrThrow();
  return {
    notices: Number(r.notices),
    amount: Number(r.amount ?? 0),
    paid: Number(r.paid),
    collected: Number(collected.amount ?? 0),
  };
}

/** Replies of the year and how many were on time (for the overview's facts). */
export async function replyTimeliness(db: Executor, y: Year) {
  const r = await db
    .selectFrom('applications')
    .select((eb) => [
      eb.fn.countAll<number>().as('replied'),
      eb.fn
        .sum<number>(eb.case().when('replied_on', '<=', eb.ref('due_on')).then(1).else(0).end())
        .as('onTime'),
    ])
    .where('replied_on', '>=', y.start)
    .where('replied_on', '<=', y.end)
    .where('received_on', 'is not', null)
    .executeTakeFirstOrThrow();
  return { replied: Number(r.replied), onTime: Number(r.onTime ?? 0) };
}

/** Documents published in the year, per top-level column name (for the overview's facts). */
export async function publishedByColumn(db: Executor, y: Year) {
  const rows = await db
    .selectFrom('documents as d')
    .innerJoin('doc_columns as c', 'c.id', 'd.column_id')
    .select(['c.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('d.status', '=', 'published')
    .where('d.published_at', '>=', `${y.start}T00:00:00`)
    .where('d.published_at', '<=', `${y.end}T23:59:59.999Z`)
    .groupBy('c.name')
    .orderBy('c.name')
    .execute();
  return rows.map((r) => ({ column: r.name, n: Number(r.n) }));
}

// ---------------------------------------------------------------- the reports

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export async function findReport(db: Executor, year: number) {
  return db.selectFrom('annual_reports').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function listReports(db: Executor) {
  return db
    .selectFrom('annual_reports')
    .select(['id', 'year', 'agency', 'status', 'source', 'published_on', 'updated_at'])
    .orderBy('year', 'desc')
    .execute();
}

export async function insertReport(
  db: Executor,
  r: { year: number; agency: string; status: string; source: string } & Partial<
    Record<
      | 'computed'
      | 'computed_at'
      | 'inputs'
      | 'overrides'
      | 'explanations'
      | 'texts'
      | 'published'
      | 'published_on',
      string | null
    >
  >,
): Promise<number> {
  const at = nowIso();
  const row = await db
    .insertInto('annual_reports')
    .values({ ...r, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Update only if still in the expected state; returns whether it changed. */
export async function updateReport(
  db: Executor,
  id: number,
  expectedStatus: string,
  set: Updateable<AnnualReportTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('annual_reports')
    .set({ ...set, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', expectedStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertReportEvent(
  db: Executor,
  e: {
    report_id: number;
    action: string;
    from_status: string | null;
    to_status: string;
    reason: string | null;
    data: string | null;
    actor_id: number | null;
    actor_name: string;
  },
): Promise<void> {
  await db
    .insertInto('annual_report_events')
    .values({ ...e, at: nowIso() })
    .execute();
}

export async function listReportEvents(db: Executor, reportId: number) {
  return db
    .selectFrom('annual_report_events')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}
