import type { Executor } from '../../platform/db/index.js';
import type { DisclosureGuideVersionTable } from '../../platform/db/schema.js';

/** The versions of the 政府信息公开指南, newest first. */
export async function latestGuide(db: Executor) {
  return db
    .selectFrom('disclosure_guide_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function guideHistory(db: Executor, limit = 20) {
  return db
    .selectFrom('disclosure_guide_versions')
    .leftJoin('users', 'users.id', 'disclosure_guide_versions.created_by')
    .select([
      'disclosure_guide_versions.version',
      'disclosure_guide_versions.created_at',
      'disclosure_guide_versions.is_sample',
      'users.display_name as author',
    ])
    .orderBy('disclosure_guide_versions.version', 'desc')
    .limit(limit)
    .execute();
}

export async function insertGuideVersion(
  db: Executor,
  row: Omit<DisclosureGuideVersionTable, 'id'>,
): Promise<void> {
  await db.insertInto('disclosure_guide_versions').values(row).execute();
}
