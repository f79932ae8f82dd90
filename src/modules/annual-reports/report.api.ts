import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { ApiDoc } from '../../platform/http/openapi.js';
import { enforceRateLimit } from '../../platform/http/rate-limit.js';
import type { AppDeps } from '../../platform/module.js';
import type { AnnualReportData } from './report.format.js';
import { toReportJson } from './report.json.js';
import * as repo from './report.repository.js';
import { checkSubmitted } from './report.service.js';

/**
 * The public JSON API of annual reports: the check any supervising office can run on a report given
 * in the JSON form (README), and the published reports themselves.
 */
const CHECK_RULE = { name: 'report-check-ip', limit: 120, windowSeconds: 15 * 60 };

export function reportApi(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  app.post(
    '/api/v1/annual-reports/check',
    { config: { permission: 'public', kind: 'json', csrf: false } },
    async (request) => {
      await enforceRateLimit(db, CHECK_RULE, request.ip);
      return checkSubmitted(db, request.body);
    },
  );
  const pub = { config: { permission: 'public', kind: 'json' as const } };
  app.get('/api/v1/annual-reports', pub, async () => ({
    items: (await repo.listReports(db))
      .filter((r) => r.status === 'published')
      .map((r) => ({
        year: r.year,
        agency: r.agency,
        source: r.source,
        publishedOn: r.published_on,
        url: `/annual-reports/${r.year}`,
        json: `/api/v1/annual-reports/${r.year}`,
      })),
  }));
  app.get('/api/v1/annual-reports/:year', pub, async (request) => {
    const year = Number((request.params as Record<string, string>).year);
    const r = Number.isInteger(year) ? await repo.findReport(db, year) : undefined;
    if (!r?.published) throw new AppError('NOT_FOUND', { message: '该年度报告不存在或尚未发布' });
    return toReportJson(JSON.parse(r.published) as AnnualReportData);
  });
}

export const reportApiDocs: ApiDoc[] = [
  {
    method: 'post',
    path: '/api/v1/annual-reports/check',
    summary:
      '核对政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）：请求体为报告 JSON（格式见 README，或 {"report":…,"previous":…} 同时提供上一年度报告），返回全部勾稽关系问题（I1—I6）及涉及的单元格。无需登录，不保存任何数据',
    tag: '年度报告',
    example: {
      ok: false,
      violations: [
        {
          code: 'I2',
          message: '三、第（七）总计行“自然人”列为 768，但 21 个办理结果分项之和为 767（I2）',
          cells: [{ section: '三', row: '3.7', column: 'person' }],
          expected: 767,
          actual: 768,
        },
      ],
      carryOverChecked: false,
      previous: null,
      notes: [],
    },
  },
  { method: 'get', path: '/api/v1/annual-reports', summary: '已发布的年度报告列表', tag: '年度报告' },
  {
    method: 'get',
    path: '/api/v1/annual-reports/{year}',
    summary: '一个年度已发布的年度报告（JSON 格式，与核对接口的请求体相同）',
    tag: '年度报告',
  },
];
