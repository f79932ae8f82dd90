import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import type { ApplicationCaseTable } from '../../platform/db/schema.applications.js';

/** All SQL of reconsideration and litigation cases (application_cases, migration 0016). */
export type CaseRow = Selectable<ApplicationCaseTable>;
/** A case with the tracking code of its application, for lists and pages. */
export type CaseListRow = CaseRow & { application_code: string | null };

export async function insertCase(db: Executor, row: Insertable<ApplicationCaseTable>): Promise<number> {
  const r = await db.insertInto('application_cases').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCase(
  db: Executor,
  id: number,
  set: Updateable<ApplicationCaseTable>,
): Promise<void> {
  await db.updateTable('application_cases').set(set).where('id', '=', id).execute();
}

function selectCases(db: Executor) {
  return db
    .selectFrom('application_cases')
    .leftJoin('applications', 'applications.id', 'application_cases.application_id')
    .selectAll('application_cases')
    .select('applications.tracking_code as application_code');
}

export async function findCase(db: Executor, id: number): Promise<CaseListRow | undefined> {
  return selectCases(db).where('application_cases.id', '=', id).executeTakeFirst();
}

export async function listCasesOfApplication(db: Executor, applicationId: number): Promise<CaseListRow[]> {
  return selectCases(db)
    .where('application_cases.application_id', '=', applicationId)
    .orderBy('application_cases.filed_on')
    .orderBy('application_cases.id')
    .execute();
}

/**
 * The cases that belong to the report of `year` (case.rules.ts inReportYear, the same rule in SQL):
 * filed by the year end, and either filed in the year or not decided before 1 January.
 */
export async function listCasesOfYear(db: Executor, year: number, kind?: string): Promise<CaseListRow[]> {
  const start = `${year}-01-01`;
  let q = selectCases(db)
    .where('application_cases.filed_on', '<=', `${year}-12-31`)
    .where((eb) =>
      eb.or([
        eb('application_cases.filed_on', '>=', start),
        eb('application_cases.decision', 'is', null),
        eb('application_cases.decided_on', 'is', null),
        eb('application_cases.decided_on', '>=', start),
      ]),
    );
  if (kind) q = q.where('application_cases.kind', '=', kind);
  return q
    .orderBy('application_cases.kind')
    .orderBy('application_cases.filed_on')
    .orderBy('application_cases.id')
    .execute();
}

/** Decided reconsideration cases, newest decision first: what may be published in the 行政复议决定书 column. */
export async function listDecidedReconsiderations(db: Executor, limit = 200) {
  return db
    .selectFrom('application_cases')
    .select(['id', 'case_no', 'body', 'decision', 'decided_on', 'document_id'])
    .where('kind', '=', 'reconsideration')
    .where('decision', 'is not', null)
    .orderBy('decided_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The bureau itself: the root of the organisation tree (publisher of its documents). */
export async function findBureau(db: Executor) {
  return db.selectFrom('orgs').select('id').where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
}

export async function setCaseDocument(db: Executor, caseId: number, documentId: number): Promise<void> {
  await db
    .updateTable('application_cases')
    .set({ document_id: documentId })
    .where('id', '=', caseId)
    .execute();
}
