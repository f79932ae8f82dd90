import { z } from 'zod';
import { type Actor, can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type Db, type Executor, inTransaction, nowIso } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { optionalText, parseInput, requiredText } from '../../platform/http/validation.js';
import { todayCst } from '../../platform/time.js';
import { findByTrackingCode } from './application.repository.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import * as repo from './case.repository.js';
import {
  CASE_KINDS,
  CASE_LABELS,
  type CaseFacts,
  type CaseKind,
  caseProblems,
  DECISIONS,
  type SectionFourRow,
  sectionFourRow,
} from './case.rules.js';

/**
 * Use cases of reconsideration and litigation cases (行政复议、行政诉讼) linked to applications: record
 * and correct a case, read it, list an application's cases and a report year's cases with the section
 * 四 row they give (case.rules.ts). Recording needs the 公开办 (applications.intake) or the approving
 * leader (applications.approve), who receive the 答复通知书 and 应诉通知书; reading needs
 * applications.read. Every write is audited in its own transaction.
 */
export interface CaseDeps {
  db: Db;
  /** Today in China time; tests pass a fixed day. */
  today?: string;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date that exists (2024-02-30 does not). */
const realDay = (v: string) => isoDay.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

const requiredDay = z
  .string({ message: '必填' })
  .trim()
  .min(1, '必填')
  .refine(realDay, '格式应为 YYYY-MM-DD 的有效日期');
const optionalDay = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || realDay(v), '格式应为 YYYY-MM-DD 的有效日期');

/** The case form, declared once: the console form, the service and any later JSON route share it. */
export const caseSchema = z.object({
  applicationCode: z
    .string()
    .trim()
    .max(20, '不能超过 20 个字符')
    .optional()
    .transform((v) => (v ? v.toUpperCase() : null)),
  kind: z.enum(CASE_KINDS, { message: '请选择' }),
  caseNo: requiredText(100),
  body: requiredText(200),
  filedOn: requiredDay,
  decision: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || Object.hasOwn(DECISIONS, v), '请从列表中选择'),
  decidedOn: optionalDay,
  notes: optionalText(2000),
});

/** What a form or a caller submits: strings, as a form sends them, keyed by the field names. */
export type CaseForm = Partial<Record<keyof typeof CASE_LABELS, string>>;
export type CaseInput = z.output<typeof caseSchema>;

export const mayRecordCases = (actor: Actor): boolean => can(actor, P.intake) || can(actor, P.approve);

function requireRead(actor: Actor): void {
  if (!can(actor, P.read)) throw new AppError('FORBIDDEN');
}

export const facts = (r: repo.CaseRow): CaseFacts => ({
  kind: r.kind as CaseKind,
  decision: r.decision,
  filedOn: r.filed_on,
  decidedOn: r.decided_on,
});

/** The stored fields of a case, for audit digests and change lists. */
function snapshot(r: {
  application_id: number | null;
  kind: string;
  case_no: string;
  body: string;
  filed_on: string;
  decision: string | null;
  decided_on: string | null;
  notes: string | null;
}) {
  return {
    application_id: r.application_id,
    kind: r.kind,
    case_no: r.case_no,
    body: r.body,
    filed_on: r.filed_on,
    decision: r.decision,
    decided_on: r.decided_on,
    notes: r.notes,
  };
}

/**
 * Parse (400 naming the field), then the policy (403), then the rules across fields and the linked
 * application (400): the house order of routes (DESIGN.md 3), so a bad form is answered the same way
 * to everyone who may open it.
 */
async function validated(db: Executor, actor: Actor, raw: unknown, today: string) {
  const input = parseInput(caseSchema, raw, CASE_LABELS);
  if (!mayRecordCases(actor))
    throw new AppError('FORBIDDEN', { message: '登记复议、诉讼案件须具有公开办受理或核准权限' });
  const problems = caseProblems(input, today);
  let applicationId: number | null = null;
  if (input.applicationCode) {
    const app = await findByTrackingCode(db, input.applicationCode);
    if (app) applicationId = app.id;
    else problems.applicationCode = `${CASE_LABELS.applicationCode}：查无此申请`;
  }
  const messages = Object.values(problems);
  if (messages.length) throw new AppError('VALIDATION_FAILED', { message: messages[0]!, fields: problems });
  return snapshot({
    application_id: applicationId,
    kind: input.kind,
    case_no: input.caseNo,
    body: input.body,
    filed_on: input.filedOn,
    decision: input.decision,
    decided_on: input.decidedOn,
    notes: input.notes,
  });
}

export async function createCase(deps: CaseDeps, actor: Actor, raw: CaseForm): Promise<repo.CaseListRow> {
  const fields = await validated(deps.db, actor, raw, deps.today ?? todayCst());
  return inTransaction(deps.db, async (trx) => {
    const now = nowIso();
    const id = await repo.insertCase(trx, {
      ...fields,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'application.case_created',
      targetType: 'application_case',
      targetId: id,
      after: fields,
      detail: { kind: fields.kind, caseNo: fields.case_no, applicationId: fields.application_id },
    });
    return (await repo.findCase(trx, id))!;
  });
}

/** Corrects a case or records its outcome. A missing case is 404 before anything else is checked. */
export async function updateCase(
  deps: CaseDeps,
  actor: Actor,
  id: number,
  raw: CaseForm,
): Promise<repo.CaseListRow> {
  const before = await repo.findCase(deps.db, id);
  if (!before) throw new AppError('NOT_FOUND', { message: '案件不存在' });
  const fields = await validated(deps.db, actor, raw, deps.today ?? todayCst());
  const old = snapshot(before);
  const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => fields[k] !== old[k]);
  if (changed.length === 0) return before;
  return inTransaction(deps.db, async (trx) => {
    await repo.updateCase(trx, id, { ...fields, updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'application.case_updated',
      targetType: 'application_case',
      targetId: id,
      before: old,
      after: fields,
      detail: { caseNo: fields.case_no, changed },
    });
    return (await repo.findCase(trx, id))!;
  });
}

export async function getCase(deps: CaseDeps, actor: Actor, id: number): Promise<repo.CaseListRow> {
  const row = await repo.findCase(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', { message: '案件不存在' });
  requireRead(actor);
  return row;
}

export async function casesOfApplication(
  deps: CaseDeps,
  actor: Actor,
  applicationId: number,
): Promise<repo.CaseListRow[]> {
  requireRead(actor);
  return repo.listCasesOfApplication(deps.db, applicationId);
}

/**
 * The cases of a report year (case.rules.ts inReportYear), optionally of one kind, and the section 四
 * row of the whole year (all kinds, whatever the kind filter).
 */
export async function casesOfYear(
  deps: CaseDeps,
  actor: Actor,
  year: number,
  kind?: CaseKind,
): Promise<{ cases: repo.CaseListRow[]; row: SectionFourRow }> {
  requireRead(actor);
  const all = await repo.listCasesOfYear(deps.db, year);
  return {
    cases: kind ? all.filter((c) => c.kind === kind) : all,
    row: sectionFourRow(all.map(facts), year),
  };
}
