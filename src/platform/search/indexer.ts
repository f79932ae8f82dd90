import { type DialectName, dialectOf, type Executor } from '../db/index.js';
import { BODY_TOKEN_LIMIT, fold, TITLE_TOKEN_LIMIT, tokens } from './analyse.js';
import { backendFor, type IndexedTokens } from './backend.js';

/**
 * Writing the search index (ADR 0012): sources (modules' public content) are registered here, and
 * their items are written in batches — the entries, their exact keys and the engine's tokens — in
 * the caller's transaction, so an item is never half-indexed.
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
  /**
   * When a query is nothing but an identifier that other items cite (a 文号): the keys under which
   * the citing items are indexed and the identifier's text, whose phrase confirms each one.
   */
  citations?(query: string): Citations | null;
}

export interface Citations {
  keys: string[];
  /** The identifier's spellings, any of whose phrases confirms a citation (〔2020〕109号, 〔2020〕第109号). */
  texts: string[];
}

const sources = new Map<string, SearchSource>();

export function registerSearchSource(source: SearchSource): void {
  sources.set(source.kind, source);
}

export function searchSources(): SearchSource[] {
  return [...sources.values()];
}

export function sourceOf(kind: string): SearchSource | undefined {
  return sources.get(kind);
}

const DAY_MS = 86_400_000;
export const dayOf = (iso: string) => Math.floor(Date.parse(iso) / DAY_MS);

/** Rows per multi-row INSERT (15 columns: well inside both databases' parameter limits). */
const CHUNK = 200;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Bring the index up to date for these items of one source: in the caller's transaction. */
export async function refreshSearch(trx: Executor, kind: string, ids: number[]): Promise<void> {
  const source = sources.get(kind);
  if (!source || ids.length === 0) return;
  const dialect = dialectOf(trx);
  const items = await source.load(trx, ids);
  // Replace rather than update: the old entries go, new ones are written (one transaction).
  await removeEntries(trx, dialect, kind, ids);
  if (items.length) await writeEntries(trx, dialect, kind, items);
}

/** Remove the entries of these items (their keys and tokens too). */
export async function removeEntries(trx: Executor, dialect: DialectName, kind: string, refIds: number[]) {
  for (const part of chunks(refIds, 1000)) {
    const rows = await trx
      .selectFrom('search_entries')
      .select('id')
      .where('kind', '=', kind)
      .where('ref_id', 'in', part)
      .execute();
    const ids = rows.map((r) => r.id);
    if (!ids.length) continue;
    await backendFor(dialect).remove(trx, ids);
    await trx.deleteFrom('search_keys').where('entry_id', 'in', ids).execute();
    await trx.deleteFrom('search_entries').where('id', 'in', ids).execute();
  }
}

/** Insert the entries of items that have none (refreshSearch removes old ones first). */
async function writeEntries(trx: Executor, dialect: DialectName, kind: string, items: SearchItem[]) {
  const backend = backendFor(dialect);
  for (const part of chunks(items)) {
    const analysed = part.map((item) => ({
      item,
      tokens: {
        title: tokens(item.title, TITLE_TOKEN_LIMIT),
        number: tokens(item.numbers.join(' '), TITLE_TOKEN_LIMIT),
        body: tokens(item.body, BODY_TOKEN_LIMIT),
      },
    }));
    const rows = analysed.map(({ item, tokens: t }) => ({
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
      ...backend.entryColumns(t),
    }));
    const inserted = await trx
      .insertInto('search_entries')
      .values(rows as never)
      .returning(['id', 'ref_id'])
      .execute();
    const idOf = new Map(inserted.map((r) => [r.ref_id, r.id]));
    const keys = part.flatMap((item) =>
      [...new Set(item.keys.filter((k) => k.length > 0 && k.length <= 120))].map((key) => ({
        entry_id: idOf.get(item.refId)!,
        key,
      })),
    );
    for (const k of chunks(keys, 500)) await trx.insertInto('search_keys').values(k).execute();
    const indexed: IndexedTokens[] = analysed.map(({ item, tokens: t }) => ({
      entryId: idOf.get(item.refId)!,
      ...t,
      filters: {
        columnId: item.columnId,
        orgId: item.orgId,
        year: item.year,
        validity: item.validity,
        genre: item.genre?.slice(0, 50) ?? null,
      },
    }));
    await backend.write(trx, indexed);
  }
}
