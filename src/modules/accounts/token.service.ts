import type { Config } from '../../config.js';
import { type Actor, can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type Db, inTransaction, nowIso } from '../../platform/db/index.js';
import { AppError, fieldError } from '../../platform/errors.js';
import {
  API_TOKEN_MAX_DAYS,
  apiTokenHash,
  findApiToken,
  insertApiToken,
  listApiTokens,
  newApiToken,
  revokeApiToken,
} from '../../platform/http/api-token.js';
import { rolesAndPermissions } from '../../platform/http/session.repository.js';
import { cstToIso, todayCst } from '../../platform/time.js';
import { findUserByUsername } from './account.repository.js';
import type { TokenInput } from './token.schema.js';

/** Administrators see and revoke every user's tokens. */
export const TOKENS_ADMIN = 'users.manage';

/**
 * Create a token for the acting user. The token itself is returned once, to be shown once; only
 * its keyed hash is kept. It expires at the end of the chosen day (Beijing time), at most a year on.
 */
export async function createApiToken(
  db: Db,
  config: Pick<Config, 'sessionSecret'>,
  actor: Actor,
  input: TokenInput,
  now = Date.now(),
): Promise<{ id: number; token: string; expiresAt: string }> {
  if (actor.userId === null) throw new AppError('FORBIDDEN');
  if (actor.apiTokenId) throw new AppError('FORBIDDEN', { message: 'API 令牌不能用来创建新的令牌' });
  const today = todayCst(now);
  const latest = todayCst(now + API_TOKEN_MAX_DAYS * 86_400_000 - 86_400_000);
  if (input.expires_on <= today) throw fieldError('expires_on', '有效期至：须晚于今天');
  if (input.expires_on > latest) throw fieldError('expires_on', `有效期至：最长一年，不能晚于 ${latest}`);
  const token = newApiToken();
  const expiresAt = new Date(Date.parse(cstToIso(input.expires_on)) + 86_400_000).toISOString();
  const id = await inTransaction(db, async (trx) => {
    const id = await insertApiToken(trx, {
      user_id: actor.userId!,
      name: input.name,
      token_hash: apiTokenHash(config, token),
      hint: token.slice(-4),
      created_at: new Date(now).toISOString(),
      expires_at: expiresAt,
      last_used_at: null,
      revoked_at: null,
      revoked_by: null,
    });
    await recordAudit(trx, actor, {
      action: 'api_token.created',
      targetType: 'api_token',
      targetId: id,
      detail: { name: input.name, expiresAt },
    });
    return id;
  });
  return { id, token, expiresAt };
}

/** The actor's own tokens; an administrator's view lists everyone's. */
export async function listTokens(db: Db, actor: Actor) {
  if (actor.userId === null) return [];
  return listApiTokens(db, can(actor, TOKENS_ADMIN) ? null : actor.userId);
}

/** Revoke a token at once; its owner or an administrator may. Revoking twice changes nothing. */
export async function revokeToken(db: Db, actor: Actor, id: number): Promise<void> {
  const t = await findApiToken(db, id);
  if (!t || (t.user_id !== actor.userId && !can(actor, TOKENS_ADMIN))) throw new AppError('NOT_FOUND');
  if (t.revoked_at) return;
  await inTransaction(db, async (trx) => {
    await revokeApiToken(trx, id, actor.userId, nowIso());
    await recordAudit(trx, actor, {
      action: 'api_token.revoked',
      targetType: 'api_token',
      targetId: id,
      detail: { name: t.name, owner: t.user_id },
    });
  });
}

/**
 * A staff user as the actor of a command-line run (`gongkai import documents --as USER`): their
 * current roles and permissions; a disabled or locked account cannot act.
 */
export async function actorForUsername(db: Db, username: string): Promise<Actor> {
  const u = await findUserByUsername(db, username.toLowerCase());
  if (!u) throw new AppError('NOT_FOUND', { message: `用户不存在：${username}` });
  if (u.disabled || (u.locked_until && u.locked_until > nowIso()))
    throw new AppError('ACCOUNT_DISABLED', { message: `用户 ${username} 已停用或锁定，不能执行操作` });
  const { roles, permissions } = await rolesAndPermissions(db, u.id);
  return {
    userId: u.id,
    username: u.username,
    name: u.display_name,
    orgId: u.org_id,
    roles,
    permissions,
    ip: '-',
  };
}
