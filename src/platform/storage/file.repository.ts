import type { Executor } from '../db/index.js';
import type { FileTable } from '../db/schema.js';

export async function insertFile(db: Executor, f: Omit<FileTable, 'id'>): Promise<number> {
  const r = await db.insertInto('files').values(f).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findPublicFile(db: Executor, id: number) {
  return db
    .selectFrom('files')
    .select(['id', 'sha', 'mime', 'size', 'data'])
    .where('id', '=', id)
    .where('visibility', '=', 'public')
    .executeTakeFirst();
}

/** Any file by id, public or private: only for a module that has already checked permission. */
export async function findFile(db: Executor, id: number) {
  return db
    .selectFrom('files')
    .select(['id', 'sha', 'mime', 'size', 'data', 'visibility'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteFile(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('files').where('id', '=', id).execute();
}
