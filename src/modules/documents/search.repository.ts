import type { Executor } from '../../platform/db/index.js';

/**
 * What the search index reads of documents (search.source.ts). Lookups by id filter nothing else in
 * SQL: a primary-key lookup must not depend on the planner's statistics (without them SQLite may walk
 * an index on status or publication time instead); the caller keeps the published ones.
 */
export async function documentsForIndex(db: Executor, ids: number[]) {
  return db
    .selectFrom('documents')
    .select([
      'id',
      'status',
      'title',
      'doc_number',
      'index_no',
      'external_id',
      'published_at',
      'column_id',
      'publisher_org_id',
      'validity',
      'genre',
      'body',
      'summary',
      'keywords',
      'joint_issuers',
    ])
    .where('id', 'in', ids)
    .execute();
}

/** Names, descriptions and extracted text of current attachments, in document and list order. */
export async function currentAttachmentTexts(db: Executor, documentIds: number[]) {
  return db
    .selectFrom('document_attachments')
    .select(['document_id', 'name', 'alt_text', 'extracted_text'])
    .where('document_id', 'in', documentIds)
    .where('status', '=', 'active')
    .orderBy('document_id')
    .orderBy('position')
    .execute();
}

export async function countPublished(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Ids of published documents after `afterId`, ascending. */
export async function publishedIdsAfter(db: Executor, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('documents')
    .select('id')
    .where('status', '=', 'published')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function bodiesOf(db: Executor, ids: number[]) {
  return db.selectFrom('documents').select(['id', 'body']).where('id', 'in', ids).execute();
}
