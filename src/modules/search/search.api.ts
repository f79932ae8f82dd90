import type { FastifyInstance } from 'fastify';
import type { ApiDoc } from '../../platform/http/openapi.js';
import type { AppDeps } from '../../platform/module.js';
import {
  apiItem,
  facetsOf,
  LABELS,
  names,
  parseSearchParams,
  runSearch,
  searchParams,
} from './search.query.js';

/**
 * GET /api/v1/search: the open search API (issue 4). Same parameters, validation and ranking as the
 * portal page; `snippet` and `titleHtml` are HTML with the text escaped and matches in <mark>.
 */
export function searchApi(app: FastifyInstance, deps: AppDeps): void {
  const { db, dialect } = deps;
  app.get('/api/v1/search', { config: { permission: 'public' } }, async (request, reply) => {
    const p = parseSearchParams(request.query);
    const [r, n] = await Promise.all([runSearch(db, dialect, p), names(db)]);
    reply.header('Cache-Control', 'public, max-age=60');
    return {
      total: r.total,
      totalExact: r.totalExact,
      facetsExact: r.facetsExact,
      page: p.page,
      size: p.size,
      sort: p.sort ?? (p.q ? 'relevance' : 'date'),
      relaxed: r.relaxed,
      items: r.hits.map((h) => apiItem(h, n)),
      facets: facetsOf(r.facets, n),
    };
  });
}

export const searchApiDocs: ApiDoc[] = [
  {
    method: 'get',
    path: '/api/v1/search',
    summary:
      '一网通查：中文全文检索（双字词、文号任意括号形式、索引号、繁体、同义词），含筛选、分面计数、高亮摘要与分页；q 为空时按发布日期浏览',
    tag: '一网通查',
    query: searchParams,
    labels: LABELS,
    example: {
      total: 1,
      totalExact: true,
      facetsExact: true,
      page: 1,
      size: 10,
      sort: 'relevance',
      relaxed: false,
      items: [
        {
          id: 12,
          kind: 'document',
          externalId: null,
          title: '关于做好集体土地征收信息公开工作的通知',
          titleHtml: '关于做好集体土地<mark>征收</mark>信息公开工作的通知',
          docNumber: '示规资发〔2021〕12号',
          indexNo: '123456788/2021-00012',
          publishedAt: '2021-03-15T02:00:00.000Z',
          column: 'zdxx',
          columnName: '征地信息',
          org: 1,
          orgName: '市规划和自然资源局',
          validity: 'valid',
          type: '通知',
          url: '/documents/12',
          snippet: '…依法做好<mark>征地</mark>信息公开…',
          score: 8.5321,
          exactMatch: false,
        },
      ],
      facets: {
        column: [{ value: 'zdxx', label: '征地信息', count: 1 }],
        org: [{ value: '1', label: '市规划和自然资源局', count: 1 }],
        year: [{ value: '2021', label: '2021年', count: 1 }],
        validity: [{ value: 'valid', label: '有效', count: 1 }],
        type: [{ value: '通知', label: '通知', count: 1 }],
      },
    },
  },
];
