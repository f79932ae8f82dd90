import { type Executor, like } from '../../platform/db/index.js';
import type { Notice } from '../../platform/db/schema.js';

export async function insertNotice(db: Executor, n: Omit<Notice, 'id'>): Promise<number> {
  const r = await db.insertInto('notices').values(n).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findNotice(db: Executor, id: number): Promise<Notice | undefined> {
  return db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findNoticeByTitle(db: Executor, title: string): Promise<Notice | undefined> {
  return db.selectFrom('notices').selectAll().where('title', '=', title).executeTakeFirst();
}

export async function listNotices(db: Executor, page: { limit: number; offset: number }) {
  const rows = await db
    .selectFrom('notices')
    .select(['id', 'title', 'source', 'published_at', 'is_sample'])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await db
    .selectFrom('notices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** Plain substring match on title and body; issue 4 replaces it with segmented full-text search. */
export async function searchNotices(db: Executor, text: string, limit: number) {
  return db
    .selectFrom('notices')
    .select(['id', 'title', 'source', 'published_at', 'is_sample'])
    .where((eb) => eb.or([like('title', text), like('body', text)]))
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
}
