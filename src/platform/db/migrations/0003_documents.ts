import type { Kysely } from 'kysely';
import { withId } from '../portable.js';

/**
 * The proactive-disclosure catalogue (issue 3): columns (栏目), documents with their catalogue
 * metadata (the 索引号 prefix is the publisher's orgs.org_code), workflow events, revisions, policy ↔ interpretation links and 索引号 serials.
 * Documents are never deleted once published (条例; seed 四.1): there is no ON DELETE anywhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;

  await withId(db, s.createTable('doc_columns'))
    .addColumn('parent_id', 'integer', (c) => c.references('doc_columns.id'))
    .addColumn('code', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('basis', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('extra_fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('needs_interpretation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s.createIndex('doc_columns_parent').on('doc_columns').column('parent_id').execute();

  await withId(db, s.createTable('documents'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('doc_columns.id'))
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('doc_number', 'varchar(100)')
    .addColumn('doc_number_norm', 'varchar(100)')
    .addColumn('index_no', 'varchar(40)', (c) => c.unique())
    .addColumn('publisher_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('joint_issuers', 'varchar(300)')
    .addColumn('owner_org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('written_on', 'varchar(10)')
    .addColumn('formed_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('effective_on', 'varchar(10)')
    .addColumn('published_at', 'varchar(32)')
    .addColumn('scheduled_at', 'varchar(32)')
    .addColumn('topic', 'varchar(100)')
    .addColumn('genre', 'varchar(50)')
    .addColumn('keywords', 'varchar(300)')
    .addColumn('summary', 'varchar(1200)')
    .addColumn('disclosure_mode', 'varchar(20)', (c) => c.notNull().defaultTo('主动公开'))
    .addColumn('validity', 'varchar(10)', (c) => c.notNull().defaultTo('valid'))
    .addColumn('validity_changed_on', 'varchar(10)')
    .addColumn('validity_reason', 'varchar(500)')
    .addColumn('successor_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('contact_name', 'varchar(50)')
    .addColumn('contact_phone', 'varchar(50)')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('extra', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('interpretation_exempt_reason', 'varchar(500)')
    .addColumn('withdrawn_reason', 'varchar(500)')
    .addColumn('external_id', 'varchar(100)', (c) => c.unique())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_sample', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s
    .createIndex('documents_column_pub')
    .on('documents')
    .columns(['column_id', 'status', 'published_at'])
    .execute();
  await s.createIndex('documents_status_sched').on('documents').columns(['status', 'scheduled_at']).execute();
  await s.createIndex('documents_doc_number').on('documents').column('doc_number_norm').execute();

  // The workflow's timeline: every transition with who, when and why (DESIGN convention 9).
  await withId(db, s.createTable('document_events'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('from_status', 'varchar(12)')
    .addColumn('to_status', 'varchar(12)', (c) => c.notNull())
    .addColumn('action', 'varchar(40)', (c) => c.notNull())
    .addColumn('reason', 'varchar(1000)')
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s.createIndex('document_events_doc').on('document_events').columns(['document_id', 'id']).execute();

  // Each published version, so history stays visible after corrections.
  await withId(db, s.createTable('document_revisions'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('correction_note', 'varchar(1000)')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('document_revisions_version', ['document_id', 'version'])
    .execute();

  await s
    .createTable('document_interpretations')
    .addColumn('policy_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('interpretation_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_interpretations_pk', ['policy_id', 'interpretation_id'])
    .execute();

  // One counter per 索引号 prefix and year: serials are handed out once and never reused.
  await s
    .createTable('index_serials')
    .addColumn('prefix', 'varchar(20)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('index_serials_pk', ['prefix', 'year'])
    .execute();
}
