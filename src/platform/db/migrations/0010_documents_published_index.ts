import type { Kysely } from 'kysely';

/**
 * The catalogue's newest-first pages (/xxgk, the API's cursor pages, feeds) without a sort: an index
 * on (published_at, id) is walked backwards and stops after one page, where the status index made
 * the database read every public document and sort them (measured: a temp B-tree per page view).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('documents_published')
    .on('documents')
    .columns(['published_at', 'id'])
    .execute();
}
