import { sql } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import type { DocColumn, DocumentEventTable, DocumentRow, DocumentTable } from '../../platform/db/schema.js';
import { attachmentFileIds, deleteAttachmentsOf } from './attachment.repository.js';

type NewDocument = Omit<DocumentTable, 'id'>;

export async function insertColumn(db: Executor, c: Omit<DocColumn, 'id'>): Promise<number> {
  const r = await db.insertInto('doc_columns').values(c).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function listColumns(db: Executor): Promise<DocColumn[]> {
  return db.selectFrom('doc_columns').selectAll().orderBy('sort_order').orderBy('id').execute();
}

export async function findColumn(db: Executor, id: number): Promise<DocColumn | undefined> {
  return db.selectFrom('doc_columns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findColumnByCode(db: Executor, code: string): Promise<DocColumn | undefined> {
  return db.selectFrom('doc_columns').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertDocument(db: Executor, d: NewDocument): Promise<number> {
  const r = await db.insertInto('documents').values(d).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findDocument(db: Executor, id: number): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDocument(db: Executor, id: number, set: Partial<NewDocument>): Promise<void> {
  await db.updateTable('documents').set(set).where('id', '=', id).execute();
}

export async function insertEvent(db: Executor, e: Omit<DocumentEventTable, 'id'>): Promise<void> {
  await db.insertInto('document_events').values(e).execute();
}

export async function listEvents(db: Executor, documentId: number) {
  return db
    .selectFrom('document_events')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('id')
    .execute();
}

export async function insertRevision(
  db: Executor,
  r: {
    document_id: number;
    version: number;
    snapshot: string;
    correction_note: string | null;
    created_by: number | null;
    created_at: string;
  },
): Promise<void> {
  await db.insertInto('document_revisions').values(r).execute();
}

export async function listRevisions(db: Executor, documentId: number) {
  return db
    .selectFrom('document_revisions')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('version')
    .execute();
}

/** Hand out the next serial for a prefix and year: one atomic upsert, never reused, both dialects. */
export async function nextIndexSerial(db: Executor, prefix: string, year: number): Promise<number> {
  const r = await db
    .insertInto('index_serials')
    .values({ prefix, year, last_serial: 1 })
    .onConflict((oc) =>
      oc.columns(['prefix', 'year']).doUpdateSet({ last_serial: sql`index_serials.last_serial + 1` }),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return Number(r.last_serial);
}

export async function linkInterpretation(
  db: Executor,
  policyId: number,
  interpretationId: number,
  kind: 'text' | 'graphic' | 'video' | 'qa',
): Promise<void> {
  await db
    .insertInto('document_interpretations')
    .values({ policy_id: policyId, interpretation_id: interpretationId, kind })
    .onConflict((oc) => oc.columns(['policy_id', 'interpretation_id']).doUpdateSet({ kind }))
    .execute();
}

export async function interpretationsOf(db: Executor, policyId: number) {
  return db
    .selectFrom('document_interpretations')
    .innerJoin('documents', 'documents.id', 'document_interpretations.interpretation_id')
    .select(['documents.id', 'documents.title', 'documents.status', 'document_interpretations.kind'])
    .where('document_interpretations.policy_id', '=', policyId)
    .execute();
}

/** Approved documents whose scheduled time has come (the scheduled-publish job). */
export async function dueScheduled(db: Executor, now: string): Promise<number[]> {
  const rows = await db
    .selectFrom('documents')
    .select('id')
    .where('status', '=', 'approved')
    .where('scheduled_at', '<=', now)
    .orderBy('scheduled_at')
    .execute();
  return rows.map((r) => r.id);
}

/** Only a draft that never entered review may be discarded; its events and attachments go with it. */
export async function deleteDraft(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('document_events').where('document_id', '=', id).execute();
  const files = await attachmentFileIds(db, id);
  await deleteAttachmentsOf(db, id);
  if (files.length) await db.deleteFrom('files').where('id', 'in', files).execute();
  await db
    .deleteFrom('documents')
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('index_no', 'is', null)
    .execute();
}

/** The publisher's name and code; the code is the 索引号 前段码. */
export async function orgIndexPrefix(
  db: Executor,
  orgId: number,
): Promise<{ name: string; org_code: string | null } | undefined> {
  return db.selectFrom('orgs').select(['name', 'org_code']).where('id', '=', orgId).executeTakeFirst();
}

/** What the art. 26 timeliness report needs: every live document with its responsible unit. */
export async function timelinessRows(db: Executor) {
  return db
    .selectFrom('documents')
    .leftJoin('orgs', (join) =>
      join.on((eb) =>
        eb('orgs.id', '=', eb.fn.coalesce('documents.owner_org_id', 'documents.publisher_org_id')),
      ),
    )
    .select([
      'documents.id',
      'documents.title',
      'documents.status',
      'documents.formed_on',
      'documents.published_at',
      'orgs.id as org_id',
      'orgs.name as org_name',
    ])
    .where('documents.status', '!=', 'withdrawn')
    .orderBy('documents.formed_on')
    .execute();
}
