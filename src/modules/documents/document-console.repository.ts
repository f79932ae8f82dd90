import { sql } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import type { DocumentStatus } from '../../platform/db/schema.js';

/**
 * Staff queries of the document console (issue 3): every status, not only what the public sees.
 * Text search is a parameterised LIKE with the wildcards of the user's text escaped.
 */

export interface ConsoleFilter {
  status?: DocumentStatus | undefined;
  columnIds?: number[] | undefined;
  /** Words in the title or the 文号 (as written or normalised). */
  text?: string | undefined;
  /** The normalised form of `text` when it reads as a 文号. */
  docNumberNorm?: string | undefined;
  createdBy?: number | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(db: Executor, f: ConsoleFilter) {
  let q = db
    .selectFrom('documents')
    .innerJoin('doc_columns', 'doc_columns.id', 'documents.column_id')
    .leftJoin('users', 'users.id', 'documents.created_by');
  if (f.status) q = q.where('documents.status', '=', f.status);
  if (f.columnIds) q = q.where('documents.column_id', 'in', f.columnIds);
  if (f.createdBy !== undefined) q = q.where('documents.created_by', '=', f.createdBy);
  if (f.text) {
    const pattern = `%${escapeLike(f.text)}%`;
    const norm = f.docNumberNorm ? `%${escapeLike(f.docNumberNorm)}%` : null;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('documents.title')} like ${pattern} escape '\\'`,
        sql<boolean>`${eb.ref('documents.doc_number')} like ${pattern} escape '\\'`,
        ...(norm ? [sql<boolean>`${eb.ref('documents.doc_number_norm')} like ${norm} escape '\\'`] : []),
      ]),
    );
  }
  return q;
}

/** Open personal-data findings per document (the review queue and the list badges). */
function openFindings(db: Executor) {
  return db
    .selectFrom('document_findings')
    .select(['document_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .groupBy('document_id');
}

export async function pageConsoleDocuments(
  db: Executor,
  f: ConsoleFilter,
  page: { limit: number; offset: number },
) {
  const rows = await filtered(db, f)
    .leftJoin(openFindings(db).as('open'), 'open.document_id', 'documents.id')
    .select([
      'documents.id',
      'documents.title',
      'documents.doc_number',
      'documents.status',
      'documents.index_no',
      'documents.validity',
      'documents.scheduled_at',
      'documents.published_at',
      'documents.updated_at',
      'documents.is_sample',
      'doc_columns.name as column_name',
      'users.display_name as author',
      'open.n as open_findings',
    ])
    .orderBy('documents.updated_at', 'desc')
    .orderBy('documents.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ ...r, open_findings: Number(r.open_findings ?? 0) }));
}
export type ConsoleListRow = Awaited<ReturnType<typeof pageConsoleDocuments>>[number];

export async function countConsoleDocuments(db: Executor, f: ConsoleFilter): Promise<number> {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The review queue: documents awaiting 保密审查, and any not yet published with open findings. */
export async function reviewQueue(db: Executor) {
  const rows = await db
    .selectFrom('documents')
    .innerJoin('doc_columns', 'doc_columns.id', 'documents.column_id')
    .leftJoin('users', 'users.id', 'documents.created_by')
    .leftJoin(openFindings(db).as('open'), 'open.document_id', 'documents.id')
    .select([
      'documents.id',
      'documents.title',
      'documents.doc_number',
      'documents.status',
      'documents.updated_at',
      'documents.is_sample',
      'doc_columns.name as column_name',
      'users.display_name as author',
      'open.n as open_findings',
    ])
    .where((eb) =>
      eb.or([
        eb('documents.status', '=', 'in_review'),
        eb.and([eb('open.n', '>', 0), eb('documents.status', 'in', ['draft', 'approved'])]),
      ]),
    )
    .orderBy('documents.updated_at')
    .orderBy('documents.id')
    .execute();
  return rows.map((r) => ({ ...r, open_findings: Number(r.open_findings ?? 0) }));
}

/** A document in any status with the names the detail page shows. */
export async function consoleDocument(db: Executor, id: number) {
  return db
    .selectFrom('documents')
    .innerJoin('doc_columns', 'doc_columns.id', 'documents.column_id')
    .innerJoin('orgs as publisher', 'publisher.id', 'documents.publisher_org_id')
    .leftJoin('orgs as owner', 'owner.id', 'documents.owner_org_id')
    .leftJoin('users', 'users.id', 'documents.created_by')
    .selectAll('documents')
    .select([
      'doc_columns.name as column_name',
      'doc_columns.code as column_code',
      'doc_columns.extra_fields as column_extra_fields',
      'doc_columns.needs_interpretation',
      'publisher.name as publisher_name',
      'owner.name as owner_name',
      'users.display_name as author',
    ])
    .where('documents.id', '=', id)
    .executeTakeFirst();
}
export type ConsoleDocumentRow = NonNullable<Awaited<ReturnType<typeof consoleDocument>>>;

/** Published documents of the given columns (the 政策解读 picker), newest first. */
export async function publishedInColumns(db: Executor, columnIds: number[]) {
  if (columnIds.length === 0) return [];
  return db
    .selectFrom('documents')
    .select(['id', 'title', 'doc_number'])
    .where('status', '=', 'published')
    .where('column_id', 'in', columnIds)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** A published document by id or by normalised 文号 (the successor picker). */
export async function findPublishedByIdOrNumber(db: Executor, ref: { id?: number; docNumberNorm?: string }) {
  let q = db.selectFrom('documents').select(['id', 'title']).where('status', '=', 'published');
  if (ref.id !== undefined) q = q.where('id', '=', ref.id);
  else if (ref.docNumberNorm) q = q.where('doc_number_norm', '=', ref.docNumberNorm);
  else return [];
  return q.orderBy('id', 'desc').limit(2).execute();
}

/** Id and title of any document (links on the detail page). */
export async function titleOf(db: Executor, id: number) {
  return db.selectFrom('documents').select(['id', 'title', 'status']).where('id', '=', id).executeTakeFirst();
}
