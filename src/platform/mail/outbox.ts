import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import { cipherOf, type DataKeys } from '../crypto.js';
import { type Executor, nowIso } from '../db/index.js';

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
  const r = await db
    .insertInto('outbox')
    .values({
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
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listOutbox(db: Executor, filter: { status?: string; limit?: number } = {}) {
  let q = db
    .selectFrom('outbox')
    .select([
      'id',
      'to_masked',
      'subject',
      'status',
      'attempts',
      'last_error',
      'related_type',
      'related_id',
      'created_at',
      'sent_at',
    ]);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200)
    .execute();
}

export async function outboxFor(db: Executor, relatedType: string, relatedId: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'to_masked', 'subject', 'status', 'last_error', 'created_at', 'sent_at'])
    .where('related_type', '=', relatedType)
    .where('related_id', '=', relatedId)
    .orderBy('id')
    .execute();
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
  const pending = await db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .orderBy('id')
    .limit(limit)
    .execute();
  if (!pending.length) return { sent: 0, failed: 0 };
  if (!config.smtpUrl) {
    await db
      .updateTable('outbox')
      .set({ last_error: '未配置 SMTP_URL，邮件未发送' })
      .where('status', '=', 'pending')
      .where('last_error', 'is', null)
      .execute();
    return { sent: 0, failed: 0 };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  const cipher = cipherOf(config);
  let sent = 0;
  let failed = 0;
  try {
    for (const m of pending) {
      try {
        await transport.sendMail({
          from: config.mailFrom,
          to: cipher.decrypt(m.to_sealed),
          subject: m.subject,
          text: m.body,
        });
        await db
          .updateTable('outbox')
          .set({ status: 'sent', sent_at: nowIso(), attempts: m.attempts + 1, last_error: null })
          .where('id', '=', m.id)
          .execute();
        sent++;
      } catch (e) {
        const attempts = m.attempts + 1;
        await db
          .updateTable('outbox')
          .set({
            attempts,
            status: attempts >= MAX_MAIL_ATTEMPTS ? 'failed' : 'pending',
            last_error: String((e as Error).message ?? e).slice(0, 1000),
          })
          .where('id', '=', m.id)
          .execute();
        failed++;
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}
