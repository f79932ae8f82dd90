import type { Executor } from '../platform/db/index.js';
import { refreshSearch } from '../platform/search/search.service.js';

/** A seeded document's workflow state, found by its stable external_id (the seeder's idempotency key). */
export async function findDemoDocument(db: Executor, externalId: string) {
  return db
    .selectFrom('documents')
    .select(['id', 'status', 'validity', 'interpretation_exempt_reason'])
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

/** The seeded documents with their column codes (demo checks and tests). */
export async function listDemoDocuments(db: Executor, externalIds: readonly string[]) {
  if (externalIds.length === 0) return [];
  return db
    .selectFrom('documents')
    .innerJoin('doc_columns', 'doc_columns.id', 'documents.column_id')
    .select([
      'documents.id',
      'documents.external_id',
      'documents.title',
      'documents.status',
      'documents.index_no',
      'documents.is_sample',
      'documents.validity',
      'documents.validity_changed_on',
      'documents.successor_id',
      'documents.formed_on',
      'documents.interpretation_exempt_reason',
      'doc_columns.code as column_code',
    ])
    .where('documents.external_id', 'in', [...externalIds])
    .orderBy('documents.id')
    .execute();
}

/** The 政策解读 linked to a policy, with the column each interpretation was published in. */
export async function interpretationLinksOf(db: Executor, policyId: number) {
  return db
    .selectFrom('document_interpretations')
    .innerJoin('documents', 'documents.id', 'document_interpretations.interpretation_id')
    .innerJoin('doc_columns', 'doc_columns.id', 'documents.column_id')
    .select([
      'document_interpretations.interpretation_id',
      'document_interpretations.kind',
      'documents.status',
      'doc_columns.code as column_code',
    ])
    .where('document_interpretations.policy_id', '=', policyId)
    .execute();
}

/** Personal-data findings still open on the given documents. */
export async function countOpenFindings(db: Executor, documentIds: readonly number[]): Promise<number> {
  if (documentIds.length === 0) return 0;
  const r = await db
    .selectFrom('document_findings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('document_id', 'in', [...documentIds])
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * A real document published elsewhere long ago and entered into the catalogue now keeps its original
 * publication time (the 2021 work-plan notice: 2021-06-21 16:24 on the bureau's old site).
 */
export async function keepOriginalPublicationTime(db: Executor, id: number, publishedAt: string) {
  await db.updateTable('documents').set({ published_at: publishedAt }).where('id', '=', id).execute();
  await refreshSearch(db, 'document', [id]);
}
