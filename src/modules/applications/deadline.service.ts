import type { CalendarData } from '../../platform/calendar/engine.js';
import { addWorkdays } from '../../platform/calendar/engine.js';
import { type Db, type Executor, inTransaction } from '../../platform/db/index.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { todayCst } from '../../platform/time.js';
import { staffAddresses } from '../accounts/index.js';
import { loadCalendar } from '../calendar/index.js';
import { workdaysBefore } from './application.clock.js';
import type { WorkflowConfig } from './application.service.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import * as repo from './deadline.repository.js';

/** Reminders go out this many working days before the due date (issue 5). */
export const REMINDER_DAYS = { due5: 5, due2: 2 } as const;

/**
 * Records the reminders whose day has come: an open application with a due date gets `due5` from the
 * 5th working day before it and `due2` from the 2nd (a job that missed a day catches up; a moved due
 * date gets new reminders). Idempotent: one row per application, kind and due date. Each new reminder
 * is also e-mailed (through the outbox) to the handler, or the handling unit, that has a work address.
 */
/**
 * Who is e-mailed a deadline reminder: the assigned handler when there is one with an address;
 * otherwise the handling unit's handlers (or, before assignment, the 公开办) who have one.
 */
async function reminderAddresses(db: Executor, a: { org_id: number | null; assignee_id: number | null }) {
  const assignee = a.assignee_id !== null ? await staffAddresses(db, { userId: a.assignee_id }) : [];
  if (assignee.length) return assignee;
  return a.org_id === null
    ? staffAddresses(db, { permissions: [P.intake] })
    : staffAddresses(db, { permissions: [P.handle], orgId: a.org_id });
}

export async function remindDeadlines(
  db: Db,
  config: WorkflowConfig & { baseUrl?: string },
  today = todayCst(),
): Promise<number> {
  const cal = await loadCalendar(db, config.calendarRegion);
  // Nothing due beyond 5 working days (at most ~2 calendar weeks with a holiday) needs a reminder yet.
  const open = await repo.openDueBetween(db, today, addWorkdays(cal, today, 5).date);
  let added = 0;
  for (const a of open) {
    for (const [kind, n] of Object.entries(REMINDER_DAYS)) {
      if (today < workdaysBefore(cal, a.due_on!, n)) continue;
      const isNew = await inTransaction(db, async (trx) => {
        if (
          !(await repo.insertReminder(trx, { applicationId: a.id, kind, dueOn: a.due_on!, orgId: a.org_id }))
        )
          return false;
        for (const address of await reminderAddresses(trx, a))
          await queueMail(trx, config, {
            dedupeKey: `remind:${a.id}:${kind}:${a.due_on}:${address}`,
            to: address,
            subject: `依申请公开到期提醒：${a.tracking_code} 将于 ${a.due_on} 到期`,
            body: [
              `申请（查询码 ${a.tracking_code}）“${a.subject}”的答复期限为 ${a.due_on}，还有 ${n} 个工作日。`,
              `请登录管理后台办理：${config.baseUrl ?? ''}/console/applications/${a.id}`,
              '（本邮件由政务公开平台自动发送，不含申请人个人信息。）',
            ].join('\n'),
            related: { type: 'application', id: a.id },
          });
        return true;
      });
      if (isNew) added++;
    }
  }
  return added;
}

/** Reminded applications still open with that due date, for one organisation or all. */
export async function activeReminders(db: Executor, orgId: number | null, today = todayCst()) {
  return repo.activeReminders(db, orgId, today);
}

export async function overdueCount(
  db: Executor,
  today = todayCst(),
  orgId: number | null = null,
): Promise<number> {
  return repo.countOverdue(db, today, orgId);
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
  const rows = await repo.openWithOrgs(db);
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
