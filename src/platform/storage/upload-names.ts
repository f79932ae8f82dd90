import type { MultipartFile } from '@fastify/multipart';

/**
 * Multipart fields arrive in the body as plain Buffers (attachFieldsToBody: 'keyValues'), which
 * loses the name the browser sent. The app's onFile hook remembers it here, keyed by the Buffer,
 * for modules that show it (document attachments). The name is display text only: never a path.
 */
const names = new WeakMap<Buffer, string>();

export async function rememberUpload(part: MultipartFile): Promise<void> {
  const data = await part.toBuffer();
  if (part.filename) names.set(data, part.filename);
}

/** The name the browser gave an uploaded file, if any. */
export function uploadedName(data: unknown): string | null {
  return Buffer.isBuffer(data) ? (names.get(data) ?? null) : null;
}
