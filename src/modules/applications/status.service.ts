import { verifyPassword } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { todayCst } from '../../platform/time.js';
import type { ClockResult } from './application.clock.js';
import * as repo from './application.repository.js';
import { clockOf, transitionApplication, type WorkflowDeps } from './application.service.js';
import {
  APPLICANT,
  type ApplicationStatus,
  isOpen,
  STATUS_LABELS,
  TRANSITIONS,
} from './application.status.js';
import { CHANNEL_RULES, type Channel, DELIVERY_METHODS, isDeliveryMethod } from './intake.rules.js';
import { isReplyType, REPLY_TYPE_DEFS } from './reply.rules.js';

/**
 * What the applicant sees on the status page: the steps that concern them (internal review steps are
 * the bureau's own deliberation and stay in the console), the due date and how it was derived.
 */
const PUBLIC_STEPS: Record<string, (data: Record<string, unknown>) => string> = {
  submit: () => '提交申请',
  register: (d) => `公开办确认收到申请并登记${d.receivedOn ? `，收到申请之日为 ${d.receivedOn}` : ''}`,
  request_supplement: (d) => `发出补正告知，请于 ${String(d.dueOn)} 前补正：${String(d.items)}`,
  receive_supplement: (d) => `收到补正材料（${String(d.receivedOn)}），答复期限自该日重新计算`,
  supplement_lapsed: () => '逾期未补正，视为放弃申请（条例第三十条）',
  assign: (d) => (d.forwarded ? '已转区分局办理' : '已交承办单位办理'),
  start_consultation: () => '书面征求意见，征求意见时间不计入答复期限（条例第三十三条第三款）',
  end_consultation: () => '征求意见结束，继续办理',
  issue_fee_notice: (d) =>
    `发出收费通知：信息处理费 ${String(d.amount)} 元，请于 ${String(d.dueOn)} 前缴纳（国办函〔2020〕109号）`,
  record_payment: () => '已登记缴费，继续办理',
  waive_fee: () => '已减免信息处理费，继续办理',
  fee_lapsed: () => '逾期未缴纳信息处理费，视为放弃申请',
  extend: (d) => `经批准延长答复期限 ${String(d.days)} 个工作日（条例第三十三条第二款）`,
  reply: (d) => {
    const t =
      typeof d.replyType === 'string' && isReplyType(d.replyType) ? REPLY_TYPE_DEFS[d.replyType].name : '';
    return `已作出答复${t ? `（${t}）` : ''}${deliveryText(d)}`;
  },
  record_delivery: (d) => `答复已送达${deliveryText(d)}`,
  withdraw: () => '申请已撤回',
};

function deliveryText(d: Record<string, unknown>): string {
  const how =
    typeof d.deliveryMethod === 'string' && isDeliveryMethod(d.deliveryMethod)
      ? DELIVERY_METHODS[d.deliveryMethod]
      : '';
  if (!how) return '';
  return `，${how}${d.deliveredOn ? `，${String(d.deliveredOn)} 送达` : ''}${d.proof ? `（${String(d.proof)}）` : ''}`;
}

export interface PublicStatus {
  trackingCode: string;
  status: string;
  statusLabel: string;
  subject: string;
  channel: string;
  submittedAt: string;
  receivedOn: string | null;
  receiptBasis: string | null;
  timeline: { at: string; text: string }[];
  clock: ClockResult | null;
  /** The applicant may still withdraw it. */
  canWithdraw: boolean;
}

// A hash to verify against when the code is unknown, so a wrong code takes as long as a wrong password.
const DUMMY = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** The application a query code and its password open; the same answer for a wrong code or password. */
export async function authenticate(
  deps: WorkflowDeps,
  code: string,
  password: string,
): Promise<repo.ApplicationRow> {
  const app = await repo.findByTrackingCode(deps.db, code);
  const ok = await verifyPassword(password, app?.password_hash ?? DUMMY);
  if (!app || !ok) throw new AppError('NOT_FOUND', { message: '查询码或查询密码不正确' });
  return app;
}

/** The applicant withdraws their own application (with the query code and password) while it is open. */
export async function withdrawByApplicant(
  deps: WorkflowDeps,
  code: string,
  password: string,
  reason: string,
) {
  const app = await authenticate(deps, code, password);
  return transitionApplication(deps, APPLICANT, app.id, 'withdraw', { reason: reason || '申请人撤回申请' });
}

export async function lookupApplication(
  deps: WorkflowDeps,
  code: string,
  password: string,
): Promise<PublicStatus> {
  return publicStatus(deps, await authenticate(deps, code, password));
}

/** What the applicant sees of one application (status page, or their account). */
export async function publicStatus(deps: WorkflowDeps, app: repo.ApplicationRow): Promise<PublicStatus> {
  const events = await repo.listEvents(deps.db, app.id);
  const timeline = events.flatMap((e) => {
    const step = PUBLIC_STEPS[e.action];
    if (!step) return [];
    const data = e.data ? (JSON.parse(e.data) as Record<string, unknown>) : {};
    return [{ at: e.at, text: step(data) }];
  });
  const open = isOpen(app.status as ApplicationStatus);
  return {
    trackingCode: app.tracking_code,
    status: app.status,
    statusLabel: STATUS_LABELS[app.status as ApplicationStatus] ?? app.status,
    subject: app.subject,
    channel: CHANNEL_RULES[app.channel as Channel]?.label ?? app.channel,
    submittedAt: app.submitted_at,
    receivedOn: app.received_on,
    receiptBasis: app.receipt_basis,
    timeline,
    clock: open ? await clockOf({ ...deps, today: deps.today ?? todayCst() }, app.id) : null,
    canWithdraw: TRANSITIONS.withdraw.from.includes(app.status as ApplicationStatus),
  };
}
