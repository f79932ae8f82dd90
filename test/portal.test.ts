import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from './support/app.js';
import { dialects } from './support/db.js';

describe.each(dialects)('public site shell on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const meta = (html: string, name: string) =>
    html.match(new RegExp(`<meta name="${name}" content="([^"]*)"`))?.[1];

  it('serves the home page with the government page tags, landmarks and a publication time', async () => {
    const r = await new Browser(t.app).get('/');
    expect(r.statusCode).toBe(200);
    const html = r.body;
    expect(html).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/);
    expect(meta(html, 'SiteName')).toBe('市规划和自然资源局政务公开平台（示例）');
    expect(meta(html, 'SiteIDCode')).toBe('0000000000');
    expect(meta(html, 'ColumnName')).toBe('首页');
    expect(meta(html, 'PubDate')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(html).toContain('<a class="skip-link" href="#main">');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('<header');
    expect(html).toContain('<footer');
    expect(html).toContain('aria-label="当前位置"');
    expect(html).toContain('主办单位');
    expect(html).toContain('ICP备案号：示例ICP备00000000号');
    expect(html).toContain('公安备案号：');
    expect(html).toContain('网站标识码：0000000000');
    expect(html).toContain('更新时间');
    expect(html).toContain('href="/static/print.css" media="print"');
  });

  it('shows the seed notice of the 2021 work plan as a published 通知公告 with its metadata', async () => {
    const b = new Browser(t.app);
    const list = await b.get('/xxgk/tzgg');
    const link = list.body.match(
      /<a href="(\/documents\/\d+)">市规划资源局关于印发2021年政务公开工作要点的通知<\/a>/,
    );
    expect(link?.[1]).toBeTruthy();
    const page = await b.get(link![1]!);
    expect(meta(page.body, 'ArticleTitle')).toBe('市规划资源局关于印发2021年政务公开工作要点的通知');
    // Published on the bureau's old site on 2021-06-21 16:24; the catalogue keeps that time.
    expect(meta(page.body, 'PubDate')).toBe('2021-06-21 16:24');
    expect(meta(page.body, 'ColumnName')).toBe('通知公告');
    expect(page.body).toContain('提高依申请公开工作质量');
    expect(page.body).toContain('发布时间');
    // The real notice is not labelled 示例.
    expect(page.body).not.toContain('<span class="sample-tag">示例</span>');
  });

  it('sends the old 通知公告 URLs to the catalogue column with 301', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/notices' });
    expect(list.statusCode).toBe(301);
    expect(list.headers.location).toBe('/xxgk/tzgg');
    const second = await t.app.inject({ method: 'GET', url: '/notices?page=2' });
    expect(second.headers.location).toBe('/xxgk/tzgg?page=2');
    expect((await t.app.inject({ method: 'GET', url: '/notices/999999' })).statusCode).toBe(404);
    // The main navigation points at the column, not at the old list.
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.body).toContain('<a href="/xxgk/tzgg">通知公告</a>');
    expect(home.body).not.toContain('href="/notices');
  });

  it('redirects a legacy notice row to the document it became, by title', async () => {
    const at = new Date().toISOString();
    const legacy = await t.deps.db
      .insertInto('notices')
      .values({
        title: '市规划资源局关于印发2021年政务公开工作要点的通知',
        source: '办公室',
        body: '旧正文',
        column_code: 'tzgg',
        org_id: null,
        is_sample: 0,
        published_at: at,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await t.app.inject({ method: 'GET', url: `/notices/${legacy.id}` });
    expect(r.statusCode).toBe(301);
    expect(r.headers.location).toMatch(/^\/documents\/\d+$/);
    const doc = await t.app.inject({ method: 'GET', url: String(r.headers.location) });
    expect(doc.body).toContain('市规划资源局关于印发2021年政务公开工作要点的通知');
  });

  it('opens any page in 关爱版 with ?mode=care and remembers the choice without JavaScript', async () => {
    const b = new Browser(t.app);
    const care = await b.get('/xxgk?mode=care');
    expect(care.body).toContain('<body class="care fs-18">');
    expect(care.body).toContain('退出关爱版');
    expect(b.cookies.get('gk_mode')).toBe('care');
    const next = await b.get('/');
    expect(next.body).toContain('<body class="care fs-18">');
    const bigger = await b.get('/?fs=30');
    expect(bigger.body).toContain('<body class="care fs-30">');
    const back = await b.get('/?mode=normal');
    expect(back.body).toContain('<body class="normal">');
    expect(back.body).toContain('>关爱版</a>');
  });

  it('sends security headers with a CSP that allows no inline script', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/' });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['strict-transport-security']).toBeUndefined();
    expect(r.body).not.toMatch(/<script>(?!<\/script>)/);
    expect(r.body).not.toMatch(/ on[a-z]+="/);
  });

  it('escapes user input in every page it echoes', async () => {
    const r = await new Browser(t.app).get(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).not.toContain('<script>alert(1)</script>');
    expect(r.body).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('shows a friendly Chinese 404 page, and a JSON 404 under /api', async () => {
    const page = await new Browser(t.app).get('/no/such/page');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('页面不存在');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(api.statusCode).toBe(404);
    expect(JSON.parse(api.body).error.code).toBe('NOT_FOUND');
    const badId = await new Browser(t.app).get('/notices/abc');
    expect(badId.statusCode).toBe(400);
    expect(badId.body).toContain('编号');
  });

  it('rejects malformed JSON with a 400 in Chinese, never a stack trace', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/console/login',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect([400, 403]).toContain(r.statusCode);
    expect(r.body).not.toMatch(/at .*\(|node_modules/);
  });

  it('reports liveness and readiness', async () => {
    expect(JSON.parse((await t.app.inject({ method: 'GET', url: '/healthz' })).body)).toEqual({
      status: 'ok',
    });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'ready', migrations: 'current', dialect });
  });

  it('lists the open API', async () => {
    const r = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1' })).body);
    expect(r.endpoints.map((e: { path: string }) => e.path).join()).toContain(
      '/api/v1/calendar/add-workdays',
    );
  });

  it('publishes an OpenAPI document built from the same schemas the routes parse with', async () => {
    const doc = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body);
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths['/api/v1/calendar/add-workdays'].get;
    expect(op.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual([
      ['from', true],
      ['days', true],
    ]);
    expect(op.parameters[0].description).toBe('起始日期');
  });

  it('sends HSTS when the site is served over https', async () => {
    const secure = await buildTestApp(dialect, {
      seed: false,
      env: { BASE_URL: 'https://gk.example.gov.cn' },
    });
    try {
      const r = await secure.app.inject({ method: 'GET', url: '/healthz' });
      expect(r.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await secure.close();
    }
  });
});

describe('an unexpected failure', () => {
  it('shows a friendly page with a request id and no stack trace', async () => {
    const t = await buildTestApp('sqlite', { seed: false });
    try {
      await t.deps.db.destroy(); // the database goes away under a running site
      const r = await t.app.inject({ method: 'GET', url: '/xxgk' });
      expect(r.statusCode).toBe(500);
      expect(r.body).toContain('系统繁忙');
      expect(r.body).toMatch(/请求编号[：:]\s*[0-9a-f-]{36}/);
      expect(r.body).not.toMatch(/at .*\(|node_modules|Error:/);
    } finally {
      await t.app.close();
    }
  });
});
