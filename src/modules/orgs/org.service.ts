import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type Db, inTransaction, nowIso } from '../../platform/db/index.js';
import type { Org } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import * as repo from './org.repository.js';
import type { LeaderInput, OrgInput } from './org.schema.js';

export interface OrgNode extends Org {
  children: OrgNode[];
}

/** The organisation tree: 市局 → 处室 / 局属单位 / 区分局. */
export async function orgTree(db: Db): Promise<OrgNode[]> {
  const orgs = await repo.listOrgs(db);
  const nodes = new Map(orgs.map((o) => [o.id, { ...o, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parent_id ? nodes.get(n.parent_id) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

async function checkParent(db: Db, parentId: number | null, selfId?: number) {
  if (parentId === null) return;
  if (!(await repo.findOrg(db, parentId))) throw fieldError('parent_id', '上级单位：不存在');
  // Walk up from the new parent: reaching selfId would make a cycle.
  let cursor: number | null = parentId;
  for (let depth = 0; cursor !== null && depth < 50; depth++) {
    if (cursor === selfId) throw fieldError('parent_id', '上级单位：不能选择本单位或其下级单位');
    cursor = (await repo.findOrg(db, cursor))?.parent_id ?? null;
  }
}

export async function createOrg(
  db: Db,
  actor: Actor,
  input: OrgInput,
  options: { sample?: boolean } = {},
): Promise<number> {
  await checkParent(db, input.parent_id);
  if (await repo.findOrgByName(db, input.name)) throw fieldError('name', '名称：已存在同名单位');
  const at = nowIso();
  return inTransaction(db, async (trx) => {
    const id = await repo.insertOrg(trx, {
      ...input,
      is_sample: options.sample ? 1 : 0,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, actor, { action: 'org.created', targetType: 'org', targetId: id, after: input });
    return id;
  });
}

export async function updateOrg(db: Db, actor: Actor, id: number, input: OrgInput): Promise<void> {
  const before = await repo.findOrg(db, id);
  if (!before) throw new AppError('NOT_FOUND');
  await checkParent(db, input.parent_id, id);
  const same = await repo.findOrgByName(db, input.name);
  if (same && same.id !== id) throw fieldError('name', '名称：已存在同名单位');
  await inTransaction(db, async (trx) => {
    await repo.updateOrg(trx, id, { ...input, updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'org.updated',
      targetType: 'org',
      targetId: id,
      before,
      after: input,
    });
  });
}

export async function addLeader(db: Db, actor: Actor, orgId: number, input: LeaderInput): Promise<number> {
  if (!(await repo.findOrg(db, orgId))) throw new AppError('NOT_FOUND');
  const at = nowIso();
  return inTransaction(db, async (trx) => {
    const id = await repo.insertLeader(trx, {
      ...input,
      org_id: orgId,
      photo_path: null,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, actor, {
      action: 'org.leader_added',
      targetType: 'org',
      targetId: orgId,
      after: input,
    });
    return id;
  });
}

export const getOrg = repo.findOrg;
export const listOrgs = repo.listOrgs;
export const listLeaders = repo.listLeaders;
