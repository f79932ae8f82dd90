import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../platform/actor.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate, todayCst } from '../../platform/time.js';
import { ErrorSummary, Field, type FieldErrors, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { CheckSection, OverridesSection, Workflow } from './report.console.views.js';
import {
  type CellRef,
  REPORT_COLUMNS,
  SECTION_FOUR_COLUMNS,
  SECTION_FOUR_ROWS,
  SECTION_THREE_ROW_KEYS,
  SECTION_TWO_ROWS,
} from './report.format.js';
import { cellName } from './report.labels.js';
import { importReport, publishReport } from './report.publish.js';
import * as repo from './report.repository.js';
import {
  explainFinding,
  overrideCell,
  REPORT_PERMISSIONS as P,
  prepareReport,
  REPORT_STATUS_LABELS,
  reportState,
  returnReport,
  saveInputs,
  saveTexts,
  submitReport,
} from './report.service.js';
import { ReportDocument } from './report.views.js';

/**
 * The console of the annual report (issue 6): the list of years, preparing a year's draft from the
 * records, entered figures, overrides (each with a reason, shown to the reviewer), the texts, the
 * check with an explanation per finding, and the workflow draft → review → published; importing the
 * JSON of earlier years.
 */
type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

const DONE: Record<string, string> = {
  prepared: '已根据平台数据计算报告表格。',
  inputs: '已保存填报数据。',
  override: '已修改单元格，修改理由将显示给审核人员。',
  texts: '已保存文字部分。',
  explained: '已保存说明。',
  submitted: '已提交审核。',
  returned: '已退回编制。',
  published: '年度报告已发布。',
  imported: '已导入往年报告。',
};

const EVENT_LABELS: Record<string, string> = {
  create: '创建草稿',
  recompute: '重新计算',
  inputs: '填报数据',
  override: '修改单元格',
  override_removed: '撤销修改',
  texts: '编辑文字',
  explain: '说明核对问题',
  submit: '提交审核',
  return: '退回',
  publish: '发布',
  import: '导入',
};

/** Every cell as an option for the override form. */
function cellOptions(): { value: string; label: string }[] {
  const cells: CellRef[] = [
    ...SECTION_TWO_ROWS.flatMap((r) =>
      r.columns.map((c) => ({ section: '二' as const, row: r.row, column: c })),
    ),
    ...SECTION_THREE_ROW_KEYS.flatMap((row) =>
      REPORT_COLUMNS.map((column) => ({ section: '三' as const, row, column })),
    ),
    ...SECTION_FOUR_ROWS.flatMap((row) =>
      SECTION_FOUR_COLUMNS.map((column) => ({ section: '四' as const, row, column })),
    ),
  ];
  return cells.map((c) => ({ value: `${c.section}:${c.row}:${c.column}`, label: cellName(c) }));
}
const CELL_OPTIONS = cellOptions();

export function reportConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const read = { config: { permission: P.read } };
  const ctxOf = (r: FastifyRequest) => pageContext(db, r);
  const yearOfReq = (r: FastifyRequest) => {
    const y = Number((r.params as Record<string, string>).year);
    if (!Number.isInteger(y) || y < 2000 || y > 2200)
      throw new AppError('NOT_FOUND', { message: '年度无效' });
    return y;
  };

  async function listPage(request: FastifyRequest, errors?: FieldErrors, values: Values = {}) {
    const ctx = await ctxOf(request);
    const rows = await repo.listReports(db);
    const lastYear = Number(todayCst().slice(0, 4)) - 1;
    const q = request.query as Values;
    return (
      <ConsolePage ctx={ctx} title="年度报告">
        {typeof q.done === 'string' && DONE[q.done] && <Notice kind="success">{DONE[q.done]}</Notice>}
        <p>
          依据条例第四十九条，每年 1 月 31
          日前公布上一年度政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）。
          <a href="/console/statistics">查看统计分析</a>
        </p>
        <ErrorSummary errors={errors} />
        <table class="data">
          <caption>各年度报告</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">报告机关</th>
              <th scope="col">状态</th>
              <th scope="col">来源</th>
              <th scope="col">发布日期</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={5}>还没有年度报告。</td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.year}>
                <th scope="row">
                  <a href={`/console/annual-reports/${r.year}`}>{r.year} 年度</a>
                </th>
                <td>{r.agency}</td>
                <td>{REPORT_STATUS_LABELS[r.status] ?? r.status}</td>
                <td>{r.source === 'imported' ? '导入' : '平台编制'}</td>
                <td>{r.published_on ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {can(ctx.actor, P.edit) && (
          <Form ctx={ctx} action="/console/annual-reports" label="编制年度报告" class="form">
            <h2>编制年度报告</h2>
            <Field
              name="year"
              label="年度"
              type="number"
              required
              value={str(values.year) || String(lastYear)}
              errors={errors}
              hint="根据平台的主动公开、依申请公开和复议诉讼记录计算各表；已有草稿的将重新计算表格，保留填报数据、修改、说明和文字"
            />
            <button type="submit">计算并编制</button>
          </Form>
        )}
        {can(ctx.actor, P.review) && (
          <Form ctx={ctx} action="/console/annual-reports/import" label="导入往年报告" class="form">
            <h2>导入往年报告（平台启用前的年度）</h2>
            <Field
              name="json"
              label="报告 JSON"
              multiline
              required
              value={str(values.json)}
              errors={errors}
              hint="格式见 README“年度报告 JSON 格式”；导入后作为已发布的报告，用于核对下一年度的上年结转"
            />
            <button type="submit">导入</button>
          </Form>
        )}
      </ConsolePage>
    );
  }

  async function reportPage(
    request: FastifyRequest,
    year: number,
    form?: { name: string; errors: FieldErrors; values: Values },
  ) {
    const ctx = await ctxOf(request);
    const s = await reportState(db, year);
    if (!s) throw new AppError('NOT_FOUND', { message: `${year} 年度报告尚未编制` });
    const q = request.query as Values;
    const events = await repo.listReportEvents(db, s.row.id);
    const highlight = new Set(
      s.check.violations.flatMap((v) => v.cells.map((c) => `${c.section}:${c.row}:${c.column}`)),
    );
    const draft = s.row.status === 'draft';
    const editor = can(ctx.actor, P.edit) && draft;
    const errs = (name: string) => (form?.name === name ? form.errors : undefined);
    const val = (name: string, k: string, fallback = '') =>
      form?.name === name ? str(form.values[k]) : fallback;
    return (
      <ConsolePage ctx={ctx} title={`${year} 年度报告`}>
        <p>
          <a href="/console/annual-reports">返回年度报告列表</a>
          {s.row.status === 'published' && (
            <>
              {' · '}
              <a href={`/annual-reports/${year}`}>查看公开页面</a>
            </>
          )}
        </p>
        {typeof q.done === 'string' && DONE[q.done] && <Notice kind="success">{DONE[q.done]}</Notice>}
        {form?.errors._ && <Notice kind="warning">{form.errors._}</Notice>}
        <dl>
          <dt>状态</dt>
          <dd>{REPORT_STATUS_LABELS[s.row.status] ?? s.row.status}</dd>
          <dt>报告机关</dt>
          <dd>{s.row.agency}</dd>
          {s.row.computed_at && (
            <>
              <dt>数据计算时间</dt>
              <dd>{formatPubDate(s.row.computed_at)}</dd>
            </>
          )}
        </dl>
        <CheckSection
          ctx={ctx}
          s={s}
          year={year}
          editable={can(ctx.actor, P.edit) && draft}
          errors={errs('explain')}
        />
        <OverridesSection s={s} />
        <Workflow ctx={ctx} s={s} year={year} errors={errs('workflow')} />
        {editor && (
          <section aria-labelledby="h-edit">
            <h2 id="h-edit">编制</h2>
            <Form ctx={ctx} action="/console/annual-reports" label="重新计算" class="form-inline">
              <input type="hidden" name="year" value={String(year)} />
              <button type="submit">按最新记录重新计算表格</button>
            </Form>
            <Form ctx={ctx} action={`/console/annual-reports/${year}/inputs`} label="填报数据" class="form">
              <h3>填报数据（平台没有记录的项目）</h3>
              <ErrorSummary errors={errs('inputs')} />
              <Field
                name="penalty"
                label="行政处罚本年处理决定数量"
                type="number"
                required
                value={val('inputs', 'penalty', String(s.inputs.penalty))}
                errors={errs('inputs')}
              />
              <Field
                name="coercion"
                label="行政强制本年处理决定数量"
                type="number"
                required
                value={val('inputs', 'coercion', String(s.inputs.coercion))}
                errors={errs('inputs')}
              />
              <Field
                name="charges"
                label="行政事业性收费本年收费金额（万元）"
                required
                value={val('inputs', 'charges', String(s.inputs.charges))}
                errors={errs('inputs')}
                hint="单位万元，最多 4 位小数"
              />
              <button type="submit">保存填报数据</button>
            </Form>
            <Form
              ctx={ctx}
              action={`/console/annual-reports/${year}/override`}
              label="修改单元格"
              class="form"
            >
              <h3>修改计算结果（须说明理由）</h3>
              <ErrorSummary errors={errs('override')} />
              <Field
                name="cell"
                label="单元格"
                required
                options={[{ value: '', label: '请选择' }, ...CELL_OPTIONS]}
                value={val('override', 'cell')}
                errors={errs('override')}
              />
              <Field
                name="value"
                label="修改为"
                value={val('override', 'value')}
                errors={errs('override')}
                hint="留空表示撤销该单元格的修改，恢复计算值"
              />
              <Field
                name="reason"
                label="修改理由"
                multiline
                required
                value={val('override', 'reason')}
                errors={errs('override')}
              />
              <button type="submit">保存修改</button>
            </Form>
            <Form ctx={ctx} action={`/console/annual-reports/${year}/texts`} label="文字部分" class="form">
              <h3>文字部分</h3>
              <ErrorSummary errors={errs('texts')} />
              <Field
                name="overview"
                label="一、总体情况"
                multiline
                required
                value={val('texts', 'overview', s.data.texts?.overview ?? '')}
                errors={errs('texts')}
              />
              <Field
                name="problems"
                label="五、存在的主要问题及改进情况"
                multiline
                required
                value={val('texts', 'problems', s.data.texts?.problems ?? '')}
                errors={errs('texts')}
              />
              <Field
                name="other"
                label="六、其他需要报告的事项"
                multiline
                required
                value={val('texts', 'other', s.data.texts?.other ?? '')}
                errors={errs('texts')}
              />
              <button type="submit">保存文字</button>
            </Form>
          </section>
        )}
        <section aria-labelledby="h-preview">
          <h2 id="h-preview">报告预览</h2>
          <ReportDocument report={s.data} idPrefix="pv" highlight={highlight} />
        </section>
        <section aria-labelledby="h-events">
          <h2 id="h-events">编制记录</h2>
          <ol class="timeline">
            {events.map((e) => (
              <li key={e.id}>
                <time datetime={e.at}>{formatPubDate(e.at)}</time> {e.actor_name}：
                {EVENT_LABELS[e.action] ?? e.action}
                {e.reason ? `（${e.reason}）` : ''}
              </li>
            ))}
          </ol>
        </section>
      </ConsolePage>
    );
  }

  const go = (reply: FastifyReply, url: string) => reply.redirect(url, 303);

  /** Run a form action; field errors (or a conflict) re-render the page with them. */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    name: string,
    fn: () => Promise<unknown>,
    done: string,
  ) {
    try {
      await fn();
      return go(reply, `/console/annual-reports/${year}?done=${done}`);
    } catch (e) {
      if (!isAppError(e)) throw e;
      const errors = e.fields ?? (e.code === 'CONFLICT' ? { _: e.message } : null);
      if (!errors) throw e;
      return sendHtml(
        reply,
        await reportPage(request, year, { name, errors, values: (request.body ?? {}) as Values }),
        400,
      );
    }
  }

  app.get('/console/annual-reports', read, async (request, reply) =>
    sendHtml(reply, await listPage(request)),
  );

  app.post('/console/annual-reports', { config: { permission: P.edit } }, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    const year = Number(str(body.year));
    try {
      await prepareReport(db, request.actor, year);
      return go(reply, `/console/annual-reports/${year}?done=prepared`);
    } catch (e) {
      if (!isAppError(e)) throw e;
      const errors = e.fields ?? (e.code === 'CONFLICT' ? { year: e.message } : null);
      if (!errors) throw e;
      return sendHtml(reply, await listPage(request, errors, body), 400);
    }
  });

  app.post('/console/annual-reports/import', { config: { permission: P.review } }, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    try {
      let value: unknown;
      try {
        value = JSON.parse(str(body.json));
      } catch {
        throw new AppError('VALIDATION_FAILED', { fields: { json: '报告 JSON：不是有效的 JSON' } });
      }
      const r = await importReport(db, request.actor, value);
      return go(reply, `/console/annual-reports/${r.year}?done=imported`);
    } catch (e) {
      if (!isAppError(e)) throw e;
      const errors = e.fields
        ? { json: Object.values(e.fields).join('；') }
        : e.code === 'CONFLICT'
          ? { json: e.message }
          : null;
      if (!errors) throw e;
      return sendHtml(reply, await listPage(request, errors, body), 400);
    }
  });

  app.get('/console/annual-reports/:year', read, async (request, reply) =>
    sendHtml(reply, await reportPage(request, yearOfReq(request))),
  );

  const post = (
    path: string,
    permission: string,
    name: string,
    done: string,
    fn: (r: FastifyRequest, year: number, body: Values) => Promise<unknown>,
  ) =>
    app.post(`/console/annual-reports/:year/${path}`, { config: { permission } }, async (request, reply) => {
      const year = yearOfReq(request);
      const body = (request.body ?? {}) as Values;
      return act(request, reply, year, name, () => fn(request, year, body), done);
    });
  post('inputs', P.edit, 'inputs', 'inputs', (r, y, b) => saveInputs(db, r.actor, y, b));
  post('override', P.edit, 'override', 'override', (r, y, b) =>
    overrideCell(db, r.actor, y, {
      cell: str(b.cell),
      value: str(b.value).trim() === '' ? null : str(b.value),
      reason: str(b.reason),
    }),
  );
  post('texts', P.edit, 'texts', 'texts', (r, y, b) => saveTexts(db, r.actor, y, b));
  post('explain', P.edit, 'explain', 'explained', (r, y, b) =>
    explainFinding(db, r.actor, y, { key: str(b.key), text: str(b.text) }),
  );
  post('submit', P.edit, 'workflow', 'submitted', (r, y) => submitReport(db, r.actor, y));
  post('return', P.review, 'workflow', 'returned', (r, y, b) => returnReport(db, r.actor, y, str(b.reason)));
  post('publish', P.review, 'workflow', 'published', (r, y) => publishReport(db, r.actor, y));
}
