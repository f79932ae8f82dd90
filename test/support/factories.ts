import type { DraftInput } from '../../src/modules/documents/document.schema.js';
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

/** A complete draft: every optional catalogue field empty unless given. */
export function draftInput(
  fields: Pick<DraftInput, 'column_id' | 'publisher_org_id' | 'title'> & Partial<DraftInput>,
): DraftInput {
  return {
    doc_number: null,
    joint_issuers: null,
    owner_org_id: null,
    written_on: null,
    formed_on: '2026-11-20',
    effective_on: null,
    topic: null,
    genre: null,
    keywords: null,
    summary: null,
    contact_name: null,
    contact_phone: null,
    body: '正文。',
    external_id: null,
    ...fields,
  };
}
