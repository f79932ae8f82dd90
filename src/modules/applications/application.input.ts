import { fieldError } from '../../platform/errors.js';
import type * as repo from './application.repository.js';
import { isDeliveryMethod } from './intake.rules.js';

/** What an action carries besides its reason; each action reads only its own fields. */
export interface ActionInput {
  reason?: string | null;
  /** receive_supplement: the day the supplemented application arrived; end_consultation: answer day. */
  on?: string | null;
  /** request_supplement: what to supplement; start_consultation: who is consulted. */
  text?: string | null;
  /** request_supplement: the applicant's deadline. */
  dueOn?: string | null;
  /** assign: division or branch, and its internal deadline. */
  orgId?: number | null;
  assigneeId?: number | null;
  internalDueOn?: string | null;
  /** submit_draft / reply: the reply type (reply.rules.ts). */
  replyType?: string | null;
  /** issue_fee_notice: 109号 method, the pieces this application counts for (按件) or its pages (按量). */
  method?: string | null;
  pieces?: number | null;
  pages?: number | null;
  /** start_consultation: a third party (条例第三十二条) or another agency (第三十四条: silence is consent). */
  partyKind?: 'third_party' | 'agency' | null;
  /** reply / record_delivery (送达): how, when it reached the applicant, and the proof. */
  deliveryMethod?: string | null;
  deliveredOn?: string | null;
  proof?: string | null;
}

export const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** A day given in an action: required, ISO, not in the future. */
export function dayField(
  field: string,
  label: string,
  value: string | null | undefined,
  today: string,
): string {
  if (!value || !isoDay.test(value)) throw fieldError(field, `${label}：必填，格式为 YYYY-MM-DD`);
  if (value > today) throw fieldError(field, `${label}：不能晚于今天（${today}）`);
  return value;
}

/** What applying an action's rules gives: the columns to set and the event's data. */
export type Applied = { set: Parameters<typeof repo.updateApplication>[2]; data: Record<string, unknown> };

/**
 * The delivery record (送达) of a reply: the method (intake.rules DELIVERY_METHODS), the day the reply
 * reached the applicant (not before the reply date, not in the future) and the proof (挂号信/EMS 单号,
 * the e-mail sent, the signed receipt). At reply time every part is optional (the day may come
 * later); `record_delivery` requires the day and the method.
 */
export function deliveryRecord(
  input: ActionInput,
  repliedOn: string,
  today: string,
  required: boolean,
): { delivery_method?: string; delivered_on?: string; delivery_proof?: string | null } {
  const method = input.deliveryMethod?.trim() || '';
  const on = input.deliveredOn?.trim() || '';
  const proof = input.proof?.trim() || null;
  if (!required && !method && !on && !proof) return {};
  if (!method) throw fieldError('deliveryMethod', '送达方式：必填');
  if (!isDeliveryMethod(method)) throw fieldError('deliveryMethod', '送达方式：无效，请从列表中选择');
  if (proof && proof.length > 500) throw fieldError('proof', '送达凭证：不能超过 500 个字符');
  if (method === 'post' && required && !proof)
    throw fieldError('proof', '送达凭证：邮寄送达的，请填写挂号信或 EMS 单号');
  const out: { delivery_method: string; delivered_on?: string; delivery_proof: string | null } = {
    delivery_method: method,
    delivery_proof: proof,
  };
  if (on || required) {
    const day = dayField('deliveredOn', '送达日期', on, today);
    if (day < repliedOn) throw fieldError('deliveredOn', `送达日期：不能早于答复日期（${repliedOn}）`);
    out.delivered_on = day;
  }
  return out;
}
