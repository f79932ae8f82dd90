import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { dialects } from '../../test/support/db.js';
import { actorFor } from '../../test/support/factories.js';
import { registerReceivedApplication, residentIdCheckChar } from '../modules/applications/index.js';
import { cipherOf } from '../platform/crypto.js';
import { queueMail } from '../platform/mail/outbox.js';
import { rekeyAll } from './rekey.js';

const OLD = '00112233445566778899aabbccddeeff';
const NEW = 'ffeeddccbbaa99887766554433221100';
const body = '11010519800101003';

describe.each(dialects)('gongkai rekey on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  it('re-seals every personal value with the new key, keeps applicants grouped, and is idempotent', async () => {
    const db = t.deps.db;
    expect(t.config.dataKey).toBe(OLD);
    const intake = await actorFor(db, 'intake', ['applications.intake']);
    const input = {
      applicantType: 'person',
      name: '钱九',
      idType: 'resident_id' as const,
      idNumber: body + residentIdCheckChar(body),
      phone: '13700000000',
      email: 'qian@example.com',
      subject: '某规划许可',
      formWanted: 'email' as const,
      delivery: 'email' as const,
    };
    const pdf = Buffer.from('%PDF-1.4\n% 身份证明复印件\n%%EOF\n');
    const { id } = await registerReceivedApplication(
      { db, config: t.config },
      intake,
      { ...input, channel: 'in_person', receivedOn: '2026-11-02' },
      [{ data: pdf, filename: '身份证.pdf' }],
    );
    await queueMail(db, t.config, { dedupeKey: 'rekey:1', to: 'x@example.com', subject: 's', body: 'b' });
    const before = await db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

    const rotated = { dataKey: NEW, oldDataKeys: [OLD] };
    const n = await rekeyAll(db, rotated);
    expect(n.applications).toBeGreaterThanOrEqual(1);
    expect(n.outbox).toBeGreaterThanOrEqual(1);
    expect(n.files).toBeGreaterThanOrEqual(1);
    expect(n.users).toBeGreaterThanOrEqual(0);
    const after = await db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after.personal_sealed).not.toBe(before.personal_sealed);
    expect(after.applicant_key).not.toBe(before.applicant_key);
    // The new key alone opens everything now; the old one alone no longer does.
    const fresh = cipherOf({ dataKey: NEW });
    expect(JSON.parse(fresh.decrypt(after.personal_sealed)).name).toBe('钱九');
    expect(() => cipherOf({ dataKey: OLD }).decrypt(after.personal_sealed)).toThrow();
    for (const u of await db
      .selectFrom('users')
      .select('phone_enc')
      .where('phone_enc', 'is not', null)
      .execute())
      expect(fresh.needsRekey(u.phone_enc!)).toBe(false);
    const file = await db
      .selectFrom('application_files as af')
      .innerJoin('files as f', 'f.id', 'af.file_id')
      .select('f.data')
      .where('af.application_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(fresh.decryptBytes(file.data).equals(pdf)).toBe(true);
    expect(await rekeyAll(db, rotated)).toEqual({ users: 0, applications: 0, outbox: 0, files: 0 });
  });
});
