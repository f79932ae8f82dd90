import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import type { ExpropriationProjectTable, ExpropriationStageTable } from '../../platform/db/schema.js';

export type Project = Selectable<ExpropriationProjectTable>;
export type NewProject = Insertable<ExpropriationProjectTable>;
export type Stage = Selectable<ExpropriationStageTable>;

/** The catalogue column whose published documents a stage may link to. */
export const ZDXX_COLUMN = 'zdxx';

export async function listProjects(db: Executor): Promise<Project[]> {
  return db.selectFrom('expropriation_projects').selectAll().orderBy('id', 'desc').execute();
}

export async function findProject(db: Executor, id: number): Promise<Project | undefined> {
  return db.selectFrom('expropriation_projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProjectByBatch(db: Executor, batchNo: string): Promise<Project | undefined> {
  return db
    .selectFrom('expropriation_projects')
    .selectAll()
    .where('batch_no', '=', batchNo)
    .executeTakeFirst();
}

export async function insertProject(db: Executor, p: NewProject): Promise<number> {
  const r = await db.insertInto('expropriation_projects').values(p).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateProject(
  db: Executor,
  id: number,
  set: Updateable<ExpropriationProjectTable>,
): Promise<void> {
  await db.updateTable('expropriation_projects').set(set).where('id', '=', id).execute();
}

/**
 * Stages of the given projects, each with its linked document as the public sees it: only a document
 * still published in the 征地信息 column counts (a withdrawn one leaves doc_title null).
 */
export async function listStages(db: Executor, projectIds: number[]) {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('expropriation_stages as s')
    .leftJoin('documents as d', (j) => j.onRef('d.id', '=', 's.document_id').on('d.status', '=', 'published'))
    .leftJoin('doc_columns as c', (j) => j.onRef('c.id', '=', 'd.column_id').on('c.code', '=', ZDXX_COLUMN))
    .select([
      's.id',
      's.project_id',
      's.kind',
      's.document_id',
      's.posted_on',
      's.end_on',
      's.notes',
      's.updated_at',
      'c.id as doc_column_id',
      'd.title as doc_title',
      'd.doc_number as doc_number',
      'd.published_at as doc_published_at',
    ])
    .where('s.project_id', 'in', projectIds)
    .orderBy('s.project_id')
    .orderBy('s.id')
    .execute();
}
export type StageRow = Awaited<ReturnType<typeof listStages>>[number];

export async function findStage(db: Executor, projectId: number, kind: string): Promise<Stage | undefined> {
  return db
    .selectFrom('expropriation_stages')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

export async function insertStage(db: Executor, s: Insertable<ExpropriationStageTable>): Promise<void> {
  await db.insertInto('expropriation_stages').values(s).execute();
}

export async function updateStage(
  db: Executor,
  id: number,
  set: Updateable<ExpropriationStageTable>,
): Promise<void> {
  await db.updateTable('expropriation_stages').set(set).where('id', '=', id).execute();
}

export async function deleteStage(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('expropriation_stages').where('id', '=', id).execute();
}

/** A document published in the 征地信息 column, by id or by normalised 文号 (the newest if several). */
export async function findZdxxDocument(db: Executor, by: { id: number } | { docNumberNorm: string }) {
  let q = db
    .selectFrom('documents as d')
    .innerJoin('doc_columns as c', 'c.id', 'd.column_id')
    .select(['d.id', 'd.title', 'd.doc_number', 'd.status', 'c.code as column_code'])
    .orderBy('d.id', 'desc');
  q = 'id' in by ? q.where('d.id', '=', by.id) : q.where('d.doc_number_norm', '=', by.docNumberNorm);
  return q.executeTakeFirst();
}

/** Published documents of the 征地信息 column, newest first: the choices offered in the stage form. */
export async function listZdxxDocuments(db: Executor, limit = 200) {
  return db
    .selectFrom('documents as d')
    .innerJoin('doc_columns as c', 'c.id', 'd.column_id')
    .select(['d.id', 'd.title', 'd.doc_number'])
    .where('c.code', '=', ZDXX_COLUMN)
    .where('d.status', '=', 'published')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}
