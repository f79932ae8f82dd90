import { type Actor, can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { inTransaction, nowIso } from '../../platform/db/index.js';
import type { DocColumn } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import * as colRepo from './column.repository.js';
import {
  type ColumnInput,
  type ExtraFieldRow,
  parseExtraFields,
  validateExtraFields,
} from './column.schema.js';
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
        hidden: 0,
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

/* ---------------------------------------------------------------------------------------------
 * The column editor (admin, permission columns.manage). Rules:
 * - a code is unique and URL-safe; it is the public address (/xxgk/:code, ?column= in the API), so
 *   it is frozen once any document is filed in the column (links, feeds and CSV exports out there
 *   would break); rename the column instead;
 * - a column moves under any other column except itself and its descendants (no cycles);
 * - hiding takes the column and everything below it out of the portal and the API; documents are
 *   kept and stay reachable by their own address; a column cannot be shown under a hidden parent;
 * - a column is deleted only when it has no children and no documents (of any status);
 * - extra-field definitions may change freely until documents hold values: then a field cannot be
 *   removed (nor its key renamed), its type cannot change, and a select option in use stays.
 * ------------------------------------------------------------------------------------------- */

export interface ColumnNode extends DocColumn {
  children: ColumnNode[];
  documents: number;
}

function requireManage(actor: Actor) {
  if (!can(actor, 'columns.manage')) throw new AppError('FORBIDDEN');
}

/** The whole tree, hidden columns included, each node with the number of documents filed in it. */
export async function columnTree(db: Db): Promise<ColumnNode[]> {
  const [rows, counts] = await Promise.all([repo.listColumns(db), colRepo.documentCounts(db)]);
  const nodes = new Map(rows.map((c) => [c.id, { ...c, children: [] as ColumnNode[], documents: 0 }]));
  const roots: ColumnNode[] = [];
  for (const n of nodes.values()) {
    n.documents = counts.get(n.id) ?? 0;
    const parent = n.parent_id === null ? undefined : nodes.get(n.parent_id);
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

/** The tree flattened depth-first with each node's depth. */
export function flattenTree(tree: ColumnNode[], depth = 0): { column: ColumnNode; depth: number }[] {
  return tree.flatMap((n) => [{ column: n, depth }, ...flattenTree(n.children, depth + 1)]);
}

async function loadColumn(db: Executor, id: number): Promise<DocColumn> {
  const c = await repo.findColumn(db, id);
  if (!c) throw new AppError('NOT_FOUND', { message: '栏目不存在' });
  return c;
}

/** Ids of a column and of everything below it. */
async function subtreeIds(db: Executor, id: number): Promise<number[]> {
  const rows = await repo.listColumns(db);
  const ids = [id];
  for (let i = 0; i < ids.length; i += 1)
    for (const r of rows) if (r.parent_id === ids[i] && !ids.includes(r.id)) ids.push(r.id);
  return ids;
}

async function checkParent(
  db: Executor,
  parentId: number | null,
  selfId?: number,
): Promise<DocColumn | null> {
  if (parentId === null) return null;
  const parent = await repo.findColumn(db, parentId);
  if (!parent) throw fieldError('parent_id', '上级栏目：不存在');
  // Walk up from the new parent: meeting the column itself would make a cycle.
  let cursor: number | null = parentId;
  for (let depth = 0; cursor !== null && depth < 100; depth += 1) {
    if (cursor === selfId) throw fieldError('parent_id', '上级栏目：不能选择本栏目或其下级栏目');
    cursor = (await repo.findColumn(db, cursor))?.parent_id ?? null;
  }
  return parent;
}

async function checkCodeFree(db: Executor, code: string, selfId?: number) {
  const same = await repo.findColumnByCode(db, code);
  if (same && same.id !== selfId) throw fieldError('code', `栏目代码：“${code}”已被栏目“${same.name}”使用`);
}

async function nextSortOrder(db: Executor, parentId: number | null): Promise<number> {
  const siblings = await colRepo.childrenOf(db, parentId);
  return siblings.reduce((max, s) => Math.max(max, s.sort_order + 1), 0);
}

export async function createColumn(db: Db, actor: Actor, input: ColumnInput): Promise<number> {
  requireManage(actor);
  const parent = await checkParent(db, input.parent_id);
  await checkCodeFree(db, input.code);
  const at = nowIso();
  return inTransaction(db, async (trx) => {
    const row = {
      parent_id: input.parent_id,
      code: input.code,
      name: input.name,
      basis: input.basis,
      extra_fields: '[]',
      needs_interpretation: input.needs_interpretation ? 1 : 0,
      sort_order: await nextSortOrder(trx, input.parent_id),
      // Under a hidden parent a new column is hidden too: the portal never shows it before its parent.
      hidden: parent?.hidden ?? 0,
      created_at: at,
      updated_at: at,
    } as const;
    const id = await repo.insertColumn(trx, row);
    await recordAudit(trx, actor, {
      action: 'column.created',
      targetType: 'column',
      targetId: id,
      after: row,
    });
    return id;
  });
}

export async function updateColumn(db: Db, actor: Actor, id: number, input: ColumnInput): Promise<void> {
  requireManage(actor);
  const before = await loadColumn(db, id);
  const parent = await checkParent(db, input.parent_id, id);
  if (input.code !== before.code) {
    await checkCodeFree(db, input.code, id);
    const docs = (await colRepo.documentCounts(db)).get(id) ?? 0;
    if (docs > 0)
      throw fieldError(
        'code',
        `栏目代码：栏目下已有 ${docs} 份文件，代码是其公开网址（/xxgk/${before.code}），不能再修改；可以修改栏目名称`,
      );
  }
  const moved = input.parent_id !== before.parent_id;
  const at = nowIso();
  await inTransaction(db, async (trx) => {
    const patch = {
      name: input.name,
      code: input.code,
      basis: input.basis,
      parent_id: input.parent_id,
      needs_interpretation: input.needs_interpretation ? (1 as const) : (0 as const),
      ...(moved ? { sort_order: await nextSortOrder(trx, input.parent_id) } : {}),
      updated_at: at,
    };
    await colRepo.updateColumn(trx, id, patch);
    // Moved under a hidden parent: the column and its subtree are hidden with it.
    if (moved && parent?.hidden) await colRepo.setHidden(trx, await subtreeIds(trx, id), 1, at);
    await recordAudit(trx, actor, {
      action: moved ? 'column.moved' : 'column.updated',
      targetType: 'column',
      targetId: id,
      before,
      after: patch,
    });
  });
}

/** Move a column one place up or down among its siblings (sort orders are renumbered 0, 1, 2 …). */
export async function reorderColumn(
  db: Db,
  actor: Actor,
  id: number,
  direction: 'up' | 'down',
): Promise<void> {
  requireManage(actor);
  const column = await loadColumn(db, id);
  await inTransaction(db, async (trx) => {
    const siblings = await colRepo.childrenOf(trx, column.parent_id);
    const i = siblings.findIndex((s) => s.id === id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= siblings.length) return;
    const order = siblings.map((s) => s.id);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
    const at = nowIso();
    for (const [n, sid] of order.entries())
      await colRepo.updateColumn(trx, sid, { sort_order: n, updated_at: at });
    await recordAudit(trx, actor, {
      action: 'column.reordered',
      targetType: 'column',
      targetId: id,
      detail: { direction, from: i, to: j },
    });
  });
}

/** Hide (or show again) a column with everything below it. */
export async function setColumnHidden(db: Db, actor: Actor, id: number, hidden: boolean): Promise<void> {
  requireManage(actor);
  const column = await loadColumn(db, id);
  if (!hidden && column.parent_id !== null && (await loadColumn(db, column.parent_id)).hidden)
    throw new AppError('CONFLICT', { message: `上级栏目已隐藏，请先显示上级栏目，再显示“${column.name}”` });
  await inTransaction(db, async (trx) => {
    const ids = await subtreeIds(trx, id);
    await colRepo.setHidden(trx, ids, hidden ? 1 : 0, nowIso());
    await recordAudit(trx, actor, {
      action: hidden ? 'column.hidden' : 'column.shown',
      targetType: 'column',
      targetId: id,
      detail: { columns: ids },
    });
  });
}

/** Delete an empty column: no children, no documents of any status. */
export async function deleteColumn(db: Db, actor: Actor, id: number): Promise<void> {
  requireManage(actor);
  const column = await loadColumn(db, id);
  const children = await colRepo.childrenOf(db, id);
  if (children.length > 0)
    throw new AppError('CONFLICT', {
      message: `栏目“${column.name}”下还有 ${children.length} 个下级栏目，不能删除；请先移走或删除下级栏目`,
    });
  const docs = (await colRepo.documentCounts(db)).get(id) ?? 0;
  if (docs > 0)
    throw new AppError('CONFLICT', {
      message: `栏目“${column.name}”下还有 ${docs} 份文件（含草稿和已发布文件），不能删除；不再使用的栏目可以隐藏`,
    });
  await inTransaction(db, async (trx) => {
    await colRepo.deleteColumn(trx, id);
    await recordAudit(trx, actor, {
      action: 'column.deleted',
      targetType: 'column',
      targetId: id,
      before: column,
    });
  });
}

const hasValue = (v: unknown) => v !== undefined && v !== null && v !== '';

/** For each field key, the values documents of the column hold (non-empty only). */
async function valuesInUse(db: Executor, columnId: number): Promise<Map<string, unknown[]>> {
  const used = new Map<string, unknown[]>();
  for (const json of await colRepo.extraValuesIn(db, columnId)) {
    let extra: unknown;
    try {
      extra = JSON.parse(json);
    } catch {
      continue;
    }
    if (!extra || typeof extra !== 'object') continue;
    for (const [k, v] of Object.entries(extra as Record<string, unknown>))
      if (hasValue(v)) used.set(k, [...(used.get(k) ?? []), v]);
  }
  return used;
}

/**
 * Replace a column's extra-field definitions after checking them on their own (column.schema.ts)
 * and against the values documents already hold. Errors are keyed by form cell.
 */
export async function saveExtraFields(
  db: Db,
  actor: Actor,
  id: number,
  rows: ExtraFieldRow[],
): Promise<void> {
  requireManage(actor);
  const column = await loadColumn(db, id);
  const { fields, errors } = validateExtraFields(rows);
  const before = parseExtraFields(column.extra_fields);
  const used = await valuesInUse(db, id);
  for (const old of before) {
    const values = used.get(old.key);
    if (!values) continue;
    const row = rows.find((r) => r.key === old.key);
    const now = fields.find((f) => f.key === old.key);
    if (!now || !row) {
      errors[`removed_${old.key}`] =
        `字段“${old.label}”（${old.key}）已有 ${values.length} 份文件填写，不能删除，也不能修改字段代码`;
      continue;
    }
    if (now.type !== old.type)
      errors[`type_${row.row}`] ??=
        `第 ${row.row + 1} 行类型：字段“${old.label}”已有 ${values.length} 份文件填写，不能修改类型`;
    if (old.type === 'select' && now.type === 'select') {
      const gone = [...new Set(values.map(String))].filter((v) => !(now.options ?? []).includes(v));
      if (gone.length > 0)
        errors[`options_${row.row}`] ??=
          `第 ${row.row + 1} 行选项：已有文件使用的选项不能删除：${gone.join('、')}`;
    }
  }
  if (Object.keys(errors).length > 0)
    throw new AppError('VALIDATION_FAILED', { message: Object.values(errors)[0] as string, fields: errors });
  await inTransaction(db, async (trx) => {
    await colRepo.updateColumn(trx, id, { extra_fields: JSON.stringify(fields), updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'column.fields_changed',
      targetType: 'column',
      targetId: id,
      before,
      after: fields,
    });
  });
}

export const getColumn = loadColumn;
