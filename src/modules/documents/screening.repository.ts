import type { Executor } from '../../platform/db/index.js';
import type { DocumentFindingTable } from '../../platform/db/schema.js';

type NewFinding = Omit<DocumentFindingTable, 'id'>;

export async function findingsOf(db: Executor, documentId: number) {
  return db
    .selectFrom('document_findings')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('field')
    .orderBy('start_pos')
    .execute();
}

export async function findFinding(db: Executor, id: number) {
  return db.selectFrom('document_findings').selectAll().where('id', '=', id).executeTakeFirst();
}

const keyOf = (f: { field: string; digest: string; start_pos: number; end_pos: number }) =>
  `${f.field}|${f.digest}|${f.start_pos}|${f.end_pos}`;

/**
 * Open findings are working data: a new screening keeps the ones found again (same ids, so a page
 * listing them stays valid), drops those that vanished and adds new ones. Decisions are never touched.
 */
export async function replaceOpenFindings(
  db: Executor,
  documentId: number,
  rows: NewFinding[],
): Promise<void> {
  const open = await db
    .selectFrom('document_findings')
    .select(['id', 'field', 'digest', 'start_pos', 'end_pos'])
    .where('document_id', '=', documentId)
    .where('status', '=', 'open')
    .execute();
  const wanted = new Set(rows.map(keyOf));
  const kept = new Set(open.filter((o) => wanted.has(keyOf(o))).map(keyOf));
  const gone = open.filter((o) => !wanted.has(keyOf(o))).map((o) => o.id);
  if (gone.length) await db.deleteFrom('document_findings').where('id', 'in', gone).execute();
  const fresh = rows.filter((r) => !kept.has(keyOf(r)));
  if (fresh.length) await db.insertInto('document_findings').values(fresh).execute();
}

export async function decideFinding(
  db: Executor,
  id: number,
  set: {
    status: 'masked' | 'dismissed';
    reason: string | null;
    decided_by: number | null;
    decided_at: string;
  },
): Promise<void> {
  await db.updateTable('document_findings').set(set).where('id', '=', id).execute();
}
