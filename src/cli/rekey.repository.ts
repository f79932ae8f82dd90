import type { Executor } from '../platform/db/index.js';

/** The SQL of `gongkai rekey`: every sealed value of the platform, and how to replace it. */
export async function sealedPhones(db: Executor) {
  return db.selectFrom('users').select(['id', 'phone_enc']).where('phone_enc', 'is not', null).execute();
}

export async function setSealedPhone(db: Executor, id: number, sealed: string): Promise<void> {
  await db.updateTable('users').set({ phone_enc: sealed }).where('id', '=', id).execute();
}

export async function sealedApplicants(db: Executor) {
  return db.selectFrom('applications').select(['id', 'personal_sealed', 'applicant_key']).execute();
}

export async function setSealedApplicant(
  db: Executor,
  id: number,
  sealed: string,
  applicantKey: string,
): Promise<void> {
  await db
    .updateTable('applications')
    .set({ personal_sealed: sealed, applicant_key: applicantKey })
    .where('id', '=', id)
    .execute();
}
