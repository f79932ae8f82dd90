import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/support/db.js';
import { compiledRead } from './compiled.js';
import { inTransaction } from './index.js';

/** compiledRead: the same rows as the query built each time, for any values, on both dialects. */
describe.each(dialects)('compiledRead on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const at = new Date().toISOString();
    for (const [i, code] of ['a', 'b', 'c', 'd'].entries())
      await t.db
        .insertInto('settings')
        .values({ key: `k.${code}`, value: `v${i}`, updated_at: at })
        .execute();
  });
  afterAll(async () => t?.dispose());

  const direct = (db: typeof t.db, pattern: string, limit: number) =>
    db
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('key', 'like', pattern)
      .where('value', '!=', 'v2')
      .orderBy('key')
      .limit(limit);
  const read = compiledRead(direct, ['\u0000p', -1] as const);

  it('binds each call its own values and keeps constants', async () => {
    for (const [pattern, limit] of [
      ['k.%', 10],
      ['k.%', 1],
      ['k.b%', 10],
      ['x%', 10],
    ] as const) {
      expect(await read(t.db, pattern, limit)).toEqual(await direct(t.db, pattern, limit).execute());
    }
    expect((await read(t.db, 'k.%', 10)).map((r) => r.key)).toEqual(['k.a', 'k.b', 'k.d']);
  });

  it('runs inside a transaction too', async () => {
    const rows = await inTransaction(t.db, (trx) => read(trx, 'k.a%', 5));
    expect(rows).toEqual([{ key: 'k.a', value: 'v0' }]);
  });

  it('refuses a placeholder the query does not use exactly once (or transforms)', async () => {
    const transformed = compiledRead(
      (db, prefix: string) => db.selectFrom('settings').select('key').where('key', 'like', `${prefix}%`),
      ['\u0000r'] as const,
    );
    await expect(transformed(t.db, 'k.')).rejects.toThrow(/used 0 times/);
    const unused = compiledRead((db, _x: number) => db.selectFrom('settings').select('key'), [-5] as const);
    await expect(unused(t.db, 1)).rejects.toThrow(/placeholder -5 used 0 times/);
    const twice = compiledRead(
      (db, x: string) => db.selectFrom('settings').select('key').where('key', '=', x).where('value', '=', x),
      ['\u0000q'] as const,
    );
    await expect(twice(t.db, 'a')).rejects.toThrow(/used 2 times/);
  });

  it.runIf(dialect === 'postgres')(
    "keeps answering when a migration changes a prepared statement's table",
    async () => {
      const all = compiledRead(
        (db, key: string) => db.selectFrom('settings').selectAll().where('key', '=', key),
        ['\u0000s'] as const,
      );
      // Prepare it (named) on every pooled connection, then change the table under it.
      await Promise.all(Array.from({ length: 8 }, () => all(t.db, 'k.a')));
      await t.db.schema.alterTable('settings').addColumn('note', 'text').execute();
      const rows = await Promise.all(Array.from({ length: 8 }, () => all(t.db, 'k.a')));
      for (const r of rows)
        expect(r).toEqual([expect.objectContaining({ key: 'k.a', value: 'v0', note: null })]);
      await t.db.schema.alterTable('settings').dropColumn('note').execute();
    },
  );
});
