import type { Executor } from '../../platform/db/index.js';
import { nowIso } from '../../platform/db/index.js';
import { OPEN_STATUSES } from './application.status.js';

/** All SQL of the deadline reminders and the board. Open = an OPEN_STATUSES application. */

/** Open, running applications due in [from, until]. */
export async function openDueBetween(db: Executor, from: string, until: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'due_on', 'org_id', 'assignee_id', 'tracking_code', 'subject'])
    .where('status', 'in', [...OPEN_STATUSES])
    .where('clock_paused', '=', 0)
    .where('due_on', '>=', from)
    .where('due_on', '<=', until)
    .execute();
}

/** Returns whether the reminder is new (one per application, kind and due date). */
export async function insertReminder(
  db: Executor,
  r: { applicationId: number; kind: string; dueOn: string; orgId: number | null },
): Promise<boolean> {
  const res = await db
    .insertInto('application_reminders')
    .values({
      application_id: r.applicationId,
      kind: r.kind,
      due_on: r.dueOn,
      org_id: r.orgId,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['application_id', 'kind', 'due_on']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Reminders of open applications whose due date is still the reminded one and not past. */
export async function activeReminders(db: Executor, orgId: number | null, today: string) {
  let q = db
    .selectFrom('application_reminders as r')
    .innerJoin('applications as a', 'a.id', 'r.application_id')
    .select(['a.id', 'a.tracking_code', 'a.subject', 'a.due_on', 'r.kind'])
    .whereRef('a.due_on', '=', 'r.due_on')
    .where('a.status', 'in', [...OPEN_STATUSES])
    .where('a.due_on', '>=', today);
  if (orgId !== null) q = q.where('a.org_id', '=', orgId);
  return q.orderBy('a.due_on').orderBy('a.id').execute();
}

export async function countOverdue(db: Executor, today: string, orgId: number | null): Promise<number> {
  let q = db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', [...OPEN_STATUSES])
    .where('clock_paused', '=', 0)
    .where('due_on', '<', today);
  if (orgId !== null) q = q.where('org_id', '=', orgId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Every open application with its handling unit, for the board. */
export async function openWithOrgs(db: Executor) {
  return db
    .selectFrom('applications as a')
    .leftJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.org_id', 'o.name', 'o.kind', 'a.due_on', 'a.clock_paused'])
    .where('a.status', 'in', [...OPEN_STATUSES])
    .execute();
}
