import { createHash } from 'node:crypto';
import { type Compilable, CompiledQuery } from 'kysely';
import { type DialectName, dialectOf, type Executor, postgresPoolOf } from './index.js';

/**
 * A hot read whose SQL is built and compiled once per dialect; later calls only bind parameters.
 *
 * Kysely builds an operation tree and compiles it to SQL on every call: on a document page that is
 * about a fifth of the server's time (bench/portal, ADR 0011). For the few queries every public page
 * runs, `compiledRead` builds the query once with placeholder values, finds where each placeholder
 * landed among the compiled parameters, and from then on runs that SQL with the caller's values.
 * The SQL is still Kysely's, parameterised as before; only the building is skipped.
 *
 * Placeholders must be distinct values of the parameters' types that the query cannot produce by
 * itself (negative numbers for ids), and each parameter must reach the query as it is (a value the
 * builder transforms, such as `${prefix}%`, cannot be found again). A placeholder that is missing
 * from, or appears more than once in, the compiled parameters throws on first use.
 *
 * On PostgreSQL (outside a transaction) the SQL also runs as a named prepared statement, parsed and
 * planned once per connection instead of on every call. Should the server refuse one — after a
 * migration changed a table under it ("cached plan must not change result type"), or a pooler that
 * does not keep session state — that call and every later one go unnamed, as Kysely runs queries.
 */
export function compiledRead<P extends readonly (string | number)[], R>(
  build: (db: Executor, ...params: P) => Compilable<R>,
  placeholders: P,
): (db: Executor, ...params: P) => Promise<R[]> {
  const plans = new Map<
    DialectName,
    { sql: string; name: string; slots: ({ param: number } | { value: unknown })[] }
  >();
  let named = true;
  const plan = (db: Executor) => {
    const dialect = dialectOf(db);
    const known = plans.get(dialect);
    if (known) return known;
    const compiled = build(db, ...placeholders).compile();
    const slots = compiled.parameters.map((value) => {
      const i = placeholders.indexOf(value as P[number]);
      return i >= 0 ? { param: i } : { value };
    });
    for (const [i, p] of placeholders.entries()) {
      const uses = slots.filter((s) => 'param' in s && s.param === i).length;
      if (uses !== 1)
        throw new Error(`compiledRead: placeholder ${String(p)} used ${uses} times in ${compiled.sql}`);
    }
    const name = `gk_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 20)}`;
    const made = { sql: compiled.sql, name, slots };
    plans.set(dialect, made);
    return made;
  };
  return async (db, ...params) => {
    const { sql, name, slots } = plan(db);
    const values = slots.map((s) => ('param' in s ? params[s.param] : s.value));
    const pool = named ? postgresPoolOf(db) : undefined;
    if (pool) {
      try {
        return (await pool.query<R & object>({ name, text: sql, values })).rows;
      } catch (e) {
        const code = (e as { code?: string }).code;
        // 0A000: a plan's result type changed; 26000: no such prepared statement. Other errors are real.
        if (code !== '0A000' && code !== '26000') throw e;
        named = false;
      }
    }
    const result = await db.executeQuery<R>(CompiledQuery.raw(sql, values));
    return result.rows;
  };
}
