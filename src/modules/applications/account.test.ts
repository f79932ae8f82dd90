import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { residentIdCheckChar } from './identity.rules.js';

const body = '11010519800101003';
const form = {
  applicantType: 'person',
  name: '冯十二',
  idType: 'resident_id',
  idNumber: body + residentIdCheckChar(body),
  phone: '13912345678',
  email: 'feng@example.com',
  subject: '某地块控制性详细规划',
  formWanted: 'electronic',
  delivery: 'email',
};
const PASSWORD = 'Lotus#2026abc';

describe.each(dialects)('optional applicant accounts on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  const register = (b: Browser, fields: Record<string, string>) =>
    b.post('/apply/account/register', fields, { page: '/apply/account/register' });

  it('opens an account only with a valid e-mail and a strong, confirmed password; the e-mail is sealed', async () => {
    const b = new Browser(t.app);
    const bad = await register(b, { email: 'not-an-address', password: PASSWORD, confirm: PASSWORD });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('电子邮箱：格式不正确');
    const weak = await register(b, { email: 'feng@example.com', password: 'short', confirm: 'short' });
    expect(weak.body).toContain('密码：长度至少 10 位');
    const mismatch = await register(b, {
      email: 'feng@example.com',
      password: PASSWORD,
      confirm: `${PASSWORD}x`,
    });
    expect(mismatch.body).toContain('确认密码：两次输入的密码不一致');
    const ok = await register(b, { email: 'Feng@Example.com', password: PASSWORD, confirm: PASSWORD });
    expect(ok.statusCode).toBe(303);
    expect(ok.cookies.find((c) => c.name === 'gk_asid')).toMatchObject({ httpOnly: true, path: '/apply' });
    const row = await t.deps.db.selectFrom('applicant_accounts').selectAll().executeTakeFirstOrThrow();
    expect(row.email_sealed).not.toContain('feng');
    expect(row.email_masked).not.toBe('feng@example.com');
    const again = await register(new Browser(t.app), {
      email: 'feng@example.com',
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(again.body).toContain('该邮箱已开通账户');
  });

  it('keeps what is submitted while signed in, shows it only to its account, and adds earlier ones', async () => {
    // An application submitted without an account first.
    const anon = new Browser(t.app);
    const earlier = await anon.post(
      '/apply/form',
      { ...form, subject: '以前的申请' },
      { page: '/apply/form' },
    );
    const code = earlier.body.match(/查询码<\/dt><dd><strong>([A-Z0-9]{14})<\/strong>/)![1]!;
    const password = earlier.body.match(/查询密码<\/dt><dd><strong>([A-Z0-9]+)<\/strong>/)![1]!;

    const b = new Browser(t.app);
    const wrong = await b.post(
      '/apply/account/login',
      { email: 'feng@example.com', password: 'x' },
      { page: '/apply/account' },
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('电子邮箱或密码不正确');
    expect(
      (
        await b.post(
          '/apply/account/login',
          { email: 'FENG@example.com', password: PASSWORD },
          { page: '/apply/account' },
        )
      ).statusCode,
    ).toBe(303);
    expect((await b.get('/apply/form')).body).toContain('本申请提交后将保存在');
    const mine = await b.post('/apply/form', form, { page: '/apply/form' });
    const myCode = mine.body.match(/查询码<\/dt><dd><strong>([A-Z0-9]{14})<\/strong>/)![1]!;
    let list = await b.get('/apply/account');
    expect(list.body).toContain(myCode);
    expect(list.body).not.toContain(code);
    const detail = await b.get(`/apply/account/applications/${myCode}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('某地块控制性详细规划');
    // Not theirs: the earlier one until it is added with its password.
    expect((await b.get(`/apply/account/applications/${code}`)).statusCode).toBe(404);
    const badClaim = await b.post(
      '/apply/account/claim',
      { code, password: 'WRONGPW1' },
      { page: '/apply/account' },
    );
    expect(badClaim.statusCode).toBe(400);
    expect(badClaim.body).toContain('查询码或查询密码不正确');
    expect(
      (await b.post('/apply/account/claim', { code, password }, { page: '/apply/account' })).statusCode,
    ).toBe(303);
    list = await b.get('/apply/account');
    expect(list.body).toContain(code);

    // Another account sees none of them and cannot take the claimed one.
    const other = new Browser(t.app);
    await register(other, { email: 'chu@example.com', password: PASSWORD, confirm: PASSWORD });
    expect((await other.get('/apply/account')).body).not.toContain(myCode);
    expect((await other.get(`/apply/account/applications/${myCode}`)).statusCode).toBe(404);
    const steal = await other.post('/apply/account/claim', { code, password }, { page: '/apply/account' });
    expect(steal.body).toContain('该申请已添加到另一个账户');

    // Signing out ends the session.
    expect((await b.post('/apply/account/logout', {}, { page: '/apply/account' })).statusCode).toBe(303);
    expect((await b.get('/apply/account')).body).toContain('开通账户');
  });
});
