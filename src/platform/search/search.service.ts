import { versionedRead } from '../db/content-version.js';
import type { DialectName, Executor } from '../db/index.js';
import { planQuery, type QueryPlan, wholeWordsPlan } from './analyse.js';
import {
  backendFor,
  browse,
  browseFacets,
  COUNT_CAP,
  type FacetRow,
  lookupKeys,
  newestFirst,
  type SearchFilter,
} from './backend.js';
import { dayOf, searchSources, sourceOf } from './indexer.js';
import { anyWordPlan, jiebaCutter } from './relax.js';
import { highlightAll, type Segment, snippet } from './snippet.js';
import { synonymLookup } from './synonyms.js';

/**
 * The one search service (issue 4; ADR 0012). Modules register their public content as sources; the
 * service keeps one entry per item (search_entries + the engine's token index + exact keys) and answers
 * queries with ranked, filtered, faceted, highlighted results.
 */

export {
  type Citations,
  refreshSearch,
  registerSearchSource,
  removeEntries,
  type SearchItem,
  type SearchSource,
  searchSources,
  sourceOf,
} from './indexer.js';

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
  /** False when counting stopped at COUNT_CAP: the total is a lower bound, facets cover the newest. */
  totalExact: boolean;
  /** False when the facets describe only the newest COUNT_CAP matches. */
  facetsExact: boolean;
  /** Fewer than a page of documents had every word: documents with some of the words are included. */
  relaxed: boolean;
  plan: QueryPlan;
}

/**
 * Counts and facets are the same for every page and every visitor until the content changes: kept
 * per content version (like the catalogue's facet counts), so paging and popular queries reuse them.
 */
const cachedFacets = versionedRead(
  (db: Executor, dialect: DialectName, plan: QueryPlan, filter: SearchFilter) =>
    backendFor(dialect).facets(db, plan, filter),
  {
    key: (dialect, plan, filter) => JSON.stringify([dialect, plan.words, plan.any ?? false, filter]),
    maxKeys: 1000,
  },
);
const cachedBrowseFacets = versionedRead((db: Executor, filter: SearchFilter) => browseFacets(db, filter), {
  key: (filter) => JSON.stringify(filter),
});

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
  let plan = planQuery(req.q, synonyms, jiebaCutter(synonyms.terms));
  const exact = await lookupKeys(db, exactKeys(req.q), req.filter);
  const offset = (req.page - 1) * req.size;
  const scores = new Map<number, number>();
  let ids: number[];
  let facets: FacetRow[];
  let relaxed = false;
  let browsed: number | undefined;
  const cited = plan.words.length ? await identifierHits(db, dialect, req, exact) : null;
  if (plan.words.length === 0) {
    if (exact.length > 0) {
      ids = exact.slice(offset, offset + req.size);
      facets = await entryFacets(db, exact);
    } else {
      const [page, counted] = await Promise.all([
        browse(db, req.filter, offset, req.size),
        cachedBrowseFacets(db, req.filter),
      ]);
      ids = page;
      facets = counted.facets;
      browsed = counted.total;
    }
  } else if (cited) {
    // A 文号 alone: the documents having it, then those citing it, found by key (no text scan).
    const all = [...exact, ...cited.ids.filter((id) => !exact.includes(id))];
    const ordered = req.sort === 'date' ? await newestFirst(db, all) : all;
    ids = ordered.slice(offset, offset + req.size);
    facets = await entryFacets(db, all);
  } else {
    // Progressive: the words as typed first; their dictionary parts only when fewer than a page of
    // documents has every word whole; any word only when fewer than a page has them even then.
    const full = plan;
    plan = wholeWordsPlan(full);
    facets = await cachedFacets(db, dialect, plan, req.filter);
    if (countOf(facets) < req.size && plan !== full) {
      const f = await cachedFacets(db, dialect, full, req.filter);
      if (countOf(f) > countOf(facets)) {
        plan = full;
        facets = f;
      }
    }
    const wider = countOf(facets) < req.size ? anyWordPlan(full) : null;
    if (wider) {
      const f = await cachedFacets(db, dialect, wider, req.filter);
      if (countOf(f) > countOf(facets)) {
        plan = wider;
        facets = f;
        relaxed = true;
      }
    }
    const today = dayOf(new Date().toISOString());
    const rank = (filter: SearchFilter, from: number, limit: number) =>
      facets.length
        ? backend.rank(db, plan, filter, {
            sort: req.sort,
            today,
            offset: from,
            limit,
            many: countOf(facets) >= COUNT_CAP,
          })
        : [];
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
  const counted = countOf(facets);
  const total = browsed ?? counted;
  const hits = await hydrate(db, ids, plan, new Set(exact), scores);
  const complete = cited ? cited.complete : counted < COUNT_CAP;
  return {
    total,
    totalExact: browsed !== undefined || complete,
    facetsExact: complete,
    hits,
    facets,
    relaxed,
    plan,
  };
}

/** Citing documents looked up per 文号 query (newest first); beyond it the total is a lower bound. */
const CITATION_LIMIT = 1_000;

/**
 * A query that is nothing but a 文号 cited by other documents: the citing entries (by their citation
 * keys, each confirmed by the 文号's phrase), or null to search the text instead — also when neither
 * a document with the number nor a citation is found by key.
 */
async function identifierHits(
  db: Executor,
  dialect: DialectName,
  req: SearchRequest,
  exact: number[],
): Promise<{ ids: number[]; complete: boolean } | null> {
  const found = searchSources().flatMap((s) => s.citations?.(req.q) ?? []);
  if (!found.length) return null;
  const ids: number[] = [];
  let complete = true;
  for (const c of found) {
    const candidates = await lookupKeys(db, c.keys, req.filter, CITATION_LIMIT);
    if (candidates.length >= CITATION_LIMIT) complete = false;
    const alternatives = c.texts.flatMap((t) => planQuery(t).words[0]?.alternatives ?? []);
    const confirm: QueryPlan = { words: [{ alternatives }], folded: '', highlights: [] };
    const confirmed = new Set(await backendFor(dialect).matching(db, confirm, candidates));
    ids.push(...candidates.filter((id) => confirmed.has(id) && !ids.includes(id)));
  }
  if (!exact.length && !ids.length) return null;
  return { ids, complete };
}

const countOf = (facets: FacetRow[]) => facets.reduce((n, f) => n + Number(f.n), 0);

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
    const source = sourceOf(kind);
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
