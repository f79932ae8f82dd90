import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseIsoDate, toDayNumber } from '../../platform/calendar/dates.js';
import { BOM, csvLine } from '../../platform/csv.js';
import { fieldError, isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { todayCst } from '../../platform/time.js';
import { ErrorSummary, Field, type FieldErrors, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { loadCalendar } from '../calendar/index.js';
import { BarChart, MonthChart } from './chart.svg.js';
import { type DashboardStats, dashboardStats } from './stats.service.js';

/**
 * 统计分析 (issue 6): the staff dashboard over a date range (applications by month, results, on-time
 * rate and working days per handling unit, documents per column and their timeliness), drawn as SVG
 * charts with data tables, and the same figures as CSV in long form (指标,分组,项目,数值).
 * Permission statistics.read (declared by the module manifest).
 */

const PERMISSION = { config: { permission: 'statistics.read' } };
const TITLE = '统计分析';
const LABELS = { from: '起始日期', to: '截止日期', year: '年度' };
/** Wide enough for a few annual reports side by side; a chart of 60 months is still readable. */
const MAX_SPAN_DAYS = 5 * 366;

const dateQuery = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .superRefine((v, ctx) => {
    if (v === undefined) return;
    try {
      parseIsoDate(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : '日期无效' });
    }
  });

const rangeQuery = z.object({
  from: dateQuery,
  to: dateQuery,
  year: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^(199\d|20\d\d|2100)$/.test(v), '应为 1990—2100 之间的四位数字年份'),
});

/**
 * The range asked for: ?year=2024 (the whole year; this year up to today), or ?from=&to= (either may
 * be left out: to defaults to today, from to 1 January of to's year). Nothing: this year to date.
 */
export function statsRange(query: unknown, today = todayCst()): { from: string; to: string } {
  const raw = (query ?? {}) as Record<string, unknown>;
  const q = parseInput(rangeQuery, { from: raw.from, to: raw.to, year: raw.year }, LABELS);
  if (q.year && (q.from || q.to)) throw fieldError('year', '年度：不能与起始日期、截止日期同时使用');
  let from: string;
  let to: string;
  if (q.year) {
    from = `${q.year}-01-01`;
    to = q.year === today.slice(0, 4) ? today : `${q.year}-12-31`;
  } else {
    to = q.to ?? today;
    from = q.from ?? `${to.slice(0, 4)}-01-01`;
  }
  if (from > to) throw fieldError('from', `${LABELS.from}：不能晚于截止日期（${to}）`);
  if (toDayNumber(to) - toDayNumber(from) > MAX_SPAN_DAYS)
    throw fieldError('to', `${LABELS.to}：统计区间不能超过 5 年`);
  return { from, to };
}

const fmtRate = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
const fmtDays = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/** The figures in long form: one line per number, for spreadsheets and pivot tables. */
export function statsCsv(s: DashboardStats): string {
  let out = BOM + csvLine(['指标', '分组', '项目', '数值']);
  const line = (metric: string, group: string, item: string, value: number | null) => {
    out += csvLine([metric, group, item, value]);
  };
  for (const m of s.months) line('收到申请（件）', '按月', m.month, m.received);
  for (const m of s.months) line('作出答复（件）', '按月', m.month, m.replied);
  for (const c of s.categories) line('作出答复（件）', '办理结果', c.name, c.count);
  for (const t of s.replyTypes) line('作出答复（件）', `答复类型（${t.category}）`, t.name, t.count);
  const units = [...s.units.map((u) => ({ ...u, group: u.kindLabel || '承办单位' }))];
  const total = { ...s.totals, name: '合计', group: '全部' };
  for (const u of [...units, total]) {
    line('答复件数', u.group, u.name, u.replied);
    line('按时答复（件）', u.group, u.name, u.onTime);
    line('按时答复率（%）', u.group, u.name, u.onTimeRate);
    line('平均办理工作日', u.group, u.name, u.avgWorkdays);
    line('办理中（件）', u.group, u.name, u.open);
    line('已超期（件）', u.group, u.name, u.overdue);
  }
  const columns = [
    ...s.columns.map((c) => ({ ...c, group: '栏目' })),
    {
      name: '合计',
      group: '全部',
      published: s.totals.published,
      timely: s.totals.timely,
      late: s.totals.late,
      timelyRate: s.totals.timelyRate,
      avgWorkdays: s.totals.publishedAvgWorkdays,
    },
  ];
  for (const c of columns) {
    line('主动公开文件（份）', c.group, c.name, c.published);
    line('按时公开（份）', c.group, c.name, c.timely);
    line('逾期公开（份）', c.group, c.name, c.late);
    line('按时公开率（%）', c.group, c.name, c.timelyRate);
    line('形成至公开平均工作日', c.group, c.name, c.avgWorkdays);
  }
  return out;
}

export function statsConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;

  const compute = async (request: FastifyRequest) => {
    const range = statsRange(request.query);
    const calendar = await loadCalendar(db, config.calendarRegion);
    return dashboardStats(db, calendar, range);
  };

  app.get('/console/statistics', PERMISSION, async (request, reply) => {
    const ctx = await pageContext(db, request);
    let stats: DashboardStats;
    try {
      stats = await compute(request);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      const raw = (request.query ?? {}) as Record<string, string | undefined>;
      return sendHtml(
        reply,
        <ConsolePage ctx={ctx} title={TITLE}>
          <RangeForm values={{ from: raw.from, to: raw.to }} errors={e.fields} />
        </ConsolePage>,
        400,
      );
    }
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title={TITLE}>
        <Dashboard stats={stats} />
      </ConsolePage>,
    );
  });

  app.get('/console/statistics.csv', PERMISSION, async (request, reply) => {
    const stats = await compute(request);
    const name = `statistics-${stats.from.replace(/-/g, '')}-${stats.to.replace(/-/g, '')}.csv`;
    return reply
      .headers({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
      })
      .send(statsCsv(stats));
  });
}

function RangeForm(p: {
  values: { from?: string | undefined; to?: string | undefined };
  errors?: FieldErrors;
}) {
  const year = Number(todayCst().slice(0, 4));
  return (
    <>
      <form method="get" action="/console/statistics" class="form-inline" aria-label="统计区间" noValidate>
        <ErrorSummary errors={p.errors} />
        <Field name="from" label={LABELS.from} type="date" value={p.values.from} errors={p.errors} />
        <Field name="to" label={LABELS.to} type="date" value={p.values.to} errors={p.errors} />
        <button type="submit">统计</button>
      </form>
      <p>
        按年度：
        {[year, year - 1, year - 2].map((y, i) => (
          <span key={y}>
            {i > 0 && '、'}
            <a href={`/console/statistics?year=${y}`}>{y}年</a>
          </span>
        ))}
      </p>
    </>
  );
}

function Dashboard({ stats: s }: { stats: DashboardStats }) {
  const t = s.totals;
  const query = new URLSearchParams({ from: s.from, to: s.to }).toString();
  return (
    <>
      <RangeForm values={{ from: s.from, to: s.to }} />
      <p>
        统计区间：{s.from} 至 {s.to}。
        <a href={`/console/statistics.csv?${query}`}>
          导出 CSV（{s.from} 至 {s.to}）
        </a>
      </p>
      {s.warnings.length > 0 && (
        <Notice kind="warning">
          {s.warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </Notice>
      )}
      <p class="hint">
        工作日按平台工作日历计算（节假日、调休已计入），起算日当天不计入、答复或公开当日计入；申请自收到之日（补正的，自收到补正之日）起算至答复之日，征求意见、缴费等暂停计时期间未扣除。
        “办理中”“已超期”为截至 {s.today} 的情况。
      </p>
      <dl class="article-meta">
        <dt>收到申请</dt>
        <dd>{t.received} 件</dd>
        <dt>作出答复</dt>
        <dd>{t.replied} 件</dd>
        <dt>按时答复率</dt>
        <dd>
          {fmtRate(t.onTimeRate)}（{t.onTime} 件按时）
        </dd>
        <dt>平均办理工作日</dt>
        <dd>{fmtDays(t.avgWorkdays)}</dd>
        <dt>办理中 / 已超期</dt>
        <dd>
          {t.open} 件 / {t.overdue} 件
        </dd>
        <dt>主动公开文件</dt>
        <dd>
          {t.published} 份，按时公开率 {fmtRate(t.timelyRate)}（逾期 {t.late} 份）
        </dd>
      </dl>

      <h2>依申请公开：收到与答复</h2>
      <MonthChart
        title="按月收到的政府信息公开申请"
        unit="件"
        months={s.months.map((m) => ({ month: m.month, value: m.received }))}
      />
      <MonthChart
        title="按月作出的答复"
        unit="件"
        months={s.months.map((m) => ({ month: m.month, value: m.replied }))}
      />

      <h2>办理结果</h2>
      <BarChart
        title="答复按办理结果分类"
        unit="件"
        data={s.categories.map((c) => ({ label: c.name, value: c.count }))}
      />
      <BarChart
        title="答复按答复类型分布"
        unit="件"
        data={s.replyTypes.map((r) => ({ label: `${r.name}（${r.category}）`, value: r.count }))}
      />

      <h2>各承办单位办理情况</h2>
      <UnitTable stats={s} />
      <BarChart
        title="各承办单位平均办理工作日"
        unit="个工作日"
        data={s.units
          .filter((u) => u.avgWorkdays !== null)
          .map((u) => ({ label: u.name, value: u.avgWorkdays ?? 0 }))}
      />

      <h2>主动公开：各栏目发布与时效</h2>
      <p class="hint">
        依据《政府信息公开条例》第二十六条，主动公开的政府信息应当自形成或者变更之日起 20
        个工作日内公开；统计区间内发布且仍处于发布状态的文件计入。
      </p>
      <BarChart
        title="各栏目发布的文件数"
        unit="份"
        data={s.columns.map((c) => ({ label: c.name, value: c.published }))}
      />
      <ColumnTable stats={s} />
    </>
  );
}

function UnitTable({ stats: s }: { stats: DashboardStats }) {
  if (s.units.length === 0) return <p>统计区间内没有答复，也没有办理中的申请。</p>;
  const t = s.totals;
  return (
    <table>
      <caption>
        各承办单位答复情况（{s.from} 至 {s.to} 作出的答复；办理中、已超期截至 {s.today}）
      </caption>
      <thead>
        <tr>
          <th scope="col">承办单位</th>
          <th scope="col">类型</th>
          <th scope="col">答复件数</th>
          <th scope="col">按时答复</th>
          <th scope="col">按时答复率</th>
          <th scope="col">平均办理工作日</th>
          <th scope="col">办理中</th>
          <th scope="col">已超期</th>
        </tr>
      </thead>
      <tbody>
        {s.units.map((u) => (
          <tr key={u.orgId ?? 0}>
            <th scope="row">{u.name}</th>
            <td>{u.kindLabel}</td>
            <td>{u.replied}</td>
            <td>{u.onTime}</td>
            <td>{fmtRate(u.onTimeRate)}</td>
            <td>{fmtDays(u.avgWorkdays)}</td>
            <td>{u.open}</td>
            <td>{u.overdue}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">合计</th>
          <td />
          <td>{t.replied}</td>
          <td>{t.onTime}</td>
          <td>{fmtRate(t.onTimeRate)}</td>
          <td>{fmtDays(t.avgWorkdays)}</td>
          <td>{t.open}</td>
          <td>{t.overdue}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function ColumnTable({ stats: s }: { stats: DashboardStats }) {
  if (s.columns.length === 0) return <p>统计区间内没有发布文件。</p>;
  const t = s.totals;
  return (
    <table>
      <caption>
        各栏目发布文件及公开时效（{s.from} 至 {s.to} 发布）
      </caption>
      <thead>
        <tr>
          <th scope="col">栏目</th>
          <th scope="col">发布文件</th>
          <th scope="col">按时公开</th>
          <th scope="col">逾期公开</th>
          <th scope="col">按时公开率</th>
          <th scope="col">形成至公开平均工作日</th>
        </tr>
      </thead>
      <tbody>
        {s.columns.map((c) => (
          <tr key={c.columnId}>
            <th scope="row">{c.name}</th>
            <td>{c.published}</td>
            <td>{c.timely}</td>
            <td>{c.late}</td>
            <td>{fmtRate(c.timelyRate)}</td>
            <td>{fmtDays(c.avgWorkdays)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">合计</th>
          <td>{t.published}</td>
          <td>{t.timely}</td>
          <td>{t.late}</td>
          <td>{fmtRate(t.timelyRate)}</td>
          <td>{fmtDays(t.publishedAvgWorkdays)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
