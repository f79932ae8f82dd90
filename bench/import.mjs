#!/usr/bin/env node
// `gongkai import documents` throughput: numbers only, nothing is asserted.
//
//   node bench/import.mjs            # SQLite (temp DATA_DIR)
//   BENCH_DATABASE_URL=postgres://user:pw@127.0.0.1:5432/postgres node bench/import.mjs   # + PostgreSQL
//
// Generates BENCH_LINES (default 10,000) JSONL lines across the catalogue's columns (every 50th to an
// unknown column, so 其他 gets children), loads the demo organisations into a fresh database, then
// times three runs of the same code path as the CLI: the first import (all created), a second one
// (all unchanged) and a third with every 10th line edited (revisions). Prints docs/s for each.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { loadConfig } = await import(path.join(root, 'src/config.ts'));
const { prepareDatabase } = await import(path.join(root, 'src/bootstrap.ts'));
const { importDocumentsFile } = await import(path.join(root, 'src/cli/import.ts'));

const LINES = Number(process.env.BENCH_LINES ?? 10_000);
const COLUMNS = ['gzdt', 'tzgg', '土地供应/出让公告', 'crgg', '供应计划', 'zfcg', '预算', 'xzfyjds'];
const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-import-'));

function generate(file, edited) {
  const out = [];
  for (let i = 1; i <= LINES; i++) {
    const year = 2015 + (i % 10);
    out.push(
      JSON.stringify({
        externalId: `bench-${i}`,
        title: `示例历史文件第 ${i} 号${edited && i % 10 === 0 ? '（更正）' : ''}`,
        column: i % 50 === 0 ? `历史栏目${i % 7}` : COLUMNS[i % COLUMNS.length],
        publishedAt: `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        docNumber: `示规资发〔${year}〕${i}号`,
        ...(i % 3 === 0 ? { indexNo: `123456788/${year}-${String(50_000 + i).padStart(5, '0')}` } : {}),
        category: '国土资源',
        summary: '示例内容概述。',
        body: `<p>${'这是一段示例正文，用于衡量导入速度。'.repeat(20)}</p>`,
      }),
    );
  }
  writeFileSync(file, `${out.join('\n')}\n`);
}

async function measure(label, databaseUrl) {
  const config = loadConfig(
    {
      DATABASE_URL: databaseUrl,
      DATA_DIR: dir,
      SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      DATA_KEY: '00112233445566778899aabbccddeeff',
      LOG_LEVEL: 'silent',
    },
    { persistSecrets: false },
  );
  const { handle } = await prepareDatabase(config, { seed: true, demoDocuments: false });
  const origError = console.error;
  console.error = () => {}; // progress lines
  try {
    for (const [run, file] of [
      ['first import (created)', path.join(dir, 'a.jsonl')],
      ['same file again (unchanged)', path.join(dir, 'a.jsonl')],
      ['every 10th line edited (revisions)', path.join(dir, 'b.jsonl')],
    ]) {
      const started = performance.now();
      const { summary } = await importDocumentsFile(handle.db, file, { tty: false });
      const s = (performance.now() - started) / 1000;
      console.log(
        `${label.padEnd(10)} ${run.padEnd(36)} ${String(LINES).padStart(6)} lines in ${s.toFixed(1).padStart(6)} s = ${Math.round(
          LINES / s,
        )
          .toString()
          .padStart(
            5,
          )} docs/s  (created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}, failed ${summary.failed})`,
      );
    }
  } finally {
    console.error = origError;
    await handle.destroy();
  }
}

generate(path.join(dir, 'a.jsonl'), false);
generate(path.join(dir, 'b.jsonl'), true);
try {
  await measure('SQLite', `sqlite:${path.join(dir, 'bench.db')}`);
  const admin = process.env.BENCH_DATABASE_URL;
  if (admin) {
    const pgdb = path.join(root, 'bench/pgdb.mjs');
    const url = execFileSync(process.execPath, [pgdb, 'create', admin], { encoding: 'utf8' }).trim();
    try {
      await measure('PostgreSQL', url);
    } finally {
      execFileSync(process.execPath, [pgdb, 'drop', admin, url]);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
