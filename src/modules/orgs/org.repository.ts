import type { Executor } from '../../platform/db/index.js';
import type { NewOrg, Org, OrgUpdate } from '../../platform/db/schema.js';

export async function findOrg(db: Executor, id: number): Promise<Org | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrgByName(db: Executor, name: string): Promise<Org | undefined> {
  return db.selectFrom('orgs').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function listOrgs(db: Executor): Promise<Org[]> {
  return db.selectFrom('orgs').selectAll().orderBy('sort_order').orderBy('id').execute();
}

export async function insertOrg(db: Executor, org: NewOrg): Promise<number> {
  const r = await db.insertInto('orgs').values(org).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateOrg(db: Executor, id: number, set: OrgUpdate): Promise<void> {
  await db.updateTable('orgs').set(set).where('id', '=', id).execute();
}

export async function listLeaders(db: Executor, orgId?: number) {
  let q = db.selectFrom('org_leaders').selectAll();
  if (orgId) q = q.where('org_id', '=', orgId);
  return q.orderBy('org_id').orderBy('sort_order').orderBy('id').execute();
}

export async function insertLeader(
  db: Executor,
  l: {
    org_id: number;
    name: string;
    title: string;
    duties: string | null;
    resume: string | null;
    photo_path: string | null;
    sort_order: number;
    created_at: string;
    updated_at: string;
  },
): Promise<number> {
  const r = await db.insertInto('org_leaders').values(l).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function countUsersInOrg(db: Executor, orgId: number): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export type Leader = Awaited<ReturnType<typeof listLeaders>>[number];

export async function findLeader(db: Executor, id: number): Promise<Leader | undefined> {
  return db.selectFrom('org_leaders').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateLeader(
  db: Executor,
  id: number,
  set: {
    name: string;
    title: string;
    duties: string | null;
    resume: string | null;
    sort_order: number;
    photo_path: string | null;
    updated_at: string;
  },
): Promise<void> {
  await db.updateTable('org_leaders').set(set).where('id', '=', id).execute();
}

export async function deleteLeader(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('org_leaders').where('id', '=', id).execute();
}

export async function touchOrg(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('orgs').set({ updated_at: at }).where('id', '=', id).execute();
}
