import type { Executor } from '../../platform/db/index.js';
import type { User } from '../../platform/db/schema.js';

export async function findUserByUsername(db: Executor, username: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUser(db: Executor, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Executor, u: Omit<User, 'id'>): Promise<number> {
  const r = await db.insertInto('users').values(u).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUser(db: Executor, id: number, set: Partial<Omit<User, 'id'>>): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

export async function userRoles(db: Executor, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('user_roles').select('role_code').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role_code).sort();
}

export async function setUserRoles(db: Executor, userId: number, roles: string[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length)
    await db
      .insertInto('user_roles')
      .values(roles.map((r) => ({ user_id: userId, role_code: r })))
      .execute();
}

export async function listUsers(
  db: Executor,
  filter: { orgId?: number | undefined; q?: string | undefined },
) {
  let q = db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.disabled',
      'users.locked_until',
      'users.must_change_password',
      'users.last_login_at',
      'orgs.name as org_name',
    ]);
  if (filter.orgId) q = q.where('users.org_id', '=', filter.orgId);
  if (filter.q)
    q = q.where((eb) =>
      eb.or([eb('users.username', '=', filter.q!), eb('users.display_name', '=', filter.q!)]),
    );
  const users = await q.orderBy('orgs.sort_order').orderBy('users.username').execute();
  const roles = await db.selectFrom('user_roles').select(['user_id', 'role_code']).execute();
  return users.map((u) => ({ ...u, roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role_code) }));
}

export async function passwordHistory(db: Executor, userId: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.password_hash);
}

export async function addPasswordHistory(
  db: Executor,
  userId: number,
  hash: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('password_history')
    .values({ user_id: userId, password_hash: hash, created_at: at })
    .execute();
}

export async function recordLoginAttempt(
  db: Executor,
  username: string,
  ip: string,
  ok: boolean,
  at: string,
) {
  await db
    .insertInto('login_attempts')
    .values({ username, ip, succeeded: ok ? 1 : 0, created_at: at })
    .execute();
}

/** Failures for this user name since the window start or the last success/unlock, whichever is later. */
export async function recentFailures(db: Executor, username: string, since: string): Promise<number> {
  const lastOk = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('username', '=', username)
    .where('succeeded', '=', 1)
    .executeTakeFirst();
  const from = lastOk?.at && lastOk.at > since ? lastOk.at : since;
  const r = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('succeeded', '=', 0)
    .where('created_at', '>', from)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listRoles(db: Executor) {
  return db.selectFrom('roles').selectAll().orderBy('sort_order').execute();
}

export async function listPermissions(db: Executor) {
  return db.selectFrom('permissions').selectAll().orderBy('code').execute();
}

export async function rolePermissionPairs(db: Executor) {
  return db.selectFrom('role_permissions').selectAll().execute();
}

export async function setRolePermissions(db: Executor, role: string, permissions: string[]): Promise<void> {
  await db.deleteFrom('role_permissions').where('role_code', '=', role).execute();
  if (permissions.length)
    await db
      .insertInto('role_permissions')
      .values(permissions.map((p) => ({ role_code: role, permission_code: p })))
      .execute();
}

export async function upsertRole(
  db: Executor,
  r: { code: string; name: string; description: string; sort_order: number },
) {
  await db
    .insertInto('roles')
    .values(r)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({ name: r.name, description: r.description, sort_order: r.sort_order }),
    )
    .execute();
}

/** Insert permissions that are new; returns the codes that were inserted. */
export async function insertMissingPermissions(
  db: Executor,
  perms: { code: string; name: string }[],
): Promise<string[]> {
  const existing = new Set((await db.selectFrom('permissions').select('code').execute()).map((r) => r.code));
  const fresh = perms.filter((p) => !existing.has(p.code));
  if (fresh.length) await db.insertInto('permissions').values(fresh).execute();
  for (const p of perms.filter((x) => existing.has(x.code)))
    await db.updateTable('permissions').set({ name: p.name }).where('code', '=', p.code).execute();
  return fresh.map((p) => p.code);
}

export async function grantIfMissing(db: Executor, role: string, permission: string): Promise<void> {
  await db
    .insertInto('role_permissions')
    .values({ role_code: role, permission_code: permission })
    .onConflict((oc) => oc.columns(['role_code', 'permission_code']).doNothing())
    .execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function deleteLoginAttemptsBefore(db: Executor, before: string): Promise<number> {
  const r = await db.deleteFrom('login_attempts').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Work e-mail addresses of active staff (reminders): one user, or every holder of any of the
 * permissions, optionally within one organisation.
 */
export async function staffAddresses(
  db: Executor,
  filter: { userId?: number; permissions?: string[]; orgId?: number },
): Promise<string[]> {
  let q = db
    .selectFrom('users as u')
    .select('u.email')
    .distinct()
    .where('u.disabled', '=', 0)
    .where('u.email', 'is not', null);
  if (filter.userId !== undefined) q = q.where('u.id', '=', filter.userId);
  if (filter.orgId !== undefined) q = q.where('u.org_id', '=', filter.orgId);
  if (filter.permissions)
    q = q.where('u.id', 'in', (eb) =>
      eb
        .selectFrom('user_roles as ur')
        .innerJoin('role_permissions as rp', 'rp.role_code', 'ur.role_code')
        .select('ur.user_id')
        .where('rp.permission_code', 'in', filter.permissions!),
    );
  return (await q.orderBy('u.email').execute()).map((r) => r.email!).filter(Boolean);
}
