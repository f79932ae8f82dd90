import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Validity } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { formatDate } from '../../platform/time.js';
import { pageContext } from '../../web/context.js';
import { type Crumb, PublicPage } from '../../web/layout.js';
import { publicAttachments } from './attachment.read.js';
import { AttachmentList } from './attachment.views.js';
import { columnPath, findNode, loadCatalogueTree, subtreeIds, visibleTree } from './catalogue.js';
import { Facet, NumberedPagination } from './catalogue.views.js';
import { DOCUMENT_QUERY_LABELS, documentListQuery } from './document.api.js';
import { VALIDITY_LABELS } from './document.status.js';
import { ColumnTree, DocumentArticle, DocumentList, extraRows, Tombstone } from './document.views.js';
import * as q from './document-query.repository.js';
import { feedLinks } from './feed.routes.js';
import { ORG_COLUMNS, OrgColumnContent } from './org-columns.js';

/**
 * Public pages of the proactive-disclosure catalogue (政府信息公开目录, issue 3): the catalogue with
 * its facets (栏目, 主题分类, 发布机构, 年份, 有效性: links with counts, combinable, numbered pages,
 * one canonical URL per selection), one column's page, and the document page. They read the same
 * public queries as the JSON API: only published documents are shown; withdrawn ones are tombstones
 * (HTTP 410 Gone with the withdrawal record, so search engines drop the page while visitors learn what
 * happened); drafts and documents under review do not exist (404).
 */

const CATALOGUE = '政府信息公开目录';
const PAGE_SIZE = 20;
const HOME: Crumb = { label: '首页', href: '/' };
const CATALOGUE_CRUMB: Crumb = { label: CATALOGUE, href: '/xxgk' };

const catalogueQuery = documentListQuery.pick({ org: true, year: true, validity: true }).extend({
  topic: z
    .string()
    .trim()
    .max(100, '不能超过 100 个字符')
    .optional()
    .transform((v) => v || undefined),
  page: z
    .string()
    .trim()
    .regex(/^(|\d{1,5})$/, '应为正整数')
    .optional()
    .transform((v) => (v ? Number(v) : 1))
    .refine((n) => n >= 1, '应为正整数')
    .refine((n) => n <= 10000, '不能超过 10000'),
});
const LABELS = { ...DOCUMENT_QUERY_LABELS, topic: '主题分类', page: '页码' };

/** The catalogue's query parameters, in the order canonical URLs carry them. */
const FILTER_KEYS = ['topic', 'org', 'year', 'validity', 'page'] as const;

export interface Filters {
  topic?: string | undefined;
  org?: number | undefined;
  year?: number | undefined;
  validity?: Validity | undefined;
}

/** The canonical query of a selection: set filters only, in a fixed order, page only past the first. */
function canonicalParams(f: Filters, page = 1): [string, string][] {
  const out: [string, string][] = [];
  if (f.topic !== undefined) out.push(['topic', f.topic]);
  if (f.org !== undefined) out.push(['org', String(f.org)]);
  if (f.year !== undefined) out.push(['year', String(f.year)]);
  if (f.validity) out.push(['validity', f.validity]);
  if (page > 1) out.push(['page', String(page)]);
  return out;
}

/** A list URL carrying only the filters that are set (and the page when past the first). */
export function listHref(base: string, f: Filters, page = 1): string {
  const qs = new URLSearchParams(canonicalParams(f, page)).toString();
  return qs ? `${base}?${qs}` : base;
}

const columnBase = (code?: string) => (code ? `/xxgk/${code}` : '/xxgk');

/** Years offered by the year facet: every Beijing year from the newest publication back to the oldest. */
async function yearOptions(deps: AppDeps, chosen: number | undefined): Promise<number[]> {
  const span = await q.publicPublicationSpan(deps.db);
  const years: number[] = [];
  if (span.first && span.last) {
    const first = Number(formatDate(span.first).slice(0, 4));
    for (let y = Number(formatDate(span.last).slice(0, 4)); y >= first; y -= 1) years.push(y);
  }
  if (chosen !== undefined && !years.includes(chosen)) years.push(chosen);
  return years.sort((a, b) => b - a);
}

function toFilter(f: Filters, columnIds?: number[]): q.DocumentFilter {
  const filter: q.DocumentFilter = {};
  if (columnIds) filter.columnIds = columnIds;
  if (f.topic !== undefined) filter.topic = f.topic;
  if (f.org !== undefined) filter.orgId = f.org;
  if (f.year !== undefined) filter.year = f.year;
  if (f.validity) filter.validity = f.validity;
  return filter;
}

/** Open data: the same selection as CSV through the public API (which has no topic filter). */
function csvHref(f: Filters, column?: string): string {
  const params = new URLSearchParams({ format: 'csv' });
  if (column) params.set('column', column);
  if (f.org !== undefined) params.set('org', String(f.org));
  if (f.year !== undefined) params.set('year', String(f.year));
  if (f.validity) params.set('validity', f.validity);
  return `/api/v1/documents?${params.toString()}`;
}

/**
 * One canonical URL per selection: empty parameters (as a GET form sends them), page=1, another
 * order or repeated keys answer 301 to the canonical form; display parameters (mode, fs) are kept.
 */
function canonicalRedirect(request: FastifyRequest, base: string, f: Filters, page: number): string | null {
  const url = new URL(request.url, 'http://x');
  const all = [...url.searchParams];
  const given = all.filter(([k]) => (FILTER_KEYS as readonly string[]).includes(k));
  const canonical = canonicalParams(f, page);
  if (JSON.stringify(given) === JSON.stringify(canonical)) return null;
  const kept = all.filter(([k]) => !(FILTER_KEYS as readonly string[]).includes(k));
  const qs = new URLSearchParams([...canonical, ...kept]).toString();
  return qs ? `${base}?${qs}` : base;
}

function FilterSummary(p: { f: Filters; orgName: string | undefined; clearHref: string }) {
  const parts = [
    p.f.topic !== undefined && `主题分类：${p.f.topic}`,
    p.f.org !== undefined && `发布机构：${p.orgName ?? p.f.org}`,
    p.f.year !== undefined && `发布年份：${p.f.year} 年`,
    p.f.validity && `有效性：${VALIDITY_LABELS[p.f.validity]}`,
  ].filter((x): x is string => typeof x === 'string');
  if (parts.length === 0) return null;
  return (
    <p>
      当前筛选：{parts.join('；')}。<a href={p.clearHref}>清除筛选</a>
    </p>
  );
}

export function documentPages(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const pub = { config: { permission: 'public' } };

  /** /xxgk (whole catalogue) and /xxgk/:code (one column and its subtree), with facets. */
  async function catalogue(request: FastifyRequest, reply: FastifyReply, code: string | undefined) {
    const { page, ...f } = parseInput(catalogueQuery, request.query, LABELS);
    const base = columnBase(code);
    const redirect = canonicalRedirect(request, base, f, page);
    if (redirect) return reply.redirect(redirect, 301);
    const { columns, tree, orgs } = await loadCatalogueTree(db, toFilter({ ...f }));
    const node = code ? findNode(tree, code) : undefined;
    if (code && !node)
      throw new AppError('NOT_FOUND', { message: '栏目不存在，请从政府信息公开目录中选择栏目' });
    const columnIds = node ? subtreeIds(node) : undefined;
    const filter = toFilter(f, columnIds);
    const without = (key: keyof Filters) => toFilter({ ...f, [key]: undefined }, columnIds);
    const [rows, total, topics, publishers, validities, years, ctx] = await Promise.all([
      q.pagePublicDocuments(db, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      q.countPublicDocuments(db, filter),
      q.publicCountsByTopic(db, without('topic')),
      q.publicCountsByPublisher(db, without('org')),
      q.publicCountsByValidity(db, without('validity')),
      yearOptions(deps, f.year),
      pageContext(db, request),
    ]);
    const yearCounts = await Promise.all(
      years.map(async (y) => ({ y, n: await q.countPublicDocuments(db, { ...without('year'), year: y }) })),
    );
    const href = (change: Partial<Filters>) => listHref(base, { ...f, ...change });
    const orgName = publishers.find((o) => o.id === f.org)?.name;
    const title = node?.name ?? CATALOGUE;
    const ancestors = node ? columnPath(columns, node.id).slice(0, -1) : [];
    const orgKind = code ? ORG_COLUMNS[code] : undefined;
    const filtered = canonicalParams(f).length > 0;
    const feeds = feedLinks(node ? { code: node.code, name: node.name } : undefined);
    const subtree = node ? visibleTree(node.children) : visibleTree(tree);
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title={title}
        column={title}
        breadcrumbs={
          node
            ? [
                HOME,
                CATALOGUE_CRUMB,
                ...ancestors.map((a) => ({ label: a.name, href: `/xxgk/${a.code}` })),
                { label: node.name },
              ]
            : [HOME, { label: CATALOGUE }]
        }
        pubDate={rows[0]?.published_at ?? new Date().toISOString()}
        links={[
          { rel: 'canonical', href: `${deps.config.baseUrl}${listHref(base, f, page)}` },
          ...feeds.map((l) => ({ rel: 'alternate' as const, ...l })),
        ]}
      >
        <h1>{title}</h1>
        {node ? (
          node.basis && <p class="hint">设立依据：{node.basis}</p>
        ) : (
          <p>
            本目录按栏目、主题分类、发布机构、发布年份和有效性列出本机关主动公开的政府信息。已修订、废止、失效或撤回的文件均予以标注。
          </p>
        )}
        {node?.code === 'zdxx' && (
          <p>
            <a href="/zhengdi">征地项目公开：按项目查看各法定环节的公开情况</a>
          </p>
        )}
        {orgKind && <OrgColumnContent kind={orgKind} data={orgs} />}
        {total === 0 && !filtered && subtree.length > 0 && (
          <nav aria-labelledby="h-children">
            <h2 id="h-children">下级栏目</h2>
            <ColumnTree nodes={subtree} />
          </nav>
        )}
        {total === 0 && !filtered && subtree.length === 0 && !orgKind && (
          <p>
            本栏目的信息正在整理，尚未公开发布。请浏览<a href="/xxgk">政府信息公开目录</a>
            的其他栏目，或通过<a href="/guide">依申请公开</a>获取所需信息。
          </p>
        )}
        {(total > 0 || filtered) && (
          <div class="catalogue">
            <nav class="panel facets" aria-labelledby="h-facets">
              <h2 id="h-facets">分类浏览</h2>
              {subtree.length > 0 && (
                <section aria-labelledby="h-tree">
                  <h3 id="h-tree">{node ? '下级栏目' : '目录分类'}</h3>
                  <ColumnTree nodes={subtree} href={(c) => listHref(columnBase(c), f)} />
                </section>
              )}
              <Facet
                id="h-topic"
                title="主题分类"
                all={href({ topic: undefined })}
                options={topics.map((t) => ({
                  label: t.value,
                  n: t.n,
                  href: href({ topic: t.value }),
                  selected: t.value === f.topic,
                }))}
              />
              <Facet
                id="h-org"
                title="发布机构"
                all={href({ org: undefined })}
                options={publishers.map((o) => ({
                  label: o.name,
                  n: o.n,
                  href: href({ org: o.id }),
                  selected: o.id === f.org,
                }))}
              />
              <Facet
                id="h-year"
                title="发布年份"
                all={href({ year: undefined })}
                options={yearCounts
                  .filter((y) => y.n > 0 || y.y === f.year)
                  .map((y) => ({
                    label: `${y.y} 年`,
                    n: y.n,
                    href: href({ year: y.y }),
                    selected: y.y === f.year,
                  }))}
              />
              <Facet
                id="h-validity"
                title="有效性"
                all={href({ validity: undefined })}
                options={(Object.keys(VALIDITY_LABELS) as Validity[])
                  .filter((v) => (validities.get(v) ?? 0) > 0 || v === f.validity)
                  .map((v) => ({
                    label: VALIDITY_LABELS[v],
                    n: validities.get(v) ?? 0,
                    href: href({ validity: v }),
                    selected: v === f.validity,
                  }))}
              />
            </nav>
            <section class="panel" aria-labelledby="h-docs">
              <h2 id="h-docs">文件列表</h2>
              <FilterSummary f={f} orgName={orgName} clearHref={base} />
              <p>
                共 {total} 件{node && node.children.length > 0 ? '（含下级栏目）' : ''}。
                <a href={csvHref(f, node?.code)}>
                  {f.topic === undefined ? '下载目录（CSV）' : '下载目录（CSV，不按主题分类筛选）'}
                </a>
              </p>
              <DocumentList rows={rows} />
              <NumberedPagination
                page={page}
                pageSize={PAGE_SIZE}
                total={total}
                href={(p) => listHref(base, f, p)}
              />
              <p class="feeds">
                订阅{node ? '本栏目' : '全部目录'}：
                {feeds.map((l, i) => (
                  <span key={l.href}>
                    {i > 0 && ' | '}
                    <a href={l.href} type={l.type}>
                      {l.label}
                    </a>
                  </span>
                ))}
              </p>
            </section>
          </div>
        )}
      </PublicPage>,
    );
  }

  app.get('/xxgk', pub, (request, reply) => catalogue(request, reply, undefined));

  app.get('/xxgk/:code', pub, (request, reply) =>
    catalogue(request, reply, (request.params as Record<string, string>).code ?? ''),
  );

  app.get('/documents/:id', pub, async (request, reply) => {
    const id = parseInput(idParam, (request.params as Record<string, string>).id, { _: '文件编号' });
    const [d, columns, ctx] = await Promise.all([
      q.findPublicDocument(db, id),
      q.columnsInTreeOrder(db),
      pageContext(db, request),
    ]);
    if (!d) throw new AppError('NOT_FOUND', { message: '文件不存在或尚未公开' });
    const path = columnPath(columns, d.column_id);
    const page = {
      ctx,
      title: d.title,
      column: d.column_name,
      breadcrumbs: [
        HOME,
        CATALOGUE_CRUMB,
        ...path.map((c) => ({ label: c.name, href: `/xxgk/${c.code}` })),
        { label: '正文' },
      ],
      pubDate: d.published_at ?? d.updated_at,
      article: { title: d.title, source: d.publisher_name },
      links: [
        { rel: 'canonical' as const, href: `${deps.config.baseUrl}/documents/${d.id}` },
        // A published document keeps its column visible, so the column's feed exists.
        ...(d.status === 'published' ? feedLinks({ code: d.column_code, name: d.column_name }) : []).map(
          (l) => ({
            rel: 'alternate' as const,
            ...l,
          }),
        ),
      ],
    };
    if (d.status === 'withdrawn') {
      const withdrawnAt = await q.withdrawnAt(db, d.id);
      return sendHtml(
        reply,
        <PublicPage {...page}>
          <Tombstone doc={d} withdrawnAt={withdrawnAt} />
        </PublicPage>,
        410,
      );
    }
    const [interpretations, interprets, corrections, successor, attachments] = await Promise.all([
      q.publicInterpretationsOf(db, d.id),
      q.publicPoliciesInterpretedBy(db, d.id),
      d.version > 1 ? q.publicCorrections(db, d.id) : Promise.resolve([]),
      d.successor_id !== null && d.validity !== 'valid'
        ? q.publishedTitle(db, d.successor_id)
        : Promise.resolve(undefined),
      publicAttachments(db, d.id),
    ]);
    const column = path.at(-1);
    return sendHtml(
      reply,
      <PublicPage {...page}>
        <DocumentArticle
          doc={d}
          extra={column ? extraRows(column.extra_fields, d.extra) : []}
          links={{ interpretations, interprets, corrections, successor }}
          attachments={<AttachmentList items={attachments} />}
        />
      </PublicPage>,
    );
  });
}
