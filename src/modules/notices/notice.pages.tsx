import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { Pagination } from '../../web/components.js';
import { pageContext } from '../../web/context.js';
import { PublicPage } from '../../web/layout.js';
import { getNotice, listNotices } from './notice.service.js';
import { NoticeList } from './notice.views.js';

const PAGE_SIZE = 20;
const listQuery = z.object({
  page: z.coerce
    .number({ message: '应为正整数' })
    .int('应为正整数')
    .min(1, '应为正整数')
    .max(10000)
    .default(1),
});

export function noticeRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const pub = { config: { permission: 'public' } };

  app.get('/notices', pub, async (request, reply) => {
    const { page } = parseInput(listQuery, request.query, { page: '页码' });
    const [{ rows, total }, ctx] = await Promise.all([
      listNotices(db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      pageContext(db, request),
    ]);
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title="通知公告"
        column="通知公告"
        breadcrumbs={[{ label: '首页', href: '/' }, { label: '通知公告' }]}
        pubDate={rows[0]?.published_at ?? new Date().toISOString()}
      >
        <h1>通知公告</h1>
        <NoticeList rows={rows} />
        <Pagination page={page} pageSize={PAGE_SIZE} total={total} href={(p) => `/notices?page=${p}`} />
      </PublicPage>,
    );
  });

  app.get('/notices/:id', pub, async (request, reply) => {
    const id = parseInput(idParam, (request.params as Record<string, string>).id, { _: '编号' });
    const [n, ctx] = await Promise.all([getNotice(db, id), pageContext(db, request)]);
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title={n.title}
        column="通知公告"
        breadcrumbs={[
          { label: '首页', href: '/' },
          { label: '通知公告', href: '/notices' },
          { label: '正文' },
        ]}
        pubDate={n.published_at}
        article={{ title: n.title, source: n.source }}
      >
        <article>
          <h1>
            {n.title}
            {n.is_sample ? <span class="sample-tag">示例</span> : null}
          </h1>
          <p class="article-source">来源：{n.source}</p>
          <div class="article-body">{n.body}</div>
        </article>
      </PublicPage>,
    );
  });
}
