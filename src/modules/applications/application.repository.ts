import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import type {
  ApplicationEventTable,
  ApplicationPauseTable,
  ApplicationTable,
} from '../../platform/db/schema.applications.js';

/** All SQL of the applications workflow. */
export type ApplicationRow = Selectable<ApplicationTable>;
export type NewApplication = Insertable<ApplicationTable>;
export type ApplicationEvent = Selectable<ApplicationEventTable>;
export type PauseRow = Selectable<ApplicationPauseTable>;

export async function insertApplication(db: Executor, row: NewApplication): Promise<number> {
  const r = await db.insertInto('applications').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findApplication(db: Executor, id: number): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByTrackingCode(db: Executor, code: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('tracking_code', '=', code).executeTakeFirst();
}

/**
 * Changes an application only if it is still in the state the caller read: two people acting on the
 * same application at once cannot both succeed. Returns whether the row was changed.
 */
export async function updateFromStatus(
  db: Executor,
  id: number,
  fromStatus: string,
  set: Updateable<ApplicationTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('applications')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateApplication(
  db: Executor,
  id: number,
  set: Updateable<ApplicationTable>,
): Promise<void> {
  await db.updateTable('applications').set(set).where('id', '=', id).execute();
}

export async function insertEvent(db: Executor, row: Insertable<ApplicationEventTable>): Promise<void> {
  await db.insertInto('application_events').values(row).execute();
}

export async function listEvents(db: Executor, applicationId: number): Promise<ApplicationEvent[]> {
  return db
    .selectFrom('application_events')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

export async function countEvents(db: Executor, applicationId: number, action: string): Promise<number> {
  const r = await db
    .selectFrom('application_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('application_id', '=', applicationId)
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listPauses(db: Executor, applicationId: number): Promise<PauseRow[]> {
  return db
    .selectFrom('application_pauses')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

export async function insertPause(db: Executor, row: Insertable<ApplicationPauseTable>): Promise<void> {
  await db.insertInto('application_pauses').values(row).execute();
}

export async function closeOpenPause(
  db: Executor,
  applicationId: number,
  kind: string,
  toOn: string,
): Promise<number> {
  const r = await db
    .updateTable('application_pauses')
    .set({ to_on: toOn })
    .where('application_id', '=', applicationId)
    .where('kind', '=', kind)
    .where('to_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Open applications whose due date is before `today` (overdue) or within [today, until]. */
export async function listDue(
  db: Executor,
  statuses: readonly string[],
  range: { before?: string; from?: string; until?: string },
): Promise<ApplicationRow[]> {
  let q = db
    .selectFrom('applications')
    .selectAll()
    .where('status', 'in', [...statuses])
    .where('due_on', 'is not', null);
  if (range.before) q = q.where('due_on', '<', range.before);
  if (range.from) q = q.where('due_on', '>=', range.from);
  if (range.until) q = q.where('due_on', '<=', range.until);
  return q.orderBy('due_on').orderBy('id').execute();
}

/** Applications in the given states, most urgent first (no due date last), newest submissions next. */
export async function listApplications(
  db: Executor,
  filter: { statuses: readonly string[]; orgId?: number | null; limit?: number },
): Promise<ApplicationRow[]> {
  let q = db
    .selectFrom('applications')
    .selectAll()
    .where('status', 'in', [...filter.statuses]);
  if (filter.orgId) q = q.where('org_id', '=', filter.orgId);
  return q
    .orderBy((eb) => eb.case().when('due_on', 'is', null).then(1).else(0).end())
    .orderBy('due_on')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 500)
    .execute();
}

/**
 * Pieces already counted for the same applicant in the calendar month of `receivedOn`, before this
 * application (109号第四条: cumulative per applicant per month). Every received application counts,
 * whatever its outcome (第四条: all processing decisions), as the pieces its fee notice recorded or
 * one; withdrawn applications and ones not yet received do not.
 */
export async function piecesBefore(db: Executor, app: ApplicationRow): Promise<number> {
  const month = app.received_on!.slice(0, 7);
  const rows = await db
    .selectFrom('applications')
    .select(['id', 'received_on', 'fee_pieces'])
    .where('applicant_key', '=', app.applicant_key)
    .where('received_on', '>=', `${month}-01`)
    .where('received_on', '<=', `${month}-31`)
    .where('status', '!=', 'withdrawn')
    .where('id', '!=', app.id)
    .execute();
  return rows
    .filter((r) => r.received_on! < app.received_on! || (r.received_on === app.received_on && r.id < app.id))
    .reduce((n, r) => n + (r.fee_pieces ?? 1), 0);
}

/** The same applicant's other applications (by the keyed hash of the identity document), newest first. */
export async function otherRequestsOf(db: Executor, app: ApplicationRow, limit = 200) {
  return db
    .selectFrom('applications')
    .select([
      'id',
      'tracking_code',
      'subject',
      'doc_number',
      'description',
      'received_on',
      'status',
      'reply_type',
    ])
    .where('applicant_key', '=', app.applicant_key)
    .where('id', '!=', app.id)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** A handling unit (division or branch) by id, with its kind. */
export async function findOrg(db: Executor, id: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirst();
}
