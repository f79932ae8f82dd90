import type { Actor } from '../actor.js';
import { sm3 } from '../crypto.js';
import { type Executor, nowIso } from '../db/index.js';
import { fieldError } from '../errors.js';
import * as repo from './file.repository.js';

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The type is taken from the file's first bytes, never from its name or the browser's claim, so a
 * script renamed .jpg is refused. JPEG and PNG only: what the portal needs for photos.
 */
export function sniffImage(data: Buffer): 'image/jpeg' | 'image/png' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length >= 8 && png.every((b, i) => data[i] === b)) return 'image/png';
  return null;
}

/** Store an uploaded public image; returns the URL it is served at. `label` names the field in errors. */
export async function storePublicImage(
  db: Executor,
  actor: Actor,
  data: Buffer,
  field: { name: string; label: string },
): Promise<string> {
  const mime = sniffImage(data);
  if (!mime) throw fieldError(field.name, `${field.label}：只能上传 JPG 或 PNG 图片`);
  if (data.length > IMAGE_MAX_BYTES) throw fieldError(field.name, `${field.label}：不能超过 2 MB`);
  const id = await repo.insertFile(db, {
    sha: sm3(data),
    mime,
    size: data.length,
    visibility: 'public',
    data,
    created_by: actor.userId,
    created_at: nowIso(),
  });
  return `/files/${id}`;
}

export const findPublicFile = repo.findPublicFile;

/**
 * Store bytes whose type the caller has already checked, as a private file: only the owning module
 * serves it, after its own permission check (never /files/:id). Returns the file id.
 */
export async function storePrivateFile(
  db: Executor,
  actor: Pick<Actor, 'userId'> | null,
  data: Buffer,
  mime: string,
): Promise<{ id: number; sha: string }> {
  const sha = sm3(data);
  const id = await repo.insertFile(db, {
    sha,
    mime,
    size: data.length,
    visibility: 'private',
    data,
    created_by: actor?.userId ?? null,
    created_at: nowIso(),
  });
  return { id, sha };
}

/** Read a file for a module that owns it (permission already checked by that module). */
export const findOwnedFile = repo.findFile;
/** Delete a file that was never public (e.g. an attachment of a draft that was removed). */
export const deleteOwnedFile = repo.deleteFile;
