#!/usr/bin/env node
// 一网通查 at scale (issue 4): loads synthetic documents (bench/search/generate.ts), builds the search
// index with the product's bulk path (the same code as `gongkai reindex`), measures `gongkai import`
// (which indexes each line as it lands), then starts the real server and measures latency over HTTP
// for a mixed query set next to the engine's own time for the same queries in this process.
// Numbers only: nothing is asserted.
//
//   node bench/search.mjs                                  # SQLite, 100,000 documents
//   BENCH_SIZES=100000,1000000 node bench/search.mjs       # both sizes
//   BENCH_DATABASE_URL=postgres://gongkai:gongkai@127.0.0.1:5432/postgres node bench/search.mjs   # + PostgreSQL
//   BENCH_ENGINES=postgres …                               # only one engine
//
// Printed per engine and size: documents loaded/s (bench loader: multi-row INSERTs, not a product
// path), index build docs/s, `gongkai import` docs/s (5,000 more lines, indexed as they land), index
// size, server RSS after the queries, and p50/p95/p99 of HTTP latency and of the engine alone.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BENCH_KEY, BENCH_SECRET, benchConfig, keptPostgres, load, root, withPostgres } from './lib.mjs';

const { prepareDatabase } = await load('src/bootstrap.ts');
const { importDocumentsFile } = await load('src/cli/import.ts');
const { rebuildSearchIndex } = await load('src/platform/search/reindex.ts');
const { search } = await load('src/platform/search/search.service.ts');
const { normaliseDocNumber } = await load('src/modules/documents/doc-number.ts');
const { cliActor } = await load('src/platform/actor.ts');
const { refreshPlannerStatistics } = await load('src/platform/db/index.ts');
const { generateDocuments } = await load('bench/search/generate.ts');
const { sql } = await import('kysely');

const SIZES = (process.env.BENCH_SIZES ?? '100000').split(',').map(Number);
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
const IMPORT_LINES = Number(process.env.BENCH_IMPORT_LINES ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/**
 * BENCH_KEEP=DIR: build the database in DIR/search-N.db (PostgreSQL: gk_bench_keep_N, DATA_DIR in DIR)
 * and keep it; a later run with the same DIR and size reuses it (no load, index build or import) and
 * measures only the queries. Remove them by hand; an interrupted build leaves an incomplete database.
 */
const KEEP = process.env.BENCH_KEEP;

/** The mixed query set: what people type, with filters, sorting and paging. */
function querySet(sample) {
  const docNo = sample.find((d) => d.docNumber)?.docNumber ?? '示规资发〔2021〕12号';
  const m = /^(.+)〔(\d{4})〕(\d+)号$/.exec(docNo);
  const titleWords = sample
    .slice(0, 6)
    .map((d) => d.title.replace(/^关于/, '').slice(0, 8))
    .filter(Boolean);
  return [
    'q=征地',
    'q=测绘',
    'q=规划',
    'q=土地',
    'q=预算',
    'q=矿业权',
    'q=国土空间总体规划',
    'q=建设用地使用权出让',
    'q=不动产登记',
    'q=地质灾害防治',
    'q=耕地保护',
    'q=政府信息公开',
    'q=征地 补偿 公告',
    'q=出让公告 宗地编号',
    'q=2021年部门预算',
    'q=建设工程规划许可证 批后公布',
    'q=規劃許可',
    'q=土地徵收',
    'q=总规',
    'q=卖地',
    'q=拆迁补偿怎么算',
    'q=怎么申请政府信息公开',
    `q=${docNo}`,
    m ? `q=${m[1]}[${m[2]}]${m[3]}号` : 'q=示规资发[2021]12号',
    m ? `q=${m[1]}（${m[2]}）${m[3]}号` : 'q=示规资发（2021）12号',
    m ? `q=${m[1]}${m[2]}${m[3]}号` : 'q=示规资发202112号',
    ...titleWords.map((w) => `q=${w}`),
    'q=征地&column=zdxx',
    'q=规划&year=2023',
    'q=测绘&validity=repealed',
    'q=公告&type=公告&sort=date',
    'q=土地&page=3',
    'q=供应计划&org=1',
    '',
    'column=tdgy',
  ].map((s) =>
    s
      .split('&')
      .map((kv) => {
        const [k, v = ''] = kv.split('=');
        return k ? `${k}=${encodeURIComponent(v)}` : '';
      })
      .join('&'),
  );
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
function stats(list) {
  const s = [...list].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms  p95 ${percentile(s, 95).toFixed(1)} ms  p99 ${percentile(s, 99).toFixed(1)} ms  max ${s.at(-1).toFixed(1)} ms`;
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Bench loader: documents straight into the table in multi-row INSERTs (not a product path). */
async function loadDocuments(db, count) {
  const columns = new Map(
    (await db.selectFrom('doc_columns').select(['id', 'code']).execute()).map((c) => [c.code, c.id]),
  );
  const orgs = await db.selectFrom('orgs').select(['id', 'name', 'short_name']).execute();
  const orgId = (name) => orgs.find((o) => o.name === name || o.short_name === name)?.id ?? orgs[0].id;
  const serials = new Map();
  const batch = [];
  const now = new Date().toISOString();
  const flush = async () => {
    if (!batch.length) return;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < batch.length; i += 250)
        await trx
          .insertInto('documents')
          .values(batch.slice(i, i + 250))
          .execute();
    });
    batch.length = 0;
  };
  const sample = [];
  for (const d of generateDocuments(count, 1)) {
    if (sample.length < 50) sample.push(d);
    const year = Number(d.publishedAt.slice(0, 4));
    const serial = (serials.get(year) ?? 100) + 1;
    serials.set(year, serial);
    batch.push({
      column_id: columns.get(d.column) ?? columns.get('gzdt'),
      status: 'published',
      title: d.title,
      doc_number: d.docNumber,
      doc_number_norm: d.docNumber ? normaliseDocNumber(d.docNumber) : null,
      index_no: serial <= 99_999 ? `123456788/${year}-${String(serial).padStart(5, '0')}` : null,
      publisher_org_id: orgId(d.issuer),
      formed_on: d.publishedAt,
      published_at: `${d.publishedAt}T02:00:00.000Z`,
      validity: d.validity,
      genre: d.genre,
      body: `<p>${d.body.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`,
      external_id: d.externalId,
      created_at: now,
      updated_at: now,
    });
    if (batch.length >= 5_000) await flush();
  }
  await flush();
  // Numbers issued later (the import below) continue after the loaded ones, as the importer would.
  for (const [year, last] of serials) {
    await db.deleteFrom('index_serials').where('prefix', '=', '123456788').where('year', '=', year).execute();
    await db
      .insertInto('index_serials')
      .values({ prefix: '123456788', year, last_serial: Math.min(last, 99_999) })
      .execute();
  }
  return sample;
}

async function indexSize(db, dialect, file) {
  if (dialect === 'postgres') {
    const r =
      await sql`SELECT pg_total_relation_size('search_entries') + pg_total_relation_size('search_keys') AS n`.execute(
        db,
      );
    return Number(r.rows[0].n);
  }
  const r = await sql`SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'search%'`
    .execute(db)
    .catch(() => null);
  return r ? Number(r.rows[0].n) : statSync(file).size;
}

/**
 * Latency over HTTP. `unique` adds a parameter the API ignores (r=…) so that every request misses
 * the page cache (ADR 0011) and runs the search; without it, repeats are answered from the cache.
 */
let serial = 0;
async function http(base, queries, unique) {
  const times = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of queries) {
      const t = performance.now();
      const r = await fetch(`${base}/api/v1/search?${q}${unique ? `&r=${serial++}` : ''}`);
      await r.arrayBuffer();
      times.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`${q}: HTTP ${r.status}`);
    }
  }
  return times;
}

async function engine(db, dialect, queries, rounds = ROUNDS) {
  const times = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) {
      const p = new URLSearchParams(q);
      const t = performance.now();
      await search(db, dialect, {
        q: p.get('q') ?? '',
        filter: {
          ...(p.get('year') ? { year: Number(p.get('year')) } : {}),
          ...(p.get('validity') ? { validity: p.get('validity') } : {}),
          ...(p.get('type') ? { genre: p.get('type') } : {}),
          ...(p.get('org') ? { orgId: Number(p.get('org')) } : {}),
        },
        sort: p.get('sort') ?? (p.get('q') ? 'relevance' : 'date'),
        page: Number(p.get('page') ?? 1),
        size: 10,
      });
      times.push(performance.now() - t);
    }
  }
  return times;
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function build(db, dialect, databaseUrl, dir, label, count) {
  let t = performance.now();
  const sample = await loadDocuments(db, count);
  const loadS = (performance.now() - t) / 1000;
  // As `gongkai import` does after loading: the planner learns the tables' new sizes.
  await refreshPlannerStatistics(db);
  const file = databaseUrl.replace(/^sqlite:/, '');
  t = performance.now();
  const r = await rebuildSearchIndex(db, cliActor(), () => {});
  const indexS = (performance.now() - t) / 1000;
  const size = await indexSize(db, dialect, file);
  // `gongkai import`: more documents through the product's import, each line indexed as it lands.
  const lines = [];
  for (const d of generateDocuments(IMPORT_LINES, 7, count)) {
    lines.push(JSON.stringify({ ...d, indexNo: undefined, issuer: undefined }));
  }
  const jsonl = path.join(dir, `import-${label}.jsonl`);
  writeFileSync(jsonl, `${lines.join('\n')}\n`);
  const origError = console.error;
  console.error = () => {};
  t = performance.now();
  const { summary } = await importDocumentsFile(db, jsonl, { tty: false });
  const importS = (performance.now() - t) / 1000;
  console.error = origError;
  return {
    sample,
    lines: [
      `  load (bench loader)      ${Math.round(count / loadS).toLocaleString('en')} docs/s (${loadS.toFixed(0)} s)`,
      `  index build (reindex)    ${Math.round(r.indexed / indexS).toLocaleString('en')} docs/s (${indexS.toFixed(0)} s)`,
      `  gongkai import           ${Math.round(IMPORT_LINES / importS).toLocaleString('en')} docs/s (${IMPORT_LINES} lines, created ${summary.created}, failed ${summary.failed})`,
      `  index size               ${(size / 1024 / 1024).toFixed(0)} MB`,
    ],
  };
}

async function run(label, databaseUrl, dir, count, reuse = false) {
  const config = benchConfig(databaseUrl, dir);
  const { handle } = await prepareDatabase(config, { seed: true, demoDocuments: false });
  const { db, dialect } = handle;
  const built = reuse
    ? {
        sample: [...generateDocuments(50, 1)],
        lines: ['  (database reused from BENCH_KEEP: no load, build or import)'],
      }
    : await build(db, dialect, databaseUrl, dir, label, count);
  const { sample } = built;
  const queries = querySet(sample);
  // Engine alone, in this process: nothing is kept between queries here (this handle has no content
  // version, so counts and facets are computed every time, unlike in the server).
  const coldTimes = await engine(db, dialect, queries, 1);
  const engineTimes = await engine(db, dialect, queries);
  await handle.destroy();

  const port = await freePort();
  const server = spawn(process.execPath, [path.join(root, 'bin/gongkai.js'), 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SESSION_SECRET: BENCH_SECRET,
      DATA_KEY: BENCH_KEY,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      BASE_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {}
      await new Promise((res) => setTimeout(res, 100));
    }
    await http(base, queries, true); // warm-up (first use of jieba, statements, caches)
    const httpTimes = await http(base, queries, true);
    const cachedTimes = await http(base, queries, false);
    const mem = rssOf(server.pid);
    console.log(`\n== ${label}, ${count.toLocaleString('en')} documents`);
    for (const line of built.lines) console.log(line);
    console.log(`  server RSS after queries ${mem.rss.toFixed(0)} MB (peak ${mem.peak.toFixed(0)} MB)`);
    console.log(
      `  HTTP, page cache missed (${httpTimes.length} requests: ${queries.length} queries × ${ROUNDS}) ${stats(httpTimes)}`,
    );
    console.log(`  HTTP, repeated URLs (page cache)      ${stats(cachedTimes)}`);
    console.log(`  engine alone, first run of each query ${stats(coldTimes)}`);
    console.log(`  engine alone, ${ROUNDS} more rounds         ${stats(engineTimes)}`);
    if (process.env.VERBOSE === '1') {
      for (let i = 0; i < queries.length; i++) {
        const per = engineTimes.filter((_, j) => j % queries.length === i);
        const overHttp = httpTimes.filter((_, j) => j % queries.length === i);
        console.log(
          `    ${decodeURIComponent(queries[i]).padEnd(36)} engine: cold ${coldTimes[i].toFixed(1)} ms, then max ${Math.max(...per).toFixed(1)} ms; HTTP max ${Math.max(...overHttp).toFixed(1)} ms`,
        );
      }
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((res) => server.once('exit', res));
  }
}

for (const count of SIZES) {
  if (ENGINES.includes('sqlite') && KEEP) {
    mkdirSync(KEEP, { recursive: true });
    const file = path.join(KEEP, `search-${count}.db`);
    await run('SQLite', `sqlite:${file}`, KEEP, count, existsSync(file));
  } else if (ENGINES.includes('sqlite')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-search-'));
    try {
      await run('SQLite', `sqlite:${path.join(dir, 'search.db')}`, dir, count);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const admin = process.env.BENCH_DATABASE_URL;
  if (admin && ENGINES.includes('postgres') && KEEP) {
    mkdirSync(KEEP, { recursive: true });
    const kept = keptPostgres(admin, String(count));
    await run('PostgreSQL', kept.url, KEEP, count, kept.existed);
  } else if (admin && ENGINES.includes('postgres')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-search-'));
    try {
      await withPostgres(admin, (dbUrl) => run('PostgreSQL', dbUrl, dir, count));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
