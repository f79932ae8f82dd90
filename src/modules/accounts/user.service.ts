import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type FieldCipher, hashPassword, maskPhone } from '../../platform/crypto.js';
import { type Db, inTransaction, nowIso } from '../../platform/db/index.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { destroyUserSessions } from '../../platform/http/session.js';
import { getOrg } from '../orgs/index.js';
import * as repo from './account.repository.js';
import { generateInitialPassword } from './password-policy.js';
import type { CreateUserInput, UpdateUserInput } from './user.schema.js';

export interface UserDeps {
  db: Db;
  cipher: FieldCipher;
}

async function checkOrgAndRoles(db: Db, orgId: number, roles: string[]) {
  if (!(await getOrg(db, orgId))) throw fieldError('org_id', '所属单位：不存在');
  const known = new Set((await repo.listRoles(db)).map((r) => r.code));
  const unknown = roles.filter((r) => !known.has(r));
  if (unknown.length) throw fieldError('roles', `角色：不存在 ${unknown.join('、')}`);
}

/** Create a staff account with a one-time initial password (shown once, must be changed at first login). */
export async function createUser(
  deps: UserDeps,
  actor: Actor,
  input: CreateUserInput,
  options: { password?: string } = {},
): Promise<{ id: number; initialPassword: string }> {
  const { db } = deps;
  if (await repo.findUserByUsername(db, input.username)) throw fieldError('username', '用户名：已被使用');
  await checkOrgAndRoles(db, input.org_id, input.roles);
  const initialPassword = options.password ?? generateInitialPassword(randomBytes);
  const hash = await hashPassword(initialPassword);
  const at = nowIso();
  const id = await inTransaction(db, async (trx) => {
    const id = await repo.insertUser(trx, {
      username: input.username,
      display_name: input.display_name,
      org_id: input.org_id,
      password_hash: hash,
      must_change_password: 1,
      disabled: 0,
      phone_enc: input.phone ? deps.cipher.encrypt(input.phone) : null,
      email: input.email ?? null,
      locked_until: null,
      password_changed_at: at,
      last_login_at: null,
      created_at: at,
      updated_at: at,
    });
    await repo.setUserRoles(trx, id, input.roles);
    await repo.addPasswordHistory(trx, id, hash, at);
    await recordAudit(trx, actor, {
      action: 'user.created',
      targetType: 'user',
      targetId: id,
      after: {
        username: input.username,
        display_name: input.display_name,
        org_id: input.org_id,
        roles: input.roles,
      },
    });
    return id;
  });
  return { id, initialPassword };
}

export async function updateUser(
  deps: UserDeps,
  actor: Actor,
  id: number,
  input: UpdateUserInput,
): Promise<void> {
  const { db } = deps;
  const user = await repo.findUser(db, id);
  if (!user) throw new AppError('NOT_FOUND');
  await checkOrgAndRoles(db, input.org_id, input.roles);
  if (actor.userId === id && input.disabled) throw fieldError('disabled', '账号状态：不能停用自己的账号');
  const before = {
    display_name: user.display_name,
    org_id: user.org_id,
    disabled: user.disabled,
    roles: await repo.userRoles(db, id),
  };
  await inTransaction(db, async (trx) => {
    await repo.updateUser(trx, id, {
      display_name: input.display_name,
      org_id: input.org_id,
      disabled: input.disabled,
      phone_enc: input.phone ? deps.cipher.encrypt(input.phone) : null,
      email: input.email ?? null,
      updated_at: nowIso(),
    });
    await repo.setUserRoles(trx, id, input.roles);
    if (input.disabled) await destroyUserSessions(trx, id);
    await recordAudit(trx, actor, {
      action: 'user.updated',
      targetType: 'user',
      targetId: id,
      before,
      after: {
        display_name: input.display_name,
        org_id: input.org_id,
        disabled: input.disabled,
        roles: input.roles,
      },
    });
  });
}

export async function resetPassword(
  deps: UserDeps,
  actor: Actor,
  id: number,
  password?: string,
): Promise<string> {
  const { db } = deps;
  const user = await repo.findUser(db, id);
  if (!user) throw new AppError('NOT_FOUND');
  const initialPassword = password ?? generateInitialPassword(randomBytes);
  const hash = await hashPassword(initialPassword);
  const at = nowIso();
  await inTransaction(db, async (trx) => {
    await repo.updateUser(trx, id, {
      password_hash: hash,
      must_change_password: 1,
      password_changed_at: at,
      updated_at: at,
      locked_until: null,
    });
    await repo.addPasswordHistory(trx, id, hash, at);
    await destroyUserSessions(trx, id);
    await recordAudit(trx, actor, { action: 'user.password_reset', targetType: 'user', targetId: id });
  });
  return initialPassword;
}

export async function unlockUser(deps: UserDeps, actor: Actor, id: number): Promise<void> {
  const { db } = deps;
  const user = await repo.findUser(db, id);
  if (!user) throw new AppError('NOT_FOUND');
  await inTransaction(db, async (trx) => {
    await repo.updateUser(trx, id, { locked_until: null });
    // A success marker resets the failure count, as a successful login would.
    await repo.recordLoginAttempt(trx, user.username, `unlock:${actor.ip}`, true, nowIso());
    await recordAudit(trx, actor, { action: 'user.unlocked', targetType: 'user', targetId: id });
  });
}

export async function userDetail(deps: UserDeps, id: number) {
  const user = await repo.findUser(deps.db, id);
  if (!user) throw new AppError('NOT_FOUND');
  let phone: string | null = null;
  if (user.phone_enc) phone = deps.cipher.decrypt(user.phone_enc);
  return {
    id: user.id,
    username: user.username,
    display_name: user.display_name,
    org_id: user.org_id,
    disabled: user.disabled,
    locked: !!user.locked_until && user.locked_until > nowIso(),
    must_change_password: user.must_change_password,
    last_login_at: user.last_login_at,
    phone,
    phoneMasked: phone ? maskPhone(phone) : null,
    email: user.email,
    roles: await repo.userRoles(deps.db, id),
  };
}

export const listUsers = repo.listUsers;
export const findUserByUsername = repo.findUserByUsername;
