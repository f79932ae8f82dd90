import { type Kysely, sql } from 'kysely';
import { DEFAULT_SYNONYMS } from '../../search/synonyms.js';
import { isPostgres, withId } from '../portable.js';
import type { Database } from '../schema.js';

/**
 * 一网通查 (issue 4; ADR 0012): one search index for every module's public content.
 * - search_entries: one row per indexed item (kind + ref_id), with what results, filters, facets and
 *   ranking need, so a search never reads the modules' tables for its result list.
 * - search_keys: exact identifiers (文号 in canonical and bracketless form, 索引号 and its 后段码).
 * - search_synonyms: the admin-edited domain dictionary, applied at query time.
 * - the inverted index over pre-analysed tokens (platform/search/analyse.ts): on SQLite an FTS5 table
 *   without stored content (contentless, deletable), on PostgreSQL a tsvector column with a GIN index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await withId(db, s.createTable('search_entries'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('title_fold', 'varchar(300)', (c) => c.notNull())
    .addColumn('doc_number', 'varchar(100)')
    .addColumn('index_no', 'varchar(40)')
    .addColumn('external_id', 'varchar(100)')
    .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('pub_day', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('column_id', 'integer')
    .addColumn('org_id', 'integer')
    .addColumn('validity', 'varchar(10)', (c) => c.notNull())
    .addColumn('genre', 'varchar(50)')
    .addColumn('url', 'varchar(300)', (c) => c.notNull())
    .execute();
  await s
    .createIndex('search_entries_ref')
    .on('search_entries')
    .columns(['kind', 'ref_id'])
    .unique()
    .execute();
  await s
    .createIndex('search_entries_published')
    .on('search_entries')
    .columns(['published_at', 'id'])
    .execute();

  await s
    .createTable('search_keys')
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .addColumn('key', 'varchar(120)', (c) => c.notNull())
    .execute();
  await s.createIndex('search_keys_key').on('search_keys').column('key').execute();
  await s.createIndex('search_keys_entry').on('search_keys').column('entry_id').execute();

  await withId(db, s.createTable('search_synonyms'))
    .addColumn('terms', 'varchar(500)', (c) => c.notNull())
    .addColumn('note', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('is_sample', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  const at = new Date().toISOString();
  await (db as Kysely<Database>)
    .insertInto('search_synonyms')
    .values(
      DEFAULT_SYNONYMS.map((g) => ({
        terms: g.terms,
        note: g.note,
        is_sample: 0,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();

  if (isPostgres(db)) {
    await sql`ALTER TABLE search_entries ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector`.execute(db);
    await sql`CREATE INDEX search_entries_tsv ON search_entries USING gin (tsv)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, number, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(
      db,
    );
  }
}
