import { type Compilable, CompiledQuery } from 'kysely';
import { type DialectName, dialectOf, type Executor } from './index.js';

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
 */
export function compiledRead<P extends readonly (string | number)[], R>(
  build: (db: Executor, ...params: P) => Compilable<R>,
  placeholders: P,
): (db: Executor, ...params: P) => Promise<R[]> {
  const plans = new Map<DialectName, { sql: string; slots: ({ param: number } | { value: unknown })[] }>();
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
    const made = { sql: compiled.sql, slots };
    plans.set(dialect, made);
    return made;
  };
  return async (db, ...params) => {
    const { sql, slots } = plan(db);
    const values = slots.map((s) => ('param' in s ? params[s.param] : s.value));
    const result = await db.executeQuery<R>(CompiledQuery.raw(sql, values));
    return result.rows;
  };
}
