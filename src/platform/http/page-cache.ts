import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ContentVersion } from '../db/index.js';
import { CSRF_COOKIE } from './csrf.js';
import { issuedCsrfToken, MODE_COOKIE } from './pipeline.js';
import { SESSION_COOKIE } from './session.js';

/**
 * In-memory cache of public GET responses for anonymous visitors (issue 3 "Speed").
 *
 * What is cached: a 200 answer of a route declared `permission: 'public'` that does not opt out with
 * `config.cache: false`, asked for without a session cookie, whose body is a string or buffer of at
 * most 1 MiB, sets no cookie but the anonymous CSRF one and does not contain this visitor's CSRF
 * token (so a public form is never shared between visitors, even if its route forgot to opt out).
 * The key is the URL plus the display mode and text size cookies; requests that switch mode or size
 * (`?mode=`, `?fs=`) are not served from cache because their answer sets a cookie.
 *
 * When it is dropped: an entry is served only while the content version it was rendered under is
 * still current (see platform/db/content-version.ts: every audited change, in every process),
 * and for at most the configured TTL, so pages that depend on today's date move on by themselves.
 */
export interface PageCacheOptions {
  maxEntries: number;
  ttlMs: number;
  version: ContentVersion;
}

interface Entry {
  version: string;
  expires: number;
  body: Buffer;
  etag: string;
  /** Every header of the original answer (security headers included) but cookies and framing. */
  headers: Record<string, string | string[]>;
}

const MAX_BODY = 1024 * 1024;
const DROPPED_HEADERS = new Set(['set-cookie', 'content-length', 'date', 'connection', 'transfer-encoding']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: never serve this public route from the page cache (health checks, pages with forms). */
    cache?: boolean;
  }
  interface FastifyRequest {
    pageCache: { key: string; version: string; hit: boolean } | null;
  }
}

export interface PageCacheStats {
  hits: number;
  misses: number;
  stores: number;
  entries: number;
}

export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === bare;
  });
}

function onlyCsrfCookie(setCookie: unknown): boolean {
  if (setCookie === undefined) return true;
  const list = Array.isArray(setCookie) ? setCookie : [setCookie];
  return list.every((c) => String(c).startsWith(`${CSRF_COOKIE}=`));
}

/** The cache as app.ts holds it: counters, and the lookup the HTTP server runs before Fastify. */
export interface PageCache {
  stats: PageCacheStats;
  /**
   * Answer a request from the cache straight on the socket, before Fastify parses it (the server
   * built in app.ts calls this first): true when answered. Same key as the Fastify hook (rawKeyOf);
   * only URLs stored from eligible routes are ever found.
   */
  serveRaw(req: IncomingMessage, res: ServerResponse): boolean;
}

/** The few cookies the key needs, read from the raw header (a full parse is not needed). */
function rawCookies(header: string | undefined): { session: boolean; mode: string; fs: string } {
  const out = { session: false, mode: '', fs: '' };
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === SESSION_COOKIE && value) out.session = true;
    else if (name === MODE_COOKIE) out.mode = value;
    else if (name === 'gk_fs') out.fs = value;
  }
  return out;
}

/**
 * The cache key of a request, from the raw request alone (the server asks before Fastify parses it):
 * GET or HEAD, no session cookie, no Authorization, no `mode`/`fs` switch; the display mode and text
 * size cookies and the URL make the key. Null: never served from, nor stored in, the cache.
 */
function rawKeyOf(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  if (req.headers.authorization) return null;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  if (q >= 0) {
    const params = new URLSearchParams(url.slice(q + 1));
    if (params.has('mode') || params.has('fs')) return null;
  }
  const c = rawCookies(req.headers.cookie);
  if (c.session) return null;
  return `${c.mode === 'care' ? 'care' : 'normal'}|${/^\d{2}$/.test(c.fs) ? c.fs : ''}|${url}`;
}

/** The key of a request Fastify has routed: only public routes that do not opt out are cached. */
function keyOf(request: FastifyRequest): string | null {
  const cfg = request.routeOptions.config;
  if (cfg?.permission !== 'public' || cfg.cache === false) return null;
  return rawKeyOf(request.raw);
}

/**
 * Install after the security headers (their onSend hook must run before ours, so that an entry keeps
 * the exact headers the visitor got the first time) and before the request pipeline (a hit must not
 * read the session).
 */
export function installPageCache(app: FastifyInstance, options: PageCacheOptions): PageCache {
  const stats: PageCacheStats = { hits: 0, misses: 0, stores: 0, entries: 0 };
  const entries = new Map<string, Entry>();
  let seenVersion: string | null = null;
  app.decorateRequest('pageCache', null);

  /** The current version (null: unknown, bypass) and the live entry for a key, if any. */
  const lookup = (key: string): { version: string | null; hit: Entry | undefined } => {
    const version = options.version.current();
    if (version === null) return { version, hit: undefined };
    if (version !== seenVersion) {
      // Content changed somewhere: everything rendered before is stale.
      entries.clear();
      seenVersion = version;
    }
    const hit = entries.get(key);
    if (!hit) return { version, hit };
    if (hit.expires <= Date.now()) {
      entries.delete(key);
      return { version, hit: undefined };
    }
    // Most recently used last, so eviction takes the oldest first.
    entries.delete(key);
    entries.set(key, hit);
    stats.hits++;
    return { version, hit };
  };

  /** Straight to the socket: the stored headers already hold what the onSend hooks added. */
  const send = (req: IncomingMessage, res: ServerResponse, hit: Entry) => {
    if (etagMatches(req.headers['if-none-match'], hit.etag)) {
      res.writeHead(304, { ETag: hit.etag, 'Cache-Control': String(hit.headers['cache-control'] ?? '') });
      res.end();
      return;
    }
    res.writeHead(200, hit.headers);
    res.end(req.method === 'HEAD' ? undefined : hit.body);
  };

  app.addHook('onRequest', async (request, reply) => {
    if (options.maxEntries <= 0) return;
    const key = keyOf(request);
    if (!key) return;
    const { version, hit } = lookup(key);
    if (version === null) return;
    if (!hit) {
      stats.misses++;
      request.pageCache = { key, version, hit: false };
      return;
    }
    request.pageCache = { key, version, hit: true };
    reply.hijack();
    send(request.raw, reply.raw, hit);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pc = request.pageCache;
    if (!pc || pc.hit) return payload;
    reply.header('X-Cache', 'MISS');
    if (reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (body.length > MAX_BODY) return payload;
    if (!onlyCsrfCookie(reply.getHeader('set-cookie'))) return payload;
    const token = issuedCsrfToken(request);
    if (token && body.includes(token)) return payload;
    let etag = reply.getHeader('etag') as string | undefined;
    if (!etag) {
      etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
      reply.header('ETag', etag);
    }
    const headers: Record<string, string | string[]> = {};
    for (const [h, v] of Object.entries(reply.getHeaders())) {
      if (v === undefined || DROPPED_HEADERS.has(h)) continue;
      headers[h] = Array.isArray(v) ? v.map(String) : String(v);
    }
    headers['x-cache'] = 'HIT';
    headers['content-length'] = String(body.length);
    entries.set(pc.key, { version: pc.version, expires: Date.now() + options.ttlMs, body, etag, headers });
    stats.stores++;
    while (entries.size > options.maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
    stats.entries = entries.size;
    return payload;
  });

  // The version belongs to the app (app.ts closes it); the cache only lets go of its entries.
  app.addHook('onClose', async () => {
    entries.clear();
  });
  return {
    stats,
    serveRaw(req, res) {
      if (options.maxEntries <= 0 || entries.size === 0) return false;
      const key = rawKeyOf(req);
      if (!key) return false;
      const { hit } = lookup(key);
      if (!hit) return false;
      send(req, res, hit);
      return true;
    },
  };
}
