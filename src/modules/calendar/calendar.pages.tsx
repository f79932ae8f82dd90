import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../platform/actor.js';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate } from '../../platform/time.js';
import { ErrorSummary, Field, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { CALENDAR_LABELS, entrySchema, yearSchema } from './calendar.schema.js';
import {
  addWorkdaysAt,
  calendarOverview,
  declareYear,
  missingYears,
  saveEntry,
  withdrawEntry,
} from './calendar.service.js';

const KIND_LABEL = { rest: '放假', workday: '调休上班', normal: '恢复正常（取消官方安排）' } as const;

export function calendarPages(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const region = config.calendarRegion;

  const render = async (
    request: FastifyRequest,
    errors?: Record<string, string>,
    values: Record<string, unknown> = {},
  ) => {
    const q = request.query as Record<string, string | undefined>;
    const ctx = await pageContext(db, request);
    const [overview, missing] = await Promise.all([calendarOverview(db, region), missingYears(db, region)]);
    let calc: Awaited<ReturnType<typeof addWorkdaysAt>> | null = null;
    let calcError: string | null = null;
    if (q.from && q.days !== undefined) {
      try {
        calc = await addWorkdaysAt(db, config, q.from, q.days);
      } catch (e) {
        if (!isAppError(e)) throw e;
        calcError = e.message;
      }
    }
    const manage = can(ctx.actor, 'calendar.manage');
    return (
      <ConsolePage ctx={ctx} title="工作日历">
        {missing.map((y) => (
          <Notice key={y} kind="warning">
            {y} 年尚无国务院办公厅节假日安排数据：涉及该年的期限只能按周末推算。请在官方通知发布后录入。
          </Notice>
        ))}
        {q.saved && <Notice kind="success">已保存。</Notice>}
        <section aria-labelledby="h-calc">
          <h2 id="h-calc">期限计算</h2>
          <form method="get" action="/console/calendar" class="form-inline">
            <Field name="from" label="起始日期" type="date" value={q.from ?? ''} />
            <Field name="days" label="工作日数" type="number" value={q.days ?? '20'} />
            <button type="submit">计算</button>
          </form>
          <p class="hint">
            起始日为第 0 日，自次日起计算（
            {config.calendarStartCounting === 'next-day' ? '当前设置' : '当前设置为起始日计入'}）。
          </p>
          {calcError && <Notice kind="warning">{calcError}</Notice>}
          {calc && (
            <div role="status">
              <p>
                结果：<strong>{calc.date}</strong>
              </p>
              <ol class="explain">
                {calc.explanation.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ol>
              {calc.warnings.map((w) => (
                <Notice key={w} kind="warning">
                  {w}
                </Notice>
              ))}
            </div>
          )}
        </section>
        <section aria-labelledby="h-official">
          <h2 id="h-official">官方节假日安排</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col">依据</th>
                <th scope="col">假期数</th>
              </tr>
            </thead>
            <tbody>
              {overview.official.map((y) => (
                <tr key={y.year}>
                  <td>{y.year}</td>
                  <td>{y.notice}</td>
                  <td>{y.periods}</td>
                </tr>
              ))}
              {overview.declared.map((y) => (
                <tr key={`d${y.year}`}>
                  <td>{y.year}</td>
                  <td>{y.source}（管理员录入）</td>
                  <td>—</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="h-local">
          <h2 id="h-local">本地条目（含历史版本）</h2>
          {overview.entries.length === 0 ? (
            <p>暂无本地条目。</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">日期</th>
                  <th scope="col">类型</th>
                  <th scope="col">名称</th>
                  <th scope="col">依据</th>
                  <th scope="col">版本</th>
                  <th scope="col">状态</th>
                </tr>
              </thead>
              <tbody>
                {overview.entries.map((e) => (
                  <tr key={e.id}>
                    <td>{e.date}</td>
                    <td>{KIND_LABEL[e.kind]}</td>
                    <td>{e.name}</td>
                    <td>{e.source}</td>
                    <td>v{e.version}</td>
                    <td>{e.superseded_at ? `已于 ${formatPubDate(e.superseded_at)} 失效` : '生效中'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {manage && (
          <>
            <section aria-labelledby="h-add">
              <h2 id="h-add">录入或修改放假、调休安排</h2>
              <ErrorSummary errors={errors} />
              <Form ctx={ctx} action="/console/calendar/entries" label="录入日历条目">
                <Field
                  name="date"
                  label="日期"
                  type="date"
                  value={values.date as string}
                  errors={errors}
                  required
                />
                <Field
                  name="to"
                  label="截止日期（选填）"
                  type="date"
                  value={values.to as string}
                  errors={errors}
                  hint="录入连续多天（如整个春节假期）时填写，最多 31 天"
                />
                <Field
                  name="kind"
                  label="类型"
                  value={(values.kind as string) ?? 'rest'}
                  errors={errors}
                  options={Object.entries(KIND_LABEL).map(([value, label]) => ({ value, label }))}
                />
                <Field
                  name="name"
                  label="名称"
                  value={values.name as string}
                  errors={errors}
                  required
                  hint="例如：春节、元旦、本地防汛停工"
                />
                <Field
                  name="source"
                  label="依据"
                  value={values.source as string}
                  errors={errors}
                  required
                  hint="通知文号或名称"
                />
                <Field name="note" label="备注" value={values.note as string} errors={errors} />
                <button type="submit">保存</button>
              </Form>
            </section>
            <section aria-labelledby="h-withdraw">
              <h2 id="h-withdraw">撤回本地条目</h2>
              <Form
                ctx={ctx}
                action="/console/calendar/entries/withdraw"
                class="form-inline"
                label="撤回本地条目"
              >
                <Field name="date" label="日期" type="date" errors={errors} />
                <button type="submit" class="secondary">
                  撤回
                </button>
              </Form>
            </section>
            <section aria-labelledby="h-year">
              <h2 id="h-year">确认某年度安排已录入完整</h2>
              <p class="hint">
                录入某年全部放假与调休日期后，确认该年度，系统即不再对该年给出缺少数据的警告。
              </p>
              <Form ctx={ctx} action="/console/calendar/years" class="form-inline" label="确认年度">
                <Field name="year" label="年度" type="number" value={values.year as string} errors={errors} />
                <Field name="source" label="依据" value={values.yearSource as string} errors={errors} />
                <button type="submit">确认</button>
              </Form>
            </section>
          </>
        )}
      </ConsolePage>
    );
  };

  app.get('/console/calendar', { config: { permission: 'calendar.read' } }, async (request, reply) =>
    sendHtml(reply, await render(request)),
  );

  const manage = { config: { permission: 'calendar.manage' } };
  const handle =
    (fn: (request: FastifyRequest, body: Record<string, unknown>) => Promise<void>) =>
    async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      try {
        await fn(request, body);
        return reply.redirect('/console/calendar?saved=1', 303);
      } catch (e) {
        if (!isAppError(e) || !e.fields) throw e;
        return sendHtml(reply, await render(request, e.fields, body), 400);
      }
    };

  app.post(
    '/console/calendar/entries',
    manage,
    handle(async (request, body) => {
      await saveEntry(db, request.actor, region, parseInput(entrySchema, body, CALENDAR_LABELS));
    }),
  );
  app.post(
    '/console/calendar/entries/withdraw',
    manage,
    handle(async (request, body) => {
      await withdrawEntry(
        db,
        request.actor,
        region,
        parseInput(entrySchema.pick({ date: true }), body, CALENDAR_LABELS).date,
      );
    }),
  );
  app.post(
    '/console/calendar/years',
    manage,
    handle(async (request, body) => {
      const input = parseInput(yearSchema, body, CALENDAR_LABELS);
      await declareYear(db, request.actor, region, input.year, input.source);
    }),
  );
}
