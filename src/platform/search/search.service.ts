import { versionedRead } from '../db/content-version.js';
import { type DialectName, dialectOf, type Executor } from '../db/index.js';
import {
  BODY_TOKEN_LIMIT,
  fold,
  planQuery,
  type QueryPlan,
  type SynonymLookup,
  TITLE_TOKEN_LIMIT,
  tokens,
} from './analyse.js';
import { backendFor, browse, browseFacets, type FacetRow, lookupKeys, type SearchFilter } from './backend.js';
import { relaxedPlans } from './relax.js';
import { highlightAll, type Segment, snippet } from './snippet.js';
import { synonymLookup } from './synonyms.js';

/**
 * The one search service (issue 4; ADR 0012). Modules register their public content as sources; the
 * service keeps one entry per item (search_entries + the engine's token index + exact keys) and answers
 * queries with ranked, filtered, faceted, highlighted results.
 */

/** One public item as a source hands it to the index. */
export interface SearchItem {
  refId: number;
  title: string;
  /** Identifiers indexed as text in the weighted number field (文号, 索引号). */
  numbers: string[];
  /** Plain text: body, attachments, anything else searchable. */
  body: string;
  /** Exact-lookup keys (see SearchSource.queryKeys). */
  keys: string[];
  externalId: string | null;
  docNumber: string | null;
  indexNo: string | null;
  publishedAt: string;
  /** Publication year in Beijing time. */
  year: number;
  columnId: number | null;
  orgId: number | null;
  validity: string;
  genre: string | null;
  url: string;
}

export interface SearchSource {
  kind: string;
  /** The public items among these ids; an id not returned is removed from the index. */
  load(db: Executor, ids: number[]): Promise<SearchItem[]>;
  /** Ids of every public item after `afterId`, ascending, at most `limit` (for a rebuild). */
  ids(db: Executor, afterId: number, limit: number): Promise<number[]>;
  /** How many public items there are (the console compares it with the index). */
  count(db: Executor): Promise<number>;
  /** A name for people: 主动公开文件. */
  label: string;
  /** The plain text of these items, for snippets. */
  texts(db: Executor, ids: number[]): Promise<Map<number, string>>;
  /** The exact-lookup keys a query is or contains (文号 in any bracket style, 索引号). */
  queryKeys?(query: string): string[];
}

const sources = new Map<string, SearchSource>();

export function registerSearchSource(source: SearchSource): void {
  sources.set(source.kind, source);
}

export function searchSources(): SearchSource[] {
  return [...sources.values()];
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(iso) / DAY_MS);

/** Bring the index up to date for these items of one source: in the caller's transaction. */
export async function refreshSearch(trx: Executor, kind: string, ids: number[]): Promise<void> {
  const dialect = dialectOf(trx);
  const source = sources.get(kind);
  if (!source || ids.length === 0) return;
  const items = await source.load(trx, ids);
  const present = new Set(items.map((i) => i.refId));
  const gone = ids.filter((id) => !present.has(id));
  if (gone.length) await removeEntries(trx, dialect, kind, gone);
  if (items.length) await writeEntries(trx, dialect, kind, items);
}

export async function removeEntries(trx: Executor, dialect: DialectName, kind: string, refIds: number[]) {
  const rows = await trx
    .selectFrom('search_entries')
    .select('id')
    .where('kind', '=', kind)
    .where('ref_id', 'in', refIds)
    .execute();
  const ids = rows.map((r) => r.id);
  if (!ids.length) return;
  await backendFor(dialect).remove(trx, ids);
  await trx.deleteFrom('search_keys').where('entry_id', 'in', ids).execute();
  await trx.deleteFrom('search_entries').where('id', 'in', ids).execute();
}

/** Write (insert or replace) the entries of these items. */
export async function writeEntries(trx: Executor, dialect: DialectName, kind: string, items: SearchItem[]) {
  const existing = new Map(
    (
      await trx
        .selectFrom('search_entries')
        .select(['id', 'ref_id'])
        .where('kind', '=', kind)
        .where(
          'ref_id',
          'in',
          items.map((i) => i.refId),
        )
        .execute()
    ).map((r) => [r.ref_id, r.id]),
  );
  const indexed = [];
  for (const item of items) {
    const row = {
      kind,
      ref_id: item.refId,
      title: item.title.slice(0, 300),
      title_fold: fold(item.title).slice(0, 300),
      doc_number: item.docNumber?.slice(0, 100) ?? null,
      index_no: item.indexNo?.slice(0, 40) ?? null,
      external_id: item.externalId?.slice(0, 100) ?? null,
      published_at: item.publishedAt,
      pub_day: dayOf(item.publishedAt),
      year: item.year,
      column_id: item.columnId,
      org_id: item.orgId,
      validity: item.validity,
      genre: item.genre?.slice(0, 50) ?? null,
      url: item.url,
    };
    let entryId = existing.get(item.refId);
    if (entryId === undefined) {
      const r = await trx.insertInto('search_entries').values(row).returning('id').executeTakeFirstOrThrow();
      entryId = r.id;
    } else {
      await trx.updateTable('search_entries').set(row).where('id', '=', entryId).execute();
      await trx.deleteFrom('search_keys').where('entry_id', '=', entryId).execute();
    }
    const keys = [...new Set(item.keys.filter((k) => k.length > 0 && k.length <= 120))];
    if (keys.length) {
      await trx
        .insertInto('search_keys')
        .values(keys.map((key) => ({ entry_id: entryId!, key })))
        .execute();
    }
    indexed.push({
      entryId,
      title: tokens(item.title, TITLE_TOKEN_LIMIT),
      number: tokens(item.numbers.join(' '), TITLE_TOKEN_LIMIT),
      body: tokens(item.body, BODY_TOKEN_LIMIT),
    });
  }
  await backendFor(dialect).write(trx, indexed);
}

/** Remove every entry of one kind (before a rebuild). */
export async function clearKind(trx: Executor, dialect: DialectName, kind: string): Promise<void> {
  for (;;) {
    const rows = await trx
      .selectFrom('search_entries')
      .select('ref_id')
      .where('kind', '=', kind)
      .limit(1000)
      .execute();
    if (!rows.length) return;
    await removeEntries(
      trx,
      dialect,
      kind,
      rows.map((r) => r.ref_id),
    );
    if (rows.length < 1000) return;
  }
}

// ----------------------------------------------------------------------------------------- query

export interface SearchRequest {
  q: string;
  filter: SearchFilter;
  sort: 'relevance' | 'date';
  page: number;
  size: number;
}

export interface SearchHit {
  entryId: number;
  kind: string;
  refId: number;
  title: string;
  titleSegments: Segment[];
  docNumber: string | null;
  indexNo: string | null;
  externalId: string | null;
  publishedAt: string;
  columnId: number | null;
  orgId: number | null;
  validity: string;
  genre: string | null;
  url: string;
  snippet: Segment[];
  /** The engine's relevance score with the ranking factors (0 when browsing by date). */
  score: number;
  /** Matched by its exact 文号 or 索引号. */
  exact: boolean;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: FacetRow[];
  /** The words were matched separately because the exact phrase found nothing. */
  relaxed: boolean;
  plan: QueryPlan;
}

const lookup = versionedRead(async (db: Executor) => synonymLookup(db), {});

function exactKeys(q: string): string[] {
  return [...new Set(searchSources().flatMap((s) => s.queryKeys?.(q) ?? []))];
}

/**
 * Search: exact-identifier hits first, then the engine's ranking (or newest first without words);
 * when the whole phrase finds nothing, the words are matched separately (relaxed).
 */
export async function search(db: Executor, dialect: DialectName, req: SearchRequest): Promise<SearchResult> {
  const backend = backendFor(dialect);
  const synonyms = await lookup(db);
  let plan = planQuery(req.q, synonyms);
  const exact = await lookupKeys(db, exactKeys(req.q), req.filter);
  const offset = (req.page - 1) * req.size;
  const scores = new Map<number, number>();
  let ids: number[];
  let facets: FacetRow[];
  let relaxed = false;
  if (plan.words.length === 0) {
    if (exact.length > 0) {
      ids = exact.slice(offset, offset + req.size);
      facets = await entryFacets(db, exact);
    } else {
      [ids, facets] = await Promise.all([
        browse(db, req.filter, offset, req.size),
        browseFacets(db, req.filter),
      ]);
    }
  } else {
    facets = await backend.facets(db, plan, req.filter);
    if (facets.length === 0) {
      for (const wider of relaxedPlans(plan, synonyms, synonyms.terms)) {
        const f = await backend.facets(db, wider, req.filter);
        if (f.length > 0) {
          plan = wider;
          facets = f;
          relaxed = true;
          break;
        }
      }
    }
    const today = dayOf(new Date().toISOString());
    const rank = (filter: SearchFilter, from: number, limit: number) =>
      facets.length ? backend.rank(db, plan, filter, { sort: req.sort, today, offset: from, limit }) : [];
    // Exact hits lead (relevance order), then the ranked list without them.
    const lead = req.sort === 'date' ? [] : exact;
    const ranked = await rank(req.filter, Math.max(0, offset - lead.length), req.size + lead.length);
    for (const r of ranked) scores.set(r.id, r.score);
    ids = [...lead.slice(offset), ...ranked.map((r) => r.id).filter((id) => !lead.includes(id))].slice(
      0,
      req.size,
    );
    if (exact.length) {
      // Exact hits the words did not match still count, in the total and the facets.
      const matched = await rank({ ...req.filter, entryIds: exact }, 0, exact.length);
      for (const r of matched) scores.set(r.id, r.score);
      const unmatched = exact.filter((id) => !matched.some((m) => m.id === id));
      if (unmatched.length) facets = [...facets, ...(await entryFacets(db, unmatched))];
    }
  }
  const total = facets.reduce((n, f) => n + Number(f.n), 0);
  const hits = await hydrate(db, ids, plan, new Set(exact), scores);
  return { total, hits, facets, relaxed, plan };
}

async function entryFacets(db: Executor, ids: number[]): Promise<FacetRow[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('search_entries')
    .select(['column_id', 'org_id', 'year', 'validity', 'genre'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => ({ ...r, n: 1 }));
}

async function hydrate(
  db: Executor,
  ids: number[],
  plan: QueryPlan,
  exact: Set<number>,
  scores: Map<number, number>,
): Promise<SearchHit[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('search_entries').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const texts = new Map<string, Map<number, string>>();
  for (const [kind, list] of groupBy(rows, (r) => r.kind)) {
    const source = sources.get(kind);
    if (source)
      texts.set(
        kind,
        await source.texts(
          db,
          list.map((r) => r.ref_id),
        ),
      );
  }
  const terms = plan.highlights;
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const text = texts.get(r.kind)?.get(r.ref_id) ?? '';
    return [
      {
        entryId: r.id,
        kind: r.kind,
        refId: r.ref_id,
        title: r.title,
        titleSegments: highlightAll(r.title, terms),
        docNumber: r.doc_number,
        indexNo: r.index_no,
        externalId: r.external_id,
        publishedAt: r.published_at,
        columnId: r.column_id,
        orgId: r.org_id,
        validity: r.validity,
        genre: r.genre,
        url: r.url,
        snippet: snippet(text, terms),
        score: Math.round((scores.get(id) ?? 0) * 10_000) / 10_000,
        exact: exact.has(id),
      },
    ];
  });
}

function groupBy<T, K>(list: T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const t of list) {
    const k = key(t);
    const l = m.get(k);
    if (l) l.push(t);
    else m.set(k, [t]);
  }
  return m;
}
