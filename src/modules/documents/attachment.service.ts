import { type Actor, can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type Db, type Executor, inTransaction, nowIso } from '../../platform/db/index.js';
import type { DocumentAttachment, DocumentRow } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { deleteOwnedFile, storePrivateFile } from '../../platform/storage/storage.js';
import {
  type AcceptedType,
  attachmentName,
  EXTRACTION_LIMITS,
  type Extraction,
  type ExtractionLimits,
  extractText,
  formatSize,
  sniffAttachment,
} from './attachment.extract.js';
import * as repo from './attachment.repository.js';
import * as docs from './document.repository.js';
import { STATUS_LABELS } from './document.status.js';
import { screenDocument } from './screening.js';
import { screenStoredDocument } from './screening.service.js';
import { reindexDocument } from './search.source.js';

/**
 * Attachments of documents (issue 3). The rules follow the document workflow (ADR 0010):
 * - a draft's attachments are added, replaced, removed and reordered freely (documents.edit);
 * - in review or approved, an attachment can only be replaced — typically by a version with the
 *   personal data blacked out — and the document is screened again;
 * - a published document changes only through a correction (documents.publish, public 更正说明,
 *   new version), and its attachments are never deleted: replaced or removed ones are kept, hidden.
 *   A new file for a published document is screened first and refused while it holds high or medium
 *   personal-data findings (there is no review step left to catch them).
 * Every change is audited in the same transaction as the change.
 */

/** Default largest attachment (ATTACHMENT_MAX_MB overrides it for the web forms). */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS = 50;

export interface AttachmentUpload {
  data: Buffer | undefined;
  /** The file name the browser or the importer gave; shown, never used as a path. */
  filename?: string | null;
  /** A display name typed by staff, instead of the file name. */
  name?: string | null;
  /** Images: the description read out by screen readers; required. */
  altText?: string | null;
}

export interface AttachmentOptions {
  maxBytes?: number;
  limits?: ExtractionLimits;
  /** Published documents only: the public 更正说明 of the change. */
  correctionNote?: string | null;
}

type Mode = 'draft' | 'review' | 'published';
type Op = 'add' | 'replace' | 'remove' | 'reorder';

function assertCan(actor: Actor, permission: string) {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN', { details: { permission } });
}

export async function loadDocument(db: Executor, id: number): Promise<DocumentRow> {
  const d = await docs.findDocument(db, id);
  if (!d) throw new AppError('NOT_FOUND');
  return d;
}

export async function loadAttachment(
  db: Executor,
  documentId: number,
  id: number,
): Promise<DocumentAttachment> {
  const a = await repo.findAttachment(db, id);
  if (!a || a.document_id !== documentId) throw new AppError('NOT_FOUND');
  return a;
}

/** Who may do what in which state (see the module comment). */
function gate(actor: Actor, doc: DocumentRow, op: Op, correctionNote: string | null | undefined): Mode {
  if (doc.status === 'withdrawn') throw new AppError('CONFLICT', { message: '已撤回的文件不能修改附件' });
  if (doc.status === 'published') {
    assertCan(actor, 'documents.publish');
    if (!correctionNote?.trim())
      throw fieldError('correction_note', '更正说明：修改已发布文件的附件须填写更正说明（将公开显示）');
    return 'published';
  }
  assertCan(actor, 'documents.edit');
  if (doc.status === 'draft') return 'draft';
  if (op !== 'replace')
    throw new AppError('CONFLICT', {
      message: `当前状态为“${STATUS_LABELS[doc.status]}”，不能增删或调整附件；只能替换附件（例如换成遮盖个人信息后的版本）`,
    });
  return 'review';
}

export interface Prepared {
  data: Buffer;
  type: AcceptedType;
  name: string;
  altText: string | null;
  extraction: Extraction;
}

/** Check size and type by content, name it, and extract its text (outside any transaction). */
export async function prepare(
  upload: AttachmentUpload,
  options: AttachmentOptions,
  previousAlt: string | null = null,
): Promise<Prepared> {
  const data = upload.data;
  if (!data || data.length === 0) throw fieldError('file', '附件文件：请选择要上传的文件');
  const max = options.maxBytes ?? ATTACHMENT_MAX_BYTES;
  if (data.length > max) throw fieldError('file', `附件文件：不能超过 ${formatSize(max)}`);
  const type = await sniffAttachment(data);
  if (!type)
    throw fieldError(
      'file',
      '附件文件：只能上传 PDF、Word（.docx）、Excel（.xlsx）或 PNG、JPG、GIF、WebP 图片；类型按文件内容识别，与文件名无关',
    );
  const typed = upload.name?.trim();
  if (typed && typed.length > 200) throw fieldError('name', '附件名称：不能超过 200 个字符');
  const name = attachmentName(typed || upload.filename, type);
  let altText: string | null = null;
  if (type.kind === 'image') {
    altText = upload.altText?.trim() || previousAlt;
    if (!altText)
      throw fieldError('alt_text', '图片说明：图片附件必须填写说明文字，供使用读屏软件的公众了解图片内容');
    if (altText.length > 500) throw fieldError('alt_text', '图片说明：不能超过 500 个字符');
  }
  const extraction = await extractText(type, data, altText, options.limits ?? EXTRACTION_LIMITS);
  return { data, type, name, altText, extraction };
}

/** A published document gets no new file holding personal data: there is no review left to catch it. */
function prescreen(p: Prepared) {
  const found = screenDocument({ name: p.name, text: p.extraction.text }).filter((f) => f.severity !== 'low');
  if (found.length === 0) return;
  const kinds = [...new Set(found.map((f) => f.label))].join('、');
  throw new AppError('CONFLICT', {
    message: `附件中发现 ${found.length} 处疑似个人信息（${kinds}，如 ${found[0]!.masked}）：已发布文件的附件须先遮盖个人信息后再上传`,
  });
}

export function newRow(
  actor: Actor,
  documentId: number,
  p: Prepared,
  file: { id: number; sha: string },
  position: number,
) {
  const at = nowIso();
  return {
    document_id: documentId,
    file_id: file.id,
    name: p.name,
    position,
    kind: p.type.kind,
    mime: p.type.mime,
    size: p.data.length,
    sha: file.sha,
    page_count: p.extraction.pageCount,
    alt_text: p.altText,
    extracted_text: p.extraction.text,
    extraction_status: p.extraction.status,
    extraction_error: p.extraction.error,
    status: 'active' as const,
    replaced_by: null,
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
  };
}

/** A change to a published document's attachments is a correction: new version, public note. */
async function correctionIf(
  mode: Mode,
  trx: Executor,
  actor: Actor,
  doc: DocumentRow,
  note: string | null | undefined,
): Promise<{ version?: number; correctionNote?: string }> {
  if (mode !== 'published') return {};
  return { version: await recordCorrection(trx, actor, doc, note!), correctionNote: note!.trim() };
}

async function recordCorrection(trx: Executor, actor: Actor, doc: DocumentRow, note: string) {
  const at = nowIso();
  const version = doc.version + 1;
  await docs.updateDocument(trx, doc.id, { version, updated_at: at });
  const attachments = (await repo.activeAttachments(trx, doc.id)).map((a) => ({
    id: a.id,
    name: a.name,
    sha: a.sha,
  }));
  await docs.insertRevision(trx, {
    document_id: doc.id,
    version,
    snapshot: JSON.stringify({ ...doc, version, updated_at: at, attachments }),
    correction_note: note.trim(),
    created_by: actor.userId,
    created_at: at,
  });
  await docs.insertEvent(trx, {
    document_id: doc.id,
    from_status: 'published',
    to_status: 'published',
    action: 'revise',
    reason: note.trim(),
    actor_id: actor.userId,
    actor_name: actor.name,
    at,
  });
  await reindexDocument(trx, doc.id);
  return version;
}

export const described = (a: Pick<DocumentAttachment, 'id' | 'name' | 'kind' | 'size' | 'sha'>) => ({
  attachmentId: a.id,
  name: a.name,
  kind: a.kind,
  size: a.size,
  sha: a.sha,
});

/** Add an attachment at the end of the list. Returns its id. */
export async function addAttachment(
  db: Db,
  actor: Actor,
  documentId: number,
  upload: AttachmentUpload,
  options: AttachmentOptions = {},
): Promise<number> {
  const doc = await loadDocument(db, documentId);
  const mode = gate(actor, doc, 'add', options.correctionNote);
  if ((await repo.activeAttachments(db, documentId)).length >= MAX_ATTACHMENTS)
    throw fieldError('file', `附件文件：每个文件最多 ${MAX_ATTACHMENTS} 个附件`);
  const p = await prepare(upload, options);
  if (mode === 'published') prescreen(p);
  const id = await inTransaction(db, async (trx) => {
    const current = await repo.activeAttachments(trx, documentId);
    const file = await storePrivateFile(trx, actor, p.data, p.type.mime);
    const row = newRow(actor, documentId, p, file, (current.at(-1)?.position ?? 0) + 1);
    const id = await repo.insertAttachment(trx, row);
    const correction = await correctionIf(mode, trx, actor, doc, options.correctionNote);
    await recordAudit(trx, actor, {
      action: 'document.attachment_added',
      targetType: 'document',
      targetId: documentId,
      detail: {
        ...described({ ...row, id }),
        extraction: row.extraction_status,
        ...correction,
      },
    });
    return id;
  });
  if (mode !== 'draft') await screenStoredDocument(db, documentId);
  return id;
}

/**
 * Replace an attachment by a new file in the same place (e.g. a version with personal data
 * blacked out). The document is screened again at once unless it is a draft. Returns the new id.
 */
export async function replaceAttachment(
  db: Db,
  actor: Actor,
  documentId: number,
  attachmentId: number,
  upload: AttachmentUpload,
  options: AttachmentOptions = {},
): Promise<number> {
  const doc = await loadDocument(db, documentId);
  const old = await loadAttachment(db, documentId, attachmentId);
  if (old.status !== 'active') throw new AppError('CONFLICT', { message: '该附件已被替换或移除' });
  const mode = gate(actor, doc, 'replace', options.correctionNote);
  const p = await prepare(upload, options, old.kind === 'image' ? old.alt_text : null);
  if (mode === 'published') prescreen(p);
  const id = await inTransaction(db, async (trx) => {
    const file = await storePrivateFile(trx, actor, p.data, p.type.mime);
    const row = newRow(actor, documentId, p, file, old.position);
    const id = await repo.insertAttachment(trx, row);
    await retire(trx, doc, old, 'replaced', id);
    const correction = await correctionIf(mode, trx, actor, doc, options.correctionNote);
    await recordAudit(trx, actor, {
      action: 'document.attachment_replaced',
      targetType: 'document',
      targetId: documentId,
      before: described(old),
      after: described({ ...row, id }),
      detail: {
        replaced: old.id,
        by: id,
        ...correction,
      },
    });
    return id;
  });
  if (mode !== 'draft') await screenStoredDocument(db, documentId);
  return id;
}

/**
 * Take an attachment off the list. A document that was ever published keeps it (hidden, for the
 * record); one that never was forgets it and its file.
 */
export async function retire(
  trx: Executor,
  doc: DocumentRow,
  a: DocumentAttachment,
  status: 'replaced' | 'removed',
  replacedBy: number | null,
) {
  if (doc.index_no || doc.status === 'published') {
    await repo.updateAttachment(trx, a.id, { status, replaced_by: replacedBy, updated_at: nowIso() });
    return;
  }
  await repo.deleteAttachment(trx, a.id);
  await deleteOwnedFile(trx, a.file_id);
}

export async function removeAttachment(
  db: Db,
  actor: Actor,
  documentId: number,
  attachmentId: number,
  options: Pick<AttachmentOptions, 'correctionNote'> = {},
): Promise<void> {
  const doc = await loadDocument(db, documentId);
  const a = await loadAttachment(db, documentId, attachmentId);
  if (a.status !== 'active') throw new AppError('CONFLICT', { message: '该附件已被替换或移除' });
  const mode = gate(actor, doc, 'remove', options.correctionNote);
  await inTransaction(db, async (trx) => {
    await retire(trx, doc, a, 'removed', null);
    const correction = await correctionIf(mode, trx, actor, doc, options.correctionNote);
    await recordAudit(trx, actor, {
      action: 'document.attachment_removed',
      targetType: 'document',
      targetId: documentId,
      before: described(a),
      detail: {
        ...described(a),
        ...correction,
      },
    });
  });
}

/** Put the document's attachments in the given order (every current attachment, once). */
export async function reorderAttachments(
  db: Db,
  actor: Actor,
  documentId: number,
  orderedIds: number[],
  options: Pick<AttachmentOptions, 'correctionNote'> = {},
): Promise<void> {
  const doc = await loadDocument(db, documentId);
  const mode = gate(actor, doc, 'reorder', options.correctionNote);
  await inTransaction(db, async (trx) => {
    const current = await repo.activeAttachments(trx, documentId);
    const ids = new Set(current.map((a) => a.id));
    if (
      orderedIds.length !== ids.size ||
      new Set(orderedIds).size !== ids.size ||
      orderedIds.some((i) => !ids.has(i))
    )
      throw new AppError('CONFLICT', { message: '附件列表已变化，请刷新页面后重试' });
    const at = nowIso();
    for (const [i, id] of orderedIds.entries())
      await repo.updateAttachment(trx, id, { position: i + 1, updated_at: at });
    const correction = await correctionIf(mode, trx, actor, doc, options.correctionNote);
    await recordAudit(trx, actor, {
      action: 'document.attachments_reordered',
      targetType: 'document',
      targetId: documentId,
      before: { order: current.map((a) => a.id) },
      after: { order: orderedIds },
      ...(correction.version ? { detail: correction } : {}),
    });
  });
}

/** Move one attachment a place up or down (the console's buttons). */
export async function moveAttachment(
  db: Db,
  actor: Actor,
  documentId: number,
  attachmentId: number,
  direction: 'up' | 'down',
  options: Pick<AttachmentOptions, 'correctionNote'> = {},
): Promise<void> {
  const order = (await repo.activeAttachments(db, documentId)).map((a) => a.id);
  const i = order.indexOf(attachmentId);
  if (i === -1) throw new AppError('NOT_FOUND');
  const j = direction === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= order.length) return;
  [order[i], order[j]] = [order[j]!, order[i]!];
  await reorderAttachments(db, actor, documentId, order, options);
}

/**
 * For the importer (`gongkai import documents`): attach a file given its bytes and name to a
 * document, with the same checks as the console. Images need `altText`.
 */
export async function attachFile(
  db: Db,
  actor: Actor,
  documentId: number,
  file: { data: Buffer; name: string; altText?: string | null },
  options: AttachmentOptions = {},
): Promise<number> {
  return addAttachment(
    db,
    actor,
    documentId,
    { data: file.data, filename: file.name, altText: file.altText },
    options,
  );
}
