import type { Config } from '../config.js';
import { applicantKeyOf, resealApplicationFiles } from '../modules/applications/index.js';
import { cipherOf } from '../platform/crypto.js';
import { type Db, inTransaction } from '../platform/db/index.js';
import { sealedAddresses, setSealedAddress } from '../platform/mail/outbox.repository.js';
import * as repo from './rekey.repository.js';

/**
 * `gongkai rekey`: after DATA_KEY was replaced (the old key moved to DATA_KEYS_OLD), re-seal every
 * value sealed with an older key — staff phone numbers, applicants' personal data and attached files,
 * outbox addresses —
 * and recompute the applicant grouping keys (a keyed hash of the identity document under DATA_KEY).
 * Idempotent: a second run finds nothing to do. Each row is changed in a transaction of its batch.
 */
export async function rekeyAll(
  db: Db,
  config: Pick<Config, 'dataKey' | 'oldDataKeys'>,
): Promise<Record<string, number>> {
  const cipher = cipherOf(config);
  const counts: Record<string, number> = { users: 0, applications: 0, outbox: 0, files: 0 };

  const users = await repo.sealedPhones(db);
  await inTransaction(db, async (trx) => {
    for (const u of users.filter((x) => cipher.needsRekey(x.phone_enc!))) {
      await repo.setSealedPhone(trx, u.id, cipher.encrypt(cipher.decrypt(u.phone_enc!)));
      counts.users!++;
    }
  });

  const apps = await repo.sealedApplicants(db);
  for (let i = 0; i < apps.length; i += 500) {
    await inTransaction(db, async (trx) => {
      for (const a of apps.slice(i, i + 500)) {
        const plain = cipher.decrypt(a.personal_sealed);
        const { idType, idNumber } = JSON.parse(plain) as { idType: string; idNumber: string };
        const key = applicantKeyOf(config.dataKey, idType, idNumber);
        if (!cipher.needsRekey(a.personal_sealed) && key === a.applicant_key) continue;
        await repo.setSealedApplicant(trx, a.id, cipher.encrypt(plain), key);
        counts.applications!++;
      }
    });
  }

  const mails = await sealedAddresses(db);
  await inTransaction(db, async (trx) => {
    for (const m of mails.filter((x) => cipher.needsRekey(x.to_sealed))) {
      await setSealedAddress(trx, m.id, cipher.encrypt(cipher.decrypt(m.to_sealed)));
      counts.outbox!++;
    }
  });
  counts.files = await resealApplicationFiles(db, config);
  return counts;
}
