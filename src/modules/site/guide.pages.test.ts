import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import type { Db } from '../../platform/db/index.js';
import { formatDate } from '../../platform/time.js';
import { SAMPLE_GUIDE } from '../../seed/guide.demo.js';
import { currentGuide } from './guide.service.js';

const form = (p: Partial<Record<keyof typeof SAMPLE_GUIDE, string>> = {}) => ({ ...SAMPLE_GUIDE, ...p });

describe.each(dialects)('政府信息公开指南 on %s', (dialect) => {
  let t: TestApp;
  let db: Db;
  let admin: Browser;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    db = t.deps.db;
    admin = new Browser(t.app);
    await admin.login('admin');
  });
  afterAll(async () => t?.close());

  it('is public at /guide with every part 条例第十二条 asks for, the sample labelled 示例', async () => {
    const res = await t.app.inject({ url: '/guide' });
    expect(res.statusCode).toBe(200);
    for (const text of [
      '政府信息公开指南（示例）',
      '信息分类与编排',
      '主动公开',
      '依申请公开',
      '国办函〔2020〕109号',
      '监督和救济',
      '行政复议',
      '行政诉讼',
      SAMPLE_GUIDE.office_name,
      SAMPLE_GUIDE.address,
      SAMPLE_GUIDE.postal_code,
      SAMPLE_GUIDE.office_hours,
      SAMPLE_GUIDE.phone,
      SAMPLE_GUIDE.fax,
      `mailto:${SAMPLE_GUIDE.email}`,
      '更新日期：',
      '第 1 版',
    ])
      expect(res.body, text).toContain(text);
    // Linked from every public page (nav and footer), in care mode too.
    const home = await t.app.inject({ url: '/?mode=care' });
    expect(home.body).toContain('href="/guide"');
    expect((await t.app.inject({ url: '/guide?mode=care' })).statusCode).toBe(200);
  });

  it('is edited by settings.manage only, with CSRF', async () => {
    expect((await t.app.inject({ url: '/console/guide' })).headers.location).toMatch(/^\/console\/login/);
    const publisher = new Browser(t.app);
    await publisher.login('publisher');
    expect((await publisher.get('/console/guide')).statusCode).toBe(403);
    expect((await publisher.post('/console/guide', form({ phone: '010-88888888' }))).statusCode).toBe(403);
    expect(
      (await admin.post('/console/guide', form({ phone: '010-88888888' }), { csrf: null })).statusCode,
    ).toBe(403);
    expect((await currentGuide(db))?.version).toBe(1);
  });

  it('shows each validation error by its field and saves nothing', async () => {
    expect((await admin.get('/console/guide')).statusCode).toBe(200);
    const cases: [Record<string, string>, string][] = [
      [{ phone: '电话号码' }, '咨询电话：格式不正确'],
      [{ phone: '022-1234' }, '咨询电话：格式不正确'],
      [{ fax: '12ab' }, '传真：格式不正确'],
      [{ email: 'gongkai@' }, '电子邮箱：格式不正确'],
      [{ email: '' }, '电子邮箱：必填'],
      [{ postal_code: '30000' }, '邮政编码：应为 6 位数字'],
      [{ office_name: '' }, '政府信息公开工作机构：必填'],
      [{ remedy: '  ' }, '监督和救济：必填'],
    ];
    for (const [change, message] of cases) {
      const res = await admin.post('/console/guide', form(change), { page: '/console/guide' });
      expect(res.statusCode, message).toBe(400);
      expect(res.body, message).toContain(message);
      expect(res.body).toContain('class="error-summary"');
    }
    expect((await currentGuide(db))?.version).toBe(1);
  });

  it('saves a new version, audited, shown publicly with its 更新日期; unchanged content adds none', async () => {
    const phones = '022-23456789、022-23456789转801';
    let res = await admin.post(
      '/console/guide',
      form({ phone: phones, fax: '', office_hours: '工作日 9:00—17:00' }),
      { page: '/console/guide' },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/guide?saved=1');
    const guide = await currentGuide(db);
    expect(guide).toMatchObject({ version: 2, isSample: false });
    expect(guide?.content.phone).toBe(phones);
    const page = (await t.app.inject({ url: '/guide' })).body;
    expect(page).toContain(phones);
    expect(page).not.toContain('<dt>传真</dt>');
    expect(page).not.toContain('政府信息公开指南（示例）');
    expect(page).toContain(
      `更新日期：<time dateTime="${formatDate(guide?.updatedAt ?? '')}"`.replace('dateTime', 'datetime'),
    );
    expect(page).toContain('第 2 版');
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'guide.updated')
      .where('target_id', '=', '2')
      .execute();
    expect(audit).toHaveLength(1);

    res = await admin.post(
      '/console/guide',
      form({ phone: phones, fax: '', office_hours: '工作日 9:00—17:00' }),
      {
        page: '/console/guide',
      },
    );
    expect(res.headers.location).toBe('/console/guide?saved=0');
    expect((await currentGuide(db))?.version).toBe(2);
    const history = await admin.get('/console/guide');
    expect(history.body).toContain('第 2 版');
    expect(history.body).toContain('第 1 版（示例）');
  });

  it('escapes what the editor typed: text, never HTML', async () => {
    await admin.post('/console/guide', form({ classification: '<script>alert(1)</script>\n第二段' }), {
      page: '/console/guide',
    });
    const page = (await t.app.inject({ url: '/guide' })).body;
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('<p>&lt;script>alert(1)&lt;/script></p><p>第二段</p>');
  });
});

describe.each(dialects)('政府信息公开指南 before one is written, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { seed: false });
  });
  afterAll(async () => t?.close());

  it('says it is being prepared', async () => {
    const res = await t.app.inject({ url: '/guide' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('正在编制');
  });
});
