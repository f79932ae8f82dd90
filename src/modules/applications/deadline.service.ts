import type { CalendarData } from '../../platform/calendar/engine.js';
import { addWorkdays } from '../../platform/calendar/engine.js';
import { type Db, type Executor, nowIso } from '../../platform/db/index.js';
import { todayCst } from '../../platform/time.js';
import { loadCalendar } from '../calendar/index.js';
import { workdaysBefore } from './application.clock.js';
import type { WorkflowConfig } from './application.service.js';
import { OPEN_STATUSES } from './application.status.js';

/** Reminders go out this many working days before the due date (issue 5). */
export const REMINDER_DAYS = { due5: 5, due2: 2 } as const;

/**
 * Records the reminders whose day has come: an open application with a due date gets `due5` from the
 * 5th working day before it and `due2` from the 2nd (a job that missed a day catches up; a moved due
 * date gets new reminders). Idempotent: one row per application, kind and due date.
 */
export async function remindDeadlines(db: Db, config: WorkflowConfig, today = todayCst()): Promise<number> {
  const cal = await loadCalendar(db, config.calendarRegion);
  const open = await db
    .selectFrom('applications')
    .select(['id', 'due_on', 'org_id'])
    .where('status', 'in', [...OPEN_STATUSES])
    .where('clock_paused', '=', 0)
    .where('due_on', '>=', today)
    // Nothing due beyond 5 working days (at most ~2 calendar weeks with a holiday) needs a reminder yet.
    .where('due_on', '<=', addWorkdays(cal, today, 5).date)
    .execute();
  let added = 0;
  for (const a of open) {
    for (const [kind, n] of Object.entries(REMINDER_DAYS)) {
      if (today < workdaysBefore(cal, a.due_on!, n)) continue;
      const r = await db
        .insertInto('application_reminders')
        .values({ application_id: a.id, kind, due_on: a.due_on!, org_id: a.org_id, created_at: nowIso() })
        .onConflict((oc) => oc.columns(['application_id', 'kind', 'due_on']).doNothing())
        .executeTakeFirst();
      added += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
  }
  return added;
}

/** Reminded applications still open with that due date, for one organisation or all. */
export async function activeReminders(db: Executor, orgId: number | null, today = todayCst()) {
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

export async function overdueCount(
  db: Executor,
  today = todayCst(),
  orgId: number | null = null,
): Promise<number> {
  let q = db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', [...OPEN_STATUSES])
    .where('clock_paused', '=', 0)
    .where('due_on', '<', today);
  if (orgId !== null) q = q.where('org_id', '=', orgId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export interface BoardRow {
  orgId: number | null;
  org: string;
  kind: string | null;
  open: number;
  dueSoon: number;
  overdue: number;
  paused: number;
}

/** Open applications by division and branch: how many, due within 5 working days, overdue, paused. */
export async function deadlineBoard(db: Db, cal: CalendarData, today = todayCst()): Promise<BoardRow[]> {
  const soon = addWorkdays(cal, today, 5).date;
  const rows = await db
    .selectFrom('applications as a')
    .leftJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.org_id', 'o.name', 'o.kind', 'a.due_on', 'a.clock_paused'])
    .where('a.status', 'in', [...OPEN_STATUSES])
    .execute();
  const by = new Map<string, BoardRow>();
  for (const r of rows) {
    const key = String(r.org_id ?? 0);
    const b = by.get(key) ?? {
      orgId: r.org_id,
      org: r.name ?? '未分办（公开办）',
      kind: r.kind ?? null,
      open: 0,
      dueSoon: 0,
      overdue: 0,
      paused: 0,
    };
    b.open++;
    if (r.clock_paused) b.paused++;
    else if (r.due_on && r.due_on < today) b.overdue++;
    else if (r.due_on && r.due_on <= soon) b.dueSoon++;
    by.set(key, b);
  }
  return [...by.values()].sort(
    (a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || a.org.localeCompare(b.org, 'zh'),
  );
}
