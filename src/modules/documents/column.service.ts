import type { Db } from '../../platform/db/index.js';
import { inTransaction, nowIso } from '../../platform/db/index.js';
import { DEFAULT_COLUMNS, flattenColumns } from './columns.catalogue.js';
import * as repo from './document.repository.js';

/** Seed the default column tree on a new database; admins edit it afterwards, so it runs only once. */
export async function ensureDefaultColumns(db: Db): Promise<number> {
  if ((await repo.listColumns(db)).length > 0) return 0;
  const at = nowIso();
  return inTransaction(db, async (trx) => {
    const ids = new Map<string, number>();
    let n = 0;
    for (const [i, { spec, parent }] of flattenColumns(DEFAULT_COLUMNS).entries()) {
      const id = await repo.insertColumn(trx, {
        parent_id: parent ? (ids.get(parent) ?? null) : null,
        code: spec.code,
        name: spec.name,
        basis: spec.basis,
        extra_fields: JSON.stringify(spec.extraFields ?? []),
        needs_interpretation: spec.needsInterpretation ? 1 : 0,
        sort_order: i,
        created_at: at,
        updated_at: at,
      });
      ids.set(spec.code, id);
      n += 1;
    }
    return n;
  });
}

export const listColumns = repo.listColumns;
export const findColumnByCode = repo.findColumnByCode;
