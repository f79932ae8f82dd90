import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { hashPassword } from '../../platform/crypto.js';
import { loadSession, SESSION_COOKIE } from '../../platform/http/session.js';
import { pruneLoginAttempts } from './auth.service.js';

describe.each(dialects)('staff authentication on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const auditActions = async (action: string) =>
    (await t.deps.db.selectFrom('audit_log').select('target_id').where('action', '=', action).execute()).map(
      (r) => r.target_id,
    );

  it('signs in with the right password and lands on the console', async () => {
    const b = new Browser(t.app);
    const res = await b.login('admin');
    expect(res.headers.location).toBe('/console');
    const page = await b.get('/console');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('工作台');
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(await auditActions('auth.login')).not.toHaveLength(0);
  });

  it('stores only an HMAC of the session token', async () => {
    const b = new Browser(t.app);
    await b.login('publisher');
    const token = b.cookies.get(SESSION_COOKIE)!;
    const rows = await t.deps.db.selectFrom('sessions').select('id').execute();
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const b = new Browser(t.app);
    const unknown = await b.post('/console/login', { username: 'nobody', password: 'x' });
    const wrong = await b.post('/console/login', { username: 'legal', password: 'wrong-password' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toContain('用户名或密码错误');
    expect(wrong.body).toContain('用户名或密码错误');
  });

  it('locks an account after 5 failures within 15 minutes, even against the right password', async () => {
    const b = new Browser(t.app);
    for (let i = 1; i <= 4; i++) {
      const r = await b.post('/console/login', { username: 'approver', password: `wrong-${i}` });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await b.post('/console/login', { username: 'approver', password: 'wrong-5' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.body).toContain('锁定');
    const right = await b.post('/console/login', { username: 'approver', password: DEMO_PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(await auditActions('auth.lockout')).toHaveLength(1);
    // An administrator can unlock it.
    const admin = new Browser(t.app);
    await admin.login('admin');
    const user = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'approver')
      .executeTakeFirstOrThrow();
    const unlock = await admin.post(
      `/console/users/${user.id}/unlock`,
      {},
      { page: `/console/users/${user.id}` },
    );
    expect(unlock.statusCode).toBe(303);
    const after = await new Browser(t.app).post('/console/login', {
      username: 'approver',
      password: DEMO_PASSWORD,
    });
    expect(after.statusCode).toBe(303);
  });

  it('does not lock for failures spread over more than 15 minutes', async () => {
    const old = new Date(Date.now() - 20 * 60_000).toISOString();
    await t.deps.db
      .insertInto('login_attempts')
      .values(
        [1, 2, 3, 4].map(() => ({
          username: 'intake',
          ip: '1.2.3.4',
          succeeded: 0 as const,
          created_at: old,
        })),
      )
      .execute();
    const b = new Browser(t.app);
    const r = await b.post('/console/login', { username: 'intake', password: 'wrong' });
    expect(r.statusCode).toBe(401);
    expect((await new Browser(t.app).login('intake')).statusCode).toBe(303);
  });

  it('ends a session after 30 idle minutes', async () => {
    const b = new Browser(t.app);
    await b.login('handler');
    expect((await b.get('/console')).statusCode).toBe(200);
    const stale = new Date(Date.now() - 31 * 60_000).toISOString();
    await t.deps.db.updateTable('sessions').set({ last_seen_at: stale }).execute();
    const res = await b.get('/console');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/console\/login\?expired=1/);
    const api = await b.get('/api/v1/me');
    expect(api.statusCode).toBe(401);
  });

  it('keeps a session alive while it is used within 30 minutes', async () => {
    const b = new Browser(t.app);
    await b.login('branch');
    const token = b.cookies.get(SESSION_COOKIE)!;
    const recent = Date.now() - 29 * 60_000;
    await t.deps.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(recent).toISOString() })
      .execute();
    const loaded = await loadSession(t.deps.db, t.config, token, '127.0.0.1');
    expect(loaded.session).not.toBeNull();
    // The visit moved last_seen_at forward: 29 more minutes later it is still alive.
    const later = await loadSession(t.deps.db, t.config, token, '127.0.0.1', Date.now() + 29 * 60_000);
    expect(later.session).not.toBeNull();
  });

  it('rejects state-changing requests without a valid CSRF token', async () => {
    const b = new Browser(t.app);
    await b.login('admin');
    const none = await b.post(
      '/console/settings',
      { siteName: 'x', siteDomain: 'a.cn', sponsor: 'y' },
      { csrf: null },
    );
    expect(none.statusCode).toBe(403);
    expect(none.body).toContain('页面已过期');
    const forged = await b.post(
      '/console/settings',
      { siteName: 'x', siteDomain: 'a.cn', sponsor: 'y' },
      { csrf: 'forged' },
    );
    expect(forged.statusCode).toBe(403);
    // JSON API calls made with a session need the X-CSRF-Token header.
    const api = await t.app.inject({
      method: 'POST',
      url: '/console/logout',
      headers: { cookie: b.cookieHeader, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(api.statusCode).toBe(403);
    const me = JSON.parse((await b.get('/api/v1/me')).body) as { csrfToken: string };
    const ok = await t.app.inject({
      method: 'POST',
      url: '/console/logout',
      headers: { cookie: b.cookieHeader, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      payload: '{}',
    });
    expect(ok.statusCode).toBe(303);
    // the login form itself is protected too (anonymous token bound to a cookie)
    const anon = new Browser(t.app);
    const noToken = await anon.post(
      '/console/login',
      { username: 'admin', password: DEMO_PASSWORD },
      { csrf: null },
    );
    expect(noToken.statusCode).toBe(403);
  });

  it('issues the anonymous CSRF cookie only with a page that holds a form, and accepts its token', async () => {
    const plain = await t.app.inject('/orgs');
    expect(plain.cookies.map((c) => c.name)).not.toContain('gk_csrf');
    const form = await t.app.inject('/console/login');
    const cookie = form.cookies.find((c) => c.name === 'gk_csrf');
    expect(cookie?.httpOnly).toBe(true);
    const token = form.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
    expect(token).toBeTruthy();
    // The same visitor's next form reuses the cookie: no second Set-Cookie.
    const again = await t.app.inject({
      url: '/console/login',
      headers: { cookie: `gk_csrf=${cookie?.value}` },
    });
    expect(again.cookies.map((c) => c.name)).not.toContain('gk_csrf');
    expect(again.body).toContain(`value="${token}"`);
  });

  it('forces a new user to change the initial password before anything else', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin');
    const org = await t.deps.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', '法规处')
      .executeTakeFirstOrThrow();
    const created = await admin.post(
      '/console/users',
      {
        username: 'newstaff',
        display_name: '新同事',
        org_id: String(org.id),
        roles: ['publisher'],
        phone: '13812345678',
      },
      { page: '/console/users/new' },
    );
    expect(created.statusCode).toBe(201);
    const initial = created.body.match(/<code>([^<]+)<\/code>/)?.[1];
    expect(initial).toBeTruthy();
    const u = new Browser(t.app);
    const login = await u.login('newstaff', initial!.replace(/&amp;/g, '&'));
    expect(login.headers.location).toBe('/console/password');
    const blocked = await u.get('/console');
    expect(blocked.statusCode).toBe(303);
    expect(blocked.headers.location).toBe('/console/password');
    // policy: too short, too few classes, contains the user name
    const weak = await u.post('/console/password', {
      current_password: initial!.replace(/&amp;/g, '&'),
      new_password: 'abcdefgh',
      confirm_password: 'abcdefgh',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('长度至少 10 位');
    expect(weak.body).toContain('至少三类');
    const same = await u.post('/console/password', {
      current_password: initial!.replace(/&amp;/g, '&'),
      new_password: initial!.replace(/&amp;/g, '&'),
      confirm_password: initial!.replace(/&amp;/g, '&'),
    });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('最近 5 次');
    const good = await u.post('/console/password', {
      current_password: initial!.replace(/&amp;/g, '&'),
      new_password: 'Fresh-Pass-2026',
      confirm_password: 'Fresh-Pass-2026',
    });
    expect(good.statusCode).toBe(303);
    expect((await u.get('/console')).statusCode).toBe(200);
    // the phone number is stored encrypted, never in clear
    const row = await t.deps.db
      .selectFrom('users')
      .select('phone_enc')
      .where('username', '=', 'newstaff')
      .executeTakeFirstOrThrow();
    expect(row.phone_enc).toMatch(/^sm4:/);
    expect(row.phone_enc).not.toContain('13812345678');
  });

  it('sends a user whose password is older than 90 days to change it first', async () => {
    const b = new Browser(t.app);
    await b.login('branch');
    expect((await b.get('/console')).statusCode).toBe(200);
    const old = new Date(Date.now() - 91 * 86_400_000).toISOString();
    await t.deps.db
      .updateTable('users')
      .set({ password_changed_at: old })
      .where('username', '=', 'branch')
      .execute();
    const blocked = await b.get('/console');
    expect(blocked.statusCode).toBe(303);
    expect(blocked.headers.location).toBe('/console/password');
    const changed = await b.post('/console/password', {
      current_password: DEMO_PASSWORD,
      new_password: 'Renewed-Pass-91',
      confirm_password: 'Renewed-Pass-91',
    });
    expect(changed.statusCode).toBe(303);
    expect((await b.get('/console')).statusCode).toBe(200);
  });

  it('refuses any of the last five passwords', async () => {
    const user = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'secrecy')
      .executeTakeFirstOrThrow();
    const b = new Browser(t.app);
    await b.login('secrecy');
    const sequence = ['Second-Pass-01', 'Third-Pass-002', 'Fourth-Pass-03', 'Fifth-Pass-004'];
    let current = DEMO_PASSWORD;
    for (const next of sequence) {
      const r = await b.post('/console/password', {
        current_password: current,
        new_password: next,
        confirm_password: next,
      });
      expect(r.statusCode).toBe(303);
      current = next;
    }
    // The demo password is the 5th most recent: still refused. (History holds it and the four above.)
    const reuse = await b.post('/console/password', {
      current_password: current,
      new_password: DEMO_PASSWORD,
      confirm_password: DEMO_PASSWORD,
    });
    expect(reuse.statusCode).toBe(400);
    const sixth = 'Sixth-Pass-005';
    expect(
      (
        await b.post('/console/password', {
          current_password: current,
          new_password: sixth,
          confirm_password: sixth,
        })
      ).statusCode,
    ).toBe(303);
    // Now the demo password has dropped out of the last five and may be used again.
    const back = await b.post('/console/password', {
      current_password: sixth,
      new_password: DEMO_PASSWORD,
      confirm_password: DEMO_PASSWORD,
    });
    expect(back.statusCode).toBe(303);
    const history = await t.deps.db
      .selectFrom('password_history')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(history.length).toBe(7);
    expect(await hashPassword('x')).toMatch(/^scrypt\$/);
  });

  it('does not follow an off-site redirect after login', async () => {
    const b = new Browser(t.app);
    const r = await b.post('/console/login', {
      username: 'auditor',
      password: DEMO_PASSWORD,
      next: '//evil.example/x',
    });
    expect(r.headers.location).toBe('/console');
  });

  it('prunes login attempts older than a week, keeping recent ones for the lockout', async () => {
    const old = new Date(Date.now() - 8 * 86_400_000).toISOString();
    await t.deps.db
      .insertInto('login_attempts')
      .values({ username: 'ghost', ip: '1.1.1.1', succeeded: 0, created_at: old })
      .execute();
    const recent = await t.deps.db
      .selectFrom('login_attempts')
      .select('id')
      .where('created_at', '>', old)
      .execute();
    expect(await pruneLoginAttempts(t.deps.db)).toBeGreaterThanOrEqual(1);
    expect(
      await t.deps.db.selectFrom('login_attempts').select('id').where('username', '=', 'ghost').execute(),
    ).toEqual([]);
    expect(
      await t.deps.db.selectFrom('login_attempts').select('id').where('created_at', '>', old).execute(),
    ).toEqual(recent);
  });

  it('rate-limits login attempts per IP', async () => {
    const b = new Browser(t.app);
    const token = await b.csrf();
    let last = 0;
    // The limit counts per fixed 15-minute window: if a window boundary falls inside the loop the count
    // starts again, so try up to two windows' worth and stop at the first refusal.
    let tries = 0;
    for (let i = 0; i < 64 && last !== 429; i++) {
      tries++;
      const r = await t.app.inject({
        method: 'POST',
        url: '/console/login',
        remoteAddress: '10.9.9.9',
        headers: { cookie: b.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, username: `u${i}`, password: 'x' }).toString(),
      });
      last = r.statusCode;
    }
    expect(last).toBe(429);
    // 30 attempts per window are allowed (RATE_RULES.loginPerIp): the refusal comes after them.
    expect(tries).toBeGreaterThan(30);
  });
});

describe('session cookies behind TLS', () => {
  it('are Secure when the site is served over https', async () => {
    const t = await buildTestApp('sqlite', { env: { BASE_URL: 'https://gk.example.gov.cn' } });
    try {
      const res = await new Browser(t.app).login('admin');
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cookie?.secure).toBe(true);
      expect(cookie?.httpOnly).toBe(true);
    } finally {
      await t.close();
    }
  });
});
