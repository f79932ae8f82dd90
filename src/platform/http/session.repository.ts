import type { Executor } from '../db/index.js';
import type { Session } from '../db/schema.js';

export async function insertSession(db: Executor, s: Session): Promise<void> {
  await db.insertInto('sessions').values(s).execute();
}

export async function findSession(db: Executor, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.username',
      'users.display_name',
      'users.org_id',
      'users.disabled',
      'users.must_change_password',
      'users.password_changed_at',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function rolesAndPermissions(db: Executor, userId: number) {
  const rows = await db
    .selectFrom('user_roles')
    .leftJoin('role_permissions', 'role_permissions.role_code', 'user_roles.role_code')
    .select(['user_roles.role_code', 'role_permissions.permission_code'])
    .where('user_roles.user_id', '=', userId)
    .execute();
  const roles = [...new Set(rows.map((r) => r.role_code))].sort();
  const permissions = new Set(rows.flatMap((r) => (r.permission_code ? [r.permission_code] : [])));
  return { roles, permissions };
}

export async function touchSession(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Executor, userId: number, exceptId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Executor, now: string, idleBefore: string): Promise<number> {
  const r = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleBefore)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
