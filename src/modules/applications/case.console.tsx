import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../platform/actor.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import {
  idParam,
  optionalEnum,
  optionalIdQuery,
  optionalYearQuery,
  parseInput,
} from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { todayCst } from '../../platform/time.js';
import { Field, type FieldErrors, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { findApplication } from './application.repository.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  CASE_LABELS,
  type CaseKind,
  decisionLabel,
  inReportYear,
} from './case.rules.js';
import {
  type CaseForm,
  casesOfApplication,
  casesOfYear,
  createCase,
  facts,
  getCase,
  mayRecordCases,
  updateCase,
} from './case.service.js';
import {
  CASES_BASE,
  CaseFormView,
  CaseTable,
  CountingNotes,
  KIND_OPTIONS,
  SectionFourTable,
  valuesOf,
  yearOutcome,
} from './case.views.js';

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const BASE = CASES_BASE;
const DONE: Record<string, string> = { created: '已登记案件。', updated: '已保存修改。' };
const FIELDS = Object.keys(CASE_LABELS) as (keyof typeof CASE_LABELS)[];

const listQuery = z.object({
  year: optionalYearQuery(),
  kind: optionalEnum(CASE_KINDS),
  application: optionalIdQuery(),
});
const LIST_LABELS = { year: '统计年度', kind: '案件类型', application: '关联申请' };

/** Only the case fields of a posted form (never the CSRF token or anything else). */
const formOf = (body: unknown): CaseForm => {
  const b = (body ?? {}) as Values;
  return Object.fromEntries(FIELDS.map((k) => [k, str(b[k])]));
};

/** Console pages of reconsideration and litigation cases (行政复议、行政诉讼) and the section 四 preview. */
export function caseConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const read = { config: { permission: P.read } };
  const ctxOf = (r: FastifyRequest) => pageContext(db, r);

  app.get(BASE, read, async (request, reply) => {
    const ctx = await ctxOf(request);
    const q = parseInput(listQuery, request.query, LIST_LABELS);
    const thisYear = Number(todayCst().slice(0, 4));
    const year = q.year ?? thisYear;
    const { cases, row } = await casesOfYear({ db }, ctx.actor, year, q.kind);
    const linked = q.application ? await casesOfApplication({ db }, ctx.actor, q.application) : null;
    const years = Array.from({ length: 10 }, (_, i) => thisYear - i);
    if (!years.includes(year)) years.push(year);
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="行政复议、行政诉讼案件">
        <p>
          <a href="/console/applications">返回申请列表</a>
          {mayRecordCases(ctx.actor) && (
            <>
              {' '}
              · <a href={`${BASE}/new`}>登记复议、诉讼案件</a>
            </>
          )}
        </p>
        <form method="get" action={BASE} class="form-inline" aria-label="筛选案件">
          <Field
            name="year"
            label="统计年度"
            value={String(year)}
            options={years.map((y) => ({ value: String(y), label: `${y} 年` }))}
          />
          <Field
            name="kind"
            label="案件类型"
            value={q.kind ?? ''}
            options={[{ value: '', label: '全部' }, ...KIND_OPTIONS.slice(1)]}
          />
          <button type="submit">筛选</button>
        </form>
        <SectionFourTable year={year} row={row} />
        <CountingNotes />
        {linked && (
          <CaseTable
            rows={linked}
            year={year}
            caption={`申请（编号 ${q.application}）的案件，共 ${linked.length} 件`}
          />
        )}
        <CaseTable
          rows={cases}
          year={year}
          caption={`计入 ${year} 年度的${q.kind ? CASE_KIND_LABELS[q.kind] : ''}案件，共 ${cases.length} 件`}
        />
      </ConsolePage>,
    );
  });

  const newPage = (ctx: PageContext, values: CaseForm, errors?: FieldErrors) => (
    <ConsolePage ctx={ctx} title="登记行政复议、行政诉讼案件">
      <p>
        <a href={BASE}>返回案件列表</a>
      </p>
      {mayRecordCases(ctx.actor) ? (
        <CaseFormView ctx={ctx} action={BASE} label="登记案件" values={values} errors={errors} />
      ) : (
        <Notice kind="warning">登记复议、诉讼案件须具有公开办受理或核准权限，您可以查看案件列表。</Notice>
      )}
    </ConsolePage>
  );

  app.get(`${BASE}/new`, read, async (request, reply) => {
    const q = parseInput(listQuery.pick({ application: true }), request.query, LIST_LABELS);
    const values: CaseForm = {};
    if (q.application) {
      const linked = await findApplication(db, q.application);
      if (!linked) throw new AppError('NOT_FOUND', { message: '申请不存在' });
      values.applicationCode = linked.tracking_code;
    }
    return sendHtml(reply, newPage(await ctxOf(request), values));
  });

  app.post(BASE, read, async (request, reply) => {
    const values = formOf(request.body);
    try {
      const row = await createCase({ db }, request.actor, values);
      return reply.redirect(`${BASE}/${row.id}?done=created`, 303);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, newPage(await ctxOf(request), values, e.fields), 400);
    }
  });

  const detailPage = async (
    request: FastifyRequest,
    id: number,
    form?: { values: CaseForm; errors: FieldErrors },
  ) => {
    const ctx = await ctxOf(request);
    const row = await getCase({ db }, ctx.actor, id);
    const done = str((request.query as Values).done);
    const thisYear = Number(todayCst().slice(0, 4));
    const firstYear = Number(row.filed_on.slice(0, 4));
    const years = Array.from({ length: Math.max(0, thisYear - firstYear + 1) }, (_, i) => firstYear + i);
    return (
      <ConsolePage ctx={ctx} title={`案件 ${row.case_no}`}>
        <p>
          <a href={BASE}>返回案件列表</a>
        </p>
        {DONE[done] && <Notice kind="success">{DONE[done]}</Notice>}
        <dl>
          <dt>{CASE_LABELS.kind}</dt>
          <dd>{CASE_KIND_LABELS[row.kind as CaseKind] ?? row.kind}</dd>
          <dt>{CASE_LABELS.body}</dt>
          <dd>{row.body}</dd>
          <dt>关联申请</dt>
          <dd>
            {row.application_id ? (
              <a href={`/console/applications/${row.application_id}`}>{row.application_code}</a>
            ) : (
              '无（与平台上的申请无关）'
            )}
          </dd>
          <dt>{CASE_LABELS.filedOn}</dt>
          <dd>{row.filed_on}</dd>
          <dt>{CASE_LABELS.decision}</dt>
          <dd>{row.decision ? `${decisionLabel(row.decision)}，${row.decided_on}` : '尚未审结'}</dd>
          <dt>年度报告归类</dt>
          <dd>
            {years
              .filter((y) => inReportYear(facts(row), y))
              .map((y) => `${y} 年：${yearOutcome(row, y)}`)
              .join('；') || '—'}
          </dd>
          {row.notes && (
            <>
              <dt>{CASE_LABELS.notes}</dt>
              <dd>{row.notes}</dd>
            </>
          )}
        </dl>
        {row.kind === 'reconsideration' && row.decision && (
          <section aria-labelledby="h-publish">
            <h2 id="h-publish">公开行政复议决定书</h2>
            {row.document_id ? (
              <p>
                已在“行政复议决定书”栏目起草：
                {can(ctx.actor, 'documents.edit') ? (
                  <a href={`/console/documents/${row.document_id}`}>查看和办理该文件</a>
                ) : (
                  `文件编号 ${row.document_id}`
                )}
                （经保密审查后发布）。
              </p>
            ) : (
              <p>由信息发布员在“行政复议决定书”栏目起草公开（工作要点五.2）。</p>
            )}
          </section>
        )}
        {mayRecordCases(ctx.actor) && (
          <section aria-labelledby="h-edit">
            <h2 id="h-edit">修改案件或登记审结结果</h2>
            <CaseFormView
              ctx={ctx}
              action={`${BASE}/${id}`}
              label="修改案件"
              values={form?.values ?? valuesOf(row)}
              errors={form?.errors}
            />
          </section>
        )}
      </ConsolePage>
    );
  };

  const idOf = (r: FastifyRequest) =>
    parseInput(idParam, (r.params as Record<string, string>).id, { _: '编号' });

  app.get(`${BASE}/:id`, read, async (request, reply) =>
    sendHtml(reply, await detailPage(request, idOf(request))),
  );

  app.post(`${BASE}/:id`, read, async (request, reply) => {
    const id = idOf(request);
    const values = formOf(request.body);
    try {
      await updateCase({ db }, request.actor, id, values);
      return reply.redirect(`${BASE}/${id}?done=updated`, 303);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, await detailPage(request, id, { values, errors: e.fields }), 400);
    }
  });
}
