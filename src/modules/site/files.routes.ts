import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { findPublicFile } from '../../platform/storage/storage.js';

/** Public uploaded files (leader photos). Private files are only ever served by their own module. */
export function fileRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/files/:id', { config: { permission: 'public', cache: false } }, async (request, reply) => {
    const id = parseInput(idParam, (request.params as Record<string, string>).id, { _: '文件编号' });
    const file = await findPublicFile(deps.db, id);
    if (!file) throw new AppError('NOT_FOUND');
    const etag = `"${file.sha}"`;
    reply.header('ETag', etag).header('Cache-Control', 'public, max-age=86400');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(file.mime).header('Content-Disposition', 'inline').send(Buffer.from(file.data));
  });
}
