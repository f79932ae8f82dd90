import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { sm3 } from '../../platform/crypto.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { storePrivateFile } from '../../platform/storage/storage.js';
import * as repo from './attachment.repository.js';
import { described, loadDocument, newRow, type Prepared, prepare, retire } from './attachment.service.js';

/** One attachment of an imported line: the file's bytes, its display name, an image's description. */
export interface ImportedFile {
  name: string;
  data: Buffer;
  altText?: string | null;
}

/**
 * The attachments of an imported document (`gongkai import documents`), inside the line's
 * transaction so a bad file fails the whole line and nothing is half-written. Files are checked by
 * content and their text extracted exactly like uploads; an image without a description gets its
 * name as one (historical data rarely has alt text; staff can improve it in the console).
 * Re-importing the same list (names and contents, in order) changes nothing and returns false;
 * a different list retires the current attachments (a published document keeps them, hidden) and
 * stores the new ones, audited, and returns true.
 */
export async function importAttachments(
  trx: Executor,
  actor: Actor,
  documentId: number,
  files: ImportedFile[],
): Promise<boolean> {
  const prepared: Prepared[] = [];
  for (const [i, f] of files.entries()) {
    try {
      const fallbackAlt = f.name.replace(/\.[a-z0-9]{1,5}$/i, '').trim() || '图片附件';
      prepared.push(
        await prepare({ data: f.data, filename: f.name, altText: f.altText?.trim() || fallbackAlt }, {}),
      );
    } catch (e) {
      if (e instanceof AppError && e.fields)
        throw fieldError(
          'attachments',
          `附件 attachments[${i}]（${f.name}）：${Object.values(e.fields).join('；')}`,
        );
      throw e;
    }
  }
  const current = await repo.activeAttachments(trx, documentId);
  const same =
    current.length === prepared.length &&
    current.every((a, i) => a.name === prepared[i]!.name && a.sha === sm3(prepared[i]!.data));
  if (same) return false;
  const doc = await loadDocument(trx, documentId);
  for (const a of current) await retire(trx, doc, a, 'removed', null);
  const added = [];
  for (const [i, p] of prepared.entries()) {
    const file = await storePrivateFile(trx, actor, p.data, p.type.mime);
    const row = newRow(actor, documentId, p, file, i + 1);
    added.push(described({ ...row, id: await repo.insertAttachment(trx, row) }));
  }
  await recordAudit(trx, actor, {
    action: 'document.attachments_imported',
    targetType: 'document',
    targetId: documentId,
    before: { attachments: current.map(described) },
    after: { attachments: added },
  });
  return true;
}
