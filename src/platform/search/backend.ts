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
  entryColumns(tokens: Omit<IndexedTokens, 'entryId'>): Record<string, unknown>;
  /** Index the tokens of new entries (SQLite's FTS5 table). */
  write(trx: Executor, rows: IndexedTokens[]): Promise<void>;
  remove(trx: Executor, entryIds: number[]): Promise<void>;
  clear(trx: Executor): Promise<void>;
  /** Compact the index after a bulk load. */
  optimize(db: Executor): Promise<void>;
  rank(db: Executor, plan: QueryPlan, filter: SearchFilter, options: RankOptions): Promise<Ranked[]>;
  facets(db: Executor, plan: QueryPlan, filter: SearchFilter): Promise<FacetRow[]>;
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

function filterSql(filter: SearchFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (filter.kinds?.length) parts.push(sql`e.kind IN (${sql.join(filter.kinds)})`);
  if (filter.entryIds) {
    parts.push(filter.entryIds.length ? sql`e.id IN (${sql.join(filter.entryIds)})` : sql`1 = 0`);
  }
  if (filter.columnIds) {
    parts.push(filter.columnIds.length ? sql`e.column_id IN (${sql.join(filter.columnIds)})` : sql`1 = 0`);
  }
  if (filter.orgId !== undefined) parts.push(sql`e.org_id = ${filter.orgId}`);
  if (filter.year !== undefined) parts.push(sql`e.year = ${filter.year}`);
  if (filter.validity !== undefined) parts.push(sql`e.validity = ${filter.validity}`);
  if (filter.genre !== undefined) parts.push(sql`e.genre = ${filter.genre}`);
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

function orderSql(options: RankOptions): RawBuilder<unknown> {
  return options.sort === 'date' ? sql`e.published_at DESC, e.id DESC` : sql`score DESC, e.id DESC`;
}

// ---------------------------------------------------------------------------------------- SQLite

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
      const values = rows
        .slice(i, i + 100)
        .map((r) => sql`(${r.entryId}, ${r.title.join(' ')}, ${r.number.join(' ')}, ${r.body.join(' ')})`);
      await sql`INSERT INTO search_fts (rowid, title, number, body) VALUES ${sql.join(values)}`.execute(trx);
    }
  },
  async remove(trx, entryIds) {
    await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(entryIds)})`.execute(trx);
  },
  async clear(trx) {
    await sql`DELETE FROM search_fts`.execute(trx);
  },
  async optimize(db) {
    await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
  },
  async rank(db, plan, filter, options) {
    const w = WEIGHTS;
    const rows = await sql<Ranked>`
      SELECT e.id, (-bm25(search_fts, ${sql.lit(w.title)}, ${sql.lit(w.number)}, ${sql.lit(w.body)}))
        * ${factorsSql(plan, options, 'sqlite')} AS score
      FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
      WHERE search_fts MATCH ${fts5Query(plan)} AND ${filterSql(filter)}
      ORDER BY ${orderSql(options)} LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
    return rows.rows.map((r) => ({ id: r.id, score: Number(r.score) }));
  },
  async facets(db, plan, filter) {
    const rows = await sql<FacetRow>`
      SELECT e.column_id, e.org_id, e.year, e.validity, e.genre, count(*) AS n
      FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
      WHERE search_fts MATCH ${fts5Query(plan)} AND ${filterSql(filter)}
      GROUP BY e.column_id, e.org_id, e.year, e.validity, e.genre`.execute(db);
    return rows.rows;
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
export function tsvectorLiteral(r: IndexedTokens): string {
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

const postgresBackend: SearchBackend = {
  entryColumns: (tokens) => ({ tsv: sql`${tsvectorLiteral({ entryId: 0, ...tokens })}::tsvector` }),
  async write() {
    // The tsvector was written with the entry row.
  },
  async remove() {
    // The tsvector lives in the entry row, which the indexer deletes.
  },
  async clear(trx) {
    await sql`UPDATE search_entries SET tsv = ''::tsvector`.execute(trx);
  },
  async optimize(db) {
    await sql`ANALYZE search_entries`.execute(db);
  },
  async rank(db, plan, filter, options) {
    const rows = await sql<Ranked>`
      SELECT e.id, ts_rank(${sql.lit(PG_WEIGHTS)}, e.tsv, q.q, 0) * ${factorsSql(plan, options, 'postgres')} AS score
      FROM search_entries e, (SELECT ${tsQuery(plan)}::tsquery AS q) q
      WHERE e.tsv @@ q.q AND ${filterSql(filter)}
      ORDER BY ${orderSql(options)} LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
    return rows.rows.map((r) => ({ id: r.id, score: Number(r.score) }));
  },
  async facets(db, plan, filter) {
    const rows = await sql<FacetRow>`
      SELECT e.column_id, e.org_id, e.year, e.validity, e.genre, count(*) AS n
      FROM search_entries e
      WHERE e.tsv @@ ${tsQuery(plan)}::tsquery AND ${filterSql(filter)}
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

export async function browseFacets(db: Executor, filter: SearchFilter): Promise<FacetRow[]> {
  const rows = await sql<FacetRow>`
    SELECT e.column_id, e.org_id, e.year, e.validity, e.genre, count(*) AS n
    FROM search_entries e WHERE ${filterSql(filter)}
    GROUP BY e.column_id, e.org_id, e.year, e.validity, e.genre`.execute(db);
  return rows.rows;
}

/** Entries having any of these exact keys, within the filter, newest first. */
export async function lookupKeys(db: Executor, keys: string[], filter: SearchFilter): Promise<number[]> {
  if (keys.length === 0) return [];
  const rows = await sql<{ id: number }>`
    SELECT DISTINCT e.id, e.published_at FROM search_keys k JOIN search_entries e ON e.id = k.entry_id
    WHERE k.key IN (${sql.join(keys)}) AND ${filterSql(filter)}
    ORDER BY e.published_at DESC, e.id DESC LIMIT 20`.execute(db);
  return rows.rows.map((r) => r.id);
}
