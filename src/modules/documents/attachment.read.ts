import { type Actor, can } from '../../platform/actor.js';
import type { Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { findOwnedFile } from '../../platform/storage/storage.js';
import * as repo from './attachment.repository.js';
import { loadAttachment, loadDocument } from './attachment.service.js';

/**
 * Reading attachments: the console's view and files for staff (with their permission check), and the
 * public list and downloads of published documents. Changes are in attachment.service.ts.
 */

/** Staff who may see a document's attachments: editors, publishers and the secrecy reviewer. */
export function canViewAttachments(actor: Actor): boolean {
  return can(actor, 'documents.edit') || can(actor, 'documents.review') || can(actor, 'documents.publish');
}

function assertCanView(actor: Actor) {
  if (!canViewAttachments(actor))
    throw new AppError('FORBIDDEN', { details: { permission: 'documents.edit' } });
}

/** The console's view: the document, its attachments in order (with text) and the retired ones. */
export async function attachmentsForStaff(db: Db, actor: Actor, documentId: number) {
  const doc = await loadDocument(db, documentId);
  assertCanView(actor);
  const [active, retired] = await Promise.all([
    repo.activeAttachments(db, documentId),
    repo.retiredAttachments(db, documentId),
  ]);
  return { doc, active, retired };
}

/** Any attachment's bytes for staff (drafts and retired files included). */
export async function staffAttachmentFile(db: Db, actor: Actor, documentId: number, attachmentId: number) {
  await loadDocument(db, documentId);
  assertCanView(actor);
  const a = await loadAttachment(db, documentId, attachmentId);
  const file = await findOwnedFile(db, a.file_id);
  if (!file) throw new AppError('NOT_FOUND');
  return { name: a.name, mime: a.mime, sha: file.sha, size: file.size, data: file.data };
}

export const publicAttachments = repo.publicAttachments;
export const publicAttachmentFile = repo.publicAttachmentFile;
export type { PublicAttachmentRow } from './attachment.repository.js';
