import type { Actor } from '../../src/platform/actor.js';
import type { Db } from '../../src/platform/db/index.js';

/** A demo user acting with exactly the given permissions (services check permissions, not roles). */
export async function actorFor(db: Db, username: string, permissions: string[]): Promise<Actor> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'org_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    userId: u.id,
    username,
    name: u.display_name,
    orgId: u.org_id,
    roles: [],
    permissions: new Set(permissions),
    ip: '127.0.0.1',
  };
}

/** The id of a catalogue column by its code (seeded from columns.catalogue.ts). */
export async function columnIdOf(db: Db, code: string): Promise<number> {
  return (await db.selectFrom('doc_columns').select('id').where('code', '=', code).executeTakeFirstOrThrow())
    .id;
}
