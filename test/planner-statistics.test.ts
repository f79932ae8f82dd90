import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/bootstrap.js';
import type { DbHandle } from '../src/platform/db/index.js';
import { testConfig } from './support/app.js';
import { freshDatabaseUrl } from './support/db.js';

/**
 * SQLite plans newest-first catalogue pages well only with statistics: prepareDatabase (start-up)
 * runs ANALYZE, so the page walks documents(published_at, id) instead of sorting every document.
 */
describe('planner statistics on sqlite', () => {
  let handle: DbHandle;
  let drop: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    const fresh = await freshDatabaseUrl('sqlite');
    drop = fresh.drop;
    url = fresh.url;
    const config = testConfig(url, { SEED_DEMO: 'false' });
    handle = (await prepareDatabase(config, { seed: false })).handle;
    const db = handle.db;
    await sql`INSERT INTO orgs (kind, name, created_at, updated_at)
              VALUES ('bureau', '测试局', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')`.execute(
      db,
    );
    const org = await db.selectFrom('orgs').select('id').executeTakeFirstOrThrow();
    const column = await db.selectFrom('doc_columns').select('id').executeTakeFirstOrThrow();
    // 20,000 published documents over ten years, inserted in one statement.
    await sql`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
      INSERT INTO documents (column_id, status, title, publisher_org_id, formed_on, body, published_at,
                             created_at, updated_at)
      SELECT ${column.id}, 'published', '文件 ' || i, ${org.id}, '2020-01-01', '正文',
             strftime('%Y-%m-%dT%H:%M:%fZ', '2016-01-01', '+' || (i * 4) || ' hours'),
             '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'
      FROM n`.execute(db);
    await handle.destroy();
  }, 120_000);
  afterAll(async () => {
    await handle?.destroy().catch(() => {});
    await drop?.();
  });

  const plan = async (h: DbHandle) =>
    (
      await sql<{ detail: string }>`EXPLAIN QUERY PLAN
        SELECT id FROM documents
        WHERE status IN ('published', 'withdrawn') AND published_at IS NOT NULL
        ORDER BY published_at DESC, id DESC LIMIT 20`.execute(h.db)
    ).rows.map((r) => r.detail);

  it('walks the (published_at, id) index after start-up, where it sorted before', async () => {
    const { openDatabase } = await import('../src/platform/db/index.js');
    // The rows arrived after the last ANALYZE: without fresh statistics the planner sorts.
    const before = openDatabase(url);
    expect((await plan(before)).join(' | ')).toContain('TEMP B-TREE');
    await before.destroy();
    handle = (await prepareDatabase(testConfig(url, { SEED_DEMO: 'false' }), { seed: false })).handle;
    const after = (await plan(handle)).join(' | ');
    expect(after).toContain('documents_published');
    expect(after).not.toContain('TEMP B-TREE');
  });

  it('catches up with large growth on the hourly optimize, without a restart', async () => {
    const { refreshPlannerStatistics } = await import('../src/platform/db/index.js');
    const org = await handle.db.selectFrom('orgs').select('id').executeTakeFirstOrThrow();
    const column = await handle.db.selectFrom('doc_columns').select('id').executeTakeFirstOrThrow();
    const stat = async () =>
      (
        await sql<{ stat: string }>`SELECT stat FROM sqlite_stat1 WHERE idx = 'documents_published'`.execute(
          handle.db,
        )
      ).rows[0]?.stat;
    // Statistics as start-up left them (20,000 documents), then ten times as many arrive.
    expect(await stat()).toMatch(/^20000 /);
    await sql`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
      INSERT INTO documents (column_id, status, title, publisher_org_id, formed_on, body, published_at,
                             created_at, updated_at)
      SELECT ${column.id}, 'published', '新增 ' || i, ${org.id}, '2020-01-01', '正文',
             strftime('%Y-%m-%dT%H:%M:%fZ', '2010-01-01', '+' || i || ' minutes'),
             '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'
      FROM n`.execute(handle.db);
    await plan(handle);
    await refreshPlannerStatistics(handle.db);
    expect(await stat()).toMatch(/^220000 /);
  }, 60_000);
});
