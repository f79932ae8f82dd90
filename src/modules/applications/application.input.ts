import { fieldError } from '../../platform/errors.js';
import type * as repo from './application.repository.js';

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
