import type { Kysely } from 'kysely';
import { withId } from '../portable.js';

/**
 * Issue 3, admin side: columns (栏目) can be hidden (they leave the portal and the API but keep their
 * documents), and the 政府信息公开指南 (条例第十二条) is kept as numbered versions: every save adds a
 * row, the newest is shown, and its date is the guide's public 更新日期.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('doc_columns')
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db, db.schema.createTable('disclosure_guide_versions'))
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('is_sample', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}
