import type { Config } from '../../config.js';
import { type Actor, can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { CalendarInputError } from '../../platform/calendar/dates.js';
import { type Db, type Executor, inTransaction, nowIso, type Trx } from '../../platform/db/index.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { todayCst } from '../../platform/time.js';
import { loadCalendar } from '../calendar/index.js';
import {
  type ClockPause,
  type ClockResult,
  computeClock,
  consultationWindowEnd,
  extensionProblem,
  supplementNoticeDeadline,
} from './application.clock.js';
import { type ActionInput, type Applied, dayField, deliveryRecord, isoDay } from './application.input.js';
import * as repo from './application.repository.js';
import {
  APPLICANT,
  type ApplicationAction,
  type ApplicationStatus,
  EXTEND_BY,
  EXTEND_FROM,
  isOpen,
  STATUS_LABELS,
  TRANSITIONS,
} from './application.status.js';
import { feeNotice } from './fee.service.js';
import { notifyApplicant } from './notify.service.js';
import { isReplyType } from './reply.rules.js';

export type WorkflowConfig = Pick<
  Config,
  'calendarRegion' | 'calendarStartCounting' | 'applicationFeeClock' | 'dataKey' | 'oldDataKeys'
>;

export type { ActionInput } from './application.input.js';

export interface WorkflowDeps {
  db: Db;
  config: WorkflowConfig;
  /** Today in China time; tests pass a fixed day. */
  today?: string;
}

export function mayAct(actor: Actor | typeof APPLICANT, action: ApplicationAction): boolean {
  const by = TRANSITIONS[action].by;
  if (actor === APPLICANT) return by.includes(APPLICANT);
  return by.some((p) => p !== APPLICANT && can(actor, p));
}

/** The clock of a received application from its record and pauses (fee pauses only under `exclude`). */
async function computeFor(
  db: Executor,
  config: WorkflowConfig,
  app: repo.ApplicationRow & { received_on: string },
  today: string,
): Promise<ClockResult> {
  const cal = await loadCalendar(db, config.calendarRegion);
  const pauses: ClockPause[] = (await repo.listPauses(db, app.id))
    .filter((p) => p.kind === 'consultation' || config.applicationFeeClock === 'exclude')
    .map((p) => ({
      kind: p.kind as ClockPause['kind'],
      from: p.from_on,
      to: p.to_on,
      label: p.label ?? undefined,
    }));
  return computeClock(cal, {
    receivedOn: app.received_on,
    restartedOn: app.restarted_on,
    extensionDays: app.extension_days,
    pauses,
    startCounting: config.calendarStartCounting,
    today,
  });
}

/** Recomputes the due date from the receipt, restart, extension and pauses, and stores it. */
export async function refreshClock(
  db: Executor,
  config: WorkflowConfig,
  app: repo.ApplicationRow,
  today: string,
): Promise<ClockResult | null> {
  if (!app.received_on) return null;
  const clock = await computeFor(db, config, { ...app, received_on: app.received_on }, today);
  await repo.updateApplication(db, app.id, {
    due_on: clock.dueDate,
    clock_paused: clock.state === 'paused' ? 1 : 0,
  });
  return clock;
}

export async function clockOf(deps: WorkflowDeps, id: number): Promise<ClockResult | null> {
  const app = await repo.findApplication(deps.db, id);
  if (!app?.received_on) return null;
  return computeFor(deps.db, deps.config, { ...app, received_on: app.received_on }, deps.today ?? todayCst());
}

/**
 * The public deadline calculator: the reply due date of an application received on `receivedOn`,
 * with its derivation (条例第三十三条), before any supplementation, extension or pause.
 */
export async function replyDeadline(
  db: Executor,
  config: Pick<WorkflowConfig, 'calendarRegion' | 'calendarStartCounting'>,
  receivedOn: string,
): Promise<ClockResult> {
  if (!isoDay.test(receivedOn)) throw fieldError('receivedOn', '收到申请之日：格式应为 YYYY-MM-DD');
  const cal = await loadCalendar(db, config.calendarRegion);
  try {
    return computeClock(cal, { receivedOn, today: receivedOn, startCounting: config.calendarStartCounting });
  } catch (e) {
    if (e instanceof CalendarInputError) throw fieldError('receivedOn', `收到申请之日：${e.message}`);
    throw e;
  }
}

function actorName(actor: Actor | typeof APPLICANT): { id: number | null; name: string } {
  if (actor === APPLICANT) return { id: null, name: '申请人' };
  return { id: actor.userId, name: actor.username ? `${actor.name}(${actor.username})` : actor.name };
}

/**
 * Moves an application along its workflow: checks the permission and the state, applies the
 * action's own rules and data, writes the event row and the audit entry, and recomputes the clock —
 * all in one transaction, so nothing is half-done.
 */
export async function transitionApplication(
  deps: WorkflowDeps,
  actor: Actor | typeof APPLICANT,
  id: number,
  action: ApplicationAction,
  input: ActionInput = {},
): Promise<repo.ApplicationRow> {
  const t = TRANSITIONS[action];
  if (!t) throw new AppError('BAD_REQUEST', { message: `未知的办理操作：${String(action)}` });
  if (!mayAct(actor, action)) throw new AppError('FORBIDDEN', { message: `您没有“${t.label}”的权限` });
  const today = deps.today ?? todayCst();
  const reason = input.reason?.trim() || null;
  if (t.reason && !reason) throw fieldError('reason', `${t.label}须填写理由`);
  if (reason && reason.length > 2000) throw fieldError('reason', '理由：不能超过 2000 个字符');

  return inTransaction(deps.db, async (trx) => {
    const app = await repo.findApplication(trx, id);
    if (!app) throw new AppError('NOT_FOUND', { message: '申请不存在' });
    const from = app.status as ApplicationStatus;
    if (!t.from.includes(from))
      throw new AppError('CONFLICT', { message: `申请当前状态为“${STATUS_LABELS[from]}”，不能${t.label}` });
    const { set, data } = await applyRules(trx, deps.config, app, action, input, today);
    // Leaving the open states: the day it is counted in that year's annual report (section 三).
    if (isOpen(from) && !isOpen(t.to)) set.closed_on = set.replied_on ?? today;
    const changed = await repo.updateFromStatus(trx, id, from, {
      ...set,
      status: t.to,
      updated_at: nowIso(),
    });
    if (!changed) throw new AppError('CONFLICT');
    const who = actorName(actor);
    await repo.insertEvent(trx, {
      application_id: id,
      action,
      from_status: from,
      to_status: t.to,
      reason,
      data: Object.keys(data).length ? JSON.stringify(data) : null,
      actor_id: who.id,
      actor_name: who.name,
      at: nowIso(),
    });
    const after = (await repo.findApplication(trx, id))!;
    await refreshClock(trx, deps.config, after, today);
    const events = await repo.listEvents(trx, id);
    await notifyApplicant(
      trx,
      deps.config,
      (await repo.findApplication(trx, id))!,
      action,
      data,
      events.length,
    );
    if (actor !== APPLICANT)
      await recordAudit(trx, actor, {
        action: `application.${action}`,
        targetType: 'application',
        targetId: id,
        before: { status: from },
        after: { status: t.to, ...data },
      });
    return (await repo.findApplication(trx, id))!;
  });
}

/** The legal rules and data of each action (条例第三十条、第三十二条、第三十三条, 109号). */
async function applyRules(
  trx: Trx,
  config: WorkflowConfig,
  app: repo.ApplicationRow,
  action: ApplicationAction,
  input: ActionInput,
  today: string,
): Promise<Applied> {
  switch (action) {
    case 'register': {
      const on = dayField('on', '收到申请之日', input.on ?? today, today);
      if (on < app.submitted_at.slice(0, 10)) throw fieldError('on', '收到申请之日：不能早于提交日期');
      return {
        set: { received_on: on, receipt_basis: '双方确认之日（条例第三十一条第（三）项）' },
        data: { receivedOn: on },
      };
    }
    case 'request_supplement': {
      if (await repo.countEvents(trx, app.id, 'request_supplement'))
        throw new AppError('CONFLICT', { message: '补正告知只能一次性发出（条例第三十条），本申请已发出过' });
      const cal = await loadCalendar(trx, config.calendarRegion);
      const last = supplementNoticeDeadline(cal, app.received_on!, config.calendarStartCounting).date;
      if (today > last)
        throw new AppError('CONFLICT', {
          message: `补正告知应在收到申请之日起 7 个工作日内发出（条例第三十条），本申请的最后一日为 ${last}`,
        });
      const text = input.text?.trim();
      if (!text) throw fieldError('text', '补正事项：必填，请写明需要补正的事项');
      const dueOn = input.dueOn;
      if (!dueOn || !isoDay.test(dueOn) || dueOn <= today)
        throw fieldError('dueOn', '补正期限：必填，应为今天以后的日期');
      return { set: { supplement_due_on: dueOn }, data: { items: text, dueOn } };
    }
    case 'receive_supplement': {
      const on = dayField('on', '收到补正材料之日', input.on ?? today, today);
      if (on < app.received_on!) throw fieldError('on', '收到补正材料之日：不能早于收到申请之日');
      return { set: { restarted_on: on, supplement_due_on: null }, data: { receivedOn: on } };
    }
    case 'supplement_lapsed':
      if (!app.supplement_due_on || today <= app.supplement_due_on)
        throw new AppError('CONFLICT', {
          message: `补正期限（${app.supplement_due_on ?? '未设定'}）尚未届满`,
        });
      // Its result in the annual report: 三(六)1 (reply.rules.ts not_supplemented).
      return { set: { reply_type: 'not_supplemented' }, data: { dueOn: app.supplement_due_on } };
    case 'assign': {
      if (!input.orgId) throw fieldError('orgId', '承办单位：必填');
      const org = await repo.findOrg(trx, input.orgId);
      if (!org) throw fieldError('orgId', '承办单位：不存在');
      const due = input.internalDueOn ?? null;
      if (due !== null && (!isoDay.test(due) || due < today))
        throw fieldError('internalDueOn', '内部办理期限：应为今天或以后的日期');
      return {
        set: { org_id: org.id, assignee_id: input.assigneeId ?? null, internal_due_on: due },
        // A district branch (区分局) handles it as a forwarded application (seed 五.1 转办).
        data: { orgId: org.id, org: org.name, forwarded: org.kind === 'branch', internalDueOn: due },
      };
    }
    case 'start_consultation': {
      const party = input.text?.trim();
      if (!party) throw fieldError('text', '征求意见对象：必填');
      const partyKind = input.partyKind ?? 'third_party';
      if (partyKind !== 'third_party' && partyKind !== 'agency')
        throw fieldError('partyKind', '征求意见对象类型：应为第三方或其他机关');
      const on = dayField('on', '发出征求意见函之日', input.on ?? today, today);
      const cal = await loadCalendar(trx, config.calendarRegion);
      const windowEnd = consultationWindowEnd(cal, on, config.calendarStartCounting).date;
      await repo.insertPause(trx, {
        application_id: app.id,
        kind: 'consultation',
        from_on: on,
        to_on: null,
        label: party,
        window_end_on: windowEnd,
      });
      return { set: {}, data: { party, partyKind, sentOn: on, windowEnd } };
    }
    case 'end_consultation': {
      const on = dayField('on', '收到意见或期满之日', input.on ?? today, today);
      const open = (await repo.listPauses(trx, app.id)).find((p) => p.kind === 'consultation' && !p.to_on);
      if (open && on < open.from_on)
        throw fieldError('on', `收到意见或期满之日：不能早于发函之日（${open.from_on}）`);
      await repo.closeOpenPause(trx, app.id, 'consultation', on);
      return { set: {}, data: { endedOn: on } };
    }
    case 'issue_fee_notice':
      return feeNotice(trx, config, app, input, today, await refreshClock(trx, config, app, today));
    case 'record_payment': {
      const on = dayField('on', '缴费日期', input.on ?? today, today);
      if (on < app.fee_notice_on!)
        throw fieldError('on', `缴费日期：不能早于收到收费通知之日（${app.fee_notice_on}）`);
      await repo.closeOpenPause(trx, app.id, 'fee', on);
      return { set: { fee_paid_on: on }, data: { paidOn: on, amount: app.fee_amount } };
    }
    case 'waive_fee':
      await repo.closeOpenPause(trx, app.id, 'fee', today);
      return { set: {}, data: { waivedOn: today, amount: app.fee_amount } };
    case 'fee_lapsed':
      if (!app.fee_due_on || today <= app.fee_due_on)
        throw new AppError('CONFLICT', { message: `缴费期限（${app.fee_due_on ?? '未设定'}）尚未届满` });
      await repo.closeOpenPause(trx, app.id, 'fee', app.fee_due_on);
      // 三(六)2 (fee_unpaid).
      return { set: { reply_type: 'fee_unpaid' }, data: { dueOn: app.fee_due_on } };
    case 'submit_draft': {
      const replyType = input.replyType?.trim();
      if (!replyType) throw fieldError('replyType', '答复类型：必填');
      if (!isReplyType(replyType)) throw fieldError('replyType', '答复类型：无效，请从列表中选择');
      const body = input.text?.trim() || null;
      if (body && body.length > 10_000) throw fieldError('text', '答复正文：不能超过 10000 个字符');
      return { set: { reply_type: replyType }, data: { replyType, ...(body ? { body } : {}) } };
    }
    case 'reply': {
      const on = dayField('on', '答复日期', input.on ?? today, today);
      const d = deliveryRecord(input, on, today, false);
      return {
        set: { replied_on: on, ...d },
        data: { repliedOn: on, replyType: app.reply_type, ...deliveryData(d) },
      };
    }
    case 'record_delivery': {
      const d = deliveryRecord(input, app.replied_on!, today, true);
      return { set: d, data: deliveryData(d) };
    }
    case 'withdraw':
      // 三(六)3 其他 (reply.rules.ts withdrawn, [P]).
      return { set: { reply_type: 'withdrawn' }, data: {} };
    default:
      return { set: {}, data: {} };
  }
}

const deliveryData = (d: ReturnType<typeof deliveryRecord>) => ({
  ...(d.delivery_method ? { deliveryMethod: d.delivery_method } : {}),
  ...(d.delivered_on ? { deliveredOn: d.delivered_on } : {}),
  ...(d.delivery_proof ? { proof: d.delivery_proof } : {}),
});

/**
 * 条例第三十三条第二款: an extension of at most 20 working days in all, decided by the approver before
 * the due date, with a reason; the applicant is told (the notice letter comes with the letters work).
 */
export async function extendDeadline(
  deps: WorkflowDeps,
  actor: Actor,
  id: number,
  input: { days: number; reason: string },
): Promise<ClockResult> {
  if (!can(actor, EXTEND_BY)) throw new AppError('FORBIDDEN', { message: '只有核准领导可以批准延期答复' });
  const reason = input.reason?.trim();
  if (!reason) throw fieldError('reason', '延期理由：必填');
  const today = deps.today ?? todayCst();
  return inTransaction(deps.db, async (trx) => {
    const app = await repo.findApplication(trx, id);
    if (!app) throw new AppError('NOT_FOUND', { message: '申请不存在' });
    if (!EXTEND_FROM.includes(app.status as ApplicationStatus))
      throw new AppError('CONFLICT', {
        message: `申请当前状态为“${STATUS_LABELS[app.status as ApplicationStatus]}”，不能延期`,
      });
    const before = await refreshClock(trx, deps.config, app, today);
    if (!before) throw new AppError('CONFLICT', { message: '申请尚未登记收到日期，不能延期' });
    const problem = extensionProblem(before, input.days, today);
    if (problem) throw fieldError('days', problem);
    const changed = await repo.updateFromStatus(trx, id, app.status, {
      extension_days: app.extension_days + input.days,
      updated_at: nowIso(),
    });
    if (!changed) throw new AppError('CONFLICT');
    const who = actorName(actor);
    await repo.insertEvent(trx, {
      application_id: id,
      action: 'extend',
      from_status: app.status,
      to_status: app.status,
      reason,
      data: JSON.stringify({ days: input.days, previousDue: before.dueDate }),
      actor_id: who.id,
      actor_name: who.name,
      at: nowIso(),
    });
    const after = await refreshClock(trx, deps.config, (await repo.findApplication(trx, id))!, today);
    const events = await repo.listEvents(trx, id);
    await notifyApplicant(
      trx,
      deps.config,
      (await repo.findApplication(trx, id))!,
      'extend',
      { days: input.days },
      events.length,
    );
    await recordAudit(trx, actor, {
      action: 'application.extend',
      targetType: 'application',
      targetId: id,
      before: { due: before.dueDate },
      after: { due: after!.dueDate, days: input.days },
    });
    return after!;
  });
}
