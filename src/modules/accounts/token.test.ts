import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor } from '../../../test/support/factories.js';
import { apiTokenHash } from '../../platform/http/api-token.js';
import { todayCst } from '../../platform/time.js';
import { createApiToken } from './token.service.js';

/** /console/tokens and the bearer check in the pipeline: who may use a token, and when it stops working. */

const day = (offsetDays: number) => todayCst(Date.now() + offsetDays * 86_400_000);
const TOKEN_RE = /gk_[A-Za-z0-9_-]{43}/;

describe.each(dialects)('API tokens on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  }, 120_000);
  afterAll(async () => t?.close());

  const db = () => t.deps.db;
  const tokenFor = async (username: string, name = 'test') =>
    (await createApiToken(db(), t.config, await actorFor(db(), username, []), { name, expires_on: day(30) }))
      .token;
  /** A harmless authenticated JSON call: PATCH of a document that does not exist (404 when let in). */
  const call = (token: string, ip = '10.0.0.1') =>
    t.app.inject({
      method: 'PATCH',
      url: '/api/v1/documents/999999',
      headers: { authorization: `Bearer ${token}` },
      payload: {},
      remoteAddress: ip,
    });

  it('creates a token on the console, shows it once and stores only its keyed hash', async () => {
    const b = new Browser(t.app);
    await b.login('publisher');
    const res = await b.post(
      '/console/tokens',
      { name: '档案系统同步', expires_on: day(90) },
      { page: '/console/tokens' },
    );
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const token = TOKEN_RE.exec(res.body)![0];
    const row = await db()
      .selectFrom('api_tokens')
      .selectAll()
      .where('name', '=', '档案系统同步')
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(apiTokenHash(t.config, token));
    expect(JSON.stringify(row)).not.toContain(token.slice(3));
    expect(row.hint).toBe(token.slice(-4));
    const list = await b.get('/console/tokens');
    expect(list.body).toContain('档案系统同步');
    expect(list.body).toContain('从未使用');
    expect(list.body).not.toContain(token);
    expect((await call(token)).statusCode).toBe(404);
    expect((await b.get('/console/tokens')).body).not.toContain('从未使用');
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'api_token.created')
      .execute();
    expect(audit.map((a) => a.target_id)).toContain(String(row.id));
  });

  it('refuses an expiry in the past or more than a year ahead, naming the field', async () => {
    const b = new Browser(t.app);
    await b.login('publisher');
    for (const expires_on of [day(0), day(400), '2026-13-01', '']) {
      const res = await b.post('/console/tokens', { name: 'x', expires_on }, { page: '/console/tokens' });
      expect(res.statusCode, expires_on).toBe(400);
      expect(res.body).toContain('有效期至：');
    }
    expect(
      (await b.post('/console/tokens', { name: 'x', expires_on: day(365) }, { page: '/console/tokens' }))
        .statusCode,
    ).toBe(201);
  });

  it('lists only your own tokens; an administrator lists and revokes everyone’s', async () => {
    await tokenFor('secrecy', '保密员的令牌');
    const pub = new Browser(t.app);
    await pub.login('publisher');
    expect((await pub.get('/console/tokens')).body).not.toContain('保密员的令牌');
    const theirs = await db()
      .selectFrom('api_tokens')
      .select('id')
      .where('name', '=', '保密员的令牌')
      .executeTakeFirstOrThrow();
    const csrf = await pub.csrf('/console/tokens');
    expect((await pub.post(`/console/tokens/${theirs.id}/revoke`, {}, { csrf })).statusCode).toBe(404);
    const admin = new Browser(t.app);
    await admin.login('admin');
    expect((await admin.get('/console/tokens')).body).toContain('保密员的令牌');
    const res = await admin.post(`/console/tokens/${theirs.id}/revoke`, {}, { page: '/console/tokens' });
    expect(res.statusCode).toBe(303);
    const row = await db()
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', theirs.id)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it('refuses (401) a revoked or expired token, and one whose owner is disabled or locked', async () => {
    const revoked = await tokenFor('publisher', 'revoked');
    const b = new Browser(t.app);
    await b.login('publisher');
    const id = (
      await db().selectFrom('api_tokens').select('id').where('name', '=', 'revoked').executeTakeFirstOrThrow()
    ).id;
    expect((await call(revoked)).statusCode).toBe(404);
    await b.post(`/console/tokens/${id}/revoke`, {}, { page: '/console/tokens' });
    const res = await call(revoked);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');

    const expired = await tokenFor('publisher', 'expired');
    await db()
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('name', '=', 'expired')
      .execute();
    expect((await call(expired)).statusCode).toBe(401);

    // legal lacks documents.edit: let in, then refused by permission (403), until disabled (401).
    const disabled = await tokenFor('legal');
    expect((await call(disabled)).statusCode).toBe(403);
    await db().updateTable('users').set({ disabled: 1 }).where('username', '=', 'legal').execute();
    expect((await call(disabled)).statusCode).toBe(401);

    const locked = await tokenFor('approver');
    expect((await call(locked)).statusCode).toBe(403);
    await db()
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() + 600_000).toISOString() })
      .where('username', '=', 'approver')
      .execute();
    expect((await call(locked)).statusCode).toBe(401);
    for (const bad of ['Bearer gk_nonsense', 'Bearer', 'bearer  ', `Bearer ${revoked} extra`]) {
      const r = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/documents/999999',
        headers: { authorization: bad },
        remoteAddress: '10.0.0.2',
      });
      expect(r.statusCode, bad).toBe(401);
    }
    // Another scheme (a proxy's Basic auth) is not a token: the request goes on as an anonymous one.
    const basic = await t.app.inject({
      method: 'GET',
      url: '/api/v1/columns',
      headers: { authorization: 'Basic dXNlcjpwdw==' },
    });
    expect(basic.statusCode).toBe(200);
  });

  it('works only on the JSON API, never on console pages', async () => {
    const token = await tokenFor('admin');
    const res = await t.app.inject({
      method: 'GET',
      url: '/console/tokens',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/console\/login/);
  });

  it('rate-limits failed bearer authentication per address, like logins', async () => {
    const good = await tokenFor('publisher');
    for (let i = 0; i < 30; i++)
      expect((await call(`gk_${'x'.repeat(43)}`, '10.9.9.9')).statusCode).toBe(401);
    expect((await call(`gk_${'x'.repeat(43)}`, '10.9.9.9')).statusCode).toBe(429);
    // Once the window is full even a good token is refused from that address; others are unaffected.
    expect((await call(good, '10.9.9.9')).statusCode).toBe(429);
    expect((await call(good, '10.9.9.10')).statusCode).toBe(404);
  });
});
