import type SQLite from 'better-sqlite3';
import pg from 'pg';

/**
 * "Has public content changed?" for the page cache, answered without a database round trip per
 * request and correctly across several processes on one database.
 *
 * Every change of state is audited in the transaction that makes it (ADR 0008), so the audit chain's
 * head moves whenever anything a public page shows may have changed:
 * - SQLite: the head's sequence number is read with one prepared statement per request (about a
 *   microsecond; other processes' commits are visible at once).
 * - PostgreSQL: each audit append runs `pg_notify('gongkai_content', seq)` inside its transaction, so
 *   every listening process hears of it when it commits; a dedicated LISTEN connection bumps a
 *   counter. While that connection is down the version is unknown and nothing is served from cache.
 * In both, this process's own appends bump a local counter at once (before the commit), so a request
 * that follows a change made here never sees the old page.
 */
export interface ContentVersion {
  /** A token that changes whenever public content may have changed; null when unknown (bypass). */
  current(): string | null;
  close(): Promise<void>;
}

export const CONTENT_CHANNEL = 'gongkai_content';

let localEpoch = 0;
const changedIn = new WeakSet<object>();

/**
 * Called by the audit trail on every append in this process, with the transaction it appends in:
 * the version moves now, and once more when that transaction commits (`inTransaction` calls
 * `transactionCommitted`), so a page rendered from the old state in between is not kept.
 */
export function markContentChanged(trx?: object): void {
  localEpoch++;
  if (trx) changedIn.add(trx);
}

export function transactionCommitted(trx: object): void {
  if (changedIn.has(trx)) localEpoch++;
}

/** How long a read of the SQLite audit head is reused (a page asks several times while it renders). */
const SQLITE_HEAD_REUSE_MS = 2;

export function sqliteContentVersion(sqlite: SQLite.Database): ContentVersion {
  let stmt: SQLite.Statement | null = null;
  let head: { seq: string; at: number } | null = null;
  return {
    current() {
      // Inside a transaction the head may hold an uncommitted value that could still roll back.
      if (sqlite.inTransaction || !sqlite.open) return null;
      // Reading the head starts a read transaction (about 20 µs in WAL mode); within a couple of
      // milliseconds another process's commit may go unseen, this process's own never (localEpoch).
      const now = performance.now();
      if (head && now - head.at < SQLITE_HEAD_REUSE_MS) return `${head.seq}:${localEpoch}`;
      try {
        stmt ??= sqlite.prepare('SELECT seq FROM audit_head WHERE id = 1').pluck();
        head = { seq: String(stmt.get()), at: now };
        return `${head.seq}:${localEpoch}`;
      } catch {
        return null; // schema not there yet (before migrations)
      }
    },
    async close() {},
  };
}

export function postgresContentVersion(
  connectionString: string,
  onError: (message: string) => void = () => {},
): ContentVersion {
  let remote = 0;
  let connected = false;
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let delay = 500;

  const connect = async () => {
    retry = null;
    const c = new pg.Client({ connectionString });
    client = c;
    const lost = (why: string) => {
      if (client !== c) return;
      connected = false;
      client = null;
      c.removeAllListeners('notification');
      c.end().catch(() => {});
      if (closed) return;
      onError(`页面缓存监听连接中断（${why}），缓存暂停，${delay} 毫秒后重连`);
      retry = setTimeout(connect, delay);
      retry.unref();
      delay = Math.min(delay * 2, 30_000);
    };
    c.on('error', (err) => lost(err.message));
    c.on('end', () => lost('连接关闭'));
    c.on('notification', () => {
      remote++;
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CONTENT_CHANNEL}`);
      if (closed) {
        await c.end();
        return;
      }
      // Whatever changed while we were not listening is unknown: start a new version.
      remote++;
      connected = true;
      delay = 500;
    } catch (err) {
      lost((err as Error).message);
    }
  };
  void connect();

  return {
    current() {
      return connected ? `${remote}:${localEpoch}` : null;
    },
    async close() {
      closed = true;
      connected = false;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      if (c) await c.end().catch(() => {});
    },
  };
}

/*
 * Reads memoised by content version. Public pages that are not served from the page cache (first
 * views, the uncached benchmark, signed-in staff browsing the portal) still share what every page
 * needs — the column tree, facet counts — between requests until any audited change, anywhere.
 */
const registered = new WeakMap<object, ContentVersion>();

/** Let `versionedRead` memoise reads on this database handle (app.ts, once per app). */
export function registerContentVersion(db: object, version: ContentVersion): void {
  registered.set(db, version);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (value instanceof Map) for (const v of value.values()) deepFreeze(v);
    else for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Wrap a read whose result depends only on the database's content: its results are kept per
 * database and argument key while the content version stays the same. Inside a transaction, on a
 * handle without a registered version, or while the version is unknown, it reads through. Results
 * are frozen (callers share them; a caller that tried to change one would throw, not corrupt it).
 */
export function versionedRead<D extends { isTransaction: boolean }, A extends unknown[], T>(
  read: (db: D, ...args: A) => Promise<T>,
  options: { key?: (...args: A) => string; maxKeys?: number } = {},
): (db: D, ...args: A) => Promise<T> {
  const maxKeys = options.maxKeys ?? 200;
  const caches = new WeakMap<object, { version: string; entries: Map<string, Promise<T>> }>();
  return (db, ...args) => {
    if (db.isTransaction) return read(db, ...args);
    const version = registered.get(db)?.current();
    if (version === null || version === undefined) return read(db, ...args);
    let cache = caches.get(db);
    if (!cache || cache.version !== version) {
      cache = { version, entries: new Map() };
      caches.set(db, cache);
    }
    const key = options.key ? options.key(...args) : '';
    const hit = cache.entries.get(key);
    if (hit) return hit;
    const entries = cache.entries;
    const value = read(db, ...args).then(deepFreeze);
    entries.set(key, value);
    if (entries.size > maxKeys) entries.delete(entries.keys().next().value as string);
    value.catch(() => {
      if (entries.get(key) === value) entries.delete(key);
    });
    return value;
  };
}
