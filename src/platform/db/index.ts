import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type Dialect,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import {
  type ContentVersion,
  postgresContentVersion,
  sqliteContentVersion,
  transactionCommitted,
} from './content-version.js';
import type { Database } from './schema.js';

export { type ContentVersion, markContentChanged } from './content-version.js';

export type Db = Kysely<Database>;

/** The pool behind each PostgreSQL handle, for named prepared statements (compiled.ts). */
const pgPools = new WeakMap<object, pg.Pool>();
export function postgresPoolOf(db: Executor): pg.Pool | undefined {
  return db.isTransaction ? undefined : pgPools.get(db);
}
export type Trx = Transaction<Database>;
/** Either the root handle or an open transaction: repositories accept both. */
export type Executor = Db | Trx;
export type DialectName = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  dialect: DialectName;
  destroy(): Promise<void>;
  /** A watcher of public-content changes for the page cache (see content-version.ts). */
  contentVersion(onError?: (message: string) => void): ContentVersion;
}

// PostgreSQL bigint (count(*), sum) arrives as a string by default; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** Open the database named by a DATABASE_URL: postgres://… or sqlite:/path/file.db (or a bare path). */
export function openDatabase(databaseUrl: string, options: { poolSize?: number } = {}): DbHandle {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
    // An idle client killed by the server (restart, failover) must not crash the process: the pool
    // drops it and the next query opens a fresh connection.
    pool.on('error', (err) => {
      process.emitWarning(`PostgreSQL idle connection closed: ${err.message}`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pgPools.set(db, pool);
    return {
      db,
      dialect: 'postgres',
      destroy: () => db.destroy(),
      contentVersion: (onError) => postgresContentVersion(databaseUrl, onError),
    };
  }
  const file = databaseUrl.replace(/^(sqlite:|file:)/, '');
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const dialect: Dialect = new SqliteDialect({ database: withStatementCache(sqlite) });
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    dialect: 'sqlite',
    destroy: () => db.destroy(),
    contentVersion: () => sqliteContentVersion(sqlite),
  };
}

/**
 * Kysely's SQLite driver prepares every query anew; on a page that runs a handful of joins,
 * preparing costs more than running them (measured: a third of a document page's time). Keep the
 * prepared statements by SQL text, least recently used out first. A statement still iterating (a
 * streamed query) is never handed out twice: a fresh one is prepared instead.
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): SQLite.Statement {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = sqlite.prepare(text);
      if (!hit) {
        cache.set(text, stmt);
        if (cache.size > max) cache.delete(cache.keys().next().value as string);
      }
      return stmt;
    },
  };
}

/**
 * Run `fn` in one transaction: everything it writes lands together or not at all.
 * Nested calls reuse the outer transaction.
 */
export async function inTransaction<T>(db: Executor, fn: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Trx);
  let used: Trx | null = null;
  const result = await (db as Db).transaction().execute((trx) => {
    used = trx;
    return fn(trx);
  });
  if (used) transactionCommitted(used);
  return result;
}

/**
 * Run `fn` in a savepoint of the caller's transaction: when it throws, what it wrote is rolled back,
 * the transaction goes on, and the error is rethrown (a batch of independent items, each whole or not
 * at all). Savepoints do not nest here: one name.
 */
export async function inSavepoint<T>(trx: Trx, fn: () => Promise<T>): Promise<T> {
  await sql`SAVEPOINT gk_item`.execute(trx);
  try {
    const result = await fn();
    await sql`RELEASE SAVEPOINT gk_item`.execute(trx);
    return result;
  } catch (e) {
    await sql`ROLLBACK TO SAVEPOINT gk_item`.execute(trx);
    await sql`RELEASE SAVEPOINT gk_item`.execute(trx);
    throw e;
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function dialectOf(db: Executor): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Case-insensitive `lower(column) LIKE lower(pattern) ESCAPE '\'` with the user's text escaped, so
 * both dialects match alike (SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
 */
export function like(column: string, text: string, mode: 'contains' | 'prefix' = 'contains') {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const pattern = mode === 'contains' ? `%${escaped}%` : `${escaped}%`;
  return sql<boolean>`lower(${sql.ref(column)}) LIKE lower(${pattern}) ESCAPE '\\'`;
}

/**
 * Keep SQLite's query planner statistics in step with the data. Without them it picks an index by
 * rule of thumb: newest-first catalogue pages used the status index and sorted every public document
 * (measured: 600 ms a page at 200,000 documents; 0.3 ms with statistics, via documents(published_at,
 * id)). A database without statistics for its documents gets a full ANALYZE (about 0.1 s at 200,000
 * documents); otherwise `PRAGMA optimize` analyses again only tables that grew or shrank a lot (4 ms
 * for 20,000 new documents) and costs next to nothing when nothing did. Run at start-up, after
 * imports and hourly (site module's `optimize-database` job). PostgreSQL: autovacuum does this.
 */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  const known = await sql`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`.execute(db);
  const analysed =
    known.rows.length > 0 &&
    (await sql`SELECT 1 FROM sqlite_stat1 WHERE tbl = 'documents' LIMIT 1`.execute(db)).rows.length > 0;
  await (analysed ? sql`PRAGMA optimize` : sql`ANALYZE`).execute(db);
}

/** A round trip to the database (readiness probe). */
export async function ping(db: Executor): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
