#!/usr/bin/env node
// Search quality on the judged query set (issue 4): nDCG@10 and recall@10 of 一网通查 and of a naive
// LIKE '%q%' baseline, per query kind, on SQLite and (with BENCH_DATABASE_URL) PostgreSQL.
//
//   node bench/search-quality.mjs                 # SQLite (temp DATA_DIR)
//   BENCH_DATABASE_URL=postgres://gongkai:gongkai@127.0.0.1:5432/postgres node bench/search-quality.mjs
//   VERBOSE=1 …                                   # every query with its top 10
//
// The corpus (bench/search-quality/corpus.jsonl) is imported with the real importer into a fresh
// database with the default synonym dictionary; queries.json holds graded judgments (3 exact, 2
// highly relevant, 1 partially; unlisted = 0). Gain 2^grade − 1, discount log2(rank + 1); recall@10
// = relevant found in the top 10 / min(10, relevant). Numbers only: nothing is asserted.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchConfig, load, root, withPostgres } from './lib.mjs';

const { prepareDatabase } = await load('src/bootstrap.ts');
const { importDocumentsFile } = await load('src/cli/import.ts');
const { search } = await load('src/platform/search/search.service.ts');
const { sql } = await import('kysely');

const dataDir = path.join(root, 'bench/search-quality');
const queries = JSON.parse(readFileSync(path.join(dataDir, 'queries.json'), 'utf8'));
const VERBOSE = process.env.VERBOSE === '1';
const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-quality-'));

/** The corpus with an 索引号 for lines whose issuer (a division) has no 索引号 prefix of its own. */
function corpusFile() {
  const lines = readFileSync(path.join(dataDir, 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean);
  const out = lines.map((l, i) => {
    const o = JSON.parse(l);
    if (!o.indexNo)
      o.indexNo = `123456788/${o.publishedAt.slice(0, 4)}-${String(90_000 + i).padStart(5, '0')}`;
    return JSON.stringify(o);
  });
  const file = path.join(dir, 'corpus.jsonl');
  writeFileSync(file, `${out.join('\n')}\n`);
  return { file, count: lines.length };
}

function dcg(grades) {
  return grades.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
}

function score(ranked, judgments) {
  const top = ranked.slice(0, 10);
  const ideal = Object.values(judgments)
    .sort((a, b) => b - a)
    .slice(0, 10);
  const ndcg = ideal.length ? dcg(top.map((id) => judgments[id] ?? 0)) / dcg(ideal) : 0;
  const relevant = Object.keys(judgments).filter((id) => judgments[id] >= 1);
  const found = top.filter((id) => (judgments[id] ?? 0) >= 1).length;
  const recall = relevant.length ? found / Math.min(10, relevant.length) : 0;
  return { ndcg, recall };
}

/** The naive baseline: title, 文号 or body contains the raw query; newest first. */
async function baseline(db, q) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await sql`SELECT external_id FROM documents WHERE status = 'published'
      AND (title LIKE ${pattern} ESCAPE '\\' OR doc_number LIKE ${pattern} ESCAPE '\\' OR body LIKE ${pattern} ESCAPE '\\')
      ORDER BY published_at DESC, id DESC LIMIT 10`.execute(db);
  return rows.rows.map((r) => r.external_id);
}

async function ours(db, dialect, q) {
  const r = await search(db, dialect, { q, filter: {}, sort: 'relevance', page: 1, size: 10 });
  return r.hits.map((h) => h.externalId);
}

function summarise(label, rows) {
  const kinds = [...new Set(rows.map((r) => r.kind))];
  const mean = (list, k) => list.reduce((s, r) => s + r[k], 0) / Math.max(1, list.length);
  const line = (name, list) =>
    `  ${name.padEnd(12)} ${String(list.length).padStart(3)}  nDCG@10 ${mean(list, 'ndcg').toFixed(3)}  recall@10 ${mean(list, 'recall').toFixed(3)}`;
  console.log(`${label}`);
  console.log(line('all', rows));
  for (const k of kinds)
    console.log(
      line(
        k,
        rows.filter((r) => r.kind === k),
      ),
    );
  return { ndcg: mean(rows, 'ndcg'), recall: mean(rows, 'recall') };
}

async function measure(label, databaseUrl) {
  const config = benchConfig(databaseUrl, dir);
  const { handle } = await prepareDatabase(config, { seed: true, demoDocuments: false });
  const origError = console.error;
  console.error = () => {};
  try {
    const { file, count } = corpusFile();
    const { summary } = await importDocumentsFile(handle.db, file, { tty: false });
    console.error = origError;
    if (summary.failed) console.log(`${label}: ${summary.failed} of ${count} corpus lines failed to import`);
    const dialect = handle.dialect;
    const rowsOurs = [];
    const rowsBase = [];
    for (const item of queries) {
      const a = await ours(handle.db, dialect, item.q);
      const b = await baseline(handle.db, item.q);
      rowsOurs.push({ kind: item.kind, ...score(a, item.judgments) });
      rowsBase.push({ kind: item.kind, ...score(b, item.judgments) });
      if (VERBOSE) {
        const s = score(a, item.judgments);
        console.log(
          `${item.q.padEnd(24)} ${s.ndcg.toFixed(2)} ${s.recall.toFixed(2)}  ${a.map((id) => `${id}(${item.judgments[id] ?? 0})`).join(' ')}`,
        );
      }
    }
    console.log(`\n== ${label}: ${count} documents, ${queries.length} judged queries`);
    const o = summarise('一网通查', rowsOurs);
    const b = summarise("baseline LIKE '%q%', newest first", rowsBase);
    return { o, b };
  } finally {
    console.error = origError;
    await handle.destroy();
  }
}

const results = {};
results.sqlite = await measure('SQLite', `sqlite:${path.join(dir, 'quality.db')}`);
const admin = process.env.BENCH_DATABASE_URL;
if (admin) {
  results.postgres = await withPostgres(admin, (dbUrl) => measure('PostgreSQL', dbUrl));
  const d = Math.abs(results.sqlite.o.ndcg - results.postgres.o.ndcg);
  console.log(`\nnDCG@10 difference SQLite vs PostgreSQL: ${d.toFixed(3)} (goal ≤ 0.05)`);
}
rmSync(dir, { recursive: true, force: true });
