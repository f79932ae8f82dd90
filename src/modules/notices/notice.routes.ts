import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { NOTICES_COLUMN, publishedNoticeByTitle } from '../documents/index.js';
import { findLegacyNotice } from './notice.repository.js';

const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
});

/**
 * 通知公告 is a column of the disclosure catalogue now (issue 3). The old URLs answer 301 Moved
 * Permanently: /notices to the column, /notices/:id to the published document the notice became
 * (matched by title within the column); a notice that never became a document is 404.
 */
export function noticeRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const pub = { config: { permission: 'public' } };
  const column = `/xxgk/${NOTICES_COLUMN}`;

  app.get('/notices', pub, async (request, reply) => {
    const { page } = parseInput(listQuery, request.query, { page: '页码' });
    return reply.redirect(page && page > 1 ? `${column}?page=${page}` : column, 301);
  });

  app.get('/notices/:id', pub, async (request, reply) => {
    const id = parseInput(idParam, (request.params as Record<string, string>).id, { _: '编号' });
    const legacy = await findLegacyNotice(db, id);
    const documentId = legacy ? await publishedNoticeByTitle(db, legacy.title) : undefined;
    if (!documentId) throw new AppError('NOT_FOUND', { message: '该通知公告不存在，请到“通知公告”栏目查看' });
    return reply.redirect(`/documents/${documentId}`, 301);
  });
}
