import type { Executor } from '../../platform/db/index.js';

/** All SQL of applicant accounts and their sessions. */

export async function findAccountByKey(db: Executor, emailKey: string) {
  return db.selectFrom('applicant_accounts').selectAll().where('email_key', '=', emailKey).executeTakeFirst();
}

export async function findAccount(db: Executor, id: number) {
  return db.selectFrom('applicant_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAccount(
  db: Executor,
  a: {
    email_key: string;
    email_sealed: string;
    email_masked: string;
    password_hash: string;
    created_at: string;
  },
): Promise<number> {
  const r = await db.insertInto('applicant_accounts').values(a).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function touchLogin(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('applicant_accounts').set({ last_login_at: at }).where('id', '=', id).execute();
}

export async function insertSession(
  db: Executor,
  s: { id: string; account_id: number; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('applicant_sessions').values(s).execute();
}

export async function findSession(db: Executor, id: string, now: string) {
  return db
    .selectFrom('applicant_sessions')
    .select(['id', 'account_id'])
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('applicant_sessions').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<void> {
  await db.deleteFrom('applicant_sessions').where('expires_at', '<=', now).execute();
}

/** An account's applications, newest first (no personal data: what the list shows). */
export async function accountApplications(db: Executor, accountId: number) {
  return db
    .selectFrom('applications')
    .select([
      'id',
      'tracking_code',
      'subject',
      'status',
      'submitted_at',
      'received_on',
      'due_on',
      'replied_on',
    ])
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .execute();
}

/** Link an application to an account (only one not linked to another account). */
export async function linkApplication(
  db: Executor,
  applicationId: number,
  accountId: number,
): Promise<boolean> {
  const r = await db
    .updateTable('applications')
    .set({ account_id: accountId })
    .where('id', '=', applicationId)
    .where((eb) => eb.or([eb('account_id', 'is', null), eb('account_id', '=', accountId)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
