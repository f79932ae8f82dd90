import { compiledRead } from '../../platform/db/compiled.js';
import { versionedRead } from '../../platform/db/content-version.js';
import type { Executor } from '../../platform/db/index.js';
import type { DocColumn, DocumentStatus, Validity } from '../../platform/db/schema.js';

/**
 * Read-only queries behind the public catalogue API (issue 3). Only published and withdrawn
 * documents are ever read here: drafts and documents under review do not exist for the public.
 * Timestamps are ISO-8601 UTC text, so range and keyset comparisons are plain string comparisons
 * that behave the same on SQLite and PostgreSQL.
 */
export const PUBLIC_STATUSES: DocumentStatus[] = ['published', 'withdrawn'];

export interface DocumentFilter {
  /** The chosen column and all its descendants. */
  columnIds?: number[];
  orgId?: number;
  /** Publication year in Beijing time. */
  year?: number;
  validity?: Validity;
  genre?: string;
  externalId?: string;
  /** 主题分类, exactly as stored. */
  topic?: string;
  /** Leave out withdrawn documents (tombstones): home blocks, feeds and the sitemap. */
  publishedOnly?: boolean;
}

/** Keyset position: the last row of the previous page in (published_at desc, id desc) order. */
export interface Cursor {
  publishedAt: string;
  id: number;
}

export interface PublicListRow {
  id: number;
  index_no: string | null;
  title: string;
  doc_number: string | null;
  column_code: string;
  column_name: string;
  publisher_org_id: number;
  publisher_name: string;
  published_at: string | null;
  validity: Validity;
  genre: string | null;
  is_sample: number;
  status: DocumentStatus;
  withdrawn_reason: string | null;
  formed_on: string;
  /** JSON object of the column's typed extra fields. */
  extra: string;
}

/** A Beijing calendar year as a UTC instant range [from, to): 00:00 +08:00 on 1 January. */
export function beijingYearRange(year: number): { from: string; to: string } {
  const edge = (y: number) => `${String(y).padStart(4, '0')}-12-31T16:00:00.000Z`;
  return { from: edge(year - 1), to: edge(year) };
}

/**
 * Public columns in tree order: each parent directly followed by its subtree, siblings by sort order.
 * Hidden columns are left out with everything below them (their documents stay public by link).
 */
async function columnsInTreeOrderNow(db: Executor): Promise<DocColumn[]> {
  const rows = await db.selectFrom('doc_columns').selectAll().orderBy('sort_order').orderBy('id').execute();
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, DocColumn[]>();
  for (const r of rows) {
    // A parent that no longer exists would hide the subtree; show it at the top level instead.
    const parent = r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null;
    const list = children.get(parent);
    if (list) list.push(r);
    else children.set(parent, [r]);
  }
  const out: DocColumn[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null) => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.id) || c.hidden) continue;
      seen.add(c.id);
      out.push(c);
      walk(c.id);
    }
  };
  walk(null);
  return out;
}

/**
 * The ids of a public column (by code) and of every public column below it; undefined when the code
 * is unknown or the column is hidden (itself or through an ancestor).
 */
export async function columnSubtreeIds(db: Executor, code: string): Promise<number[] | undefined> {
  const rows = await columnsInTreeOrder(db);
  const root = rows.find((r) => r.code === code);
  if (!root) return undefined;
  const ids = [root.id];
  for (let i = 0; i < ids.length; i += 1) {
    for (const r of rows) if (r.parent_id === ids[i] && !ids.includes(r.id)) ids.push(r.id);
  }
  return ids;
}

function publicDocuments(db: Executor) {
  return db
    .selectFrom('documents')
    .innerJoin('doc_columns', 'doc_columns.id', 'documents.column_id')
    .innerJoin('orgs as publisher', 'publisher.id', 'documents.publisher_org_id')
    .where('documents.status', 'in', PUBLIC_STATUSES)
    .where('documents.published_at', 'is not', null);
}

/** The list filter as WHERE clauses: the API's cursor pages and the portal's numbered pages agree. */
function filteredPublicDocuments(db: Executor, filter: DocumentFilter) {
  let q = publicDocuments(db);
  if (filter.columnIds) q = q.where('documents.column_id', 'in', filter.columnIds);
  if (filter.orgId !== undefined) q = q.where('documents.publisher_org_id', '=', filter.orgId);
  if (filter.year !== undefined) {
    const { from, to } = beijingYearRange(filter.year);
    q = q.where('documents.published_at', '>=', from).where('documents.published_at', '<', to);
  }
  if (filter.validity) q = q.where('documents.validity', '=', filter.validity);
  if (filter.genre !== undefined) q = q.where('documents.genre', '=', filter.genre);
  if (filter.externalId !== undefined) q = q.where('documents.external_id', '=', filter.externalId);
  if (filter.topic !== undefined) q = q.where('documents.topic', '=', filter.topic);
  if (filter.publishedOnly) q = q.where('documents.status', '=', 'published');
  return q;
}

/** The columns every list row carries (API items, portal lists, CSV). */
const LIST_COLUMNS = [
  'documents.id',
  'documents.index_no',
  'documents.title',
  'documents.doc_number',
  'doc_columns.code as column_code',
  'doc_columns.name as column_name',
  'documents.publisher_org_id',
  'publisher.name as publisher_name',
  'documents.published_at',
  'documents.validity',
  'documents.genre',
  'documents.is_sample',
  'documents.status',
  'documents.withdrawn_reason',
  'documents.formed_on',
  'documents.extra',
] as const;

/** One page of public documents, newest first, strictly after the cursor. */
export async function listPublicDocuments(
  db: Executor,
  filter: DocumentFilter,
  page: { limit: number; after?: Cursor | undefined },
): Promise<PublicListRow[]> {
  let q = filteredPublicDocuments(db, filter).select(LIST_COLUMNS);
  const after = page.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('documents.published_at', '<', after.publishedAt),
        eb.and([eb('documents.published_at', '=', after.publishedAt), eb('documents.id', '<', after.id)]),
      ]),
    );
  }
  return q
    .orderBy('documents.published_at', 'desc')
    .orderBy('documents.id', 'desc')
    .limit(page.limit)
    .execute();
}

/** A public document with the names of its column, publisher and owning division. */
const publicDocumentById = compiledRead(
  (db, id: number) =>
    publicDocuments(db)
      .leftJoin('orgs as owner', 'owner.id', 'documents.owner_org_id')
      .selectAll('documents')
      .select([
        'doc_columns.code as column_code',
        'doc_columns.name as column_name',
        'publisher.name as publisher_name',
        'owner.name as owner_name',
      ])
      .where('documents.id', '=', id),
  [-1] as const,
);
export async function findPublicDocument(db: Executor, id: number) {
  return (await publicDocumentById(db, id))[0];
}
export type PublicDocumentRow = NonNullable<Awaited<ReturnType<typeof findPublicDocument>>>;

/** Published interpretations (解读) of a policy. */
export const publicInterpretationsOf = compiledRead(
  (db, policyId: number) =>
    db
      .selectFrom('document_interpretations')
      .innerJoin('documents', 'documents.id', 'document_interpretations.interpretation_id')
      .select(['documents.id', 'documents.title', 'document_interpretations.kind'])
      .where('document_interpretations.policy_id', '=', policyId)
      .where('documents.status', '=', 'published')
      .orderBy('documents.id'),
  [-1] as const,
);

/** Published policies that a document interprets. */
export const publicPoliciesInterpretedBy = compiledRead(
  (db, interpretationId: number) =>
    db
      .selectFrom('document_interpretations')
      .innerJoin('documents', 'documents.id', 'document_interpretations.policy_id')
      .select(['documents.id', 'documents.title'])
      .where('document_interpretations.interpretation_id', '=', interpretationId)
      .where('documents.status', '=', 'published')
      .orderBy('documents.id'),
  [-1] as const,
);

/** When a document was withdrawn (its latest withdraw event). */
export async function withdrawnAt(db: Executor, id: number): Promise<string | null> {
  const r = await db
    .selectFrom('document_events')
    .select('at')
    .where('document_id', '=', id)
    .where('action', '=', 'withdraw')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.at ?? null;
}

/*
 * Portal pages (/xxgk, /documents/:id): numbered pages and counts. The HTML catalogue shows page
 * numbers and totals, which a keyset cursor cannot give; the set of rows is the same as the API's.
 */

/** One numbered page of public documents (tombstones included), newest first. */
export async function pagePublicDocuments(
  db: Executor,
  filter: DocumentFilter,
  page: { limit: number; offset: number },
): Promise<PublicListRow[]> {
  return filteredPublicDocuments(db, filter)
    .select(LIST_COLUMNS)
    .orderBy('documents.published_at', 'desc')
    .orderBy('documents.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** How many public documents (tombstones included) match the filter. */
async function countPublicDocumentsNow(db: Executor, filter: DocumentFilter): Promise<number> {
  const r = await filteredPublicDocuments(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Public documents per column id, each column counted on its own (no descendants). */
async function publicCountsByColumnNow(
  db: Executor,
  filter: DocumentFilter = {},
): Promise<Map<number, number>> {
  const rows = await filteredPublicDocuments(db, filter)
    .select(['documents.column_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('documents.column_id')
    .execute();
  return new Map(rows.map((r) => [r.column_id, Number(r.n)]));
}

/** The first and last publication instants of public documents (for the year filter). */
async function publicPublicationSpanNow(
  db: Executor,
): Promise<{ first: string | null; last: string | null }> {
  const r = await publicDocuments(db)
    .select((eb) => [
      eb.fn.min('documents.published_at').as('first'),
      eb.fn.max('documents.published_at').as('last'),
    ])
    .executeTakeFirst();
  return { first: r?.first ?? null, last: r?.last ?? null };
}

/** The public 更正说明 of a document: every revision that carries a correction note, oldest first. */
export async function publicCorrections(db: Executor, id: number) {
  return db
    .selectFrom('document_revisions')
    .select(['version', 'correction_note', 'created_at'])
    .where('document_id', '=', id)
    .where('correction_note', 'is not', null)
    .orderBy('version')
    .execute();
}

/** Id and title of a document that is currently published (e.g. the successor of a repealed one). */
export async function publishedTitle(db: Executor, id: number) {
  return db
    .selectFrom('documents')
    .select(['id', 'title'])
    .where('id', '=', id)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

/*
 * Facets of the catalogue (政府信息公开目录): how many public documents each value of a dimension
 * would give together with the other filters. Each facet is counted without its own filter, so the
 * visitor sees what choosing another value would bring.
 */

/** Counts per 主题分类 (documents without one are left out). */
async function publicCountsByTopicNow(db: Executor, filter: DocumentFilter) {
  const rows = await filteredPublicDocuments(db, filter)
    .where('documents.topic', 'is not', null)
    .select(['documents.topic', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('documents.topic')
    .orderBy('documents.topic')
    .execute();
  return rows.flatMap((r) => (r.topic ? [{ value: r.topic, n: Number(r.n) }] : []));
}

/** Counts per 发布机构. */
async function publicCountsByPublisherNow(db: Executor, filter: DocumentFilter) {
  const rows = await filteredPublicDocuments(db, filter)
    .select([
      'documents.publisher_org_id',
      'publisher.name',
      'publisher.sort_order',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['documents.publisher_org_id', 'publisher.name', 'publisher.sort_order'])
    .orderBy('publisher.sort_order')
    .orderBy('documents.publisher_org_id')
    .execute();
  return rows.map((r) => ({ id: r.publisher_org_id, name: r.name, n: Number(r.n) }));
}

/** Counts per 有效性. */
async function publicCountsByValidityNow(db: Executor, filter: DocumentFilter) {
  const rows = await filteredPublicDocuments(db, filter)
    .select(['documents.validity', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('documents.validity')
    .execute();
  return new Map(rows.map((r) => [r.validity, Number(r.n)]));
}

/** The newest published (not withdrawn) policies that have at least one published 政策解读. */
export async function latestInterpretedPolicies(db: Executor, limit: number) {
  return filteredPublicDocuments(db, { publishedOnly: true })
    .where('doc_columns.needs_interpretation', '=', 1)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('document_interpretations')
          .innerJoin('documents as i', 'i.id', 'document_interpretations.interpretation_id')
          .select('document_interpretations.policy_id')
          .whereRef('document_interpretations.policy_id', '=', 'documents.id')
          .where('i.status', '=', 'published'),
      ),
    )
    .select(LIST_COLUMNS)
    .orderBy('documents.published_at', 'desc')
    .orderBy('documents.id', 'desc')
    .limit(limit)
    .execute();
}

/** Items of a feed: the newest published documents with their summary and body. */
export async function feedItems(db: Executor, filter: DocumentFilter, limit: number) {
  return filteredPublicDocuments(db, { ...filter, publishedOnly: true })
    .select([
      ...LIST_COLUMNS,
      'documents.summary',
      'documents.body',
      'documents.topic',
      'documents.updated_at',
    ])
    .orderBy('documents.published_at', 'desc')
    .orderBy('documents.id', 'desc')
    .limit(limit)
    .execute();
}
export type FeedItemRow = Awaited<ReturnType<typeof feedItems>>[number];

/** Every published (not withdrawn) document with its last change, for sitemap.xml. */
export async function sitemapDocuments(db: Executor) {
  return filteredPublicDocuments(db, { publishedOnly: true })
    .select(['documents.id', 'documents.updated_at', 'documents.published_at'])
    .orderBy('documents.id')
    .execute();
}

/** The newest published document with exactly this title in the given columns. */
export async function findPublishedIdByTitle(
  db: Executor,
  columnIds: number[],
  title: string,
): Promise<number | undefined> {
  const r = await filteredPublicDocuments(db, { columnIds, publishedOnly: true })
    .where('documents.title', '=', title)
    .select('documents.id')
    .orderBy('documents.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}

/*
 * What every catalogue page needs — the column tree and the facet counts — is kept per content
 * version (platform/db/content-version.ts): read once after each change instead of on every view.
 */
export const columnsInTreeOrder = versionedRead(columnsInTreeOrderNow);

export const publicCountsByColumn = versionedRead(publicCountsByColumnNow, {
  key: (filter) => JSON.stringify(filter ?? {}),
});

export const countPublicDocuments = versionedRead(countPublicDocumentsNow, {
  key: (filter) => JSON.stringify(filter ?? {}),
});

export const publicPublicationSpan = versionedRead(publicPublicationSpanNow);

export const publicCountsByTopic = versionedRead(publicCountsByTopicNow, {
  key: (filter) => JSON.stringify(filter ?? {}),
});

export const publicCountsByPublisher = versionedRead(publicCountsByPublisherNow, {
  key: (filter) => JSON.stringify(filter ?? {}),
});

export const publicCountsByValidity = versionedRead(publicCountsByValidityNow, {
  key: (filter) => JSON.stringify(filter ?? {}),
});
