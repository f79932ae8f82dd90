import type { Executor } from '../../platform/db/index.js';
import type { DocColumn, DocColumnTable } from '../../platform/db/schema.js';

/** SQL behind the column (栏目) editor: the tree itself, and what documents hold in each column. */

type ColumnUpdate = Partial<Omit<DocColumnTable, 'id' | 'created_at'>>;

export async function updateColumn(db: Executor, id: number, patch: ColumnUpdate): Promise<void> {
  await db.updateTable('doc_columns').set(patch).where('id', '=', id).execute();
}

export async function deleteColumn(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('doc_columns').where('id', '=', id).execute();
}

export async function childrenOf(db: Executor, parentId: number | null): Promise<DocColumn[]> {
  let q = db.selectFrom('doc_columns').selectAll();
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  return q.orderBy('sort_order').orderBy('id').execute();
}

export async function setHidden(db: Executor, ids: number[], hidden: 0 | 1, at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('doc_columns').set({ hidden, updated_at: at }).where('id', 'in', ids).execute();
}

/** How many documents (any status) each column holds. */
export async function documentCounts(db: Executor): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('documents')
    .select(['column_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('column_id')
    .execute();
  return new Map(rows.map((r) => [r.column_id, Number(r.n)]));
}

/** The extra-field values (JSON text) of every document filed in a column. */
export async function extraValuesIn(db: Executor, columnId: number): Promise<string[]> {
  const rows = await db.selectFrom('documents').select('extra').where('column_id', '=', columnId).execute();
  return rows.map((r) => r.extra);
}
