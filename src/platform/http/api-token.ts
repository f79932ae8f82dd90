import type { Config } from '../../config.js';
import type { Actor } from '../actor.js';
import { hmacSm3, randomToken } from '../crypto.js';
import type { Executor } from '../db/index.js';
import * as repo from './api-token.repository.js';
import { rolesAndPermissions } from './session.repository.js';

/**
 * Bearer tokens for the staff write API (`Authorization: Bearer gk_…`). A token is 32 random bytes;
 * only its HMAC-SM3 under the session secret is stored (as for session ids). It acts with its
 * owner's current roles and permissions, read on every request, and stops working when it expires,
 * is revoked, or its owner is disabled or locked out.
 */
export const API_TOKEN_PREFIX = 'gk_';
/** A token may live at most a year. */
export const API_TOKEN_MAX_DAYS = 366;
const TOKEN_SHAPE = /^gk_[A-Za-z0-9_-]{40,60}$/;
/** last_used_at is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomToken(32)}`;
}

export function apiTokenHash(config: Pick<Config, 'sessionSecret'>, token: string): string {
  return hmacSm3(config.sessionSecret, `api-token:${token}`);
}

export interface BearerAuth {
  tokenId: number;
  actor: Actor;
  /** The owner must change an initial or reset password first (as with a session). */
  mustChangePassword: boolean;
}

/** The value of an `Authorization: Bearer …` header, or undefined for any other header. */
export function bearerOf(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

/** Resolve a presented token, or null when it is unknown, malformed, expired, revoked or its owner cannot act. */
export async function authenticateBearer(
  db: Executor,
  config: Pick<Config, 'sessionSecret'>,
  token: string,
  ip: string,
  now = Date.now(),
): Promise<BearerAuth | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await repo.findByHash(db, apiTokenHash(config, token));
  if (!row || row.revoked_at || now >= Date.parse(row.expires_at)) return null;
  if (row.disabled || (row.locked_until && Date.parse(row.locked_until) > now)) return null;
  if (!row.last_used_at || now - Date.parse(row.last_used_at) > TOUCH_EVERY_MS)
    await repo.touchToken(db, row.id, new Date(now).toISOString());
  const { roles, permissions } = await rolesAndPermissions(db, row.user_id);
  return {
    tokenId: row.id,
    mustChangePassword: row.must_change_password === 1,
    actor: {
      userId: row.user_id,
      username: row.username,
      name: row.display_name,
      orgId: row.org_id,
      roles,
      permissions,
      ip,
      apiTokenId: row.id,
    },
  };
}

export const insertApiToken = repo.insertToken;
export const findApiToken = repo.findToken;
export const listApiTokens = repo.listTokens;
export const revokeApiToken = repo.revokeToken;
