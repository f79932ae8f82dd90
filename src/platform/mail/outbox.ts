import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import { cipherOf, type DataKeys } from '../crypto.js';
import { type Executor, nowIso } from '../db/index.js';
import * as repo from './outbox.repository.js';

/**
 * Outgoing e-mail through an outbox: `queueMail` writes the message in the caller's transaction (so a
 * notice exists exactly when the change it reports does), `sendPending` delivers what is pending by
 * SMTP (nodemailer) and records the result. Without SMTP_URL nothing is sent and staff see the
 * messages waiting, with the reason, on the console's outbox page.
 */
export const MAX_MAIL_ATTEMPTS = 5;

export interface MailInput {
  /** Makes a notice idempotent: a second message with the same key is ignored. */
  dedupeKey: string;
  to: string;
  subject: string;
  body: string;
  related?: { type: string; id: number };
}

export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** Returns false when a message with this key was already queued. */
export async function queueMail(db: Executor, keys: DataKeys, m: MailInput): Promise<boolean> {
  return repo.insertIgnoringDuplicate(db, {
    dedupe_key: m.dedupeKey,
    to_sealed: cipherOf(keys).encrypt(m.to),
    to_masked: maskAddress(m.to),
    subject: m.subject,
    body: m.body,
    status: 'pending',
    last_error: null,
    related_type: m.related?.type ?? null,
    related_id: m.related?.id ?? null,
    created_at: nowIso(),
    sent_at: null,
  });
}

export async function listOutbox(db: Executor, filter: { status?: string; limit?: number } = {}) {
  return repo.list(db, filter);
}

export async function outboxFor(db: Executor, relatedType: string, relatedId: number) {
  return repo.listRelated(db, relatedType, relatedId);
}

type MailConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataKey' | 'oldDataKeys'>;

/**
 * Sends up to `limit` pending messages. A failure is recorded and retried by the next run until
 * MAX_MAIL_ATTEMPTS, then the message is marked failed (still listed, with the error).
 */
export async function sendPending(
  db: Executor,
  config: MailConfig,
  limit = 50,
): Promise<{ sent: number; failed: number }> {
  const waiting = await repo.pending(db, limit);
  if (!waiting.length) return { sent: 0, failed: 0 };
  if (!config.smtpUrl) {
    await repo.notePendingReason(db, '未配置 SMTP_URL，邮件未发送');
    return { sent: 0, failed: 0 };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  const cipher = cipherOf(config);
  let sent = 0;
  let failed = 0;
  try {
    for (const m of waiting) {
      const attempts = m.attempts + 1;
      try {
        await transport.sendMail({
          from: config.mailFrom,
          to: cipher.decrypt(m.to_sealed),
          subject: m.subject,
          text: m.body,
        });
        await repo.markSent(db, m.id, attempts, nowIso());
        sent++;
      } catch (e) {
        const status = attempts >= MAX_MAIL_ATTEMPTS ? 'failed' : 'pending';
        await repo.markFailure(db, m.id, attempts, status, String((e as Error).message ?? e).slice(0, 1000));
        failed++;
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}
