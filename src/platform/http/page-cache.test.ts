import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor } from '../../../test/support/factories.js';
import { recordAudit } from '../audit/audit.js';
import { type ContentVersion, postgresContentVersion } from '../db/content-version.js';
import { installPageCache, type PageCache, type PageCacheStats } from './page-cache.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Publish a document from another operating-system process, as a second web node would. */
async function publishElsewhere(databaseUrl: string, title: string): Promise<void> {
  await run(process.execPath, ['--import', 'tsx', 'test/support/publish-child.ts', databaseUrl, title], {
    cwd: ROOT,
    timeout: 60_000,
  });
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe.each(dialects)('page cache on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    // PostgreSQL: the LISTEN connection comes up asynchronously; until then nothing is cached.
    await until(async () => {
      await t.app.inject('/xxgk');
      return (await t.app.inject('/xxgk')).headers['x-cache'] === 'HIT';
    }, 'the cache starts serving');
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

  it('serves an anonymous public page from memory the second time, byte for byte, with security headers', async () => {
    const first = await get('/orgs');
    const second = await get('/orgs');
    expect(first.statusCode).toBe(200);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['set-cookie']).toBeUndefined();
  });

  it('answers 304 to a matching If-None-Match from the cache', async () => {
    const page = await get('/orgs');
    const again = await get('/orgs', { 'if-none-match': String(page.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('keeps normal and care mode apart and never serves a mode switch from cache', async () => {
    const normal = await get('/xxgk');
    const care = await get('/xxgk', { cookie: 'gk_mode=care' });
    expect(care.body).toContain('<body class="care ');
    expect(normal.body).toContain('<body class="normal"');
    expect((await get('/xxgk', { cookie: 'gk_mode=care' })).headers['x-cache']).toBe('HIT');
    const toggle = await get('/xxgk?mode=care');
    expect(toggle.headers['x-cache']).toBeUndefined();
    expect(String(toggle.headers['set-cookie'])).toContain('gk_mode=care');
  });

  it('never caches for a signed-in user, nor health checks or the login form', async () => {
    const staff = new Browser(t.app);
    await staff.login('publisher');
    for (let i = 0; i < 2; i++) expect((await staff.get('/xxgk')).headers['x-cache']).toBeUndefined();
    // A bearer request is authenticated (a bad token must get its 401), so never from cache.
    await get('/api/v1/columns');
    const bearer = await t.app.inject({
      url: '/api/v1/columns',
      headers: { authorization: 'Bearer gk_not_a_real_token' },
    });
    expect(bearer.statusCode).toBe(401);
    expect(bearer.headers['x-cache']).toBeUndefined();
    for (const url of ['/healthz', '/readyz', '/console/login']) {
      await get(url);
      expect((await get(url)).headers['x-cache'], url).toBeUndefined();
    }
  });

  it('drops cached pages when anything is changed through the services in this process', async () => {
    await get('/xxgk/tzgg');
    expect((await get('/xxgk/tzgg')).headers['x-cache']).toBe('HIT');
    const admin = await actorFor(t.deps.db, 'admin', []);
    await recordAudit(t.deps.db, admin, { action: 'settings.update', targetType: 'setting', targetId: 'x' });
    const after = await get('/xxgk/tzgg');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body).toContain('<h1>通知公告</h1>');
  });

  it('shows a document published by another process on the next request (no stale page)', async () => {
    expect((await get('/xxgk/tzgg')).statusCode).toBe(200);
    expect((await get('/xxgk/tzgg')).headers['x-cache']).toBe('HIT');
    const title = `跨进程发布的通知${Date.now()}`;
    await publishElsewhere(t.config.databaseUrl, title);
    if (dialect === 'sqlite') {
      // SQLite: the version is read from the database file on every request.
      expect((await get('/xxgk/tzgg')).body).toContain(title);
    } else {
      // PostgreSQL: the NOTIFY arrives on the LISTEN connection shortly after the commit.
      await until(async () => (await get('/xxgk/tzgg')).body.includes(title), 'the new title is shown');
    }
    expect((await get('/api/v1/documents?column=tzgg')).body).toContain(title);
  });
});

/** The cache's own rules, on a bare Fastify instance with a version we control. */
describe('page cache rules', () => {
  let app: FastifyInstance;
  let version: string | null = 'v1';
  let stats: PageCacheStats;
  let cache: PageCache;
  const controlled: ContentVersion = { current: () => version, close: async () => {} };
  beforeAll(async () => {
    app = Fastify();
    await app.register(cookie);
    app.decorateRequest('csrfState', null);
    app.decorateRequest('csrfToken', {
      getter(this: FastifyRequest) {
        return this.csrfState?.value ?? '';
      },
    });
    app.addHook('onRequest', async (request, reply) => {
      request.csrfState = { value: 'visitor-token-123', reply };
    });
    cache = installPageCache(app, { maxEntries: 3, ttlMs: 60_000, version: controlled });
    stats = cache.stats;
    let n = 0;
    const pub = { config: { permission: 'public' } };
    app.get('/count', pub, async () => `count ${++n}`);
    app.get('/form', pub, async (request) => `<input name="_csrf" value="${request.csrfToken}">`);
    app.get('/cookie', pub, async (_q, reply) => reply.setCookie('other', '1').send(`cookie ${++n}`));
    app.get('/csrf-cookie', pub, async (_q, reply) => reply.setCookie('gk_csrf', 'x').send(`csrf ${++n}`));
    app.get('/fail', pub, async (_q, reply) => reply.code(500).send(`fail ${++n}`));
    app.get('/big', pub, async () => 'x'.repeat(1024 * 1024 + 1) + ++n);
    app.get('/staff', { config: { permission: 'documents.edit' } }, async () => `staff ${++n}`);
    app.get('/opt-out', { config: { permission: 'public', cache: false } }, async () => `out ${++n}`);
    app.get('/p/:i', pub, async (request) => `page ${(request.params as { i: string }).i} ${++n}`);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });
  const body = async (url: string) => (await app.inject(url)).body;

  it('caches a public page until the content version changes', async () => {
    const a = await body('/count');
    expect(await body('/count')).toBe(a);
    version = 'v2';
    expect(await body('/count')).not.toBe(a);
  });

  it('bypasses the cache while the version is unknown (listener down)', async () => {
    version = null;
    const a = await body('/count');
    expect(await body('/count')).not.toBe(a);
    version = 'v3';
  });

  it('never stores a body holding the visitor CSRF token, a non-200, a foreign cookie or a huge body', async () => {
    for (const url of ['/form', '/cookie', '/fail', '/big', '/staff', '/opt-out']) {
      await app.inject(url);
      expect((await app.inject(url)).headers['x-cache'], url).not.toBe('HIT');
    }
    expect(await body('/cookie')).not.toBe(await body('/cookie'));
  });

  it('stores a page that only sets the anonymous CSRF cookie, without replaying the cookie', async () => {
    await app.inject('/csrf-cookie');
    const hit = await app.inject('/csrf-cookie');
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers['set-cookie']).toBeUndefined();
  });

  it('answers hits on the raw server before Fastify, with the same rules as the hook', async () => {
    version = 'v-raw';
    let raw = 0;
    const server = http.createServer((req, res) => {
      if (cache.serveRaw(req, res)) raw++;
      else app.routing(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const fetchRaw = (url: string, init: RequestInit = {}) => fetch(`${base}${url}`, init);
    try {
      const first = await fetchRaw('/p/raw');
      expect(first.headers.get('x-cache')).toBe('MISS');
      const text = await first.text();
      const second = await fetchRaw('/p/raw');
      expect([second.headers.get('x-cache'), await second.text(), raw]).toEqual(['HIT', text, 1]);
      const head = await fetchRaw('/p/raw', { method: 'HEAD' });
      expect([head.status, await head.text(), raw]).toEqual([200, '', 2]);
      const etag = second.headers.get('etag')!;
      const notModified = await fetchRaw('/p/raw', { headers: { 'if-none-match': etag } });
      expect([notModified.status, raw]).toEqual([304, 3]);
      // Not from cache: a session, a bearer token, a mode or size switch, another method.
      for (const init of [
        { headers: { cookie: 'gk_mode=care; gk_sid=abc' } },
        { headers: { authorization: 'Bearer x' } },
        { method: 'POST' },
      ] as RequestInit[])
        await fetchRaw('/p/raw', init);
      await fetchRaw('/p/raw?mode=care');
      await fetchRaw('/p/raw?fs=22');
      expect(raw).toBe(3);
      // Care mode is a different page: stored on its first view, then served raw.
      expect((await fetchRaw('/p/raw', { headers: { cookie: 'gk_mode=care' } })).headers.get('x-cache')).toBe(
        'MISS',
      );
      expect((await fetchRaw('/p/raw', { headers: { cookie: 'gk_mode=care' } })).headers.get('x-cache')).toBe(
        'HIT',
      );
      expect(raw).toBe(4);
      // A new content version: the raw path finds nothing and Fastify renders afresh.
      version = 'v-raw-2';
      expect((await fetchRaw('/p/raw')).headers.get('x-cache')).toBe('MISS');
      expect(raw).toBe(4);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    version = 'v4';
    for (const i of [1, 2, 3]) await app.inject(`/p/${i}`);
    await app.inject('/p/1'); // 1 is now the most recent; 2 is the oldest
    await app.inject('/p/4');
    expect((await app.inject('/p/1')).headers['x-cache']).toBe('HIT');
    expect((await app.inject('/p/2')).headers['x-cache']).toBe('MISS');
    expect(stats.entries).toBeLessThanOrEqual(3);
  });
});

describe('page cache expiry', () => {
  it('serves an entry no longer than the TTL', async () => {
    const app = Fastify();
    await app.register(cookie);
    app.decorateRequest('csrfToken', '');
    installPageCache(app, {
      maxEntries: 10,
      ttlMs: 30,
      version: { current: () => 'v', close: async () => {} },
    });
    let n = 0;
    app.get('/t', { config: { permission: 'public' } }, async () => `t ${++n}`);
    const first = (await app.inject('/t')).body;
    expect((await app.inject('/t')).body).toBe(first);
    await new Promise((r) => setTimeout(r, 60));
    expect((await app.inject('/t')).body).not.toBe(first);
    await app.close();
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('PostgreSQL content version', () => {
  it('moves on NOTIFY, is unknown while its connection is down, and reconnects with a new version', async () => {
    const url = process.env.TEST_DATABASE_URL as string;
    const version = postgresContentVersion(url);
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await until(async () => version.current() !== null, 'listener connected');
      const v1 = version.current();
      await other.query(`SELECT pg_notify('gongkai_content', '1')`);
      await until(async () => version.current() !== v1, 'notification received');
      await other.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE query = 'LISTEN gongkai_content' AND pid <> pg_backend_pid()`,
      );
      await until(async () => version.current() === null, 'listener loss noticed');
      await until(async () => version.current() !== null, 'listener reconnected');
    } finally {
      await other.end();
      await version.close();
    }
  });
});
