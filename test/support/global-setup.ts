import pg from 'pg';

/** Fail fast, with a clear message, when TEST_DATABASE_URL is set but PostgreSQL is unreachable. */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log('[gongkai] TEST_DATABASE_URL not set: tests run on SQLite only');
    return;
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (e) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is unreachable: ${(e as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
  console.log('[gongkai] tests run on SQLite and PostgreSQL');
}
