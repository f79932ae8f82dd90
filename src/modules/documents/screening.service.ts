import { type Actor, can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { sm3 } from '../../platform/crypto.js';
import { type Db, inTransaction, nowIso } from '../../platform/db/index.js';
import type { DocumentRow } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { activeAttachments } from './attachment.repository.js';
import * as docs from './document.repository.js';
import { htmlToText, maskHtmlText } from './richtext.js';
import { maskFinding, screenDocument } from './screening.js';
import * as repo from './screening.repository.js';

/**
 * The document fields screened for personal data before publication. Each current attachment adds
 * `attachment:<id>` (its extracted text, or an image's description) and `attachment:<id>:name`.
 */
const SCREENED = ['title', 'summary', 'body'] as const;
type ScreenedField = (typeof SCREENED)[number];
const isScreened = (f: string): f is ScreenedField => (SCREENED as readonly string[]).includes(f);
/** The body is screened as text, link targets included (a mailto: address is published too). */
const BODY_TEXT = { links: true } as const;

/**
 * Screen a document and store what was found. Findings already dismissed (same field, same text)
 * stay dismissed; everything else is open until masked or dismissed with a reason.
 */
export async function screenStoredDocument(db: Db, id: number): Promise<{ open: number }> {
  const doc = await docs.findDocument(db, id);
  if (!doc) throw new AppError('NOT_FOUND');
  // The body is HTML: screen its text and link targets, so offsets are offsets in that text.
  const fields: Record<string, string | null> = {
    title: doc.title,
    summary: doc.summary,
    body: htmlToText(doc.body, BODY_TEXT),
  };
  for (const a of await activeAttachments(db, id)) {
    fields[`attachment:${a.id}:name`] = a.name;
    fields[`attachment:${a.id}`] = a.kind === 'image' ? a.alt_text : a.extracted_text;
  }
  const found = screenDocument(fields);
  const decided = await repo.findingsOf(db, id);
  const dismissed = new Set(
    decided.filter((f) => f.status === 'dismissed').map((f) => `${f.field}|${f.digest}`),
  );
  const at = nowIso();
  const rows = found
    .map((f) => ({ f, digest: sm3(f.text) }))
    .filter(({ f, digest }) => !dismissed.has(`${f.field}|${digest}`))
    .map(({ f, digest }) => ({
      document_id: id,
      field: f.field,
      kind: f.kind,
      severity: f.severity,
      label: f.label,
      start_pos: f.start,
      end_pos: f.end,
      digest,
      masked: f.masked,
      status: 'open' as const,
      reason: null,
      decided_by: null,
      decided_at: null,
      created_at: at,
    }));
  await inTransaction(db, (trx) => repo.replaceOpenFindings(trx, id, rows));
  return { open: rows.length };
}

async function openFinding(db: Db, findingId: number) {
  const f = await repo.findFinding(db, findingId);
  if (!f) throw new AppError('NOT_FOUND');
  if (f.status !== 'open') throw new AppError('CONFLICT', { message: '该条已处理' });
  const doc = await docs.findDocument(db, f.document_id);
  if (!doc) throw new AppError('NOT_FOUND');
  return { f, doc };
}

/** Replace the found text in the document with its mask (110101********1234), then re-screen. */
export async function maskDocumentFinding(db: Db, actor: Actor, findingId: number): Promise<void> {
  if (!can(actor, 'documents.edit') && !can(actor, 'documents.review')) throw new AppError('FORBIDDEN');
  const { f, doc } = await openFinding(db, findingId);
  if (doc.status === 'published' || doc.status === 'withdrawn')
    throw new AppError('CONFLICT', { message: '已发布的文件请通过“更正”修改内容' });
  if (f.field.startsWith('attachment:'))
    throw new AppError('CONFLICT', {
      message:
        '附件中的个人信息无法在原文件中遮盖：请上传遮盖后的附件替换原附件，或由保密审查员说明理由后忽略',
    });
  if (!isScreened(f.field)) throw new AppError('CONFLICT', { message: `无法遮盖字段 ${f.field}` });
  const stored = (doc as DocumentRow)[f.field] ?? '';
  const text = f.field === 'body' ? htmlToText(stored, BODY_TEXT) : stored;
  const original = text.slice(f.start_pos, f.end_pos);
  if (sm3(original) !== f.digest)
    throw new AppError('CONFLICT', { message: '文件内容已变化，请重新筛查后再处理' });
  const mask = maskFinding({ kind: f.kind as Parameters<typeof maskFinding>[0]['kind'], text: original });
  const masked =
    f.field === 'body'
      ? maskHtmlText(stored, f.start_pos, f.end_pos, mask, BODY_TEXT)
      : `${text.slice(0, f.start_pos)}${mask}${text.slice(f.end_pos)}`;
  if (masked === undefined) throw new AppError('CONFLICT', { message: '文件内容已变化，请重新筛查后再处理' });
  const at = nowIso();
  await inTransaction(db, async (trx) => {
    await docs.updateDocument(trx, doc.id, { [f.field]: masked, updated_at: at });
    await repo.decideFinding(trx, f.id, {
      status: 'masked',
      reason: null,
      decided_by: actor.userId,
      decided_at: at,
    });
    await recordAudit(trx, actor, {
      action: 'document.finding_masked',
      targetType: 'document',
      targetId: doc.id,
      detail: { field: f.field, kind: f.kind, masked: f.masked },
    });
  });
  await screenStoredDocument(db, doc.id);
}

/** Keep the text as it is, with a reason (e.g. an office phone number the public should call). */
export async function dismissDocumentFinding(
  db: Db,
  actor: Actor,
  findingId: number,
  reason: string,
): Promise<void> {
  if (!can(actor, 'documents.review')) throw new AppError('FORBIDDEN');
  if (!reason.trim()) throw fieldError('reason', '理由：忽略时必须说明理由');
  const { f, doc } = await openFinding(db, findingId);
  const at = nowIso();
  await inTransaction(db, async (trx) => {
    await repo.decideFinding(trx, f.id, {
      status: 'dismissed',
      reason: reason.trim(),
      decided_by: actor.userId,
      decided_at: at,
    });
    await recordAudit(trx, actor, {
      action: 'document.finding_dismissed',
      targetType: 'document',
      targetId: doc.id,
      detail: { field: f.field, kind: f.kind, masked: f.masked, reason: reason.trim() },
    });
  });
}

export const documentFindings = repo.findingsOf;
