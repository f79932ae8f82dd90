import type { FastifyInstance } from 'fastify';
import { ping } from '../../platform/db/index.js';
import { pendingMigrations } from '../../platform/db/migrator.js';
import type { AppDeps } from '../../platform/module.js';

/** /healthz: the process answers. /readyz: the database answers and the schema is current. */
export function healthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/healthz', { config: { permission: 'public', cache: false } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { permission: 'public', cache: false } }, async (_request, reply) => {
    try {
      await ping(deps.db);
      const pending = await pendingMigrations(deps.db);
      if (pending.length)
        return reply.code(503).send({ status: 'not-ready', database: 'ok', migrations: 'pending', pending });
      return { status: 'ready', database: 'ok', dialect: deps.dialect, migrations: 'current' };
    } catch {
      return reply.code(503).send({ status: 'not-ready', database: 'unreachable' });
    }
  });
}
