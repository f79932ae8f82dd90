import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import pino from 'pino';
import type { Config } from './config.js';
import { modules } from './modules/index.js';
import { registerContentVersion } from './platform/db/content-version.js';
import type { DbHandle } from './platform/db/index.js';
import { installErrorHandler } from './platform/http/error-handler.js';
import { installPageCache, type PageCache, type PageCacheStats } from './platform/http/page-cache.js';
import { installPipeline, type RouteRecord } from './platform/http/pipeline.js';
import { installSecurityHeaders } from './platform/http/security.js';
import { JobQueue } from './platform/jobs/queue.js';
import type { AppDeps } from './platform/module.js';
import { rememberUpload } from './platform/storage/upload-names.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface BuiltApp {
  app: FastifyInstance;
  deps: AppDeps;
  /** Every route with the permission it declared (the route × role test walks it). */
  routes: RouteRecord[];
  /** Page-cache counters of this process (null when PAGE_CACHE_ENTRIES=0). */
  pageCache: PageCacheStats | null;
}

/** Give the queue every module's jobs and schedules (the web process and `gongkai worker` alike). */
export function defineJobs(deps: AppDeps): void {
  for (const m of modules) {
    for (const j of typeof m.jobs === 'function' ? m.jobs(deps) : (m.jobs ?? [])) deps.jobs.define(j);
    for (const s of m.schedules ?? []) deps.jobs.schedule(s);
  }
}

/** Build the whole platform as a Fastify instance. Never listens: main.ts does, tests use inject(). */
export async function buildApp(
  config: Config,
  handle: DbHandle,
  options: { logger?: boolean } = {},
): Promise<BuiltApp> {
  let rawCacheHit: PageCache['serveRaw'] | null = null;
  const logger = pino({ level: options.logger === false ? 'silent' : config.logLevel });
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    // The page cache answers hits before Fastify sees the request (ADR 0011); the rest as usual.
    serverFactory: (handler, opts) => {
      const server = http.createServer((req, res) => {
        if (rawCacheHit?.(req, res)) return;
        handler(req, res);
      });
      // What Fastify sets on the server it would have built itself.
      const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);
      server.keepAliveTimeout = num(opts.keepAliveTimeout, 72_000);
      server.requestTimeout = num(opts.requestTimeout, 0);
      server.setTimeout(num(opts.connectionTimeout, 0));
      return server;
    },
  }) as unknown as FastifyInstance;
  const jobs = new JobQueue(handle.db, logger);
  const deps: AppDeps = {
    db: handle.db,
    dialect: handle.dialect,
    config,
    jobs,
    apiDocs: () => modules.flatMap((m) => m.apiDocs ?? []),
    alerts: async (actor) => (await Promise.all(modules.map((m) => m.alerts?.(deps, actor) ?? []))).flat(),
  };
  const routes: RouteRecord[] = [];

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  // Multipart forms (photo uploads) arrive as plain fields plus Buffers, like urlencoded ones.
  // 2 MB per file unless a route raises it (config.multipartOptions; document attachments).
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 50 },
    onFile: rememberUpload,
  });
  installSecurityHeaders(app, config);
  // Before the pipeline: a cache hit answers without reading the session or rendering anything.
  // One content version per app: the page cache and the versioned reads (content-version.ts) use it.
  const contentVersion = handle.contentVersion((message) => logger.warn(message));
  registerContentVersion(handle.db, contentVersion);
  app.addHook('onClose', () => contentVersion.close());
  const pageCache =
    config.pageCacheEntries > 0
      ? installPageCache(app, {
          maxEntries: config.pageCacheEntries,
          ttlMs: config.pageCacheTtlSeconds * 1000,
          version: contentVersion,
        })
      : null;
  rawCacheHit = pageCache?.serveRaw ?? null;
  installPipeline(app, handle.db, config, routes);
  installErrorHandler(app, handle.db);
  await app.register(fastifyStatic, { root: path.join(here, 'web', 'public'), serve: false, maxAge: '1h' });
  app.get('/static/*', { config: { permission: 'public', cache: false } }, (request, reply) =>
    reply.sendFile((request.params as Record<string, string>)['*'] ?? ''),
  );

  defineJobs(deps);
  for (const m of modules) if (m.routes) await m.routes(app, deps);
  await app.ready();
  return { app, deps, routes, pageCache: pageCache?.stats ?? null };
}
