import { type RawBuilder, sql } from 'kysely';
import type { Phrase, QueryPlan, QueryWord } from './analyse.js';
import {
  COUNT_CAP,
  factorsSql,
  filterSql,
  poolSize,
  type Ranked,
  type SearchBackend,
  type SearchFilter,
  titleHitSql,
  WEIGHTS,
} from './backend.common.js';

/** SQLite: an FTS5 table without stored content over the pre-analysed tokens, bm25 (ADR 0012). */

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

export const sqliteBackend: SearchBackend = {
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
