import { sql } from 'kysely';
import type { DialectName, Executor } from '../db/index.js';
import {
  COUNT_CAP,
  type FacetRow,
  filterSql,
  type SearchBackend,
  type SearchFilter,
} from './backend.common.js';
import { postgresBackend } from './backend.postgres.js';
import { sqliteBackend } from './backend.sqlite.js';

/**
 * The two search engines behind one interface (ADR 0012). Everything dialect-specific about search
 * is in backend.sqlite.ts (FTS5, contentless and deletable; bm25) and backend.postgres.ts (tsvector
 * with a GIN index; ts_rank); both index the same pre-analysed tokens in three weighted fields and
 * use the same phrase semantics, filters and ranking factors (backend.common.ts), so a query returns
 * the same documents on both. Browsing and exact keys are plain SQL, the same on both.
 */

export {
  COUNT_CAP,
  type EntryFilters,
  type FacetRow,
  INVALID_FACTOR,
  type IndexedTokens,
  RANK_POOL,
  type Ranked,
  type RankOptions,
  RECENCY_BONUS,
  RECENCY_DAYS,
  type SearchBackend,
  type SearchFilter,
  TITLE_PHRASE_FACTOR,
  WEIGHTS,
} from './backend.common.js';
export { pgMatchStrategy, tsQuery, tsvectorLiteral } from './backend.postgres.js';
export { fts5Query } from './backend.sqlite.js';

export function backendFor(dialect: DialectName): SearchBackend {
  return dialect === 'postgres' ? postgresBackend : sqliteBackend;
}

/** Browsing without a query (newest first) and its facets: the same on both databases. */
export async function browse(
  db: Executor,
  filter: SearchFilter,
  offset: number,
  limit: number,
): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    SELECT e.id FROM search_entries e WHERE ${filterSql(filter)}
    ORDER BY e.published_at DESC, e.id DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** The exact number of entries in the filter, and facets of the newest COUNT_CAP of them. */
export async function browseFacets(
  db: Executor,
  filter: SearchFilter,
): Promise<{ facets: FacetRow[]; total: number }> {
  const [counted, rows] = await Promise.all([
    sql<{ n: number }>`SELECT count(*) AS n FROM search_entries e WHERE ${filterSql(filter)}`.execute(db),
    sql<FacetRow>`
      SELECT column_id, org_id, year, validity, genre, count(*) AS n FROM (
        SELECT e.column_id, e.org_id, e.year, e.validity, e.genre FROM search_entries e WHERE ${filterSql(filter)}
        ORDER BY e.published_at DESC, e.id DESC LIMIT ${COUNT_CAP}) m
      GROUP BY column_id, org_id, year, validity, genre`.execute(db),
  ]);
  return { facets: rows.rows, total: Number(counted.rows[0]?.n ?? 0) };
}

/** Entries having any of these exact keys, within the filter, newest first. */
export async function lookupKeys(
  db: Executor,
  keys: string[],
  filter: SearchFilter,
  limit = 20,
): Promise<number[]> {
  if (keys.length === 0) return [];
  const rows = await sql<{ id: number }>`
    SELECT DISTINCT e.id, e.published_at FROM search_keys k JOIN search_entries e ON e.id = k.entry_id
    WHERE k.key IN (${sql.join(keys)}) AND ${filterSql(filter)}
    ORDER BY e.published_at DESC, e.id DESC LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** These entries newest first. */
export async function newestFirst(db: Executor, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await sql<{ id: number }>`
    SELECT e.id FROM search_entries e WHERE e.id IN (${sql.join(ids)})
    ORDER BY e.published_at DESC, e.id DESC`.execute(db);
  return rows.rows.map((r) => r.id);
}
