import type { FastifyInstance } from 'fastify';
import { openApiDocument } from '../../platform/http/openapi.js';
import { sendHtml } from '../../platform/http/render.js';
import type { AppDeps } from '../../platform/module.js';
import { formatDate } from '../../platform/time.js';
import { pageContext } from '../../web/context.js';
import { PublicPage } from '../../web/layout.js';
import { type HomeData, homePageData, NOTICES_COLUMN, VALIDITY_LABELS } from '../documents/index.js';

type Row = HomeData['notices'][number];

/** A compact list of documents for the home page: title, tags and date. */
function Latest({ rows }: { rows: Row[] }) {
  return (
    <ul class="list">
      {rows.map((r) => (
        <li key={r.id}>
          <span>
            <a href={`/documents/${r.id}`}>{r.title}</a>
            {r.validity !== 'valid' && <span class="badge badge-warn">{VALIDITY_LABELS[r.validity]}</span>}
            {r.is_sample ? <span class="sample-tag">示例</span> : null}
          </span>
          {r.published_at && <time dateTime={r.published_at}>{formatDate(r.published_at)}</time>}
        </li>
      ))}
    </ul>
  );
}

const INTERPRETATION_KINDS: Record<string, string> = {
  text: '文字解读',
  graphic: '图解',
  video: '视频解读',
  qa: '问答',
};

export function homeRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const pub = { config: { permission: 'public' } };

  app.get('/', pub, async (request, reply) => {
    const [data, ctx] = await Promise.all([homePageData(db), pageContext(db, request)]);
    const newest = [...data.notices, ...data.blocks.flatMap((b) => b.rows)]
      .map((r) => r.published_at ?? '')
      .sort()
      .at(-1);
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title="首页"
        column="首页"
        breadcrumbs={[{ label: '首页' }]}
        pubDate={newest || new Date().toISOString()}
        links={[
          {
            rel: 'alternate',
            href: '/xxgk/feed.rss',
            type: 'application/rss+xml',
            title: '政府信息公开目录（RSS）',
          },
          {
            rel: 'alternate',
            href: '/xxgk/feed.atom',
            type: 'application/atom+xml',
            title: '政府信息公开目录（Atom）',
          },
        ]}
      >
        <h1 class="sr-only">{ctx.site.siteName}</h1>
        <form
          method="get"
          action="/search"
          role="search"
          class="form-inline home-search"
          aria-label="搜索政府信息"
        >
          <div class="field">
            <label for="home-q">搜索政府信息</label>
            <input id="home-q" name="q" type="search" placeholder="标题、文号或关键词" />
          </div>
          <button type="submit">搜索</button>
        </form>
        <div class="columns">
          <section class="panel" aria-labelledby="h-tzgg">
            <h2 id="h-tzgg">通知公告</h2>
            <Latest rows={data.notices} />
            <p>
              <a href={`/xxgk/${NOTICES_COLUMN}`}>更多通知公告</a>
            </p>
          </section>
          <section class="panel" aria-labelledby="h-policies">
            <h2 id="h-policies">政策文件与解读</h2>
            <ul class="list policy-list">
              {data.policies.map(({ policy, interpretations }) => (
                <li key={policy.id}>
                  <span>
                    <a href={`/documents/${policy.id}`}>{policy.title}</a>
                    {policy.is_sample ? <span class="sample-tag">示例</span> : null}
                    {interpretations.map((i) => (
                      <span key={i.id} class="interpretation-link">
                        <br />
                        <a href={`/documents/${i.id}`}>解读：{i.title}</a>
                        <span class="hint">（{INTERPRETATION_KINDS[i.kind] ?? '解读'}）</span>
                      </span>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
            <p>
              <a href="/xxgk/zcwj">更多政策文件</a>　<a href="/xxgk/zcjd">更多政策解读</a>
            </p>
          </section>
          <section class="panel" aria-labelledby="h-entries">
            <h2 id="h-entries">公开与互动</h2>
            <ul class="entries">
              <li>
                <a href="/guide">依申请公开</a>
                <span class="hint">：政府信息公开指南，说明申请方式、受理机构、地址和联系电话</span>
              </li>
              <li>
                <a href={`/xxgk/${NOTICES_COLUMN}`}>意见征集</a>
                <span class="hint">：征求意见公告在“通知公告”栏目发布（在线意见征集功能建设中）</span>
              </li>
              <li>
                <a href="/xxgk">政府信息公开目录</a>
                <span class="hint">：按栏目、主题、发布机构、年份和有效性查找</span>
              </li>
              <li>
                <a href="/orgs">机构信息</a>
                <span class="hint">：职能、内设机构、地址、电话、办公时间、领导分工</span>
              </li>
              <li>
                <a href="/api/v1">开放数据接口</a>
                <span class="hint">（JSON、CSV）</span>
              </li>
            </ul>
          </section>
        </div>
        <section aria-labelledby="h-gk">
          <h2 id="h-gk">政府信息公开</h2>
          <div class="columns">
            {data.blocks.map((b) => (
              <section key={b.code} class="panel" aria-labelledby={`h-col-${b.code}`}>
                <h3 id={`h-col-${b.code}`}>
                  <a href={`/xxgk/${b.code}`}>{b.name}</a>
                </h3>
                {b.rows.length > 0 ? (
                  <Latest rows={b.rows} />
                ) : (
                  <ul>
                    {b.children.map((c) => (
                      <li key={c.code}>
                        <a href={`/xxgk/${c.code}`}>{c.name}</a>
                      </li>
                    ))}
                  </ul>
                )}
                <p>
                  <a href={`/xxgk/${b.code}`}>更多{b.name}</a>
                </p>
              </section>
            ))}
          </div>
        </section>
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
        method: 'GET',
        path: '/api/v1/search?q=&column=&org=&year=&validity=&type=&sort=&page=&size=',
        description: '一网通查：全文检索（分面计数、高亮摘要、分页）',
      },
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
