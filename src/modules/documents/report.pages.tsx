import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { todayCst } from '../../platform/time.js';
import { ErrorSummary, Field, type FieldErrors, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import {
  interpretationCsv,
  interpretationReport,
  type PolicyCoverageRow,
  timelinessCsv,
} from './report.service.js';
import { DISCLOSURE_STATUS_LABELS, type OnTimeRate } from './timeliness.js';
import { type TimelinessItem, timelinessReport } from './timeliness.service.js';

/**
 * Console reports of the catalogue (permission reports.read: publisher, admin, auditor):
 * 条例第二十六条 timeliness per responsible division, and policies published without a 政策解读.
 * Both export CSV (UTF-8 with BOM, formula-looking cells defused).
 */
const RANGE_LABELS = { from: '形成日期自', to: '形成日期至' };
const validDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
const dateParam = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine(
    (v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && validDate(v)),
    '应为有效日期，格式 YYYY-MM-DD',
  );
export const rangeSchema = z
  .object({ from: dateParam, to: dateParam })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: '不能晚于结束日期', path: ['from'] });

const pct = (r: OnTimeRate) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);
const csvHeaders = (name: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${name}-${todayCst().replace(/-/g, '')}.csv"`,
});

export function reportPages(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const perm = { config: { permission: 'reports.read' } };

  /** The range asked for; by default the current year up to today. */
  const rangeOf = (request: FastifyRequest) => {
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const asked = parseInput(rangeSchema, { from: raw.from, to: raw.to }, RANGE_LABELS);
    const today = todayCst();
    return { from: asked.from ?? `${today.slice(0, 4)}-01-01`, to: asked.to ?? today };
  };

  app.get('/console/reports/timeliness', perm, async (request, reply) => {
    const ctx = await pageContext(db, request);
    const raw = (request.query ?? {}) as Record<string, string | undefined>;
    let range: { from: string; to: string };
    try {
      range = rangeOf(request);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(
        reply,
        <ConsolePage ctx={ctx} title="主动公开时效统计">
          <RangeForm action="/console/reports/timeliness" values={raw} errors={e.fields} />
        </ConsolePage>,
        400,
      );
    }
    const report = await timelinessReport(db, { region: config.calendarRegion, ...range });
    const query = new URLSearchParams(range).toString();
    const late = report.items.filter((i) => i.status === 'late');
    const count = (list: TimelinessItem[], status: TimelinessItem['status']) =>
      list.filter((i) => i.status === status).length;
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="主动公开时效统计">
        <p class="hint">
          依据《政府信息公开条例》第二十六条，主动公开的政府信息应当自形成或者变更之日起 20
          个工作日内公开（按平台工作日历计算，节假日和调休已计入）。按时率只计已公开的文件。
        </p>
        <RangeForm action="/console/reports/timeliness" values={range} />
        <p>
          统计范围：形成日期 {range.from} 至 {range.to}，共 {report.items.length} 份文件；截至 {report.today}
          ，已公开 {report.overall.total} 份，其中按时 {report.overall.onTime} 份、逾期 {report.overall.late}{' '}
          份，按时率 {pct(report.overall)}。 <a href={`/console/reports/timeliness.csv?${query}`}>导出 CSV</a>
        </p>
        <table>
          <caption>各责任处室按时公开情况</caption>
          <thead>
            <tr>
              <th scope="col">责任处室</th>
              <th scope="col">已公开</th>
              <th scope="col">按时公开</th>
              <th scope="col">逾期公开</th>
              <th scope="col">按时率</th>
              <th scope="col">已逾期未公开</th>
              <th scope="col">即将到期</th>
            </tr>
          </thead>
          <tbody>
            {report.perOrg.map((o) => {
              const list = report.items.filter((i) => i.orgName === o.orgName);
              return (
                <tr key={o.orgName}>
                  <th scope="row">{o.orgName}</th>
                  <td>{o.total}</td>
                  <td>{o.onTime}</td>
                  <td>{o.late}</td>
                  <td>{pct(o)}</td>
                  <td>{count(list, 'overdue')}</td>
                  <td>{count(list, 'at_risk')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h2>已逾期未公开、即将到期</h2>
        <ItemTable
          items={report.attention}
          caption="尚未公开且已超过或临近公开截止日的文件"
          empty="没有已逾期或即将到期的文件。"
        />
        <h2>逾期公开</h2>
        <ItemTable items={late} caption="已公开但超过截止日的文件" empty="没有逾期公开的文件。" />
      </ConsolePage>,
    );
  });

  app.get('/console/reports/timeliness.csv', perm, async (request, reply) => {
    const range = rangeOf(request);
    const report = await timelinessReport(db, { region: config.calendarRegion, ...range });
    return reply.headers(csvHeaders('timeliness')).send(timelinessCsv(report.items));
  });

  app.get('/console/reports/interpretations', perm, async (request, reply) => {
    const [ctx, report] = await Promise.all([pageContext(db, request), interpretationReport(db)]);
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="政策解读配发情况">
        <p class="hint">
          {`须配发政策解读的栏目中已发布的政策文件共 ${report.total} 份。`}
          {'政策文件应与政策解读同步发布，或登记不解读的理由；已关联但尚未发布的解读不计入。'}
        </p>
        <p>
          <a href="/console/reports/interpretations.csv">导出 CSV</a>
        </p>
        <h2>未配发政策解读（{report.missing.length}）</h2>
        {report.missing.length === 0 ? (
          <Notice kind="success">所有已发布的政策文件都已配发政策解读或登记了不解读理由。</Notice>
        ) : (
          <PolicyTable rows={report.missing} caption="已发布、既无已发布的解读也无不解读理由的政策文件" />
        )}
        <h2>登记不解读理由（{report.exempted.length}）</h2>
        {report.exempted.length === 0 ? (
          <p>没有登记不解读理由的政策文件。</p>
        ) : (
          <PolicyTable rows={report.exempted} caption="登记了不解读理由的政策文件" reasons />
        )}
      </ConsolePage>,
    );
  });

  app.get('/console/reports/interpretations.csv', perm, async (_request, reply) =>
    reply.headers(csvHeaders('interpretations')).send(interpretationCsv(await interpretationReport(db))),
  );
}

function RangeForm(p: { action: string; values: Record<string, string | undefined>; errors?: FieldErrors }) {
  return (
    <form method="get" action={p.action} class="form-inline" aria-label="统计范围">
      <ErrorSummary errors={p.errors} />
      <Field name="from" label={RANGE_LABELS.from} type="date" value={p.values.from} errors={p.errors} />
      <Field name="to" label={RANGE_LABELS.to} type="date" value={p.values.to} errors={p.errors} />
      <button type="submit">统计</button>
    </form>
  );
}

function ItemTable(p: { items: TimelinessItem[]; caption: string; empty: string }) {
  if (p.items.length === 0) return <p>{p.empty}</p>;
  return (
    <table>
      <caption>{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">标题</th>
          <th scope="col">责任处室</th>
          <th scope="col">形成日期</th>
          <th scope="col">公开截止日</th>
          <th scope="col">发布日期</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {p.items.map((i) => (
          <tr key={i.id}>
            <th scope="row">{i.title}</th>
            <td>{i.orgName}</td>
            <td>{i.formedOn}</td>
            <td>{i.due}</td>
            <td>{i.publishedOn ?? '未公开'}</td>
            <td>
              {DISCLOSURE_STATUS_LABELS[i.status]}
              {i.workdaysLate !== undefined && `（${i.workdaysLate} 个工作日）`}
              {i.workdaysLeft !== undefined && `（剩 ${i.workdaysLeft} 个工作日）`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PolicyTable(p: { rows: PolicyCoverageRow[]; caption: string; reasons?: boolean }) {
  return (
    <table>
      <caption>{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">标题</th>
          <th scope="col">文号</th>
          <th scope="col">栏目</th>
          <th scope="col">责任处室</th>
          <th scope="col">发布日期</th>
          {p.reasons && <th scope="col">不解读理由</th>}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <a href={`/documents/${r.id}`}>{r.title}</a>
            </th>
            <td>{r.docNumber ?? ''}</td>
            <td>{r.columnName}</td>
            <td>{r.orgName}</td>
            <td>{r.publishedOn ?? ''}</td>
            {p.reasons && <td>{r.exemptReason}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
