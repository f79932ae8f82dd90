import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type Db, type Executor, inTransaction, nowIso } from '../../platform/db/index.js';
import type { DocumentRow, DocumentStatus } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { todayCst } from '../../platform/time.js';
import { normaliseDocNumber } from './doc-number.js';
import * as repo from './document.repository.js';
import type { DraftInput, ValidityInput } from './document.schema.js';
import { canTransition, type DocumentAction, STATUS_LABELS, TRANSITIONS } from './document.status.js';
import { parseExtraDefinitions, parseExtraValues, validateExtra } from './extra-fields.js';
import { formatIndexNumber, validatePrefix } from './index-number.js';
import { htmlToText, toSafeHtml } from './richtext.js';
import { screenStoredDocument } from './screening.service.js';
import { reindexDocument } from './search.source.js';

function assertCan(actor: Actor, permission: string) {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN', { details: { permission } });
}

async function load(db: Executor, id: number): Promise<DocumentRow> {
  const d = await repo.findDocument(db, id);
  if (!d) throw new AppError('NOT_FOUND');
  return d;
}

/**
 * Check references and the column's typed extra fields; returns the extra JSON to store. Input
 * without `extra` keeps what the document has (callers that do not manage extra fields).
 */
async function checkRefs(db: Executor, input: DraftInput, current?: DocumentRow): Promise<string> {
  const column = await repo.findColumn(db, input.column_id);
  if (!column) throw fieldError('column_id', '栏目：不存在');
  if (!(await repo.orgIndexPrefix(db, input.publisher_org_id)))
    throw fieldError('publisher_org_id', '发布机构：不存在');
  if (input.owner_org_id && !(await repo.orgIndexPrefix(db, input.owner_org_id)))
    throw fieldError('owner_org_id', '责任处室：不存在');
  const definitions = parseExtraDefinitions(column.extra_fields);
  const { values, errors } = validateExtra(definitions, input.extra ?? parseExtraValues(current?.extra));
  if (errors && input.extra) {
    throw new AppError('VALIDATION_FAILED', { message: Object.values(errors)[0]!, fields: errors });
  }
  return JSON.stringify(values);
}

/**
 * A document's fields from draft input: 文号 kept as written and in its normalised form; the body
 * stored only as sanitised HTML (plain text becomes paragraphs).
 */
function fields(input: DraftInput) {
  const { external_id: _e, extra: _x, ...rest } = input;
  const body = toSafeHtml(input.body);
  if (!htmlToText(body).trim()) throw fieldError('body', '正文：清除不安全的内容后为空，请填写正文');
  return { ...rest, body, doc_number_norm: input.doc_number ? normaliseDocNumber(input.doc_number) : null };
}

/** Move a document along the workflow, recording the event and the audit entry together. */
async function transition(
  trx: Executor,
  actor: Actor,
  doc: DocumentRow,
  action: DocumentAction,
  set: Partial<DocumentRow> = {},
  reason: string | null = null,
): Promise<void> {
  const t = TRANSITIONS[action];
  if (!canTransition(doc.status, action))
    throw new AppError('CONFLICT', { message: `当前状态为“${STATUS_LABELS[doc.status]}”，不能${t.label}` });
  const at = nowIso();
  await repo.updateDocument(trx, doc.id, { ...set, status: t.to, updated_at: at });
  await repo.insertEvent(trx, {
    document_id: doc.id,
    from_status: doc.status,
    to_status: t.to,
    action,
    reason,
    actor_id: actor.userId,
    actor_name: actor.name,
    at,
  });
  await recordAudit(trx, actor, {
    action: `document.${action}`,
    targetType: 'document',
    targetId: doc.id,
    detail: { from: doc.status, to: t.to, ...(reason ? { reason } : {}) },
  });
  if (doc.status === 'published' || t.to === 'published') await reindexDocument(trx, doc.id);
}

export async function createDraft(
  db: Db,
  actor: Actor,
  input: DraftInput,
  options: { sample?: boolean } = {},
): Promise<number> {
  assertCan(actor, 'documents.edit');
  const extra = await checkRefs(db, input);
  const values = fields(input);
  const at = nowIso();
  return inTransaction(db, async (trx) => {
    const id = await repo.insertDocument(trx, {
      ...values,
      status: 'draft',
      index_no: null,
      published_at: null,
      scheduled_at: null,
      disclosure_mode: '主动公开',
      validity: 'valid',
      validity_changed_on: null,
      validity_reason: null,
      successor_id: null,
      extra,
      interpretation_exempt_reason: null,
      withdrawn_reason: null,
      external_id: input.external_id,
      version: 1,
      is_sample: options.sample ? 1 : 0,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    });
    await repo.insertEvent(trx, {
      document_id: id,
      from_status: null,
      to_status: 'draft',
      action: 'create',
      reason: null,
      actor_id: actor.userId,
      actor_name: actor.name,
      at,
    });
    await recordAudit(trx, actor, {
      action: 'document.created',
      targetType: 'document',
      targetId: id,
      after: { title: input.title },
    });
    return id;
  });
}

/** Drafts (and drafts sent back) are edited freely; published documents go through reviseDocument. */
export async function updateDraft(db: Db, actor: Actor, id: number, input: DraftInput): Promise<void> {
  assertCan(actor, 'documents.edit');
  const doc = await load(db, id);
  if (doc.status !== 'draft')
    throw new AppError('CONFLICT', { message: `当前状态为“${STATUS_LABELS[doc.status]}”，不能直接修改` });
  const extra = await checkRefs(db, input, doc);
  const values = fields(input);
  await inTransaction(db, async (trx) => {
    await repo.updateDocument(trx, id, { ...values, extra, updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'document.draft_updated',
      targetType: 'document',
      targetId: id,
      before: doc,
      after: input,
    });
  });
}

export async function submitForReview(db: Db, actor: Actor, id: number): Promise<void> {
  assertCan(actor, TRANSITIONS.submit.permission);
  const doc = await load(db, id);
  await inTransaction(db, (trx) => transition(trx, actor, doc, 'submit'));
  // The reviewer sees the findings at once; publication re-screens in case of later edits.
  await screenStoredDocument(db, id);
}

export async function rejectReview(db: Db, actor: Actor, id: number, reason: string): Promise<void> {
  assertCan(actor, TRANSITIONS.reject.permission);
  if (!reason.trim()) throw fieldError('reason', '理由：退回时必须说明理由');
  const doc = await load(db, id);
  await inTransaction(db, (trx) => transition(trx, actor, doc, 'reject', {}, reason.trim()));
}

/** 保密审查: the reviewer may not pass their own draft (separation of duties). */
export async function approveReview(db: Db, actor: Actor, id: number): Promise<void> {
  assertCan(actor, TRANSITIONS.approve.permission);
  const doc = await load(db, id);
  if (doc.created_by !== null && doc.created_by === actor.userId)
    throw new AppError('FORBIDDEN', { message: '不能审查自己起草的文件' });
  await inTransaction(db, (trx) => transition(trx, actor, doc, 'approve'));
}

/** Every personal-data finding must be masked or dismissed with a reason before publication. */
async function checkScreening(db: Db, doc: DocumentRow): Promise<void> {
  const { open } = await screenStoredDocument(db, doc.id);
  if (open > 0)
    throw new AppError('CONFLICT', {
      message: `个人信息筛查发现 ${open} 处疑似个人信息尚未处理：请逐条遮盖，或由保密审查员说明理由后忽略`,
    });
}

/** Policy documents need a linked 政策解读 or a recorded exemption before they are published. */
async function checkInterpretation(db: Executor, doc: DocumentRow): Promise<void> {
  const column = await repo.findColumn(db, doc.column_id);
  if (!column?.needs_interpretation || doc.interpretation_exempt_reason) return;
  if ((await repo.interpretationsOf(db, doc.id)).length === 0)
    throw new AppError('CONFLICT', { message: '政策性文件须同步发布政策解读，或记录不解读的理由后再发布' });
}

/**
 * Publish now, or schedule (the job publishes when the time comes). The 索引号 is assigned here, once:
 * publisher prefix / publication year / next serial of that year. It never changes afterwards.
 */
export async function publishDocument(
  db: Db,
  actor: Actor,
  id: number,
  options: { at?: Date } = {},
): Promise<void> {
  assertCan(actor, TRANSITIONS.publish.permission);
  const doc = await load(db, id);
  if (options.at && options.at.getTime() > Date.now()) {
    if (doc.status !== 'approved')
      throw new AppError('CONFLICT', { message: '只有审查通过的文件才能定时发布' });
    await checkInterpretation(db, doc);
    await checkScreening(db, doc);
    await inTransaction(db, async (trx) => {
      await repo.updateDocument(trx, id, { scheduled_at: options.at!.toISOString(), updated_at: nowIso() });
      await recordAudit(trx, actor, {
        action: 'document.scheduled',
        targetType: 'document',
        targetId: id,
        detail: { at: options.at!.toISOString() },
      });
    });
    return;
  }
  await checkInterpretation(db, doc);
  await checkScreening(db, doc);
  const org = await repo.orgIndexPrefix(db, doc.publisher_org_id);
  const prefix = org?.org_code ? validatePrefix(org.org_code) : null;
  if (!prefix?.ok)
    throw new AppError('CONFLICT', {
      message: `发布机构“${org?.name ?? doc.publisher_org_id}”尚未配置有效的索引号前段码（组织机构代码或统一社会信用代码）`,
    });
  const publishedAt = nowIso();
  const year = Number(todayCst(Date.parse(publishedAt)).slice(0, 4));
  await inTransaction(db, async (trx) => {
    const serial = await repo.nextIndexSerial(trx, prefix.normalised, year);
    const indexNo = formatIndexNumber(prefix.normalised, year, serial);
    await transition(trx, actor, doc, 'publish', {
      index_no: indexNo,
      published_at: publishedAt,
      scheduled_at: null,
    });
    await repo.insertRevision(trx, {
      document_id: id,
      version: doc.version,
      snapshot: JSON.stringify({ ...doc, status: 'published', index_no: indexNo, published_at: publishedAt }),
      correction_note: null,
      created_by: actor.userId,
      created_at: publishedAt,
    });
  });
}

/** The scheduled-publish job: publishes every approved document whose time has come. */
export async function publishDue(db: Db, actor: Actor, now = new Date()): Promise<number> {
  let n = 0;
  const failures: string[] = [];
  for (const id of await repo.dueScheduled(db, now.toISOString())) {
    try {
      await publishDocument(db, actor, id);
      n += 1;
    } catch (e) {
      // One blocked document must not hold back the others; the job reports it and retries later.
      failures.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (failures.length) throw new Error(`定时发布未完成：${failures.join('；')}`);
  return n;
}

/** A correction after publication: a new version with a public 更正说明; the 索引号 stays. */
export async function reviseDocument(
  db: Db,
  actor: Actor,
  id: number,
  input: DraftInput,
  correctionNote: string,
): Promise<void> {
  assertCan(actor, 'documents.publish');
  const doc = await load(db, id);
  if (doc.status !== 'published') throw new AppError('CONFLICT', { message: '只有已发布的文件才能更正' });
  if (!correctionNote.trim()) throw fieldError('correction_note', '更正说明：必填');
  const extra = await checkRefs(db, input, doc);
  const values = fields(input);
  const at = nowIso();
  await inTransaction(db, async (trx) => {
    const version = doc.version + 1;
    const next = { ...values, extra, version, updated_at: at };
    await repo.updateDocument(trx, id, next);
    await repo.insertRevision(trx, {
      document_id: id,
      version,
      snapshot: JSON.stringify({ ...doc, ...next }),
      correction_note: correctionNote.trim(),
      created_by: actor.userId,
      created_at: at,
    });
    await repo.insertEvent(trx, {
      document_id: id,
      from_status: 'published',
      to_status: 'published',
      action: 'revise',
      reason: correctionNote.trim(),
      actor_id: actor.userId,
      actor_name: actor.name,
      at,
    });
    await recordAudit(trx, actor, {
      action: 'document.revised',
      targetType: 'document',
      targetId: id,
      before: doc,
      after: next,
    });
    await reindexDocument(trx, id);
  });
}

/** 有效 / 失效 / 废止 / 已修订, with date, reason and successor: marked, never deleted. */
export async function changeValidity(db: Db, actor: Actor, id: number, input: ValidityInput): Promise<void> {
  assertCan(actor, 'documents.publish');
  const doc = await load(db, id);
  if (doc.status !== 'published')
    throw new AppError('CONFLICT', { message: '只有已发布的文件才能变更有效性' });
  if (input.successor_id) {
    if (input.successor_id === id) throw fieldError('successor_id', '替代文件：不能是本文件');
    const successor = await repo.findDocument(db, input.successor_id);
    if (successor?.status !== 'published') throw fieldError('successor_id', '替代文件：须为已发布的文件');
  }
  await inTransaction(db, async (trx) => {
    const set = {
      validity: input.validity,
      validity_changed_on: input.validity_changed_on,
      validity_reason: input.reason,
      successor_id: input.successor_id,
      updated_at: nowIso(),
    };
    await repo.updateDocument(trx, id, set);
    await recordAudit(trx, actor, {
      action: 'document.validity_changed',
      targetType: 'document',
      targetId: id,
      before: { validity: doc.validity },
      after: set,
    });
    await reindexDocument(trx, id);
  });
}

/** An erroneous publication is withdrawn with a reason; the page becomes a tombstone. */
export async function withdrawDocument(db: Db, actor: Actor, id: number, reason: string): Promise<void> {
  assertCan(actor, TRANSITIONS.withdraw.permission);
  if (!reason.trim()) throw fieldError('reason', '理由：撤回时必须说明理由');
  const doc = await load(db, id);
  await inTransaction(db, (trx) =>
    transition(trx, actor, doc, 'withdraw', { withdrawn_reason: reason.trim() }, reason.trim()),
  );
}

/** Only a draft that never entered review can be discarded; anything else is refused. */
export async function deleteDocument(db: Db, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'documents.edit');
  const doc = await load(db, id);
  const everSubmitted = (await repo.listEvents(db, id)).some((e) => e.action !== 'create');
  if (doc.status !== 'draft' || doc.index_no || everSubmitted)
    throw new AppError('CONFLICT', {
      message: '已送审或发布过的文件不能删除；如需停止公开，请使用“撤回”或标注失效、废止',
    });
  await inTransaction(db, async (trx) => {
    await repo.deleteDraft(trx, id);
    await recordAudit(trx, actor, {
      action: 'document.draft_discarded',
      targetType: 'document',
      targetId: id,
      before: doc,
    });
  });
}

export async function linkInterpretation(
  db: Db,
  actor: Actor,
  policyId: number,
  interpretationId: number,
  kind: 'text' | 'graphic' | 'video' | 'qa',
): Promise<void> {
  assertCan(actor, 'documents.edit');
  if (policyId === interpretationId) throw fieldError('interpretation_id', '解读：不能关联本文件');
  await load(db, policyId);
  await load(db, interpretationId);
  await inTransaction(db, async (trx) => {
    await repo.linkInterpretation(trx, policyId, interpretationId, kind);
    await recordAudit(trx, actor, {
      action: 'document.interpretation_linked',
      targetType: 'document',
      targetId: policyId,
      detail: { interpretationId, kind },
    });
  });
}

export async function exemptFromInterpretation(
  db: Db,
  actor: Actor,
  policyId: number,
  reason: string,
): Promise<void> {
  assertCan(actor, 'documents.edit');
  if (!reason.trim()) throw fieldError('reason', '理由：必填');
  await load(db, policyId);
  await inTransaction(db, async (trx) => {
    await repo.updateDocument(trx, policyId, {
      interpretation_exempt_reason: reason.trim(),
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'document.interpretation_exempted',
      targetType: 'document',
      targetId: policyId,
      detail: { reason },
    });
  });
}

export const getDocument = load;
export const documentEvents = repo.listEvents;
export const documentRevisions = repo.listRevisions;
export type { DocumentStatus };
