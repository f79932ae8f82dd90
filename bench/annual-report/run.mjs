#!/usr/bin/env node
// The annual report at scale: numbers only, nothing is asserted.
//
//   node bench/annual-report/run.mjs              # SQLite (temp DATA_DIR)
//   BENCH_DATABASE_URL=postgres://user:pw@127.0.0.1:5432/postgres node bench/annual-report/run.mjs
//
// Generates BENCH_APPLICATIONS (default 100,000) applications over two years (2024–2025) with every
// applicant type and result type, receipt days spread over the years, some still open at each year
// end, plus 2,000 reconsideration and litigation cases; then times computing every table of the 2025
// report (sections 二, 三, 四; five runs, best and median), the check, rendering the DOCX, and the
// staff dashboard of 2025.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchConfig, load, withPostgres } from '../lib.mjs';

const N = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
const { prepareDatabase } = await load('src/bootstrap.ts');
const { computeReport } = await load('src/modules/annual-reports/report.compute.ts');
const { checkReport } = await load('src/modules/annual-reports/report.check.ts');
const { reportDocx } = await load('src/modules/annual-reports/report.docx.ts');
const { APPLICANT_TYPES, REPLY_TYPES } = await load('src/modules/applications/index.ts');
const { dashboardStats } = await load('src/modules/annual-reports/stats.service.ts');
const { loadCalendar } = await load('src/modules/calendar/index.ts');

const day = (start, offset) =>
  new Date(Date.parse(`${start}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

async function generate(db) {
  const at = '2024-01-01T00:00:00.000Z';
  const batch = [];
  const flush = async () => {
    if (batch.length) await db.insertInto('applications').values(batch.splice(0)).execute();
  };
  for (let i = 0; i < N; i++) {
    const received = day('2024-01-01', i % 730);
    const open = i % 37 === 0;
    const closed = open ? null : day(received, 5 + (i % 40));
    batch.push({
      tracking_code: `B${String(i).padStart(12, '0')}`,
      password_hash: 'x',
      status: open ? 'assigned' : 'replied',
      channel: 'online',
      applicant_type: APPLICANT_TYPES[i % 7 === 0 ? 1 + (i % 5) : 0],
      applicant_label: '测**',
      applicant_key: `k${i % 5000}`,
      personal_sealed: 'x',
      subject: '基准测试申请',
      form_wanted: 'paper',
      delivery: 'post',
      submitted_at: at,
      received_on: received,
      due_on: day(received, 28),
      reply_type: open ? null : REPLY_TYPES[i % REPLY_TYPES.length],
      replied_on: closed,
      closed_on: closed,
      created_at: at,
      updated_at: at,
    });
    if (batch.length === 500) await flush();
  }
  await flush();
  const kinds = ['reconsideration', 'litigation_direct', 'litigation_after'];
  const cases = [];
  for (let i = 0; i < 2000; i++)
    cases.push({
      kind: kinds[i % 3],
      case_no: `B案${i}`,
      body: '某机关',
      filed_on: day('2024-01-01', i % 730),
      decision: i % 4 === 0 ? null : 'x',
      decided_on: i % 4 === 0 ? null : day('2024-01-01', (i % 730) + 60),
      created_at: at,
      updated_at: at,
    });
  for (let i = 0; i < cases.length; i += 500)
    await db
      .insertInto('application_cases')
      .values(
        cases.slice(i, i + 500).map((c) => ({
          ...c,
          decision:
            c.kind === 'reconsideration'
              ? c.decision
                ? 'rec_uphold'
                : null
              : c.decision
                ? 'lit_reject_claims'
                : null,
        })),
      )
      .execute();
}

async function measure(label, databaseUrl, dir) {
  const config = benchConfig(databaseUrl, dir);
  const { handle } = await prepareDatabase(config, { seed: true, demoDocuments: false });
  try {
    let t = performance.now();
    await generate(handle.db);
    console.log(
      `${label.padEnd(10)} generated ${N.toLocaleString('en')} applications in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const runs = [];
    let report;
    for (let r = 0; r < 5; r++) {
      t = performance.now();
      report = (await computeReport(handle.db, 2025, '基准测试局', { penalty: 0, coercion: 0, charges: 0 }))
        .report;
      runs.push(performance.now() - t);
    }
    runs.sort((a, b) => a - b);
    t = performance.now();
    const check = checkReport(report);
    const checkMs = performance.now() - t;
    t = performance.now();
    const docx = await reportDocx({
      ...report,
      texts: { overview: '总体情况。', problems: '问题。', other: '其他。' },
    });
    const docxMs = performance.now() - t;
    const cal = await loadCalendar(handle.db, config.calendarRegion);
    t = performance.now();
    await dashboardStats(handle.db, cal, { from: '2025-01-01', to: '2025-12-31', today: '2026-01-15' });
    const statsMs = performance.now() - t;
    console.log(`${label.padEnd(10)} staff dashboard for 2025: ${statsMs.toFixed(0)} ms`);
    const three = report.three;
    console.log(
      `${label.padEnd(10)} compute all tables: best ${runs[0].toFixed(0)} ms, median ${runs[2].toFixed(0)} ms (5 runs); check ${checkMs.toFixed(1)} ms (${check.violations.length} findings); DOCX ${docxMs.toFixed(0)} ms (${Math.round(docx.length / 1024)} KB)`,
    );
    console.log(
      `${label.padEnd(10)} 2025: new ${three['1'].total}, carried over ${three['2'].total}, results ${three['3.7'].total}, carried forward ${three['4'].total}; 四 复议 ${report.four.reconsideration.总计}`,
    );
  } finally {
    await handle.destroy();
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-report-'));
try {
  await measure('sqlite', `sqlite:${path.join(dir, 'bench.db')}`, dir);
  if (process.env.BENCH_DATABASE_URL)
    await withPostgres(process.env.BENCH_DATABASE_URL, (url) => measure('postgres', url, dir));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
