import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { can } from '../actor.js';
import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { authenticateBearer, bearerOf } from './api-token.js';
import {
  anonymousCsrfToken,
  CSRF_COOKIE,
  CSRF_FIELD,
  CSRF_HEADER,
  csrfValid,
  newCsrfCookieValue,
} from './csrf.js';
import { enforceRateLimit, isRateLimited, RATE_RULES } from './rate-limit.js';
import { loadSession, SESSION_COOKIE } from './session.js';
import type { DisplayMode } from './types.js';

export const MODE_COOKIE = 'gk_mode';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes seen at registration, with what they need: the route × role test walks this list. */
export interface RouteRecord {
  method: string;
  url: string;
  permission: string;
}

export function isJsonRequest(request: FastifyRequest): boolean {
  const kind = request.routeOptions.config?.kind;
  if (kind) return kind === 'json';
  return request.url.startsWith('/api/') || request.url === '/healthz' || request.url === '/readyz';
}

/**
 * Every request: resolve the session and display mode; every route: check CSRF on unsafe methods,
 * then the permission the route declared. Routes without a declaration make start-up fail.
 */
export function installPipeline(app: FastifyInstance, db: Db, config: Config, routes: RouteRecord[]): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('displayMode', 'normal');
  app.decorateRequest('csrfState', null);
  // Issued on first use: a page without a form costs no random bytes, HMAC or Set-Cookie.
  app.decorateRequest('csrfToken', {
    getter(this: FastifyRequest): string {
      const state = this.csrfState;
      if (!state) return '';
      state.value ??= issueAnonymousToken(this, state.reply, config);
      return state.value;
    },
  });
  app.decorateRequest('apiToken', null);

  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (!permission) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} declares no permission (config.permission)`,
      );
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD') routes.push({ method: m, url: route.url, permission });
  });

  app.addHook('onRequest', async (request, reply) => {
    // A bearer request authenticates with its token alone: no cookie is read or set, no CSRF.
    // Other schemes (e.g. Basic from a reverse proxy in front of the site) are left alone.
    if (/^Bearer(\s|$)/i.test(request.headers.authorization ?? '')) return bearerRequest(request, db, config);
    const loaded = await loadSession(db, config, request.cookies[SESSION_COOKIE], request.ip);
    request.actor = loaded.actor;
    request.session = loaded.session;
    request.sessionExpired = loaded.expired;
    if (loaded.expired) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    request.displayMode = resolveMode(request, reply, config);
    request.csrfState = { value: loaded.session?.csrfToken ?? null, reply };
  });

  app.addHook('preHandler', async (request) => {
    const cfg = request.routeOptions.config;
    const permission = cfg?.permission ?? 'public';
    const statelessPublic = cfg?.csrf === false && permission === 'public';
    if (UNSAFE.has(request.method) && !request.apiToken && !statelessPublic) {
      const body = request.body as Record<string, unknown> | undefined;
      const submitted =
        (typeof request.headers[CSRF_HEADER] === 'string'
          ? (request.headers[CSRF_HEADER] as string)
          : undefined) ??
        (body && typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : undefined);
      const ok = csrfValid({
        secret: config.sessionSecret,
        sessionToken: request.session?.csrfToken ?? null,
        cookieValue: request.cookies[CSRF_COOKIE],
        submitted,
      });
      if (!ok) throw new AppError('CSRF_INVALID');
    }
    if (permission === 'public') return;
    const signedIn = request.session ?? request.apiToken;
    if (!signedIn) throw new AppError(request.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (signedIn.mustChangePassword && !cfg?.allowPendingPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    if (permission === 'authenticated') return;
    if (!can(request.actor, permission)) {
      throw new AppError('FORBIDDEN', { details: { permission, roles: request.actor.roles } });
    }
  });
}

/** The anonymous CSRF token: the cookie (set now if missing) paired with its HMAC. */
function issueAnonymousToken(request: FastifyRequest, reply: FastifyReply, config: Config): string {
  let cookie = request.cookies[CSRF_COOKIE];
  if (!cookie || cookie.length > 64) {
    cookie = newCsrfCookieValue();
    reply.setCookie(CSRF_COOKIE, cookie, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secure,
    });
    request.cookies[CSRF_COOKIE] = cookie;
  }
  return anonymousCsrfToken(config.sessionSecret, cookie);
}

/** The CSRF token if this request already put one into its answer, without issuing one. */
export function issuedCsrfToken(request: FastifyRequest): string | null {
  return request.csrfState?.value ?? null;
}

/**
 * `Authorization: Bearer gk_…` on a JSON route. A malformed value, an unknown, expired or
 * revoked token, or one whose owner is disabled or locked is a 401; failures count against the
 * client address like logins do, and a full window refuses further attempts with 429.
 */
async function bearerRequest(request: FastifyRequest, db: Db, config: Config): Promise<void> {
  request.displayMode = 'normal';
  const token = bearerOf(request.headers.authorization);
  if (!isJsonRequest(request))
    throw new AppError('UNAUTHENTICATED', { message: 'API 令牌只能用于 /api/ 接口' });
  const rule = RATE_RULES.bearerFailuresPerIp;
  if (await isRateLimited(db, rule, request.ip))
    throw new AppError('RATE_LIMITED', { details: { rule: rule.name, key: request.ip } });
  const auth = token ? await authenticateBearer(db, config, token, request.ip) : null;
  if (!auth) {
    await enforceRateLimit(db, rule, request.ip);
    throw new AppError('UNAUTHENTICATED', {
      message: 'API 令牌无效、已过期或已吊销，或其所属账号已停用、锁定',
    });
  }
  request.actor = auth.actor;
  request.apiToken = { id: auth.tokenId, mustChangePassword: auth.mustChangePassword };
}

/**
 * 关爱版: `?mode=care` opens any page in care mode and remembers the choice in a cookie;
 * `?mode=normal` switches back. Works without JavaScript.
 */
function resolveMode(request: FastifyRequest, reply: FastifyReply, config: Config): DisplayMode {
  const q = (request.query as Record<string, unknown> | undefined)?.mode;
  if (q === 'care' || q === 'normal') {
    if (request.cookies[MODE_COOKIE] !== q) {
      reply.setCookie(MODE_COOKIE, q, {
        path: '/',
        sameSite: 'lax',
        secure: config.secure,
        maxAge: 365 * 24 * 3600,
        httpOnly: true,
      });
    }
    return q;
  }
  return request.cookies[MODE_COOKIE] === 'care' ? 'care' : 'normal';
}
