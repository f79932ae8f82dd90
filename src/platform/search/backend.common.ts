import { type RawBuilder, sql } from 'kysely';
import type { DialectName, Executor } from '../db/index.js';
import type { QueryPlan } from './analyse.js';

/**
 * What the two search engines share (ADR 0012): the interface, the ranking constants and the SQL of
 * filters and ranking factors. The engines: backend.sqlite.ts (FTS5) and backend.postgres.ts
 * (tsvector + GIN); backend.ts picks one.
 */

export interface IndexedTokens {
  entryId: number;
  title: string[];
  number: string[];
  body: string[];
  /** The entry's filter values (SQLite keeps them apart: search_filters). */
  filters: EntryFilters;
}

export interface EntryFilters {
  columnId: number | null;
  orgId: number | null;
  year: number;
  validity: string;
  genre: string | null;
}

export interface SearchFilter {
  kinds?: string[];
  /** Only these entries. */
  entryIds?: number[];
  columnIds?: number[];
  orgId?: number;
  year?: number;
  validity?: string;
  genre?: string;
}

export interface RankOptions {
  sort: 'relevance' | 'date';
  offset: number;
  limit: number;
  /** Today as days since 1970-01-01, for the recency factor. */
  today: number;
  /**
   * Many matches (counting reached COUNT_CAP): rank the pool by title matches and the factors only,
   * without the engine's relevance function, whose term statistics read every match (ADR 0012).
   */
  many?: boolean;
}

export interface Ranked {
  id: number;
  score: number;
}

export interface FacetRow {
  column_id: number | null;
  org_id: number | null;
  year: number;
  validity: string;
  genre: string | null;
  n: number;
}

export interface SearchBackend {
  /** Columns the engine keeps in the entry row itself (PostgreSQL's tsvector). */
  entryColumns(tokens: Omit<IndexedTokens, 'entryId' | 'filters'>): Record<string, unknown>;
  /** Index the tokens of new entries (SQLite's FTS5 table). */
  write(trx: Executor, rows: IndexedTokens[]): Promise<void>;
  remove(trx: Executor, entryIds: number[]): Promise<void>;
  /** Enter or leave bulk mode (a rebuild). */
  bulk(db: Executor, on: boolean): Promise<void>;
  /** Compact the index after a bulk load. */
  optimize(db: Executor): Promise<void>;
  rank(db: Executor, plan: QueryPlan, filter: SearchFilter, options: RankOptions): Promise<Ranked[]>;
  facets(db: Executor, plan: QueryPlan, filter: SearchFilter): Promise<FacetRow[]>;
  /** Which of these entries the plan matches (a few hundred at most: one index probe each). */
  matching(db: Executor, plan: QueryPlan, ids: number[]): Promise<number[]>;
}

/** Title, 文号/索引号 and body weights (bm25 column weights; the tsvector's A, B and D). */
export const WEIGHTS = { title: 10, number: 5, body: 1 };
/** Score factor of a document that is no longer valid (repealed, expired, revised): found, ranked lower. */
export const INVALID_FACTOR = 0.4;
/** Score factor when the title contains the whole query. */
export const TITLE_PHRASE_FACTOR = 2;
/** The newest documents get up to this much more score, fading linearly over RECENCY_DAYS. */
export const RECENCY_BONUS = 0.2;
export const RECENCY_DAYS = 3650;

export function filterSql(filter: SearchFilter, e = sql.raw('e')): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (filter.kinds?.length) parts.push(sql`${e}.kind IN (${sql.join(filter.kinds)})`);
  if (filter.entryIds) {
    parts.push(filter.entryIds.length ? sql`${e}.id IN (${sql.join(filter.entryIds)})` : sql`1 = 0`);
  }
  if (filter.columnIds) {
    parts.push(filter.columnIds.length ? sql`${e}.column_id IN (${sql.join(filter.columnIds)})` : sql`1 = 0`);
  }
  if (filter.orgId !== undefined) parts.push(sql`${e}.org_id = ${filter.orgId}`);
  if (filter.year !== undefined) parts.push(sql`${e}.year = ${filter.year}`);
  if (filter.validity !== undefined) parts.push(sql`${e}.validity = ${filter.validity}`);
  if (filter.genre !== undefined) parts.push(sql`${e}.genre = ${filter.genre}`);
  return sql.join(parts, sql` AND `);
}

export function factorsSql(plan: QueryPlan, options: RankOptions, dialect: DialectName): RawBuilder<unknown> {
  const contains =
    dialect === 'postgres'
      ? sql`strpos(e.title_fold, ${plan.folded}) > 0`
      : sql`instr(e.title_fold, ${plan.folded}) > 0`;
  const max = dialect === 'postgres' ? sql.raw('greatest') : sql.raw('max');
  const fresh = sql`${max}(0.0, 1.0 - (${options.today} - e.pub_day) / ${sql.raw(`${RECENCY_DAYS}.0`)})`;
  return sql`(CASE WHEN ${contains} THEN ${sql.lit(TITLE_PHRASE_FACTOR)} ELSE 1.0 END)
    * (CASE WHEN e.validity = 'valid' THEN 1.0 ELSE ${sql.lit(INVALID_FACTOR)} END)
    * (1.0 + ${sql.lit(RECENCY_BONUS)} * ${fresh})`;
}

/**
 * Bounded work per query (ADR 0012). Relevance is computed over a pool of the newest matches (by
 * index entry, which follows publication), at least RANK_POOL of them: below that many matches the
 * ranking is exact; a common word at a million documents (规划 is in most of them) is ranked among
 * its newest RANK_POOL matches instead of scoring every one. Counts and facets stop at COUNT_CAP
 * matches: the total is then a lower bound ("5000+") and the facets describe the newest COUNT_CAP.
 */
export const RANK_POOL = 2_000;
export const COUNT_CAP = 5_000;

/**
 * The cheap relevance of a large pool: 10 when the title contains any alternative of the query
 * (word, synonym or part), else 1 — the title weight of the full ranking, without term statistics.
 */
export function titleHitSql(plan: QueryPlan, dialect: DialectName): RawBuilder<unknown> {
  const texts = plan.highlights.filter(Boolean).slice(0, 24);
  if (!texts.length) return sql`1.0`;
  const hit = (t: string) =>
    dialect === 'postgres' ? sql`strpos(e.title_fold, ${t}) > 0` : sql`instr(e.title_fold, ${t}) > 0`;
  return sql`(CASE WHEN ${sql.join(texts.map(hit), sql` OR `)} THEN ${sql.lit(WEIGHTS.title)}.0 ELSE 1.0 END)`;
}

export function poolSize(options: RankOptions): number {
  return Math.max(RANK_POOL, options.offset + options.limit);
}
