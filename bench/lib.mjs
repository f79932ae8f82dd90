// What the Node benchmarks share: TypeScript sources through tsx, the project root, a silent
// configuration for a throw-away database, and throw-away PostgreSQL databases (bench/pgdb.mjs).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Import a module of the project by its path from the root (e.g. 'src/bootstrap.ts'). */
export const load = (relative) => import(path.join(root, relative));

export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
export const BENCH_KEY = '00112233445566778899aabbccddeeff';

const { loadConfig } = await load('src/config.ts');

/** The configuration of a bench run: its own database and DATA_DIR, fixed secrets, no logging. */
export function benchConfig(databaseUrl, dataDir) {
  return loadConfig(
    {
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      SESSION_SECRET: BENCH_SECRET,
      DATA_KEY: BENCH_KEY,
      LOG_LEVEL: 'silent',
    },
    { persistSecrets: false },
  );
}

/** Run `fn(url)` on a fresh PostgreSQL database created through `admin`, dropped afterwards. */
export async function withPostgres(admin, fn) {
  const pgdb = path.join(root, 'bench/pgdb.mjs');
  const url = execFileSync(process.execPath, [pgdb, 'create', admin], { encoding: 'utf8' }).trim();
  try {
    return await fn(url);
  } finally {
    execFileSync(process.execPath, [pgdb, 'drop', admin, url], { stdio: 'inherit' });
  }
}

/**
 * A PostgreSQL database kept between runs (BENCH_KEEP): gk_bench_keep_<label>, created when missing.
 * Returns its URL and whether it existed. Drop it by hand when done.
 */
export function keptPostgres(admin, label) {
  const pgdb = path.join(root, 'bench/pgdb.mjs');
  const [url, state] = execFileSync(process.execPath, [pgdb, 'keep', admin, label], { encoding: 'utf8' })
    .trim()
    .split(' ');
  return { url, existed: state === 'existing' };
}
