import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';

describe.each(dialects)('user management on %s', (dialect) => {
  let t: TestApp;
  let admin: Browser;
  const idOf = async (username: string) =>
    (
      await t.deps.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  const orgOf = async (name: string) =>
    (await t.deps.db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    admin = new Browser(t.app);
    await admin.login('admin');
  });
  afterAll(async () => t?.close());

  it('lists accounts with their unit, roles and state, masking nothing it does not show', async () => {
    const r = await admin.get('/console/users');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('承办人');
    expect(r.body).toContain('和平分局（示例）');
    expect(r.body).not.toContain('scrypt$');
  });

  it('re-renders the edit form with field errors and changes nothing on bad input', async () => {
    const id = await idOf('handler');
    const before = await t.deps.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const r = await admin.post(
      `/console/users/${id}`,
      { display_name: '', org_id: '999999', phone: '12345', roles: ['handler'], disabled: '0' },
      { page: `/console/users/${id}` },
    );
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('姓名：');
    expect(r.body).toContain('手机号码：应为 11 位手机号码');
    expect(
      await t.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    ).toEqual(before);
  });

  it('changes unit and roles, audits the change, and applies the new roles at once', async () => {
    const id = await idOf('handler');
    const staff = new Browser(t.app);
    await staff.login('handler');
    expect((await staff.get('/console/calendar')).statusCode).toBe(200);
    expect((await staff.get('/console/audit')).statusCode).toBe(403);
    const r = await admin.post(
      `/console/users/${id}`,
      {
        display_name: '钱承办（示例）',
        org_id: String(await orgOf('利用处')),
        phone: '13900000000',
        roles: ['handler', 'auditor'],
        disabled: '0',
      },
      { page: `/console/users/${id}` },
    );
    expect(r.statusCode).toBe(303);
    expect((await staff.get('/console/audit')).statusCode).toBe(200);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'before_digest', 'after_digest'])
      .where('action', '=', 'user.updated')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.before_digest).not.toBe(audit[0]?.after_digest);
    const page = await admin.get(`/console/users/${id}`);
    expect(page.body).toContain('value="13900000000"');
  });

  it('ends every session of an account when it is disabled, and refuses its login', async () => {
    const id = await idOf('legal');
    const staff = new Browser(t.app);
    await staff.login('legal');
    const r = await admin.post(
      `/console/users/${id}`,
      {
        display_name: '周法规（示例）',
        org_id: String(await orgOf('法规处')),
        phone: '',
        roles: ['legal_reviewer'],
        disabled: '1',
      },
      { page: `/console/users/${id}` },
    );
    expect(r.statusCode).toBe(303);
    expect((await staff.get('/api/v1/me')).statusCode).toBe(401);
    const again = await new Browser(t.app).post('/console/login', {
      username: 'legal',
      password: 'Gongkai@2026',
    });
    expect(again.statusCode).toBe(403);
    expect(again.body).toContain('账号已停用');
  });

  it('does not let an administrator disable their own account', async () => {
    const id = await idOf('admin');
    const r = await admin.post(
      `/console/users/${id}`,
      {
        display_name: '张管理（示例）',
        org_id: String(await orgOf('办公室')),
        phone: '',
        roles: ['admin'],
        disabled: '1',
      },
      { page: `/console/users/${id}` },
    );
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('不能停用自己的账号');
  });

  it('resets a password: old sessions end, a one-time password is shown, and it must be changed', async () => {
    const id = await idOf('publisher');
    const staff = new Browser(t.app);
    await staff.login('publisher');
    const r = await admin.post(`/console/users/${id}/reset-password`, {}, { page: `/console/users/${id}` });
    expect(r.statusCode).toBe(200);
    const pw = r.body.match(/<code>([^<]+)<\/code>/)?.[1]?.replace(/&amp;/g, '&');
    expect(pw).toBeTruthy();
    expect((await staff.get('/api/v1/me')).statusCode).toBe(401);
    const fresh = new Browser(t.app);
    expect((await fresh.login('publisher', pw)).headers.location).toBe('/console/password');
  });

  it('lets an administrator change what a role may do, but not strip role management from admin', async () => {
    const keep = await admin.post(
      '/console/roles/admin',
      { permissions: ['console.access'] },
      { page: '/console/roles' },
    );
    expect(keep.statusCode).toBe(400);
    expect(keep.body).toContain('必须保留');
    const r = await admin.post(
      '/console/roles/publisher',
      { permissions: ['console.access', 'calendar.read', 'calendar.manage'] },
      { page: '/console/roles' },
    );
    expect(r.statusCode).toBe(303);
    const grants = await t.deps.db
      .selectFrom('role_permissions')
      .select('permission_code')
      .where('role_code', '=', 'publisher')
      .execute();
    expect(grants.map((g) => g.permission_code).sort()).toEqual([
      'calendar.manage',
      'calendar.read',
      'console.access',
    ]);
  });
});
