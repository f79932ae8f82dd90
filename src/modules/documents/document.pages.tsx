import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DocColumn, Validity } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { formatDate } from '../../platform/time.js';
import { Pagination } from '../../web/components.js';
import { pageContext } from '../../web/context.js';
import { type Crumb, PublicPage } from '../../web/layout.js';
import { publicAttachments } from './attachment.service.js';
import { AttachmentList } from './attachment.views.js';
import { DOCUMENT_QUERY_LABELS, documentListQuery } from './document.api.js';
import {
  type ColumnNode,
  ColumnTree,
  DocumentArticle,
  DocumentList,
  extraRows,
  FilterForm,
  Tombstone,
} from './document.views.js';
import * as q from './document-query.repository.js';

/**
 * Public pages of the proactive-disclosure catalogue (政府信息公开目录, issue 3): the column tree,
 * one column's documents, and the document page. They read the same public queries as the JSON
 * API: only published documents are shown; withdrawn ones are tombstones (HTTP 410 Gone with the
 * withdrawal record, so search engines drop the page while visitors learn what happened); drafts
 * and documents under review do not exist (404).
 */

const CATALOGUE = '政府信息公开目录';
const PAGE_SIZE = 20;
const HOME: Crumb = { label: '首页', href: '/' };
const CATALOGUE_CRUMB: Crumb = { label: CATALOGUE, href: '/xxgk' };

const filterQuery = documentListQuery.pick({ year: true, validity: true });
const columnQuery = filterQuery.extend({
  page: z.coerce
    .number({ message: '应为正整数' })
    .int('应为正整数')
    .min(1, '应为正整数')
    .max(10000, '不能超过 10000')
    .default(1),
});
const LABELS = { ...DOCUMENT_QUERY_LABELS, page: '页码' };

interface Filters {
  year?: number | undefined;
  validity?: Validity | undefined;
}

/** A list URL carrying only the filters that are set (and the page when past the first). */
function listHref(base: string, f: Filters, page = 1): string {
  const params = new URLSearchParams();
  if (f.year !== undefined) params.set('year', String(f.year));
  if (f.validity) params.set('validity', f.validity);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

/** Columns as a tree, each with the number of public documents in it and below it. */
export function buildColumnTree(columns: DocColumn[], counts: Map<number, number>): ColumnNode[] {
  const byId = new Map<number, ColumnNode>();
  const roots: ColumnNode[] = [];
  // columnsInTreeOrder puts every parent before its children, so a parent is always known here.
  for (const c of columns) {
    const node: ColumnNode = { id: c.id, code: c.code, name: c.name, basis: c.basis, total: 0, children: [] };
    byId.set(c.id, node);
    const parent = c.parent_id === null ? undefined : byId.get(c.parent_id);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sum = (n: ColumnNode): number => {
    n.total = (counts.get(n.id) ?? 0) + n.children.reduce((acc, c) => acc + sum(c), 0);
    return n.total;
  };
  for (const r of roots) sum(r);
  return roots;
}

const subtreeIds = (n: ColumnNode): number[] => [n.id, ...n.children.flatMap(subtreeIds)];

/** The path from the top of the tree down to (and including) the column with this id. */
function columnPath(columns: DocColumn[], id: number): DocColumn[] {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const path: DocColumn[] = [];
  for (
    let c = byId.get(id);
    c && !path.includes(c);
    c = c.parent_id === null ? undefined : byId.get(c.parent_id)
  )
    path.unshift(c);
  return path;
}

/** Years offered by the filter: every Beijing year from the newest publication back to the oldest. */
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
  if (f.year !== undefined) filter.year = f.year;
  if (f.validity) filter.validity = f.validity;
  return filter;
}

/** Open data: the same selection as CSV through the public API. */
function csvHref(f: Filters, column?: string): string {
  const params = new URLSearchParams({ format: 'csv' });
  if (column) params.set('column', column);
  if (f.year !== undefined) params.set('year', String(f.year));
  if (f.validity) params.set('validity', f.validity);
  return `/api/v1/documents?${params.toString()}`;
}

export function documentPages(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const pub = { config: { permission: 'public' } };

  app.get('/xxgk', pub, async (request, reply) => {
    const f = parseInput(filterQuery, request.query, LABELS);
    const filter = toFilter(f);
    const [columns, counts, rows, total, years, ctx] = await Promise.all([
      q.columnsInTreeOrder(db),
      q.publicCountsByColumn(db),
      q.pagePublicDocuments(db, filter, { limit: PAGE_SIZE, offset: 0 }),
      q.countPublicDocuments(db, filter),
      yearOptions(deps, f.year),
      pageContext(db, request),
    ]);
    const tree = buildColumnTree(columns, counts);
    const all = tree.reduce((acc, n) => acc + n.total, 0);
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title={CATALOGUE}
        column={CATALOGUE}
        breadcrumbs={[HOME, { label: CATALOGUE }]}
        pubDate={rows[0]?.published_at ?? new Date().toISOString()}
      >
        <h1>{CATALOGUE}</h1>
        <p>
          本目录按栏目列出本机关主动公开的政府信息，共 {all} 件。已修订、废止、失效或撤回的文件均予以标注。
        </p>
        <div class="columns">
          <nav class="panel" aria-labelledby="h-tree">
            <h2 id="h-tree">目录分类</h2>
            <ColumnTree nodes={tree} />
          </nav>
          <section class="panel" aria-labelledby="h-latest">
            <h2 id="h-latest">最新公开文件</h2>
            <FilterForm action="/xxgk" years={years} year={f.year} validity={f.validity} clearHref="/xxgk" />
            <p>
              符合条件的文件共 {total} 件{total > PAGE_SIZE ? `，以下为最新 ${PAGE_SIZE} 件` : ''}。
              <a href={csvHref(f)}>下载符合条件的目录（CSV）</a>
            </p>
            <DocumentList rows={rows} />
          </section>
        </div>
      </PublicPage>,
    );
  });

  app.get('/xxgk/:code', pub, async (request, reply) => {
    const code = (request.params as Record<string, string>).code ?? '';
    const f = parseInput(columnQuery, request.query, LABELS);
    const [columns, counts] = await Promise.all([q.columnsInTreeOrder(db), q.publicCountsByColumn(db)]);
    const find = (nodes: ColumnNode[]): ColumnNode | undefined => {
      for (const n of nodes) {
        const hit = n.code === code ? n : find(n.children);
        if (hit) return hit;
      }
      return undefined;
    };
    const node = find(buildColumnTree(columns, counts));
    if (!node) throw new AppError('NOT_FOUND', { message: '栏目不存在，请从政府信息公开目录中选择栏目' });
    const filter = toFilter(f, subtreeIds(node));
    const [rows, total, years, ctx] = await Promise.all([
      q.pagePublicDocuments(db, filter, { limit: PAGE_SIZE, offset: (f.page - 1) * PAGE_SIZE }),
      q.countPublicDocuments(db, filter),
      yearOptions(deps, f.year),
      pageContext(db, request),
    ]);
    const base = `/xxgk/${node.code}`;
    const ancestors = columnPath(columns, node.id).slice(0, -1);
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title={node.name}
        column={node.name}
        breadcrumbs={[
          HOME,
          CATALOGUE_CRUMB,
          ...ancestors.map((a) => ({ label: a.name, href: `/xxgk/${a.code}` })),
          { label: node.name },
        ]}
        pubDate={rows[0]?.published_at ?? new Date().toISOString()}
      >
        <h1>{node.name}</h1>
        {node.basis && <p class="hint">设立依据：{node.basis}</p>}
        {node.code === 'zdxx' && (
          <p>
            <a href="/zhengdi">征地项目公开：按项目查看各法定环节的公开情况</a>
          </p>
        )}
        {node.children.length > 0 && (
          <nav aria-labelledby="h-children">
            <h2 id="h-children">下级栏目</h2>
            <ColumnTree nodes={node.children} />
          </nav>
        )}
        <section aria-labelledby="h-docs">
          <h2 id="h-docs">文件列表</h2>
          <FilterForm action={base} years={years} year={f.year} validity={f.validity} clearHref={base} />
          <p>
            共 {total} 件{node.children.length > 0 ? '（含下级栏目）' : ''}。
            <a href={csvHref(f, node.code)}>下载本栏目目录（CSV）</a>
          </p>
          <DocumentList rows={rows} />
          <Pagination page={f.page} pageSize={PAGE_SIZE} total={total} href={(p) => listHref(base, f, p)} />
        </section>
      </PublicPage>,
    );
  });

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
