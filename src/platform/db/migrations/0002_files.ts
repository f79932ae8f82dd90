import type { Kysely } from 'kysely';
import { binaryType, withId } from '../portable.js';

/** Uploaded files live in the database, so every node behind a load balancer serves the same bytes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('files'))
    .addColumn('sha', 'varchar(64)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('visibility', 'varchar(10)', (c) => c.notNull())
    .addColumn('data', binaryType(db), (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}
