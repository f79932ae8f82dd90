import { type Actor, can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type Db, type Executor, inTransaction, nowIso } from '../../platform/db/index.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { siteProfile } from '../../platform/settings/settings.js';
import { todayCst } from '../../platform/time.js';
import { cellValue, effectiveReport, type Override, parseCellKey } from './report.cells.js';
import { type CheckResult, checkReport, explainableViolationKey, type Violation } from './report.check.js';
import { computeReport, type EnteredFigures } from './report.compute.js';
import type { AnnualReportData, ReportTexts } from './report.format.js';
import { parseReportJson, toReportJson } from './report.json.js';
import { cellName } from './report.labels.js';
import * as repo from './report.repository.js';
import { prefillTexts } from './report.texts.js';

/**
 * The annual report's use cases (issue 6): a draft computed from the records, figures entered and
 * overridden (each override with a reason, audited and shown to reviewers), the texts, the check
 * (identities I1–I6 and carry-over from last year's published report), and the workflow
 * draft → review → published. Publication is refused while a check finding has no explanation.
 * Published reports are frozen; earlier years stay published. Reports of years before the platform
 * are imported in the JSON form (report.json.ts).
 */

export const REPORT_PERMISSIONS = {
  /** 公开办: prepares the draft, enters figures, writes texts, explains findings, submits. */
  edit: 'annual_reports.edit',
  /** 分管负责人 (the first responsible person, 30号): returns or publishes. */
  review: 'annual_reports.review',
  /** Staff statistics and the console's report pages. */
  read: 'statistics.read',
} as const;
export const P = REPORT_PERMISSIONS;

export const REPORT_STATUS_LABELS: Record<string, string> = {
  draft: '编制中',
  review: '待审核',
  published: '已发布',
};

export interface Explanation {
  text: string;
  by: string;
  at: string;
}

export interface ReportState {
  row: repo.ReportRow;
  /** The report as it stands: computed, entered figures, overrides, texts (or the frozen one). */
  data: AnnualReportData;
  computed: AnnualReportData | null;
  inputs: EnteredFigures;
  overrides: Record<string, Override>;
  explanations: Record<string, Explanation>;
  check: CheckResult;
  /** Findings without an explanation: publication waits for these. */
  unexplained: Violation[];
  previousYear: { year: number; source: string } | null;
}

const NO_INPUTS: EnteredFigures = { penalty: 0, coercion: 0, charges: 0 };
const json = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);
const who = (a: Actor) => (a.username ? `${a.name}(${a.username})` : a.name);

export async function previousPublished(db: Executor, year: number) {
  const prev = await repo.findReport(db, year - 1);
  if (!prev?.published) return null;
  return { data: json<AnnualReportData>(prev.published, null as never), source: prev.source };
}

export async function reportState(db: Executor, year: number): Promise<ReportState | null> {
  const row = await repo.findReport(db, year);
  if (!row) return null;
  const computed = row.computed ? json<AnnualReportData>(row.computed, null as never) : null;
  const inputs = json<EnteredFigures>(row.inputs, NO_INPUTS);
  const overrides = json<Record<string, Override>>(row.overrides, {});
  const explanations = json<Record<string, Explanation>>(row.explanations, {});
  const texts = json<ReportTexts | undefined>(row.texts, undefined);
  const data = row.published
    ? json<AnnualReportData>(row.published, null as never)
    : effectiveReport(computed!, overrides, texts);
  const prev = await previousPublished(db, year);
  const check = checkReport(data, prev?.data ?? null);
  const unexplained = check.violations.filter((v) => !explanations[explainableViolationKey(v)]);
  return {
    row,
    data,
    computed,
    inputs,
    overrides,
    explanations,
    check,
    unexplained,
    previousYear: prev ? { year: year - 1, source: prev.source } : null,
  };
}

export function assertCan(actor: Actor, permission: string, what: string) {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN', { message: `您没有${what}的权限` });
}

async function loadDraft(db: Executor, year: number, statuses: readonly string[] = ['draft']) {
  const row = await repo.findReport(db, year);
  if (!row) throw new AppError('NOT_FOUND', { message: `${year} 年度报告尚未编制` });
  if (!statuses.includes(row.status))
    throw new AppError('CONFLICT', {
      message: `${year} 年度报告当前为“${REPORT_STATUS_LABELS[row.status] ?? row.status}”，不能修改`,
    });
  return row;
}

export function validYear(year: number, today = todayCst()): number {
  const current = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 2008 || year >= current)
    throw fieldError('year', `年度：应为 2008 至 ${current - 1} 之间的年份（只能编制已结束年度的报告）`);
  return year;
}

/**
 * Start (or recompute) the draft of a year's report from the records. Recomputing keeps the entered
 * figures, overrides, explanations and texts; the texts are pre-filled only when there are none yet.
 */
export async function prepareReport(db: Db, actor: Actor, year: number, today = todayCst()): Promise<number> {
  assertCan(actor, P.edit, '编制年度报告');
  validYear(year, today);
  const profile = await siteProfile(db);
  return inTransaction(db, async (trx) => {
    const existing = await repo.findReport(trx, year);
    if (existing && existing.status !== 'draft')
      throw new AppError('CONFLICT', {
        message: `${year} 年度报告当前为“${REPORT_STATUS_LABELS[existing.status]}”，不能重新计算`,
      });
    const agency = existing?.agency ?? profile.sponsor;
    const inputs = json<EnteredFigures>(existing?.inputs ?? null, NO_INPUTS);
    const { report, problems } = await computeReport(trx, year, agency, inputs);
    const at = nowIso();
    let id: number;
    if (!existing) {
      const texts = await prefillTexts(trx, report, await previousPublished(trx, year));
      id = await repo.insertReport(trx, {
        year,
        agency,
        status: 'draft',
        source: 'platform',
        computed: JSON.stringify(report),
        computed_at: at,
        inputs: JSON.stringify(inputs),
        overrides: '{}',
        explanations: '{}',
        texts: JSON.stringify(texts),
      });
    } else {
      id = existing.id;
      await repo.updateReport(trx, id, 'draft', { computed: JSON.stringify(report), computed_at: at });
    }
    await event(trx, actor, id, existing ? 'recompute' : 'create', existing ? 'draft' : null, 'draft', null, {
      problems,
    });
    return id;
  });
}

export async function event(
  trx: Executor,
  actor: Actor,
  reportId: number,
  action: string,
  from: string | null,
  to: string,
  reason: string | null,
  data: Record<string, unknown> | null = null,
) {
  await repo.insertReportEvent(trx, {
    report_id: reportId,
    action,
    from_status: from,
    to_status: to,
    reason,
    data: data ? JSON.stringify(data) : null,
    actor_id: actor.userId,
    actor_name: who(actor),
  });
  await recordAudit(trx, actor, {
    action: `annual_report.${action}`,
    targetType: 'annual_report',
    targetId: reportId,
    after: { status: to, ...(reason ? { reason } : {}), ...(data ?? {}) },
  });
}

const count = (v: unknown, field: string, label: string, decimals = 0): number => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'number' ? v : Number.NaN;
  const ok = decimals
    ? Number.isFinite(n) && n >= 0 && Math.round(n * 10 ** decimals) === n * 10 ** decimals
    : Number.isInteger(n) && n >= 0;
  if (!ok)
    throw fieldError(
      field,
      `${label}：${decimals ? `应为不小于 0 的数，最多 ${decimals} 位小数` : '应为不小于 0 的整数'}`,
    );
  return n;
};

/** The figures the records do not hold: 行政处罚、行政强制 decisions, 行政事业性收费 (万元). */
export async function saveInputs(
  db: Db,
  actor: Actor,
  year: number,
  input: Record<string, unknown>,
): Promise<void> {
  assertCan(actor, P.edit, '编制年度报告');
  const inputs: EnteredFigures = {
    penalty: count(input.penalty, 'penalty', '行政处罚本年处理决定数量'),
    coercion: count(input.coercion, 'coercion', '行政强制本年处理决定数量'),
    charges: count(input.charges, 'charges', '行政事业性收费本年收费金额（万元）', 4),
  };
  await inTransaction(db, async (trx) => {
    const row = await loadDraft(trx, year);
    const computed = json<AnnualReportData>(row.computed, null as never);
    computed.two.penalty.decisions = inputs.penalty;
    computed.two.coercion.decisions = inputs.coercion;
    computed.two.charges.amount = inputs.charges;
    await repo.updateReport(trx, row.id, 'draft', {
      inputs: JSON.stringify(inputs),
      computed: JSON.stringify(computed),
    });
    await event(trx, actor, row.id, 'inputs', 'draft', 'draft', null, { ...inputs });
  });
}

/** Override one computed cell with a reason (or remove the override: value null). */
export async function overrideCell(
  db: Db,
  actor: Actor,
  year: number,
  input: { cell: string; value: unknown; reason: string },
): Promise<void> {
  assertCan(actor, P.edit, '修改年度报告数据');
  const c = parseCellKey(input.cell);
  if (!c) throw fieldError('cell', '单元格：不存在');
  const removing = input.value === null || input.value === '';
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw fieldError('reason', '修改理由：必填，审核人员将看到该理由');
  if (reason.length > 1000) throw fieldError('reason', '修改理由：不能超过 1000 个字符');
  const decimals = c.section === '二' && c.row === 'charges' ? 4 : 0;
  const value = removing ? null : count(input.value, 'value', cellName(c), decimals);
  await inTransaction(db, async (trx) => {
    const row = await loadDraft(trx, year);
    const overrides = json<Record<string, Override>>(row.overrides, {});
    const computed = json<AnnualReportData>(row.computed, null as never);
    const before = overrides[input.cell]?.value ?? cellValue(computed, c);
    if (value === null) delete overrides[input.cell];
    else overrides[input.cell] = { value, reason, by: who(actor), at: nowIso() };
    await repo.updateReport(trx, row.id, 'draft', { overrides: JSON.stringify(overrides) });
    await event(
      trx,
      actor,
      row.id,
      value === null ? 'override_removed' : 'override',
      'draft',
      'draft',
      reason,
      {
        cell: input.cell,
        label: cellName(c),
        computed: cellValue(computed, c),
        before,
        after: value ?? cellValue(computed, c),
      },
    );
  });
}

const TEXT_MAX = 20_000;

export async function saveTexts(
  db: Db,
  actor: Actor,
  year: number,
  input: Record<string, unknown>,
): Promise<void> {
  assertCan(actor, P.edit, '编制年度报告');
  const texts: ReportTexts = { overview: '', problems: '', other: '' };
  const labels = {
    overview: '一、总体情况',
    problems: '五、存在的主要问题及改进情况',
    other: '六、其他需要报告的事项',
  };
  for (const k of Object.keys(texts) as (keyof ReportTexts)[]) {
    const v = typeof input[k] === 'string' ? (input[k] as string).replace(/\r\n/g, '\n').trim() : '';
    if (!v) throw fieldError(k, `${labels[k]}：必填`);
    if (v.length > TEXT_MAX) throw fieldError(k, `${labels[k]}：不能超过 ${TEXT_MAX} 个字符`);
    texts[k] = v;
  }
  await inTransaction(db, async (trx) => {
    const row = await loadDraft(trx, year);
    await repo.updateReport(trx, row.id, 'draft', { texts: JSON.stringify(texts) });
    await event(trx, actor, row.id, 'texts', 'draft', 'draft', null);
  });
}

/** Explain a check finding (e.g. why carry-over differs from last year's published report). */
export async function explainFinding(
  db: Db,
  actor: Actor,
  year: number,
  input: { key: string; text: string },
): Promise<void> {
  assertCan(actor, P.edit, '说明核对问题');
  const text = input.text?.trim() ?? '';
  if (!text) throw fieldError('text', '说明：必填');
  if (text.length > 2000) throw fieldError('text', '说明：不能超过 2000 个字符');
  await inTransaction(db, async (trx) => {
    const state = await reportState(trx, year);
    if (!state) throw new AppError('NOT_FOUND', { message: `${year} 年度报告尚未编制` });
    if (state.row.status !== 'draft')
      throw new AppError('CONFLICT', { message: '只有编制中的报告可以补充说明，请先退回' });
    if (!state.check.violations.some((v) => explainableViolationKey(v) === input.key))
      throw fieldError('key', '核对问题：不存在或已不再出现，请刷新页面');
    const explanations = { ...state.explanations, [input.key]: { text, by: who(actor), at: nowIso() } };
    await repo.updateReport(trx, state.row.id, 'draft', { explanations: JSON.stringify(explanations) });
    await event(trx, actor, state.row.id, 'explain', 'draft', 'draft', text, { finding: input.key });
  });
}

export async function submitReport(db: Db, actor: Actor, year: number): Promise<void> {
  assertCan(actor, P.edit, '提交年度报告');
  await inTransaction(db, async (trx) => {
    const state = await reportState(trx, year);
    if (!state) throw new AppError('NOT_FOUND', { message: `${year} 年度报告尚未编制` });
    if (state.row.status !== 'draft')
      throw new AppError('CONFLICT', { message: '只有编制中的报告可以提交审核' });
    if (!state.data.texts) throw new AppError('CONFLICT', { message: '请先填写第一、五、六部分的文字' });
    if (!(await repo.updateReport(trx, state.row.id, 'draft', { status: 'review' })))
      throw new AppError('CONFLICT');
    await event(trx, actor, state.row.id, 'submit', 'draft', 'review', null, {
      findings: state.check.violations.length,
      unexplained: state.unexplained.length,
      overrides: Object.keys(state.overrides).length,
    });
  });
}

export async function returnReport(db: Db, actor: Actor, year: number, reason: string): Promise<void> {
  assertCan(actor, P.review, '审核年度报告');
  const why = reason?.trim() ?? '';
  if (!why) throw fieldError('reason', '退回理由：必填');
  await inTransaction(db, async (trx) => {
    const row = await loadDraft(trx, year, ['review']);
    if (!(await repo.updateReport(trx, row.id, 'review', { status: 'draft' })))
      throw new AppError('CONFLICT');
    await event(trx, actor, row.id, 'return', 'review', 'draft', why);
  });
}

export type { Override };
export { toReportJson };

function parseOrThrow(value: unknown, what: string) {
  const parsed = parseReportJson(value);
  if (parsed.ok) return parsed;
  throw new AppError('VALIDATION_FAILED', {
    message: `${what}：${parsed.errors.map((e) => e.message).join('；')}`,
    fields: Object.fromEntries(parsed.errors.map((e) => [e.field, e.message])),
  });
}

/**
 * Check a report: the body is a report in the JSON form, or `{"report": …, "previous": …}` with last
 * year's report for the carry-over (I5). Without one, the platform's own published report of the
 * previous year is used when the agency is the same.
 */
export async function checkSubmitted(db: Executor, body: unknown) {
  const wrapped =
    body && typeof body === 'object' && !Array.isArray(body) && 'report' in body
      ? (body as { report: unknown; previous?: unknown })
      : { report: body, previous: undefined };
  const report = parseOrThrow(wrapped.report, '报告');
  let previous: AnnualReportData | null = null;
  let previousSource: 'given' | 'platform' | null = null;
  if (wrapped.previous !== undefined && wrapped.previous !== null) {
    previous = parseOrThrow(wrapped.previous, '上年报告').report;
    previousSource = 'given';
  } else {
    const own = (await previousPublished(db, report.report.year))?.data;
    if (own && own.agency === report.report.agency) {
      previous = own;
      previousSource = 'platform';
    }
  }
  const result = checkReport(report.report, previous);
  return { ...result, previous: previousSource, notes: report.notes };
}
