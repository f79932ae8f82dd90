import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../src/modules/accounts/index.js';
import { createSession, SESSION_COOKIE } from '../src/platform/http/session.js';
import { Browser, buildTestApp, DEMO_USERS, type TestApp } from './support/app.js';
import { dialects } from './support/db.js';

/**
 * The route × role matrix: every route is requested by an anonymous visitor and by a user holding
 * exactly one role. A route must answer 401/403 (or the login redirect) exactly when the role lacks
 * the permission the route declared, and the list of public routes is pinned here, so a console
 * route cannot become public by accident.
 */
const PUBLIC_ALLOWED =
  /^(\/|\/files\/:id|\/static\/\*|\/healthz|\/readyz|\/search|\/notices(\/:id)?|\/orgs(\/:id)?|\/xxgk(\/:code)?|\/xxgk(\/:code)?\/feed\.(rss|atom)|\/sitemap\.xml|\/robots\.txt|\/documents\/:id(\/attachments\/:attachmentId)?|\/zhengdi(\/:id)?|\/apply(\/fees|\/form|\/status|\/withdraw|\/deadline|\/account(\/register|\/login|\/logout|\/claim|\/applications\/:code)?)?|\/api\/v1(\/.*)?|\/api\/openapi\.json|\/guide|\/annual-reports(\/:file)?|\/console\/login)$/;

function concrete(url: string): string {
  return url
    .replace(/:id\b/g, '999999')
    .replace(/:code\b/g, 'no-such-role')
    .replace(/\*$/, 'app.css')
    .replace(/:[a-zA-Z]+/g, 'x');
}

const denied = (status: number, location: string | undefined) =>
  status === 401 || status === 403 || (status === 303 && !!location?.startsWith('/console/login?'));

describe.each(dialects)('route × role matrix on %s', (dialect) => {
  let t: TestApp;
  let grants: Map<string, Set<string>>;
  let userByRole: Map<string, number>;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const pairs = await t.deps.db.selectFrom('role_permissions').selectAll().execute();
    grants = new Map(
      ROLES.map((r) => [
        r.code,
        new Set(pairs.filter((p) => p.role_code === r.code).map((p) => p.permission_code)),
      ]),
    );
    const users = await t.deps.db
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select(['users.id', 'user_roles.role_code'])
      .execute();
    userByRole = new Map();
    for (const u of users) if (!userByRole.has(u.role_code)) userByRole.set(u.role_code, u.id);
  });
  afterAll(async () => t?.close());

  it('has a demo user for every role', () => {
    for (const r of ROLES) expect(userByRole.has(r.code), r.code).toBe(true);
    expect(DEMO_USERS.length).toBeGreaterThanOrEqual(ROLES.length);
  });

  it('only pins the expected routes as public', () => {
    const publicRoutes = t.routes.filter((r) => r.permission === 'public').map((r) => `${r.method} ${r.url}`);
    for (const r of publicRoutes) expect(r.split(' ')[1], r).toMatch(PUBLIC_ALLOWED);
    expect(t.routes.length).toBeGreaterThan(20);
  });

  it('guards every route for every role', async () => {
    const failures: string[] = [];
    const anon = new Browser(t.app);
    const anonToken = await anon.csrf();
    for (const route of t.routes) {
      const url = concrete(route.url);
      const inject = async (cookie: string, csrf: string) =>
        t.app.inject({
          method: route.method as 'GET' | 'POST',
          url,
          headers: {
            cookie,
            ...(route.method === 'GET'
              ? {}
              : { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf }),
          },
          payload: route.method === 'GET' ? undefined : '',
        });
      // anonymous
      const a = await inject(anon.cookieHeader, anonToken);
      const anonDenied = denied(a.statusCode, a.headers.location as string | undefined);
      if ((route.permission === 'public') === anonDenied)
        failures.push(`anonymous ${route.method} ${url} → ${a.statusCode}`);
      // each role, with a fresh session (some routes end the session or change the user)
      for (const role of ROLES) {
        const userId = userByRole.get(role.code)!;
        const token = await createSession(t.deps.db, t.config, userId, {
          ip: '127.0.0.1',
          userAgent: 'matrix',
        });
        const session = await t.deps.db
          .selectFrom('sessions')
          .select('csrf_token')
          .orderBy('created_at', 'desc')
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow();
        const res = await inject(`${SESSION_COOKIE}=${token}`, session.csrf_token);
        const allowed =
          route.permission === 'public' ||
          route.permission === 'authenticated' ||
          grants.get(role.code)!.has(route.permission);
        const wasDenied = denied(res.statusCode, res.headers.location as string | undefined);
        if (allowed === wasDenied)
          failures.push(`${role.code} ${route.method} ${url} (${route.permission}) → ${res.statusCode}`);
        if (res.statusCode >= 500)
          failures.push(`${role.code} ${route.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('gives the auditor read-only access and the administrator no audit access (三员分立)', () => {
    const auditor = grants.get('auditor')!;
    expect([...auditor].filter((p) => p.endsWith('.manage'))).toEqual([]);
    expect(auditor.has('audit.read')).toBe(true);
    expect(grants.get('admin')!.has('audit.read')).toBe(false);
  });
});
