import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/** The one place that knows how the dialects differ in DDL. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-incrementing integer primary key named id. */
export function withId<T extends string>(db: Kysely<unknown>, tb: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? tb.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : tb.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Raw bytes: bytea on PostgreSQL, blob on SQLite. */
export function binaryType(db: Kysely<unknown>) {
  return isPostgres(db) ? ('bytea' as const) : ('blob' as const);
}

/** Make a table append-only at the database level (the audit trail). */
export async function forbidUpdateDelete(db: Kysely<unknown>, table: string): Promise<void> {
  if (isPostgres(db)) {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION gk_append_only() RETURNS trigger AS $$
         BEGIN RAISE EXCEPTION 'append-only table %', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION gk_append_only()`)
      .execute(db);
    return;
  }
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
        BEGIN SELECT RAISE(ABORT, 'append-only table ${table}'); END`)
      .execute(db);
  }
}
