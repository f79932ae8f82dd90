import type { Actor } from '../../platform/actor.js';
import { type Db, type Executor, inTransaction } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { todayCst } from '../../platform/time.js';
import { importActor, importDocument } from '../documents/index.js';
import { checkReport } from './report.check.js';
import type { AnnualReportData } from './report.format.js';
import { parseReportJson } from './report.json.js';
import * as repo from './report.repository.js';
import { assertCan, event, P, previousPublished, reportState, validYear } from './report.service.js';

/** Publishing a reviewed report, and importing the reports of years before the platform (issue 6). */

/**
 * Publish a reviewed report: refused while a check finding has no explanation. The report is frozen
 * (later edits of the records do not change it) and listed in the 年度报告 column of the catalogue.
 */
export async function publishReport(db: Db, actor: Actor, year: number, today = todayCst()): Promise<void> {
  assertCan(actor, P.review, '审核发布年度报告');
  const state = await reportState(db, year);
  if (!state) throw new AppError('NOT_FOUND', { message: `${year} 年度报告尚未编制` });
  if (state.row.status !== 'review') throw new AppError('CONFLICT', { message: '只有待审核的报告可以发布' });
  if (state.unexplained.length)
    throw new AppError('CONFLICT', {
      message: `核对发现 ${state.unexplained.length} 处问题尚未说明，不能发布：${state.unexplained
        .slice(0, 3)
        .map((v) => v.message)
        .join('；')}${state.unexplained.length > 3 ? '……' : ''}`,
    });
  const published = { ...state.data, year };
  await inTransaction(db, async (trx) => {
    if (
      !(await repo.updateReport(trx, state.row.id, 'review', {
        status: 'published',
        published: JSON.stringify(published),
        published_on: today,
      }))
    )
      throw new AppError('CONFLICT');
    await event(trx, actor, state.row.id, 'publish', 'review', 'published', null, {
      findings: state.check.violations.length,
      overrides: Object.keys(state.overrides).length,
    });
  });
  await listInCatalogue(db, actor, published, today);
}

/** The catalogue entry in 年度报告 (ndbg) pointing to the report page and its downloads. */
async function listInCatalogue(db: Db, actor: Actor, r: AnnualReportData, today: string) {
  const title = `${r.agency}${r.year}年政府信息公开工作年度报告`;
  const page = `/annual-reports/${r.year}`;
  const result = await importDocument(db, importActor(actor), {
    externalId: `annual-report:${r.year}`,
    title,
    column: 'ndbg',
    publishedAt: today,
    body: `<p>${escapeHtml(title)}全文见<a href="${page}">年度报告页面</a>，另提供 <a href="${page}.docx">Word</a>、<a href="${page}.json">JSON</a> 和 <a href="${page}.csv">CSV</a> 格式。</p>`,
    issuer: null,
    docNumber: null,
    indexNo: null,
    category: null,
    genre: '报告',
    validity: 'valid',
    summary: `根据《中华人民共和国政府信息公开条例》第四十九条、第五十条编制。`,
  });
  const row = await repo.findReport(db, r.year);
  if (row) await repo.updateReport(db, row.id, 'published', { document_id: result.documentId });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A report of a year before the platform, in the JSON form: stored as published (imported), so it
 * stands as "last year's report" for the carry-over check and stays public. Refused when the year
 * already has a report made on the platform.
 */
export async function importReport(db: Db, actor: Actor, value: unknown, today = todayCst()) {
  assertCan(actor, P.review, '导入往年年度报告');
  const parsed = parseReportJson(value);
  if (!parsed.ok) {
    const first = parsed.errors[0]!;
    throw new AppError('VALIDATION_FAILED', {
      message: parsed.errors.map((e) => e.message).join('；'),
      fields: { [first.field]: first.message },
    });
  }
  const r = parsed.report;
  validYear(r.year, today);
  return inTransaction(db, async (trx) => {
    const existing = await repo.findReport(trx, r.year);
    if (existing && existing.source !== 'imported')
      throw new AppError('CONFLICT', { message: `${r.year} 年度报告已在本平台编制，不能用导入覆盖` });
    const publishedOn = today;
    let id: number;
    if (existing) {
      id = existing.id;
      await repo.updateReport(trx, id, 'published', {
        agency: r.agency,
        published: JSON.stringify(r),
        texts: r.texts ? JSON.stringify(r.texts) : null,
      });
    } else
      id = await repo.insertReport(trx, {
        year: r.year,
        agency: r.agency,
        status: 'published',
        source: 'imported',
        published: JSON.stringify(r),
        published_on: publishedOn,
      });
    await event(trx, actor, id, 'import', existing ? 'published' : null, 'published', null, {
      notes: parsed.notes.length,
    });
    return {
      id,
      year: r.year,
      notes: parsed.notes,
      check: checkReport(r, (await previousPublished(trx, r.year))?.data ?? null),
    };
  });
}

export async function reportExists(db: Executor, year: number): Promise<boolean> {
  return !!(await repo.findReport(db, year));
}
