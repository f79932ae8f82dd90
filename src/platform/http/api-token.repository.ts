import type { Executor } from '../db/index.js';
import type { ApiTokenTable } from '../db/schema.js';

export async function insertToken(db: Executor, t: Omit<ApiTokenTable, 'id'>): Promise<number> {
  const r = await db.insertInto('api_tokens').values(t).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The token with what decides whether it still works: its owner's state. */
export async function findByHash(db: Executor, hash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.user_id',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.username',
      'users.display_name',
      'users.org_id',
      'users.disabled',
      'users.locked_until',
      'users.must_change_password',
    ])
    .where('api_tokens.token_hash', '=', hash)
    .executeTakeFirst();
}

export async function touchToken(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function findToken(db: Executor, id: number) {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Tokens with their owners, newest first; all of them, or one user's. */
export async function listTokens(db: Executor, userId: number | null) {
  let q = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.user_id',
      'api_tokens.name',
      'api_tokens.hint',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
      'users.username',
      'users.display_name',
    ]);
  if (userId !== null) q = q.where('api_tokens.user_id', '=', userId);
  return q.orderBy('api_tokens.id', 'desc').execute();
}

export async function revokeToken(db: Executor, id: number, by: number | null, at: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
