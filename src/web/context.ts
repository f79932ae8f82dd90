import type { FastifyRequest } from 'fastify';
import { type Actor, ANONYMOUS } from '../platform/actor.js';
import type { Db } from '../platform/db/index.js';
import type { DisplayMode } from '../platform/http/types.js';
import { SITE_PROFILE_DEFAULTS, type SiteProfile, siteProfile } from '../platform/settings/settings.js';
import { navBadges } from './nav-badges.js';

/** What every rendered page needs to know about the request, gathered once. */
export interface PageContext {
  mode: DisplayMode;
  fontSize: number;
  actor: Actor;
  signedIn: boolean;
  csrfToken: string;
  site: SiteProfile;
  /** Path and query of this page, for the 关爱版 toggle and the login redirect. */
  path: string;
  /** Console pages: badge texts by navigation href (e.g. the overdue count of applications). */
  navBadges: Record<string, string>;
}

export const FONT_SIZES = [18, 20, 22, 24, 26, 28, 30] as const;

export async function pageContext(db: Db, request: FastifyRequest): Promise<PageContext> {
  const ctx = contextWith(request, await siteProfile(db));
  if (ctx.signedIn && request.url.startsWith('/console')) ctx.navBadges = await navBadges(db, ctx.actor);
  return ctx;
}

/** For error pages when the database itself is failing: the built-in site profile. */
export function fallbackContext(request: FastifyRequest): PageContext {
  return contextWith(request, SITE_PROFILE_DEFAULTS);
}

function contextWith(request: FastifyRequest, site: SiteProfile): PageContext {
  const raw = Number(
    (request.query as Record<string, unknown> | undefined)?.fs ?? request.cookies.gk_fs ?? 18,
  );
  const fontSize = FONT_SIZES.includes(raw as (typeof FONT_SIZES)[number]) ? raw : 18;
  return {
    mode: request.displayMode,
    fontSize,
    // The actor is missing when the failure happened before the session could be read.
    actor: request.actor ?? ANONYMOUS(request.ip),
    signedIn: request.session !== null,
    // Read only by pages with a form: reading it issues the anonymous token and its cookie.
    get csrfToken() {
      return request.csrfToken;
    },
    site,
    path: request.url,
    navBadges: {},
  };
}

/** The same URL with some query parameters replaced (used by the mode and text-size links). */
export function withQuery(path: string, params: Record<string, string | null>): string {
  const u = new URL(path, 'http://x');
  for (const [k, v] of Object.entries(params)) {
    if (v === null) u.searchParams.delete(k);
    else u.searchParams.set(k, v);
  }
  return `${u.pathname}${u.search}`;
}
