import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type Db, inTransaction, nowIso } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './notice.repository.js';

export interface NoticeInput {
  title: string;
  source: string;
  body: string;
  publishedAt: string;
  orgId: number | null;
  sample: boolean;
}

/** Publish a 通知公告. Used by the seed today; the catalogue workflow (issue 3) will own publishing. */
export async function publishNotice(db: Db, actor: Actor, input: NoticeInput): Promise<number> {
  const at = nowIso();
  return inTransaction(db, async (trx) => {
    const id = await repo.insertNotice(trx, {
      title: input.title,
      source: input.source,
      body: input.body,
      column_code: 'tzgg',
      org_id: input.orgId,
      is_sample: input.sample ? 1 : 0,
      published_at: input.publishedAt,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, actor, {
      action: 'notice.published',
      targetType: 'notice',
      targetId: id,
      after: { title: input.title },
    });
    return id;
  });
}

export async function getNotice(db: Db, id: number) {
  const n = await repo.findNotice(db, id);
  if (!n) throw new AppError('NOT_FOUND');
  return n;
}

export const listNotices = repo.listNotices;
export const searchNotices = repo.searchNotices;
export const findNoticeByTitle = repo.findNoticeByTitle;
