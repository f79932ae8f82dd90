import type { Kysely } from 'kysely';
import { withId } from '../portable.js';

/**
 * Attachments of documents (issue 3): PDF, DOCX, XLSX and images, stored in `files` (ADR 0009) with
 * the text extracted from them for search and personal-data screening. The type is what the
 * content says, never the name. Attachments of a published document are never deleted: a replaced
 * or removed one is kept with its status, so the revision history stays complete.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('document_attachments'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha', 'varchar(64)', (c) => c.notNull())
    .addColumn('page_count', 'integer')
    .addColumn('alt_text', 'varchar(500)')
    .addColumn('extracted_text', 'text')
    .addColumn('extraction_status', 'varchar(10)', (c) => c.notNull())
    .addColumn('extraction_error', 'varchar(500)')
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('replaced_by', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_attachments_doc')
    .on('document_attachments')
    .columns(['document_id', 'status', 'position'])
    .execute();
}
