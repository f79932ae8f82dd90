import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, freshDatabaseUrl } from '../../../test/support/db.js';
import { openDatabase } from './index.js';
import { migrations } from './migrations/index.js';
import { migrateToLatest, pendingMigrations } from './migrator.js';

describe.each(dialects)('migrations on %s', (dialect) => {
  it('apply every migration to an empty database and leave none pending', async () => {
    const fresh = await freshDatabaseUrl(dialect);
    const h = openDatabase(fresh.url);
    try {
      expect(await pendingMigrations(h.db)).toEqual(Object.keys(migrations));
      const applied = await migrateToLatest(h.db);
      expect(applied).toEqual(Object.keys(migrations));
      expect(await pendingMigrations(h.db)).toEqual([]);
      // a second run is a no-op
      expect(await migrateToLatest(h.db)).toEqual([]);
    } finally {
      await h.destroy();
      await fresh.drop();
    }
  });

  it('enforces foreign keys', async () => {
    const t = await createTestDatabase(dialect);
    try {
      const now = new Date().toISOString();
      await expect(
        t.db
          .insertInto('orgs')
          .values({
            parent_id: 9999,
            kind: 'division',
            name: 'x',
            sort_order: 0,
            is_sample: 0,
            created_at: now,
            updated_at: now,
          })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await t.dispose();
    }
  });

  it('makes the audit log append-only', async () => {
    const t = await createTestDatabase(dialect);
    try {
      const now = new Date().toISOString();
      await t.db
        .insertInto('audit_log')
        .values({
          seq: 1,
          at: now,
          actor_id: null,
          actor_name: 's',
          actor_role: 's',
          ip: '-',
          action: 'a',
          target_type: 't',
          target_id: '1',
          before_digest: null,
          after_digest: null,
          detail: null,
          prev_hash: '0',
          hash: 'h',
        })
        .execute();
      await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    } finally {
      await t.dispose();
    }
  });
});
