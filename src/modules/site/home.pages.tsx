import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { openApiDocument } from '../../platform/http/openapi.js';
import { sendHtml } from '../../platform/http/render.js';
import { parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { pageContext } from '../../web/context.js';
import { PublicPage } from '../../web/layout.js';
import { listNotices, NoticeList, searchNotices } from '../notices/index.js';

const searchQuery = z.object({ q: z.string().trim().max(100, '不能超过 100 个字符').optional().default('') });

export function homeRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const pub = { config: { permission: 'public' } };

  app.get('/', pub, async (request, reply) => {
    const [{ rows }, ctx] = await Promise.all([
      listNotices(db, { limit: 8, offset: 0 }),
      pageContext(db, request),
    ]);
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title="首页"
        column="首页"
        breadcrumbs={[{ label: '首页' }]}
        pubDate={rows[0]?.published_at ?? new Date().toISOString()}
      >
        <h1 class="sr-only">{ctx.site.siteName}</h1>
        <div class="columns">
          <section class="panel" aria-labelledby="h-tzgg">
            <h2 id="h-tzgg">通知公告</h2>
            <NoticeList rows={rows} />
            <p>
              <a href="/notices">更多通知公告</a>
            </p>
          </section>
          <section class="panel" aria-labelledby="h-gk">
            <h2 id="h-gk">政务公开</h2>
            <ul>
              <li>
                <a href="/xxgk">
                  政府信息公开目录（规划、政策文件及解读、财政、采购、征地、土地供应、许可结果等）
                </a>
              </li>
              <li>
                <a href="/orgs">机构信息（职能、地址、电话、办公时间、领导分工）</a>
              </li>
              <li>
                <a href="/search">一网通查</a>
              </li>
              <li>
                <a href="/api/v1">开放数据接口（JSON）</a>
              </li>
            </ul>
          </section>
        </div>
      </PublicPage>,
    );
  });

  app.get('/search', pub, async (request, reply) => {
    const { q } = parseInput(searchQuery, request.query, { q: '搜索词' });
    const [rows, ctx] = await Promise.all([
      q ? searchNotices(db, q, 50) : Promise.resolve([]),
      pageContext(db, request),
    ]);
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title="一网通查"
        column="一网通查"
        breadcrumbs={[{ label: '首页', href: '/' }, { label: '一网通查' }]}
        pubDate={new Date().toISOString()}
      >
        <h1>一网通查</h1>
        <form method="get" action="/search" role="search" class="form-inline">
          <div class="field">
            <label for="search-q">搜索词</label>
            <input id="search-q" name="q" type="search" value={q} />
          </div>
          <button type="submit">搜索</button>
        </form>
        {q && (
          <p role="status">
            “{q}”共找到 {rows.length} 条结果
          </p>
        )}
        {q && rows.length > 0 && <NoticeList rows={rows} />}
      </PublicPage>,
    );
  });

  const openapi = async () =>
    openApiDocument(deps.apiDocs(), {
      title: '政务公开平台开放接口',
      version: '1',
      serverUrl: deps.config.baseUrl,
    });
  // /api/openapi.json is the path issue 3 names; /api/v1/openapi.json stays for existing clients.
  app.get('/api/openapi.json', pub, openapi);
  app.get('/api/v1/openapi.json', pub, openapi);

  app.get('/api/v1', pub, async () => ({
    name: '政务公开平台开放接口',
    version: 'v1',
    endpoints: [
      {
        method: 'GET',
        path: '/api/v1/calendar/workday?date=YYYY-MM-DD',
        description: '某日是否为工作日及原因',
      },
      {
        method: 'GET',
        path: '/api/v1/calendar/add-workdays?from=YYYY-MM-DD&days=N',
        description: '从某日起算 N 个工作日后的日期及推算过程',
      },
      {
        method: 'GET',
        path: '/api/v1/calendar/workdays-between?from=YYYY-MM-DD&to=YYYY-MM-DD',
        description: '两日之间的工作日数',
      },
      { method: 'GET', path: '/api/v1/orgs', description: '机构信息' },
      { method: 'GET', path: '/api/v1/columns', description: '政府信息公开目录栏目' },
      {
        method: 'GET',
        path: '/api/v1/documents?column=&org=&year=&validity=&type=&externalId=&limit=&cursor=&format=csv',
        description: '主动公开文件列表（游标分页，可导出 CSV）',
      },
      { method: 'GET', path: '/api/v1/documents/:id', description: '主动公开文件详情' },
      {
        method: 'POST PATCH DELETE',
        path: '/api/v1/documents[/:id[/submit|approve|reject|publish|withdraw|validity]]',
        description: '工作人员写入接口（需 API 令牌，见 OpenAPI 文档）',
      },
      {
        method: 'GET',
        path: '/api/openapi.json',
        description: 'OpenAPI 3.1 接口文档（亦可用 /api/v1/openapi.json）',
      },
    ],
  }));
}
