import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type Db, inTransaction, nowIso } from '../../platform/db/index.js';
import * as repo from './guide.repository.js';
import { GUIDE_KEYS, type GuideContent } from './guide.schema.js';

export interface Guide {
  version: number;
  content: GuideContent;
  isSample: boolean;
  /** When this version was saved: the guide's public 更新日期. */
  updatedAt: string;
}

/** The current guide, or null before the first one is written. */
export async function currentGuide(db: Db): Promise<Guide | null> {
  const row = await repo.latestGuide(db);
  if (!row) return null;
  return {
    version: row.version,
    content: JSON.parse(row.content) as GuideContent,
    isSample: row.is_sample === 1,
    updatedAt: row.created_at,
  };
}

export const guideHistory = repo.guideHistory;

const same = (a: GuideContent, b: GuideContent) => GUIDE_KEYS.every((k) => a[k] === b[k]);

/**
 * Save the guide as a new version (the old ones stay: what the public was told, and when, can be
 * shown later). Saving unchanged content adds nothing and returns false.
 */
export async function saveGuide(
  db: Db,
  actor: Actor,
  content: GuideContent,
  options: { sample?: boolean } = {},
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await repo.latestGuide(trx);
    const old = before ? (JSON.parse(before.content) as GuideContent) : null;
    if (old && same(old, content)) return false;
    const version = (before?.version ?? 0) + 1;
    await repo.insertGuideVersion(trx, {
      version,
      content: JSON.stringify(content),
      is_sample: options.sample ? 1 : 0,
      created_by: actor.userId,
      created_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'guide.updated',
      targetType: 'guide',
      targetId: version,
      before: old,
      after: content,
    });
    return true;
  });
}
