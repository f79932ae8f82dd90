import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type Db, inTransaction, nowIso } from '../../platform/db/index.js';
import type { Org } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { storePublicImage } from '../../platform/storage/storage.js';
import * as repo from './org.repository.js';

const PHOTO_FIELD = { name: 'photo', label: '照片' };

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

/** Only the bureau itself stands at the top; divisions, units and branches belong to a parent. */
function requireParent(input: OrgInput) {
  if (input.kind !== 'bureau' && input.parent_id === null)
    throw fieldError('parent_id', '上级单位：处室、局属单位和区分局必须选择上级单位');
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
  requireParent(input);
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
  requireParent(input);
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
  const { photo, remove_photo: _remove, ...fields } = input;
  const at = nowIso();
  return inTransaction(db, async (trx) => {
    const photo_path = photo ? await storePublicImage(trx, actor, photo, PHOTO_FIELD) : null;
    const id = await repo.insertLeader(trx, {
      ...fields,
      org_id: orgId,
      photo_path,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, actor, {
      action: 'org.leader_added',
      targetType: 'org',
      targetId: orgId,
      after: { ...fields, photo_path },
    });
    return id;
  });
}

export const getOrg = repo.findOrg;
export const listOrgs = repo.listOrgs;
export const listLeaders = repo.listLeaders;

/** A leader of `orgId`, or NOT_FOUND (also when the leader belongs to another organisation). */
export async function getLeader(db: Db, orgId: number, leaderId: number): Promise<repo.Leader> {
  const leader = await repo.findLeader(db, leaderId);
  if (!leader || leader.org_id !== orgId) throw new AppError('NOT_FOUND');
  return leader;
}

export async function updateLeader(
  db: Db,
  actor: Actor,
  orgId: number,
  leaderId: number,
  input: LeaderInput,
): Promise<void> {
  const before = await getLeader(db, orgId, leaderId);
  const { photo, remove_photo, ...fields } = input;
  await inTransaction(db, async (trx) => {
    // A new upload wins over "remove"; neither keeps the current photo.
    const photo_path = photo
      ? await storePublicImage(trx, actor, photo, PHOTO_FIELD)
      : remove_photo
        ? null
        : before.photo_path;
    await repo.updateLeader(trx, leaderId, { ...fields, photo_path, updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'org.leader_updated',
      targetType: 'org',
      targetId: orgId,
      before,
      after: { ...fields, photo_path },
      detail: { leaderId },
    });
  });
}

/**
 * Remove a leader from the profile (e.g. after a transfer). Profile entries are not published
 * documents, so this is a real delete; the audit record keeps a digest of what was removed and the
 * organisation's update time moves so the public page shows when it changed.
 */
export async function removeLeader(db: Db, actor: Actor, orgId: number, leaderId: number): Promise<void> {
  const before = await getLeader(db, orgId, leaderId);
  await inTransaction(db, async (trx) => {
    await repo.deleteLeader(trx, leaderId);
    await repo.touchOrg(trx, orgId, nowIso());
    await recordAudit(trx, actor, {
      action: 'org.leader_removed',
      targetType: 'org',
      targetId: orgId,
      before,
      detail: { leaderId, name: before.name, title: before.title },
    });
  });
}

export interface OrgDirectory {
  tree: OrgNode[];
  leaders: Map<number, repo.Leader[]>;
  /** Latest update of anything the directory shows (organisations and leaders). */
  updatedAt: string;
}

function groupLeaders(leaders: repo.Leader[]): Map<number, repo.Leader[]> {
  const byOrg = new Map<number, repo.Leader[]>();
  for (const l of leaders) byOrg.set(l.org_id, [...(byOrg.get(l.org_id) ?? []), l]);
  return byOrg;
}

function latest(stamps: string[]): string {
  // ISO-8601 UTC strings sort chronologically.
  return [...stamps].sort().at(-1) ?? nowIso();
}

/** Everything the public 机构信息 page and the open API show. */
export async function orgDirectory(db: Db): Promise<OrgDirectory> {
  const [tree, leaders, orgs] = await Promise.all([orgTree(db), repo.listLeaders(db), repo.listOrgs(db)]);
  return {
    tree,
    leaders: groupLeaders(leaders),
    updatedAt: latest([...orgs.map((o) => o.updated_at), ...leaders.map((l) => l.updated_at)]),
  };
}

export interface OrgProfile {
  org: Org;
  /** From the root down to the direct parent. */
  ancestors: Org[];
  children: Org[];
  leaders: repo.Leader[];
  updatedAt: string;
}

/** One organisation with its place in the tree, or NOT_FOUND. */
export async function orgProfile(db: Db, id: number): Promise<OrgProfile> {
  const [orgs, leaders] = await Promise.all([repo.listOrgs(db), repo.listLeaders(db, id)]);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const org = byId.get(id);
  if (!org) throw new AppError('NOT_FOUND');
  const ancestors: Org[] = [];
  for (let p = org.parent_id; p !== null && ancestors.length < 50; ) {
    const parent = byId.get(p);
    if (!parent || parent.id === id) break;
    ancestors.unshift(parent);
    p = parent.parent_id;
  }
  return {
    org,
    ancestors,
    children: orgs.filter((o) => o.parent_id === id),
    leaders,
    updatedAt: latest([org.updated_at, ...leaders.map((l) => l.updated_at)]),
  };
}
