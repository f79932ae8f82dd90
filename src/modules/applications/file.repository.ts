import type { Executor } from '../../platform/db/index.js';

/** All SQL of the files attached to applications (the sealed bytes live in `files`). */

export async function insertApplicationFile(
  db: Executor,
  f: {
    application_id: number;
    file_id: number;
    name: string;
    mime: string;
    size: number;
    source: 'applicant' | 'staff';
    created_by: number | null;
    created_at: string;
  },
): Promise<number> {
  const r = await db.insertInto('application_files').values(f).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function listApplicationFiles(db: Executor, applicationId: number) {
  return db
    .selectFrom('application_files')
    .select(['id', 'name', 'mime', 'size', 'source', 'created_at'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

export async function countApplicationFiles(db: Executor, applicationId: number): Promise<number> {
  const r = await db
    .selectFrom('application_files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('application_id', '=', applicationId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One attached file with its sealed bytes. */
export async function findApplicationFile(db: Executor, applicationId: number, id: number) {
  return db
    .selectFrom('application_files as af')
    .innerJoin('files as f', 'f.id', 'af.file_id')
    .select(['af.id', 'af.name', 'af.mime', 'af.size', 'f.data', 'f.sha'])
    .where('af.application_id', '=', applicationId)
    .where('af.id', '=', id)
    .executeTakeFirst();
}

/** For `gongkai rekey`: every sealed application file. */
export async function sealedApplicationFiles(db: Executor) {
  return db
    .selectFrom('application_files as af')
    .innerJoin('files as f', 'f.id', 'af.file_id')
    .select(['f.id', 'f.data'])
    .execute();
}

export async function setFileBytes(db: Executor, fileId: number, data: Buffer): Promise<void> {
  await db.updateTable('files').set({ data, size: data.length }).where('id', '=', fileId).execute();
}
