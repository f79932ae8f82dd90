import { type Actor, can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { todayCst } from '../../platform/time.js';
import { createDraft, findColumnByCode } from '../documents/index.js';
import * as repo from './case.repository.js';
import { CASE_KIND_LABELS, type CaseKind, decisionLabel } from './case.rules.js';
import type { CaseDeps } from './case.service.js';

/** The catalogue column of reconsideration decisions (columns.catalogue.ts; seed 五.2). */
export const DECISION_COLUMN = 'xzfyjds';

/**
 * Seed 五.2 asks that reconsideration decisions be published. From a decided reconsideration case,
 * the publisher starts a draft in the 行政复议决定书 column, pre-filled with the case's facts; it then
 * goes through the catalogue's own workflow (送审 → 保密审查 with personal-data screening → 发布),
 * where the decision's full text or scan is added as an attachment. One document per case.
 */
export async function draftDecisionDocument(deps: CaseDeps, actor: Actor, caseId: number): Promise<number> {
  const row = await repo.findCase(deps.db, caseId);
  if (!row) throw new AppError('NOT_FOUND', { message: '案件不存在' });
  if (!can(actor, 'documents.edit'))
    throw new AppError('FORBIDDEN', { message: '只有信息发布员可以起草公开文件' });
  if (row.kind !== 'reconsideration' || !row.decision || !row.decided_on)
    throw new AppError('CONFLICT', { message: '只有已作出决定的行政复议案件可以公开复议决定书' });
  if (row.document_id) throw new AppError('CONFLICT', { message: '该案件已起草公开文件' });
  const column = await findColumnByCode(deps.db, DECISION_COLUMN);
  if (!column)
    throw new AppError('CONFLICT', { message: '目录中没有“行政复议决定书”栏目，请先在栏目管理中恢复' });
  const bureau = await repo.findBureau(deps.db);
  if (!bureau) throw new AppError('CONFLICT', { message: '尚未建立本机关的机构信息' });
  const decision = decisionLabel(row.decision);
  const body = [
    `<p>${escapeHtml(row.body)}于${row.decided_on}对${CASE_KIND_LABELS[row.kind as CaseKind]}案件（${escapeHtml(row.case_no)}）作出${escapeHtml(decision)}的决定。</p>`,
    '<p>行政复议决定书全文见附件。</p>',
  ].join('');
  const id = await createDraft(deps.db, actor, {
    column_id: column.id,
    title: `行政复议决定书（${row.case_no}）`,
    doc_number: row.case_no,
    publisher_org_id: bureau.id,
    joint_issuers: null,
    owner_org_id: null,
    written_on: row.decided_on,
    // 成文日期: the decision's date (never after today).
    formed_on: [row.decided_on, deps.today ?? todayCst()].sort()[0]!,
    effective_on: null,
    topic: null,
    genre: '行政复议决定书',
    keywords: '行政复议',
    summary: null,
    contact_name: null,
    contact_phone: null,
    body,
    external_id: null,
  });
  await repo.setCaseDocument(deps.db, caseId, id);
  await recordAudit(deps.db, actor, {
    action: 'application.case_decision_drafted',
    targetType: 'application_case',
    targetId: caseId,
    after: { documentId: id },
  });
  return id;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
