import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor } from '../../../test/support/factories.js';
import { todayCst } from '../../platform/time.js';
import * as repo from './application.repository.js';
import { transitionApplication } from './application.service.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import { residentIdCheckChar } from './identity.rules.js';

const body = '11010519800101003';
const ID = body + residentIdCheckChar(body);

const form = {
  applicantType: 'person',
  name: '李四',
  idType: 'resident_id',
  idNumber: ID,
  contactName: '',
  phone: '13912345678',
  email: 'li@example.com',
  address: '',
  postcode: '',
  subject: '某地块规划条件',
  docNumber: '',
  description: '和平区某路以南地块',
  formWanted: 'electronic',
  delivery: 'email',
};

describe.each(dialects)('public application pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  it('shows the guide and the form in both display modes', async () => {
    const b = new Browser(t.app);
    for (const url of [
      '/apply',
      '/apply/form',
      '/apply/status',
      '/apply?mode=care',
      '/apply/form?mode=care',
    ]) {
      const res = await b.get(url);
      expect(res.statusCode, url).toBe(200);
    }
    const page = (await b.get('/apply/form')).body;
    expect(page).toContain('<label for="f-idNumber">');
    expect(page).toContain('name="_csrf"');
    expect((await b.get('/apply')).body).toContain('条例第三十三条');
  });

  it('submits an application, gives a receipt once, and shows its status with the derivation', async () => {
    const b = new Browser(t.app);
    const res = await b.post('/apply/form', form, { page: '/apply/form' });
    expect(res.statusCode).toBe(200);
    const code = res.body.match(/查询码<\/dt><dd><strong>([A-Z0-9]{14})<\/strong>/)?.[1];
    const password = res.body.match(/查询密码<\/dt><dd><strong>([A-Z0-9]{8})<\/strong>/)?.[1];
    expect(code).toBeTruthy();
    expect(password).toBeTruthy();
    expect(res.body).not.toContain(ID);

    const wrong = await b.post(
      '/apply/status',
      { code: code!, password: 'WRONGPWD' },
      { page: '/apply/status' },
    );
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('查询码：查询码或查询密码不正确');

    let status = await b.post(
      '/apply/status',
      { code: code!, password: password! },
      { page: '/apply/status' },
    );
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('已提交待确认');
    expect(status.body).toContain('待公开办确认');

    // The 公开办 confirms it today: the clock starts and the page explains the due date.
    const app = (await repo.findByTrackingCode(t.deps.db, code!))!;
    const intake = await actorFor(t.deps.db, 'intake', [P.intake]);
    await transitionApplication({ db: t.deps.db, config: t.config }, intake, app.id, 'register', {});
    status = await b.post('/apply/status', { code: code!, password: password! }, { page: '/apply/status' });
    expect(status.body).toContain(`${todayCst()}（双方确认之日（条例第三十一条第（三）项））`);
    expect(status.body).toContain('答复期限是怎样算出来的');
    expect(status.body).toContain('答复期限：20 个工作日（条例第三十三条第一款）');
    expect(status.body).toContain('公开办确认收到申请并登记');
  });

  it('names each wrong field in Chinese and keeps what was typed', async () => {
    const b = new Browser(t.app);
    const res = await b.post(
      '/apply/form',
      { ...form, idNumber: `${ID.slice(0, 17)}${ID.at(-1) === '1' ? '2' : '1'}`, subject: '', phone: 'abc' },
      { page: '/apply/form' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('所需信息的名称：必填');
    expect(res.body).toContain('联系电话：请填写有效的电话号码');
    expect(res.body).toContain('value="李四"');
    const n = await t.deps.db.selectFrom('applications').select('id').where('subject', '=', '').execute();
    expect(n).toHaveLength(0);
    // A valid form with a bad check digit is refused by the identity rule, naming the field.
    const bad = await b.post(
      '/apply/form',
      { ...form, idNumber: `${ID.slice(0, 17)}${ID.at(-1) === '1' ? '2' : '1'}` },
      { page: '/apply/form' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/身份证号码[^<]*校验/);
  });

  it('refuses a submission without the form token', async () => {
    const b = new Browser(t.app);
    const res = await b.post('/apply/form', form, { csrf: null });
    expect(res.statusCode).toBe(403);
  });

  it('computes a reply deadline with its derivation, and names a bad date', async () => {
    const b = new Browser(t.app);
    const ok = await b.get('/apply/deadline?receivedOn=2024-09-27');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('答复期限：<strong>2024-10-30</strong>');
    expect(ok.body).toContain('跳过 2024-10-01 星期二：国庆节假期');
    const bad = await b.get('/apply/deadline?receivedOn=2024-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('收到申请之日：');
  });

  it('lets the applicant withdraw with the code and password, and not without', async () => {
    const b = new Browser(t.app);
    const res = await b.post('/apply/form', form, { page: '/apply/form' });
    const code = res.body.match(/查询码<\/dt><dd><strong>([A-Z0-9]{14})<\/strong>/)![1]!;
    const password = res.body.match(/查询密码<\/dt><dd><strong>([A-Z0-9]{8})<\/strong>/)![1]!;
    const status = await b.post('/apply/status', { code, password }, { page: '/apply/status' });
    expect(status.body).toContain('action="/apply/withdraw"');
    const wrong = await b.post('/apply/withdraw', { code, password: 'XXXXXXXX' }, { page: '/apply/status' });
    expect(wrong.statusCode).toBe(404);
    expect((await repo.findByTrackingCode(t.deps.db, code))!.status).toBe('submitted');
    const done = await b.post(
      '/apply/withdraw',
      { code, password, reason: '已从其他渠道获得' },
      { page: '/apply/status' },
    );
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('申请人已撤回');
    expect(done.body).not.toContain('action="/apply/withdraw"');
    const row = (await repo.findByTrackingCode(t.deps.db, code))!;
    expect(row.status).toBe('withdrawn');
    const events = await repo.listEvents(t.deps.db, row.id);
    expect(events.at(-1)).toMatchObject({
      action: 'withdraw',
      actor_name: '申请人',
      reason: '已从其他渠道获得',
    });
  });
});
