import type { Config } from '../../config.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { hashPassword, verifyPassword } from '../../platform/crypto.js';
import { type Db, inTransaction, nowIso } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { createSession, destroySession, destroyUserSessions } from '../../platform/http/session.js';
import * as repo from './account.repository.js';
import { PASSWORD_HISTORY, passwordProblems } from './password-policy.js';

/** 等保: lock after 5 failures within 15 minutes, for 15 minutes. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;

// Compared against when the user name is unknown, so both paths take the same time.
let dummyHash: Promise<string> | null = null;

export interface LoginResult {
  token: string;
  userId: number;
  mustChangePassword: boolean;
}

/**
 * Sign a staff member in. Unknown user names and wrong passwords get the same answer; five failures
 * for a user name within 15 minutes lock it for 15 minutes, even against the right password.
 */
export async function login(
  deps: { db: Db; config: Pick<Config, 'sessionSecret'> },
  input: { username: string; password: string },
  meta: { ip: string; userAgent: string },
  now = Date.now(),
): Promise<LoginResult> {
  const { db } = deps;
  const at = new Date(now).toISOString();
  const actor: Actor = {
    userId: null,
    username: input.username,
    name: '登录请求',
    orgId: null,
    roles: [],
    permissions: new Set(),
    ip: meta.ip,
  };
  const user = await repo.findUserByUsername(db, input.username);
  const failures = await repo.recentFailures(
    db,
    input.username,
    new Date(now - LOCKOUT_WINDOW_MS).toISOString(),
  );
  const locked = user ? !!user.locked_until && user.locked_until > at : failures >= LOCKOUT_FAILURES;
  if (locked) {
    await recordAudit(db, actor, {
      action: 'auth.login_locked',
      targetType: 'user',
      targetId: input.username,
    });
    throw new AppError('ACCOUNT_LOCKED');
  }
  dummyHash ??= hashPassword('gongkai-dummy-password');
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyHash));
  if (!user || !ok) {
    const lockNow = failures + 1 >= LOCKOUT_FAILURES;
    await inTransaction(db, async (trx) => {
      await repo.recordLoginAttempt(trx, input.username, meta.ip, false, at);
      await recordAudit(trx, actor, {
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: input.username,
        detail: { failures: failures + 1 },
      });
      if (user && lockNow) {
        await repo.updateUser(trx, user.id, {
          locked_until: new Date(now + LOCKOUT_WINDOW_MS).toISOString(),
        });
        await recordAudit(trx, actor, { action: 'auth.lockout', targetType: 'user', targetId: user.id });
      }
    });
    throw new AppError(lockNow ? 'ACCOUNT_LOCKED' : 'LOGIN_FAILED');
  }
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED');
  return inTransaction(db, async (trx) => {
    await repo.recordLoginAttempt(trx, user.username, meta.ip, true, at);
    await repo.updateUser(trx, user.id, { last_login_at: at, locked_until: null });
    const token = await createSession(trx, deps.config, user.id, meta);
    await recordAudit(
      trx,
      { ...actor, userId: user.id, name: user.display_name, roles: await repo.userRoles(trx, user.id) },
      {
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
      },
    );
    return { token, userId: user.id, mustChangePassword: user.must_change_password === 1 };
  });
}

export async function logout(db: Db, actor: Actor, sessionId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await destroySession(trx, sessionId);
    await recordAudit(trx, actor, {
      action: 'auth.logout',
      targetType: 'user',
      targetId: actor.userId ?? '-',
    });
  });
}

/** Check a new password against the policy and the last five; returns the new hash. */
export async function acceptablePasswordHash(
  db: Db,
  userId: number,
  username: string,
  password: string,
  field: string,
): Promise<string> {
  const problems = passwordProblems(password, username);
  if (problems.length)
    throw new AppError('PASSWORD_POLICY', {
      message: `新密码不符合要求：${problems.join('；')}`,
      fields: { [field]: `新密码：${problems.join('；')}` },
    });
  for (const old of await repo.passwordHistory(db, userId, PASSWORD_HISTORY)) {
    if (await verifyPassword(password, old))
      throw new AppError('PASSWORD_POLICY', {
        message: `新密码不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同`,
        fields: { [field]: `新密码：不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同` },
      });
  }
  return hashPassword(password);
}

export async function changePassword(
  db: Db,
  actor: Actor,
  sessionId: string,
  input: { current_password: string; new_password: string },
): Promise<void> {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
  const user = await repo.findUser(db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(input.current_password, user.password_hash)))
    throw new AppError('VALIDATION_FAILED', {
      message: '当前密码不正确',
      fields: { current_password: '当前密码：不正确' },
    });
  const hash = await acceptablePasswordHash(db, user.id, user.username, input.new_password, 'new_password');
  const at = nowIso();
  await inTransaction(db, async (trx) => {
    await repo.updateUser(trx, user.id, {
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: at,
      updated_at: at,
    });
    await repo.addPasswordHistory(trx, user.id, hash, at);
    // Other sessions of this user end: a changed password must lock out whoever else held it.
    await destroyUserSessions(trx, user.id, sessionId);
    await recordAudit(trx, actor, { action: 'user.password_changed', targetType: 'user', targetId: user.id });
  });
}

/**
 * Login attempts only feed the 15-minute lockout window; a week is kept for troubleshooting. The
 * audit trail keeps its own permanent record of every failure and lockout.
 */
export async function pruneLoginAttempts(db: Db, now = Date.now()): Promise<number> {
  return repo.deleteLoginAttemptsBefore(db, new Date(now - 7 * 86_400_000).toISOString());
}
