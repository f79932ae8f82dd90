import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type Db, inTransaction } from '../../platform/db/index.js';
import { AppError, fieldError } from '../../platform/errors.js';
import type { PermissionDef } from '../../platform/module.js';
import * as repo from './account.repository.js';
import { ROLES } from './roles.js';

/**
 * Make the database hold every role and permission the code declares. A permission seen for the
 * first time is granted to the roles whose defaults list it; grants an admin changed stay as they are.
 */
export async function syncAccessControl(db: Db, permissions: PermissionDef[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const [i, r] of ROLES.entries())
      await repo.upsertRole(trx, { code: r.code, name: r.name, description: r.description, sort_order: i });
    const fresh = new Set(await repo.insertMissingPermissions(trx, permissions));
    for (const r of ROLES)
      for (const p of r.grants) if (fresh.has(p)) await repo.grantIfMissing(trx, r.code, p);
  });
}

export async function accessMatrix(db: Db) {
  const [roles, permissions, pairs] = await Promise.all([
    repo.listRoles(db),
    repo.listPermissions(db),
    repo.rolePermissionPairs(db),
  ]);
  return { roles, permissions, granted: new Set(pairs.map((p) => `${p.role_code}|${p.permission_code}`)) };
}

export async function setRolePermissions(
  db: Db,
  actor: Actor,
  role: string,
  permissions: string[],
): Promise<void> {
  const { roles, permissions: all, granted } = await accessMatrix(db);
  if (!roles.some((r) => r.code === role)) throw new AppError('NOT_FOUND');
  const known = new Set(all.map((p) => p.code));
  const unknown = permissions.filter((p) => !known.has(p));
  if (unknown.length) throw fieldError('permissions', `权限：不存在 ${unknown.join('、')}`);
  // The administrator must not lock everyone out of role management.
  if (role === 'admin' && !permissions.includes('roles.manage'))
    throw fieldError('permissions', '权限：系统管理员必须保留“管理角色与权限”');
  const before = all.map((p) => p.code).filter((p) => granted.has(`${role}|${p}`));
  await inTransaction(db, async (trx) => {
    await repo.setRolePermissions(trx, role, [...new Set(permissions)].sort());
    await recordAudit(trx, actor, {
      action: 'role.permissions_changed',
      targetType: 'role',
      targetId: role,
      before: { permissions: before },
      after: { permissions: [...new Set(permissions)].sort() },
    });
  });
}
