import { type RawBuilder, sql } from 'kysely';
import type { DialectName, Executor } from '../db/index.js';
import type { Phrase, QueryPlan, QueryWord } from './analyse.js';

/**
 * The two search engines behind one interface (ADR 0012). Everything dialect-specific about search
 * is here: SQLite's FTS5 (contentless, deletable; bm25) and PostgreSQL's tsvector with a GIN index
 * (ts_rank). Both index the same pre-analysed tokens in three weighted fields and use the same phrase
 * semantics, filters and ranking factors, so a query returns the same documents on both.
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

function filterSql(filter: SearchFilter, e = sql.raw('e')): RawBuilder<unknown> {
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

function factorsSql(plan: QueryPlan, options: RankOptions, dialect: DialectName): RawBuilder<unknown> {
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
function titleHitSql(plan: QueryPlan, dialect: DialectName): RawBuilder<unknown> {
  const texts = plan.highlights.filter(Boolean).slice(0, 24);
  if (!texts.length) return sql`1.0`;
  const hit = (t: string) =>
    dialect === 'postgres' ? sql`strpos(e.title_fold, ${t}) > 0` : sql`instr(e.title_fold, ${t}) > 0`;
  return sql`(CASE WHEN ${sql.join(texts.map(hit), sql` OR `)} THEN ${sql.lit(WEIGHTS.title)}.0 ELSE 1.0 END)`;
}

function poolSize(options: RankOptions): number {
  return Math.max(RANK_POOL, options.offset + options.limit);
}

// ---------------------------------------------------------------------------------------- SQLite
// No joins between the FTS5 table and the entries: an entry is read by a correlated subquery on its
// primary key, which SQLite always answers with a rowid lookup. A join left the order to the planner,
// and with statistics taken while the index was small it ran the full-text query once per entry or
// scanned an index of entries for every match (measured at 20,000 documents: 129 s and 7 s for one
// query, against 20–40 ms). A rebuild also refreshes the statistics (optimize below).

/**
 * The filter as a condition on the FTS5 row: its entry (by rowid) must pass, looked up in the narrow
 * search_filters table (kinds, held only by the entry row, are looked up there).
 */
function entryFilter(filter: SearchFilter): RawBuilder<unknown> {
  const { kinds, ...rest } = filter;
  const parts: RawBuilder<unknown>[] = [];
  if (Object.values(rest).some((v) => v !== undefined))
    parts.push(
      sql`EXISTS (SELECT 1 FROM search_filters f WHERE f.id = search_fts.rowid AND ${filterSql(rest, sql.raw('f'))})`,
    );
  if (kinds?.length)
    parts.push(
      sql`EXISTS (SELECT 1 FROM search_entries e WHERE e.id = search_fts.rowid AND ${filterSql({ kinds })})`,
    );
  return parts.length ? sql.join(parts, sql` AND `) : sql`1 = 1`;
}

const fts5Quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

function fts5Phrase(p: Phrase): string {
  return p.prefix ? `${fts5Quote(p.tokens[0]!)}*` : fts5Quote(p.tokens.join(' '));
}

function fts5Word(w: QueryWord): string {
  const alts = w.alternatives.map(fts5Phrase);
  if (w.parts) alts.push(`(${w.parts.map(fts5Word).join(' AND ')})`);
  return alts.length === 1 ? alts[0]! : `(${alts.join(' OR ')})`;
}

/** The FTS5 MATCH expression of a plan: every token quoted, so no user text is ever FTS5 syntax. */
export function fts5Query(plan: QueryPlan): string {
  return plan.words.map(fts5Word).join(plan.any ? ' OR ' : ' AND ');
}

const sqliteBackend: SearchBackend = {
  entryColumns: () => ({}),
  async write(trx, rows) {
    for (let i = 0; i < rows.length; i += 100) {
      const part = rows.slice(i, i + 100);
      const values = part.map(
        (r) => sql`(${r.entryId}, ${r.title.join(' ')}, ${r.number.join(' ')}, ${r.body.join(' ')})`,
      );
      await sql`INSERT INTO search_fts (rowid, title, number, body) VALUES ${sql.join(values)}`.execute(trx);
      const filters = part.map(
        ({ entryId, filters: f }) =>
          sql`(${entryId}, ${f.columnId}, ${f.orgId}, ${f.year}, ${f.validity}, ${f.genre})`,
      );
      await sql`INSERT INTO search_filters (id, column_id, org_id, year, validity, genre) VALUES ${sql.join(filters)}`.execute(
        trx,
      );
    }
  },
  async remove(trx, entryIds) {
    await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(entryIds)})`.execute(trx);
    await sql`DELETE FROM search_filters WHERE id IN (${sql.join(entryIds)})`.execute(trx);
  },
  async bulk(db, on) {
    // During a rebuild, segments are merged once at the end (optimize) instead of as they appear.
    await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', ${sql.lit(on ? 0 : 4)})`.execute(
      db,
    );
  },
  async optimize(db) {
    await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
    await sql`ANALYZE search_entries`.execute(db);
    await sql`ANALYZE search_keys`.execute(db);
    await sql`ANALYZE search_filters`.execute(db);
  },
  async rank(db, plan, filter, options) {
    const w = WEIGHTS;
    const match = fts5Query(plan);
    if (options.sort === 'date' && options.many) {
      // Many matches: walk the entries newest first and ask the index about each (a seek per entry);
      // a page is found after a few dozen entries instead of sorting every match.
      const rows = await sql<Ranked>`
        SELECT e.id FROM search_entries e
        WHERE ${filterSql(filter)}
          AND EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH ${match} AND search_fts.rowid = e.id)
        ORDER BY e.published_at DESC, e.id DESC LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
      return rows.rows.map((r) => ({ id: r.id, score: 0 }));
    }
    if (options.sort === 'date') {
      const rows = await sql<Ranked>`
        SELECT e.id, 0 AS score FROM search_entries e
        WHERE e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${match}) AND ${filterSql(filter)}
        ORDER BY e.published_at DESC, e.id DESC LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
      return rows.rows.map((r) => ({ id: r.id, score: 0 }));
    }
    if (options.many) {
      const rows = await sql<Ranked>`
        WITH pool AS MATERIALIZED (
          SELECT rowid AS rid FROM search_fts WHERE search_fts MATCH ${match} AND ${entryFilter(filter)}
          ORDER BY rowid DESC LIMIT ${poolSize(options)})
        SELECT rid AS id, (SELECT ${titleHitSql(plan, 'sqlite')} * ${factorsSql(plan, options, 'sqlite')}
            FROM search_entries e WHERE e.id = rid) AS score
        FROM pool ORDER BY score DESC, rid DESC LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
      return rows.rows.map((r) => ({ id: r.id, score: Number(r.score) }));
    }
    const rows = await sql<Ranked>`
      WITH pool AS MATERIALIZED (
        SELECT rowid AS rid, -bm25(search_fts, ${sql.lit(w.title)}, ${sql.lit(w.number)}, ${sql.lit(w.body)}) AS rel
        FROM search_fts WHERE search_fts MATCH ${match} AND ${entryFilter(filter)}
        ORDER BY rowid DESC LIMIT ${poolSize(options)})
      SELECT rid AS id, rel * (SELECT ${factorsSql(plan, options, 'sqlite')} FROM search_entries e WHERE e.id = rid) AS score
      FROM pool ORDER BY score DESC, rid DESC LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
    return rows.rows.map((r) => ({ id: r.id, score: Number(r.score) }));
  },
  async matching(db, plan, ids) {
    if (!ids.length || !plan.words.length) return [];
    const rows = await sql<{ id: number }>`
      SELECT e.id FROM search_entries e WHERE e.id IN (${sql.join(ids)})
        AND EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH ${fts5Query(plan)} AND search_fts.rowid = e.id)`.execute(
      db,
    );
    return rows.rows.map((r) => r.id);
  },
  async facets(db, plan, filter) {
    const rows = await sql<{ k: string; n: number }>`
      SELECT (SELECT f.column_id || '|' || f.org_id || '|' || f.year || '|' || f.validity || '|' || coalesce(f.genre, '')
          FROM search_filters f WHERE f.id = m.rowid) AS k, count(*) AS n
      FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ${fts5Query(plan)} AND ${entryFilter(filter)}
        ORDER BY rowid DESC LIMIT ${COUNT_CAP}) m
      GROUP BY k`.execute(db);
    return rows.rows.map((r) => {
      const [column, org, year, validity, genre] = String(r.k).split('|');
      return {
        column_id: column ? Number(column) : null,
        org_id: org ? Number(org) : null,
        year: Number(year),
        validity: validity!,
        genre: genre || null,
        n: Number(r.n),
      };
    });
  },
};

// ------------------------------------------------------------------------------------ PostgreSQL

/**
 * ts_rank weights for D, C, B and A (body, –, numbers, title): the same 1 : 5 : 10 proportions as
 * bm25's column weights. Normalisation 0 (no length division): measured on the judged set, it
 * ranks closest to FTS5's bm25 (nDCG@10 0.862 against 0.873; length normalisation 1 gave 0.829).
 */
const PG_WEIGHTS = `{${WEIGHTS.body / WEIGHTS.title}, 0.0, ${WEIGHTS.number / WEIGHTS.title}, 1.0}`;

/** Positions a tsvector can hold (PostgreSQL clamps larger ones) and positions kept per lexeme. */
const PG_MAX_POSITION = 16_383;
const PG_MAX_POSITIONS_PER_LEXEME = 255;

const pgQuote = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsvector of a document as its literal text: lexemes with positions and weights (A title,
 * B numbers, D body), built here rather than by to_tsvector so that no parser or locale of the
 * server decides what a token is. Fields are separated by a gap of positions so that no phrase
 * matches across them.
 */
export function tsvectorLiteral(r: Pick<IndexedTokens, 'title' | 'number' | 'body'>): string {
  const lexemes = new Map<string, string[]>();
  let pos = 0;
  const add = (list: string[], weight: string) => {
    for (const t of list) {
      pos++;
      if (pos > PG_MAX_POSITION) return;
      const p = lexemes.get(t);
      if (!p) lexemes.set(t, [`${pos}${weight}`]);
      else if (p.length < PG_MAX_POSITIONS_PER_LEXEME) p.push(`${pos}${weight}`);
    }
    pos += 8;
  };
  add(r.title, 'A');
  add(r.number, 'B');
  add(r.body, 'D');
  return [...lexemes].map(([t, p]) => `${pgQuote(t)}:${p.join(',')}`).join(' ');
}

function tsPhrase(p: Phrase): string {
  if (p.prefix) return `${pgQuote(p.tokens[0]!)}:*`;
  return p.tokens.map(pgQuote).join(' <-> ');
}

function tsWord(w: QueryWord): string {
  const alts = w.alternatives.map((a) => (a.tokens.length > 1 ? `(${tsPhrase(a)})` : tsPhrase(a)));
  if (w.parts) alts.push(`(${w.parts.map(tsWord).join(' & ')})`);
  return alts.length === 1 ? alts[0]! : `(${alts.join(' | ')})`;
}

/** The tsquery text of a plan: quoted lexemes, phrases with <->, synonyms with |, words with &. */
export function tsQuery(plan: QueryPlan): string {
  return plan.words.map(tsWord).join(plan.any ? ' | ' : ' & ');
}

/**
 * PostgreSQL's choice between the two ways to find the newest matches. A newest-first scan of the
 * entries reads (detoasts) the tsvector of every row it passes: good when most rows match. A bitmap
 * scan of the GIN index reads no tsvector when the query is exact in the index (single lexemes, no
 * phrase to recheck) but visits every match: good when few rows match. The planner prices the first
 * without the detoasting and so picks it for a word in a third of the documents (measured at 100,000:
 * 测绘 590 ms that way, 33 ms by the bitmap; 规划, in almost every document, 18 ms against 2.1 s). The
 * estimate comes from the column's statistics (pg_stats.most_common_elems, refreshed by ANALYZE).
 */
interface LexemeStats {
  rows: number;
  freq: Map<string, number>;
  /** Frequency of a lexeme not in the list: at most the smallest listed one. */
  floor: number;
  at: number;
}
const lexemeStatsCache = new WeakMap<object, LexemeStats>();
const LEXEME_STATS_MS = 300_000;

async function lexemeStats(db: Executor): Promise<LexemeStats> {
  const key = db.getExecutor().adapter;
  const hit = lexemeStatsCache.get(key);
  if (hit && Date.now() - hit.at < LEXEME_STATS_MS) return hit;
  const [rel, st] = await Promise.all([
    sql<{ n: number }>`SELECT reltuples AS n FROM pg_class WHERE oid = 'search_entries'::regclass`.execute(
      db,
    ),
    sql<{ elems: string[] | null; freqs: number[] | null }>`
      SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs FROM pg_stats
      WHERE schemaname = current_schema() AND tablename = 'search_entries' AND attname = 'tsv'`.execute(db),
  ]);
  const elems = st.rows[0]?.elems ?? [];
  const freqs = (st.rows[0]?.freqs ?? []).map(Number);
  const freq = new Map(elems.map((e, i) => [e, freqs[i] ?? 0]));
  // After the per-element frequencies come the minimum, the maximum and the null fraction.
  const floor = freqs.length > elems.length ? (freqs[elems.length] ?? 1) : 1;
  const stats = { rows: Math.max(0, Number(rel.rows[0]?.n ?? 0)), freq, floor, at: Date.now() };
  lexemeStatsCache.set(key, stats);
  return stats;
}

/** Whether the GIN index answers the plan exactly: single lexemes only, no phrase, no prefix. */
function exactInIndex(plan: QueryPlan): boolean {
  const word = (w: QueryWord): boolean =>
    w.alternatives.every((a) => a.tokens.length === 1 && !a.prefix) && (w.parts ?? []).every(word);
  return plan.words.every(word);
}

/** Estimated share of entries matching the plan (from single-lexeme frequencies). */
function matchShare(plan: QueryPlan, stats: LexemeStats): number {
  const word = (w: QueryWord): number => {
    const alts = w.alternatives.reduce((n, a) => n + (stats.freq.get(a.tokens[0]!) ?? stats.floor), 0);
    const parts = w.parts?.length ? Math.min(...w.parts.map(word)) : 0;
    return Math.min(1, alts + parts);
  };
  const shares = plan.words.map(word);
  return plan.any
    ? Math.min(
        1,
        shares.reduce((a, b) => a + b, 0),
      )
    : Math.min(...shares);
}

/**
 * The newest `limit` entry ids matching the plan and filter, as a subquery: by the GIN bitmap when the
 * plan is exact in the index and its matches are few enough that visiting them all costs less than
 * detoasting the rows a newest-first scan would pass (about ten times as much per row), else the scan.
 */
export async function pgMatchStrategy(
  db: Executor,
  plan: QueryPlan,
  limit: number,
): Promise<'bitmap' | 'scan'> {
  if (!exactInIndex(plan)) return 'scan';
  const stats = await lexemeStats(db);
  const matches = matchShare(plan, stats) * stats.rows;
  return stats.rows > 0 && matches < Math.sqrt(10 * limit * stats.rows) ? 'bitmap' : 'scan';
}

async function newestMatches(
  db: Executor,
  plan: QueryPlan,
  filter: SearchFilter,
  limit: number,
): Promise<RawBuilder<unknown>> {
  const q = tsQuery(plan);
  if ((await pgMatchStrategy(db, plan, limit)) === 'bitmap') {
    // OFFSET 0 keeps the ordering out of the inner query, whose plan is then the bitmap scan.
    return sql`SELECT id FROM (SELECT e.id FROM search_entries e WHERE e.tsv @@ ${q}::tsquery
      AND ${filterSql(filter)} OFFSET 0) m ORDER BY id DESC LIMIT ${limit}`;
  }
  return sql`SELECT e.id FROM search_entries e WHERE e.tsv @@ ${q}::tsquery AND ${filterSql(filter)}
    ORDER BY e.id DESC LIMIT ${limit}`;
}

const postgresBackend: SearchBackend = {
  entryColumns: (tokens) => ({ tsv: sql`${tsvectorLiteral(tokens)}::tsvector` }),
  async write() {
    // The tsvector was written with the entry row.
  },
  async remove() {
    // The tsvector lives in the entry row, which the indexer deletes.
  },
  async bulk() {},
  async optimize(db) {
    await sql`ANALYZE search_entries`.execute(db);
    lexemeStatsCache.delete(db.getExecutor().adapter);
  },
  async rank(db, plan, filter, options) {
    const q = tsQuery(plan);
    if (options.sort === 'date') {
      const rows = await sql<Ranked>`
        SELECT e.id FROM search_entries e WHERE e.tsv @@ ${q}::tsquery AND ${filterSql(filter)}
        ORDER BY e.published_at DESC, e.id DESC LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
      return rows.rows.map((r) => ({ id: r.id, score: 0 }));
    }
    const pool = await newestMatches(db, plan, filter, poolSize(options));
    if (options.many) {
      const rows = await sql<Ranked>`
        WITH pool AS MATERIALIZED (${pool})
        SELECT e.id, ${titleHitSql(plan, 'postgres')} * ${factorsSql(plan, options, 'postgres')} AS score
        FROM pool JOIN search_entries e ON e.id = pool.id
        ORDER BY score DESC, e.id DESC LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
      return rows.rows.map((r) => ({ id: r.id, score: Number(r.score) }));
    }
    const rows = await sql<Ranked>`
      WITH pool AS MATERIALIZED (${pool})
      SELECT e.id, ts_rank(${sql.lit(PG_WEIGHTS)}, e.tsv, ${q}::tsquery, 0)
          * ${factorsSql(plan, options, 'postgres')} AS score
      FROM pool JOIN search_entries e ON e.id = pool.id
      ORDER BY score DESC, e.id DESC LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
    return rows.rows.map((r) => ({ id: r.id, score: Number(r.score) }));
  },
  async matching(db, plan, ids) {
    if (!ids.length || !plan.words.length) return [];
    const rows = await sql<{ id: number }>`
      SELECT e.id FROM search_entries e
      WHERE e.id IN (${sql.join(ids)}) AND e.tsv @@ ${tsQuery(plan)}::tsquery`.execute(db);
    return rows.rows.map((r) => r.id);
  },
  async facets(db, plan, filter) {
    const rows = await sql<FacetRow>`
      WITH m AS MATERIALIZED (${await newestMatches(db, plan, filter, COUNT_CAP)})
      SELECT e.column_id, e.org_id, e.year, e.validity, e.genre, count(*) AS n
      FROM m JOIN search_entries e ON e.id = m.id
      GROUP BY e.column_id, e.org_id, e.year, e.validity, e.genre`.execute(db);
    return rows.rows;
  },
};

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
