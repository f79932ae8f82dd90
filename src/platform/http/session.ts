import type { Config } from '../../config.js';
import { type Actor, ANONYMOUS } from '../actor.js';
import { hmacSm3, randomToken } from '../crypto.js';
import { type Executor, nowIso } from '../db/index.js';
import * as repo from './session.repository.js';
import type { SessionInfo } from './types.js';

export const SESSION_COOKIE = 'gk_sid';
/** Absolute lifetime of a staff session, whatever the activity. */
const ABSOLUTE_HOURS = 12;
/** last_seen_at is written at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 60_000;

export interface LoadedSession {
  session: SessionInfo | null;
  actor: Actor;
  expired: boolean;
}

export function sessionIdFor(config: Pick<Config, 'sessionSecret'>, token: string): string {
  return hmacSm3(config.sessionSecret, `session:${token}`);
}

/** Start a session; returns the cookie token (only its HMAC is stored). */
export async function createSession(
  db: Executor,
  config: Pick<Config, 'sessionSecret'>,
  userId: number,
  meta: { ip: string; userAgent: string },
): Promise<string> {
  const token = randomToken(32);
  const now = new Date();
  await repo.insertSession(db, {
    id: sessionIdFor(config, token),
    user_id: userId,
    csrf_token: randomToken(24),
    ip: meta.ip,
    user_agent: meta.userAgent.slice(0, 300),
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ABSOLUTE_HOURS * 3_600_000).toISOString(),
  });
  return token;
}

/**
 * Resolve the cookie to a session and the acting user with roles and permissions, enforcing the
 * idle timeout (等保: 30 minutes) and the absolute lifetime. Every node reads the same table.
 */
export async function loadSession(
  db: Executor,
  config: Pick<Config, 'sessionSecret' | 'idleTimeoutMinutes' | 'passwordMaxAgeDays'>,
  token: string | undefined,
  ip: string,
  now = Date.now(),
): Promise<LoadedSession> {
  const anonymous: LoadedSession = { session: null, actor: ANONYMOUS(ip), expired: false };
  if (!token || token.length > 100) return anonymous;
  const id = sessionIdFor(config, token);
  const row = await repo.findSession(db, id);
  if (!row) return anonymous;
  const idleLimit = config.idleTimeoutMinutes * 60_000;
  const lastSeen = Date.parse(row.last_seen_at);
  if (now - lastSeen > idleLimit || now > Date.parse(row.expires_at) || row.disabled) {
    await repo.deleteSession(db, id);
    return { ...anonymous, expired: true };
  }
  if (now - lastSeen > TOUCH_EVERY_MS) await repo.touchSession(db, id, new Date(now).toISOString());
  const { roles, permissions } = await repo.rolesAndPermissions(db, row.user_id);
  return {
    expired: false,
    session: {
      id,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      // 等保: passwords are changed periodically; an expired one is treated like an initial one.
      mustChangePassword:
        row.must_change_password === 1 ||
        now - Date.parse(row.password_changed_at) > config.passwordMaxAgeDays * 86_400_000,
    },
    actor: {
      userId: row.user_id,
      username: row.username,
      name: row.display_name,
      orgId: row.org_id,
      roles,
      permissions,
      ip,
    },
  };
}

export const destroySession = repo.deleteSession;
export const destroyUserSessions = repo.deleteUserSessions;

export async function pruneSessions(db: Executor, idleTimeoutMinutes: number): Promise<number> {
  return repo.deleteExpiredSessions(
    db,
    nowIso(),
    new Date(Date.now() - idleTimeoutMinutes * 60_000).toISOString(),
  );
}
