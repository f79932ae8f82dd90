import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { contentDisposition } from '../../platform/http/download.js';
import { sendHtml } from '../../platform/http/render.js';
import type { AppDeps } from '../../platform/module.js';
import { pageContext } from '../../web/context.js';
import { PublicPage } from '../../web/layout.js';
import { reportCsv } from './report.csv.js';
import { reportDocx } from './report.docx.js';
import type { AnnualReportData } from './report.format.js';
import { toReportJson } from './report.json.js';
import * as repo from './report.repository.js';
import { ReportDocument, reportTitle } from './report.views.js';

/**
 * The published annual reports (条例第四十九条): a list and, per year, the report as an accessible
 * HTML page (tables with header associations, both display modes), as Word in the official layout,
 * and as JSON and CSV. Earlier years stay published; imported reports are marked as such.
 */
const COLUMN = '年度报告';
const HOME = { label: '首页', href: '/' };
const XXGK = { label: '政府信息公开', href: '/xxgk' };
const LIST = { label: COLUMN, href: '/annual-reports' };
const FORMATS = ['docx', 'json', 'csv'] as const;

export function reportPages(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const pub = { config: { permission: 'public', kind: 'html' as const } };

  app.get('/annual-reports', pub, async (request, reply) => {
    const ctx = await pageContext(db, request);
    const rows = (await repo.listReports(db)).filter((r) => r.status === 'published');
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title="政府信息公开工作年度报告"
        column={COLUMN}
        breadcrumbs={[HOME, XXGK, { label: COLUMN }]}
        pubDate={rows[0]?.updated_at ?? new Date().toISOString()}
      >
        <h1>政府信息公开工作年度报告</h1>
        <p>
          依据《中华人民共和国政府信息公开条例》第四十九条，本机关于每年 1 月 31
          日前公布上一年度政府信息公开工作年度报告。
        </p>
        {rows.length === 0 ? (
          <p>暂无已发布的年度报告。</p>
        ) : (
          <ul class="report-list">
            {rows.map((r) => (
              <li key={r.year}>
                <a href={`/annual-reports/${r.year}`}>{reportTitle(r)}</a>
                {r.published_on && `（${r.published_on} 发布${r.source === 'imported' ? '，导入' : ''}）`}{' '}
                <span class="formats">
                  {FORMATS.map((f) => (
                    <a
                      key={f}
                      href={`/annual-reports/${r.year}.${f}`}
                      aria-label={`${r.year} 年度报告 ${f.toUpperCase()} 格式`}
                    >
                      {f.toUpperCase()}
                    </a>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </PublicPage>,
    );
  });

  app.get('/annual-reports/:file', pub, async (request, reply) => {
    const m = /^(\d{4})(?:\.(docx|json|csv))?$/.exec((request.params as Record<string, string>).file ?? '');
    const row = m ? await repo.findReport(db, Number(m[1])) : undefined;
    if (!m || !row?.published) throw new AppError('NOT_FOUND', { message: '该年度报告不存在或尚未发布' });
    const data = JSON.parse(row.published) as AnnualReportData;
    const name = `${data.agency}${data.year}年政府信息公开工作年度报告`;
    const attach = (ext: string) =>
      reply.header(
        'Content-Disposition',
        contentDisposition(`${name}.${ext}`, `annual-report-${data.year}.${ext}`),
      );
    if (m[2] === 'json')
      return attach('json').type('application/json; charset=utf-8').send(toReportJson(data));
    if (m[2] === 'csv') return attach('csv').type('text/csv; charset=utf-8').send(reportCsv(data));
    if (m[2] === 'docx')
      return attach('docx')
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .send(await reportDocx(data, { issuedOn: row.published_on ?? undefined }));
    return sendHtml(reply, await reportPage(request, row, data));
  });

  async function reportPage(request: FastifyRequest, row: repo.ReportRow, data: AnnualReportData) {
    const ctx = await pageContext(db, request);
    const title = reportTitle(data);
    return (
      <PublicPage
        ctx={ctx}
        title={title}
        column={COLUMN}
        breadcrumbs={[HOME, XXGK, LIST, { label: `${data.year} 年度` }]}
        pubDate={row.updated_at}
        article={{ title, source: data.agency }}
      >
        <p class="meta">
          {row.published_on && <>发布日期：{row.published_on}　</>}
          {row.source === 'imported' && '本报告为平台启用前的年度报告，按原报告导入。　'}
          下载：
          {FORMATS.map((f) => (
            <a key={f} href={`/annual-reports/${data.year}.${f}`} class="format">
              {f === 'docx' ? 'Word' : f.toUpperCase()}
            </a>
          ))}
        </p>
        <ReportDocument report={data} />
      </PublicPage>
    );
  }
}
