import { fileTypeFromBuffer } from 'file-type';
import { type Actor, can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { cipherOf, type DataKeys } from '../../platform/crypto.js';
import { type Db, type Executor, inTransaction, nowIso } from '../../platform/db/index.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { storePrivateFile } from '../../platform/storage/storage.js';
import { uploadedName } from '../../platform/storage/upload-names.js';
import { mayViewPersonalData } from './application.policy.js';
import * as appRepo from './application.repository.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import * as repo from './file.repository.js';

/**
 * Files attached to an application: what the applicant sends with the online form (a copy of the
 * identity document, a power of attorney, a map of the plot…) and what staff scan from a paper
 * application. The type is read from the bytes (never the name); the bytes are SM4-sealed at rest,
 * since they usually hold personal data, and only those who may see the applicant's personal data
 * (the 公开办, the assigned unit's handlers) open them, each opening audited.
 */
export const APPLICATION_FILE_TYPES: Record<string, { ext: string; label: string }> = {
  'application/pdf': { ext: 'pdf', label: 'PDF' },
  'image/jpeg': { ext: 'jpg', label: 'JPG 图片' },
  'image/png': { ext: 'png', label: 'PNG 图片' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', label: 'Word' },
};
export const APPLICATION_FILES_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,application/pdf,image/jpeg,image/png';
export const APPLICATION_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const APPLICATION_FILES_MAX = 5;

export interface FileUpload {
  data: Buffer;
  filename: string | null;
}

export interface PreparedFile {
  data: Buffer;
  mime: string;
  name: string;
}

/** The files of a multipart form field (one Buffer or several), with the names the browser sent. */
export function uploadsOf(value: unknown): FileUpload[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter(Buffer.isBuffer).map((data) => ({ data, filename: uploadedName(data) }));
}

/** Route options for a form with application files: limits above the app's default of one 2 MB file. */
export const APPLICATION_FILES_MULTIPART = {
  // One byte over the limit is kept, so prepareFiles can say "too large" on the form; the count is
  // checked there too (a generous transport limit, so the form answers rather than a bare 413).
  limits: { fileSize: 10 * 1024 * 1024 + 1, files: 20, fields: 60 },
  throwFileSizeLimit: false,
} as Record<string, unknown>;

const TYPES_TEXT = 'PDF、JPG、PNG 或 Word（.docx）';

/** A display name: the browser's name without any path, or a generic one; the extension matches the type. */
function displayName(filename: string | null, ext: string, n: number): string {
  const base = (filename ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[<>:"|?*]/g, '')
    .replace(/\p{Cc}/gu, '')
    .trim();
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 100) || `附件${n}`;
  return `${stem}.${ext}`;
}

/** Check count, size and type (by content) of the uploads, before any transaction opens. */
export async function prepareFiles(
  uploads: readonly FileUpload[],
  already = 0,
  field = 'files',
): Promise<PreparedFile[]> {
  const files = uploads.filter((u) => u.data.length > 0);
  if (already + files.length > APPLICATION_FILES_MAX)
    throw fieldError(field, `附件：每件申请最多 ${APPLICATION_FILES_MAX} 个文件`);
  const out: PreparedFile[] = [];
  for (const [i, f] of files.entries()) {
    const label = f.filename ? `附件“${f.filename}”` : `第 ${i + 1} 个附件`;
    if (f.data.length > APPLICATION_FILE_MAX_BYTES)
      throw fieldError(field, `附件：${label}超过 ${APPLICATION_FILE_MAX_BYTES / 1024 / 1024} MB`);
    const type = await fileTypeFromBuffer(f.data);
    const known = type && APPLICATION_FILE_TYPES[type.mime];
    if (!type || !known)
      throw fieldError(field, `附件：${label}的类型不支持，只能上传 ${TYPES_TEXT}（按文件内容识别）`);
    out.push({ data: f.data, mime: type.mime, name: displayName(f.filename, known.ext, already + i + 1) });
  }
  return out;
}

/** Store prepared files, sealed, in the caller's transaction. */
export async function storeFiles(
  trx: Executor,
  keys: DataKeys,
  applicationId: number,
  files: readonly PreparedFile[],
  by: { source: 'applicant' | 'staff'; userId: number | null },
): Promise<void> {
  const cipher = cipherOf(keys);
  for (const f of files) {
    const stored = await storePrivateFile(
      trx,
      { userId: by.userId },
      cipher.encryptBytes(f.data),
      'application/octet-stream',
    );
    await repo.insertApplicationFile(trx, {
      application_id: applicationId,
      file_id: stored.id,
      name: f.name,
      mime: f.mime,
      size: f.data.length,
      source: by.source,
      created_by: by.userId,
      created_at: nowIso(),
    });
  }
}

/** Who may open an application's files: as for its personal data (application.policy.ts). */
function assertMayOpen(actor: Actor, app: { org_id: number | null }): void {
  if (!mayViewPersonalData(actor, app.org_id))
    throw new AppError('FORBIDDEN', { message: '您无权查看该申请的附件（附件可能含有申请人的个人信息）' });
}

export async function listFiles(db: Executor, applicationId: number) {
  return repo.listApplicationFiles(db, applicationId);
}

/** Staff add scanned pages of a paper application (公开办). */
export async function addStaffFiles(
  deps: { db: Db; config: DataKeys },
  actor: Actor,
  applicationId: number,
  uploads: readonly FileUpload[],
): Promise<number> {
  if (!can(actor, P.intake)) throw new AppError('FORBIDDEN', { message: '只有公开办可以为申请添加附件' });
  const app = await appRepo.findApplication(deps.db, applicationId);
  if (!app) throw new AppError('NOT_FOUND', { message: '申请不存在' });
  if (!uploads.some((u) => u.data.length > 0)) throw fieldError('files', '附件：请选择要上传的文件');
  const files = await prepareFiles(uploads, await repo.countApplicationFiles(deps.db, applicationId));
  return inTransaction(deps.db, async (trx) => {
    await storeFiles(trx, deps.config, applicationId, files, { source: 'staff', userId: actor.userId });
    await recordAudit(trx, actor, {
      action: 'application.files.add',
      targetType: 'application',
      targetId: applicationId,
      after: { files: files.map((f) => ({ name: f.name, mime: f.mime, size: f.data.length })) },
    });
    return files.length;
  });
}

/** Open one file for a permitted member of staff; audited like a view of personal data. */
export async function openFile(
  deps: { db: Db; config: DataKeys },
  actor: Actor,
  applicationId: number,
  fileId: number,
): Promise<{ name: string; mime: string; data: Buffer; sha: string }> {
  const app = await appRepo.findApplication(deps.db, applicationId);
  if (!app) throw new AppError('NOT_FOUND', { message: '申请不存在' });
  assertMayOpen(actor, app);
  const f = await repo.findApplicationFile(deps.db, applicationId, fileId);
  if (!f) throw new AppError('NOT_FOUND', { message: '附件不存在' });
  const data = cipherOf(deps.config).decryptBytes(f.data);
  await recordAudit(deps.db, actor, {
    action: 'application.file.view',
    targetType: 'application',
    targetId: applicationId,
    after: { file: f.id, name: f.name },
  });
  return { name: f.name, mime: f.mime, data, sha: f.sha };
}

/** `gongkai rekey`: re-seal, under DATA_KEY, every application file sealed with an older key. */
export async function resealApplicationFiles(db: Db, keys: DataKeys): Promise<number> {
  const cipher = cipherOf(keys);
  let n = 0;
  for (const f of await repo.sealedApplicationFiles(db)) {
    if (!cipher.fileNeedsRekey(f.data)) continue;
    await repo.setFileBytes(db, f.id, cipher.encryptBytes(cipher.decryptBytes(f.data)));
    n++;
  }
  return n;
}
