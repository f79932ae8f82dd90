import { compiledRead } from '../../platform/db/compiled.js';
import { type Executor, like } from '../../platform/db/index.js';
import type { DocumentAttachment, DocumentAttachmentTable } from '../../platform/db/schema.js';

type NewAttachment = Omit<DocumentAttachmentTable, 'id'>;

/** Columns for lists: everything but the extracted text, which can be long. */
const LIST_COLUMNS = [
  'id',
  'document_id',
  'file_id',
  'name',
  'position',
  'kind',
  'mime',
  'size',
  'sha',
  'page_count',
  'alt_text',
  'extraction_status',
  'extraction_error',
  'status',
  'replaced_by',
  'created_by',
  'created_at',
  'updated_at',
] as const;

export async function insertAttachment(db: Executor, a: NewAttachment): Promise<number> {
  const r = await db.insertInto('document_attachments').values(a).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findAttachment(db: Executor, id: number): Promise<DocumentAttachment | undefined> {
  return db.selectFrom('document_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The attachments a document shows now, in order, with their extracted text. */
export async function activeAttachments(db: Executor, documentId: number): Promise<DocumentAttachment[]> {
  return db
    .selectFrom('document_attachments')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('status', '=', 'active')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Replaced and removed attachments of a document (kept for the record), newest first. */
export async function retiredAttachments(db: Executor, documentId: number) {
  return db
    .selectFrom('document_attachments')
    .select(LIST_COLUMNS)
    .where('document_id', '=', documentId)
    .where('status', '!=', 'active')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** What the public sees of a published document's attachments: no text, no retired files. */
export const publicAttachments = compiledRead(
  (db, documentId: number) =>
    db
      .selectFrom('document_attachments')
      .innerJoin('documents', 'documents.id', 'document_attachments.document_id')
      .select([
        'document_attachments.id',
        'document_attachments.document_id',
        'document_attachments.name',
        'document_attachments.kind',
        'document_attachments.mime',
        'document_attachments.size',
        'document_attachments.sha',
        'document_attachments.page_count',
        'document_attachments.alt_text',
      ])
      .where('document_attachments.document_id', '=', documentId)
      .where('document_attachments.status', '=', 'active')
      .where('documents.status', '=', 'published')
      .orderBy('document_attachments.position')
      .orderBy('document_attachments.id'),
  [-1] as const,
);
export type PublicAttachmentRow = Awaited<ReturnType<typeof publicAttachments>>[number];

/** One attachment with its bytes, only if its document is published and it is still shown. */
export async function publicAttachmentFile(db: Executor, documentId: number, attachmentId: number) {
  return db
    .selectFrom('document_attachments')
    .innerJoin('documents', 'documents.id', 'document_attachments.document_id')
    .innerJoin('files', 'files.id', 'document_attachments.file_id')
    .select([
      'document_attachments.name',
      'document_attachments.mime',
      'files.sha',
      'files.size',
      'files.data',
    ])
    .where('document_attachments.id', '=', attachmentId)
    .where('document_attachments.document_id', '=', documentId)
    .where('document_attachments.status', '=', 'active')
    .where('documents.status', '=', 'published')
    .executeTakeFirst();
}

export async function updateAttachment(
  db: Executor,
  id: number,
  set: Partial<Pick<NewAttachment, 'position' | 'status' | 'replaced_by' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('document_attachments').set(set).where('id', '=', id).execute();
}

export async function deleteAttachment(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('document_attachments').where('id', '=', id).execute();
}

/** Every attachment of a draft being discarded, with its file (both go). */
export async function attachmentFileIds(db: Executor, documentId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('document_attachments')
    .select('file_id')
    .where('document_id', '=', documentId)
    .execute();
  return rows.map((r) => r.file_id);
}

export async function deleteAttachmentsOf(db: Executor, documentId: number): Promise<void> {
  await db.deleteFrom('document_attachments').where('document_id', '=', documentId).execute();
}

/**
 * Published documents whose current attachments contain the text (name, extracted text or image
 * description): for site search. Plain substring match, like the notices search, until issue 4.
 */
export async function searchPublicAttachments(db: Executor, text: string, limit: number) {
  return db
    .selectFrom('document_attachments')
    .innerJoin('documents', 'documents.id', 'document_attachments.document_id')
    .select([
      'documents.id as document_id',
      'documents.title',
      'document_attachments.id as attachment_id',
      'document_attachments.name',
    ])
    .where('documents.status', '=', 'published')
    .where('document_attachments.status', '=', 'active')
    .where((eb) =>
      eb.or([
        like('document_attachments.name', text),
        like('document_attachments.extracted_text', text),
        like('document_attachments.alt_text', text),
      ]),
    )
    .orderBy('documents.published_at', 'desc')
    .orderBy('document_attachments.position')
    .limit(limit)
    .execute();
}
