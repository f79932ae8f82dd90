// Create or drop a throw-away PostgreSQL database for the benchmarks (uses the project's own pg).
//   node bench/pgdb.mjs create <admin-url>        prints the new database's URL
//   node bench/pgdb.mjs drop <admin-url> <db-url>
//   node bench/pgdb.mjs keep <admin-url> <label>  gk_bench_keep_<label>, created when missing: prints
//                                                 its URL and “new” or “existing” (never dropped here)
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const [cmd, admin, target] = process.argv.slice(2);
if (!admin || !['create', 'drop', 'keep'].includes(cmd ?? '')) {
  console.error(
    'usage: node bench/pgdb.mjs create <admin-url> | drop <admin-url> <db-url> | keep <admin-url> <label>',
  );
  process.exit(2);
}

const client = new pg.Client({ connectionString: admin });
await client.connect();
try {
  if (cmd === 'create') {
    const name = `gk_bench_${randomBytes(4).toString('hex')}`;
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    console.log(url.toString());
  } else if (cmd === 'keep') {
    if (!/^[0-9a-z]{1,20}$/.test(target ?? '')) throw new Error('keep: the label is 1–20 of [0-9a-z]');
    const name = `gk_bench_keep_${target}`;
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    console.log(`${url.toString()} ${found.rowCount ? 'existing' : 'new'}`);
  } else {
    const name = new URL(target).pathname.slice(1);
    if (!/^gk_bench_[0-9a-f]{8}$/.test(name))
      throw new Error(`refusing to drop ${name}: not a bench database`);
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
} finally {
  await client.end();
}
