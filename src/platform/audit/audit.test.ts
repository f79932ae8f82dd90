import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowAuditTampering } from '../../../test/support/audit.js';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/support/db.js';
import { SYSTEM } from '../actor.js';
import { canonicalJson, recordAudit, verifyAuditChain } from './audit.js';

describe.each(dialects)('audit trail on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    for (let i = 1; i <= 5; i++) {
      await recordAudit(
        t.db,
        { ...SYSTEM, ip: '127.0.0.1' },
        {
          action: 'test.change',
          targetType: 'thing',
          targetId: i,
          before: { n: i - 1, password_hash: 'secret' },
          after: { n: i },
        },
      );
    }
  });
  afterEach(async () => t.dispose());

  const unlock = () => allowAuditTampering(t.db, dialect);

  it('chains records with SM3 and verifies an untouched chain', async () => {
    const rows = await t.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 5 });
  });

  it('never puts secrets into the detail or digest input', () => {
    expect(canonicalJson({ b: 1, a: { password_hash: 'x', c: 2 } })).toBe('{"a":{"c":2},"b":1}');
  });

  it('names the first altered record', async () => {
    await unlock();
    await sql`UPDATE audit_log SET target_id = '99' WHERE seq = 3`.execute(t.db);
    const r = await verifyAuditChain(t.db);
    expect(r.ok).toBe(false);
    expect(r.broken?.seq).toBe(3);
    expect(r.broken?.reason).toMatch(/篡改/);
  });

  it('detects a removed record in the middle', async () => {
    await unlock();
    await sql`DELETE FROM audit_log WHERE seq = 2`.execute(t.db);
    const r = await verifyAuditChain(t.db);
    expect(r).toMatchObject({ ok: false, broken: { seq: 2 } });
  });

  it('detects a removed record at the tail', async () => {
    await unlock();
    await sql`DELETE FROM audit_log WHERE seq = 5`.execute(t.db);
    const r = await verifyAuditChain(t.db);
    expect(r).toMatchObject({ ok: false, broken: { seq: 5 } });
  });

  it('detects a re-hashed record by the broken link that follows it', async () => {
    await unlock();
    await sql`UPDATE audit_log SET hash = ${'f'.repeat(64)} WHERE seq = 4`.execute(t.db);
    const r = await verifyAuditChain(t.db);
    expect(r.ok).toBe(false);
    expect(r.broken?.seq).toBe(4);
  });

  it('keeps appends linear when many run at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAudit(t.db, SYSTEM, { action: 'test.concurrent', targetType: 'thing', targetId: i }),
      ),
    );
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 25 });
  });
});
