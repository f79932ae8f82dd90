import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';

const FREE = { from: 1, to: 10, units: 10, rate: 0, subtotal: 0, label: '第1—10件，免费' };
const HUNDRED = { from: 11, to: 30, units: 20, rate: 100, subtotal: 2000, label: '第11—30件，每件100元' };
const PAGES_FREE = { from: 1, to: 30, units: 30, rate: 0, subtotal: 0, label: '第1—30页，免费' };
const PAGES_10 = { from: 31, to: 100, units: 70, rate: 10, subtotal: 700, label: '第31—100页，每页10元' };
const PAGES_20 = { from: 101, to: 200, units: 100, rate: 20, subtotal: 2000, label: '第101—200页，每页20元' };

describe.each(dialects)('information-processing fee API and calculator on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { seed: true });
  }, 120_000);
  afterAll(async () => t?.close());

  const api = async (query: string) => {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/fees/quote?${query}` });
    return { status: r.statusCode, type: String(r.headers['content-type']), body: JSON.parse(r.body) };
  };
  const page = (query = '') => t.app.inject({ method: 'GET', url: `/apply/fees${query}` });

  describe('GET /api/v1/fees/quote', () => {
    it('quotes 35 pieces at 3,000 元 with the brackets (regulations.md B.3 P4)', async () => {
      const r = await api('method=piece&count=35');
      expect(r.status).toBe(200);
      expect(r.type).toMatch(/^application\/json/);
      expect(r.body).toEqual({
        method: 'piece',
        count: 35,
        already: 0,
        amount: 3000,
        breakdown: [
          FREE,
          HUNDRED,
          { from: 31, to: 35, units: 5, rate: 200, subtotal: 1000, label: '第31—40件，每件200元' },
        ],
      });
      expect(typeof r.body.amount).toBe('number');
      expect((await api('method=piece&count=35&already=0')).body).toEqual(r.body);
    });

    it('charges the 11th and 12th pieces of the month 200 元 (P2)', async () => {
      const r = await api('method=piece&count=2&already=10');
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        method: 'piece',
        count: 2,
        already: 10,
        amount: 200,
        breakdown: [{ from: 11, to: 12, units: 2, rate: 100, subtotal: 200, label: '第11—30件，每件100元' }],
      });
    });

    it('quotes 250 pages at 4,700 元 (V6)', async () => {
      const r = await api('method=volume&pages=250');
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        method: 'volume',
        pages: 250,
        amount: 4700,
        breakdown: [
          PAGES_FREE,
          PAGES_10,
          PAGES_20,
          { from: 201, to: 250, units: 50, rate: 40, subtotal: 2000, label: '第201页及以上，每页40元' },
        ],
      });
    });

    it('quotes 2,219 pages at 83,460 元, the reported fee notice (V7)', async () => {
      const r = await api('method=volume&pages=2219');
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        method: 'volume',
        pages: 2219,
        amount: 83460,
        breakdown: [
          PAGES_FREE,
          PAGES_10,
          PAGES_20,
          { from: 201, to: 2219, units: 2019, rate: 40, subtotal: 80760, label: '第201页及以上，每页40元' },
        ],
      });
    });

    it('quotes nothing to pay for no pieces or pages, and treats an empty already as 0', async () => {
      expect((await api('method=piece&count=0')).body).toMatchObject({ amount: 0, breakdown: [] });
      expect((await api('method=volume&pages=0')).body).toMatchObject({ amount: 0, breakdown: [] });
      expect((await api('method=piece&count=8&already=')).body).toMatchObject({ already: 0, amount: 0 });
    });

    it.each([
      ['', 'method', '计收方式'],
      ['count=35', 'method', '计收方式'],
      ['method=both&count=3', 'method', '计收方式'],
      ['method=PIECE&count=3', 'method', '计收方式'],
      ['method=piece', 'count', '本次件数'],
      ['method=piece&count=', 'count', '本次件数'],
      ['method=piece&count=abc', 'count', '本次件数'],
      ['method=piece&count=3.5', 'count', '本次件数'],
      ['method=piece&count=-1', 'count', '本次件数'],
      ['method=piece&count=1e3', 'count', '本次件数'],
      ['method=piece&count=100001', 'count', '本次件数'],
      ['method=piece&count=1&count=2', 'count', '本次件数'],
      ['method=piece&count=60000&already=50000', 'count', '本次件数'],
      ['method=piece&count=3&already=-2', 'already', '本月已计件数'],
      ['method=piece&count=3&already=x', 'already', '本月已计件数'],
      ['method=piece&count=3&pages=10', 'pages', '页数'],
      ['method=volume', 'pages', '页数'],
      ['method=volume&pages=-5', 'pages', '页数'],
      ['method=volume&pages=12.5', 'pages', '页数'],
      ['method=volume&pages=10000001', 'pages', '页数'],
      ['method=volume&pages=40&count=3', 'count', '本次件数'],
      ['method=volume&pages=40&already=3', 'already', '本月已计件数'],
    ])('answers ?%s with a 400 naming %s in Chinese', async (query, field, label) => {
      const r = await api(query);
      expect(r.status).toBe(400);
      const error = r.body.error as { code: string; message: string; fields: Record<string, string> };
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields[field]).toMatch(new RegExp(`^${label}：[\\u4e00-\\u9fff]`));
      expect(error.message).toContain('：');
      expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts|stack|Error:/);
    });

    it('says a repeated parameter may be given once, rather than calling it missing', async () => {
      const r = await api('method=piece&count=1&count=2');
      expect(r.body.error.fields.count).toBe('本次件数：只能提供一个值');
      const m = await api('method=piece&method=volume&count=1');
      expect(m.body.error.fields.method).toBe('计收方式：只能提供一个值');
    });

    it('is documented in the OpenAPI document with its parameters', async () => {
      const doc = JSON.parse((await t.app.inject({ url: '/api/v1/openapi.json' })).body);
      const op = doc.paths['/api/v1/fees/quote'].get;
      expect(op.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual([
        ['method', true],
        ['count', false],
        ['already', false],
        ['pages', false],
      ]);
      expect(op.parameters[0].description).toBe('计收方式');
      expect(op.responses['200'].content['application/json'].example.amount).toBe(3000);
    });
  });

  describe('/apply/fees calculator page', () => {
    it('shows the empty form and the explanation without any result or error', async () => {
      const r = await page();
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.body).toContain('<form method="get" action="/apply/fees"');
      expect(r.body).toContain('type="radio"');
      expect(r.body).toContain('国办函〔2020〕109号');
      expect(r.body).toContain('第四十二条');
      expect(r.body).toContain('明显超过合理范围');
      expect(r.body).not.toContain('试算结果');
      expect(r.body).not.toContain('field-error');
      expect(r.body).not.toContain('<script>');
    });

    it('shows the result with the breakdown as a table with caption and header scopes', async () => {
      const r = await page('?method=piece&count=35&already=&pages=');
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('试算结果');
      expect(r.body).toMatch(/信息处理费 <strong>3,000 元<\/strong>/);
      expect(r.body).toContain('<caption>');
      expect(r.body).toContain('<th scope="col">档次</th>');
      expect(r.body).toContain('<th scope="row">第31—40件，每件200元</th>');
      expect(r.body).toMatch(/value="piece"[^>]*checked/);
      expect(r.body).toContain('href="/api/v1/fees/quote?method=piece&amp;count=35&amp;already=0"');
    });

    it('ignores the fields of the method not chosen', async () => {
      const r = await page('?method=volume&pages=2219&count=5&already=3');
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('83,460 元');
      expect(r.body).toContain('<th scope="row">第201页及以上，每页40元</th>');
    });

    it('shows an error beside the field, tied by aria-describedby, and keeps what was typed', async () => {
      const r = await page('?method=piece&count=abc');
      expect(r.statusCode).toBe(400);
      expect(r.body).toContain('class="error-summary"');
      expect(r.body).toContain('href="#f-count"');
      expect(r.body).toContain(
        '<p class="field-error" id="f-count-error">本次件数：应为 0–100000 的整数</p>',
      );
      expect(r.body).toMatch(
        /id="f-count"[^>]*aria-invalid="true"[^>]*aria-describedby="f-count-hint f-count-error"/,
      );
      expect(r.body).toContain('value="abc"');
      expect(r.body).not.toContain('试算结果');
    });

    it('asks for a method when none is chosen', async () => {
      const r = await page('?count=5&already=&pages=');
      expect(r.statusCode).toBe(400);
      expect(r.body).toContain('id="f-method-error"');
      expect(r.body).toMatch(/id="f-method"[^>]*aria-describedby="f-method-error"/);
    });

    it('works in 关爱版 (care mode) too', async () => {
      const r = await page('?method=volume&pages=250&mode=care');
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('<body class="care fs-18">');
      expect(r.body).toContain('4,700 元');
      expect(r.body).toContain('退出关爱版');
      const normal = await page('?mode=normal');
      expect(normal.body).toContain('<body class="normal">');
    });
  });
});
