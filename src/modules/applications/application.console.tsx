import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../platform/actor.js';
import { addWorkdays } from '../../platform/calendar/engine.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { todayCst } from '../../platform/time.js';
import { ErrorSummary, Field, type FieldErrors, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { loadCalendar } from '../calendar/index.js';
import { listOrgs } from '../orgs/index.js';
import * as repo from './application.repository.js';
import { INTAKE_LABELS, intakeSchema } from './application.schema.js';
import { clockOf, extendDeadline, transitionApplication } from './application.service.js';
import {
  type ApplicationAction,
  type ApplicationStatus,
  actionsFor,
  EXTEND_BY,
  EXTEND_FROM,
  OPEN_STATUSES,
  APPLICATION_PERMISSIONS as P,
  TRANSITIONS,
} from './application.status.js';
import { ActionForm, ClockView, DueBadge, statusLabel, Timeline } from './application.views.js';
import {
  ID_DOCUMENT_TYPES,
  ID_DOCUMENTS,
  maskDocumentNumber,
  maskEmail,
  maskPhone,
} from './identity.rules.js';
import { CHANNEL_RULES, CHANNELS, DELIVERIES, FORMS_WANTED } from './intake.rules.js';
import { type PersonalData, registerReceivedApplication, revealPersonalData } from './intake.service.js';
import { APPLICANT_TYPES, applicantTypeLabel } from './reply.rules.js';

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const idOf = (r: FastifyRequest) =>
  parseInput(idParam, (r.params as Record<string, string>).id, { _: '编号' });
const DONE: Record<string, string> = { acted: '已办理。', extended: '已延长答复期限。' };

const registerSchema = intakeSchema.extend({
  channel: z.enum(CHANNELS, { message: '请选择' }),
  receivedOn: z
    .string({ message: '必填' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '格式应为 YYYY-MM-DD'),
});

export function applicationConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const read = { config: { permission: P.read } };
  const intake = { config: { permission: P.intake } };
  const ctxOf = (r: FastifyRequest) => pageContext(db, r);

  // ------------------------------------------------------------------ list and board
  app.get('/console/applications', read, async (request, reply) => {
    const ctx = await ctxOf(request);
    const q = request.query as Record<string, unknown>;
    const filter = str(q.status);
    const today = todayCst();
    const cal = await loadCalendar(db, config.calendarRegion);
    const soonEnd = addWorkdays(cal, today, 5).date;
    const rows = await repo.listApplications(db, {
      statuses:
        filter === 'closed'
          ? ['replied', 'abandoned', 'withdrawn', 'archived']
          : filter
            ? [filter]
            : [...OPEN_STATUSES],
    });
    const overdue = rows.filter((r) => r.due_on && r.due_on < today && !r.clock_paused).length;
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="依申请公开办理">
        <p>
          {can(ctx.actor, P.intake) && (
            <a href="/console/applications/new">登记当面、邮寄、传真或电子邮件申请</a>
          )}
        </p>
        <nav aria-label="按状态筛选" class="facets">
          <a href="/console/applications">办理中</a> ·{' '}
          <a href="/console/applications?status=submitted">待确认</a> ·{' '}
          <a href="/console/applications?status=closed">已办结</a>
        </nav>
        {overdue > 0 && <Notice kind="warning">共有 {overdue} 件申请已超过答复期限。</Notice>}
        <table>
          <caption>共 {rows.length} 件申请（答复期限 5 个工作日内到期的标为“临近期限”）</caption>
          <thead>
            <tr>
              <th scope="col">查询码</th>
              <th scope="col">申请人</th>
              <th scope="col">所需信息</th>
              <th scope="col">状态</th>
              <th scope="col">收到申请之日</th>
              <th scope="col">答复期限</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a href={`/console/applications/${r.id}`}>{r.tracking_code}</a>
                </th>
                <td>{r.applicant_label}</td>
                <td>{r.subject}</td>
                <td>{statusLabel(r.status)}</td>
                <td>{r.received_on ?? '—'}</td>
                <td>
                  <DueBadge row={r} today={today} soon={soonEnd} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ConsolePage>,
    );
  });

  // ------------------------------------------------------------------ staff registration
  const newPage = (ctx: PageContext, values: Values, errors?: FieldErrors) => {
    const v = (k: string) => str(values[k]);
    const opts = (o: Record<string, string>) => [
      { value: '', label: '请选择' },
      ...Object.entries(o).map(([value, label]) => ({ value, label })),
    ];
    return (
      <ConsolePage ctx={ctx} title="登记申请">
        <p>
          <a href="/console/applications">返回申请列表</a>
        </p>
        <Form ctx={ctx} action="/console/applications" label="登记申请">
          <ErrorSummary errors={errors} />
          <Field
            name="channel"
            label={INTAKE_LABELS.channel}
            required
            value={v('channel')}
            errors={errors}
            options={opts(
              Object.fromEntries(
                CHANNELS.map((c) => [
                  c,
                  `${CHANNEL_RULES[c].label}（以${CHANNEL_RULES[c].receivedOn}为收到申请之日）`,
                ]),
              ),
            )}
          />
          <Field
            name="receivedOn"
            label={INTAKE_LABELS.receivedOn}
            required
            type="date"
            value={v('receivedOn') || todayCst()}
            errors={errors}
            hint="按条例第三十一条：当面提交为提交之日；需签收的邮件为签收之日；平常信函为与申请人确认之日；网络、传真为双方确认之日"
          />
          <Field
            name="applicantType"
            label={INTAKE_LABELS.applicantType}
            required
            value={v('applicantType')}
            errors={errors}
            options={opts(Object.fromEntries(APPLICANT_TYPES.map((t) => [t, applicantTypeLabel(t)])))}
          />
          <Field name="name" label={INTAKE_LABELS.name} required value={v('name')} errors={errors} />
          <Field
            name="idType"
            label={INTAKE_LABELS.idType}
            required
            value={v('idType')}
            errors={errors}
            options={opts(Object.fromEntries(ID_DOCUMENT_TYPES.map((t) => [t, ID_DOCUMENTS[t].name])))}
          />
          <Field
            name="idNumber"
            label={INTAKE_LABELS.idNumber}
            required
            value={v('idNumber')}
            errors={errors}
          />
          <Field
            name="contactName"
            label={INTAKE_LABELS.contactName}
            value={v('contactName')}
            errors={errors}
          />
          <Field name="phone" label={INTAKE_LABELS.phone} required value={v('phone')} errors={errors} />
          <Field name="email" label={INTAKE_LABELS.email} value={v('email')} errors={errors} />
          <Field name="address" label={INTAKE_LABELS.address} value={v('address')} errors={errors} />
          <Field name="postcode" label={INTAKE_LABELS.postcode} value={v('postcode')} errors={errors} />
          <Field name="subject" label={INTAKE_LABELS.subject} required value={v('subject')} errors={errors} />
          <Field name="docNumber" label={INTAKE_LABELS.docNumber} value={v('docNumber')} errors={errors} />
          <Field
            name="description"
            label={INTAKE_LABELS.description}
            multiline
            value={v('description')}
            errors={errors}
          />
          <Field
            name="formWanted"
            label={INTAKE_LABELS.formWanted}
            required
            value={v('formWanted')}
            errors={errors}
            options={opts(FORMS_WANTED)}
          />
          <Field
            name="delivery"
            label={INTAKE_LABELS.delivery}
            required
            value={v('delivery')}
            errors={errors}
            options={opts(DELIVERIES)}
          />
          <button type="submit">登记</button>
        </Form>
      </ConsolePage>
    );
  };

  app.get('/console/applications/new', intake, async (request, reply) =>
    sendHtml(reply, newPage(await ctxOf(request), {})),
  );

  app.post('/console/applications', intake, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    try {
      const input = parseInput(registerSchema, body, INTAKE_LABELS);
      const r = await registerReceivedApplication({ db, config }, request.actor, input);
      // The password is shown once, in this answer: never in a URL (URLs end up in logs).
      return sendHtml(reply, await detailPage(request, r.id, { receipt: r }));
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, newPage(await ctxOf(request), body, e.fields), 400);
    }
  });

  // ------------------------------------------------------------------ one application
  const detailPage = async (
    request: FastifyRequest,
    id: number,
    extra: {
      personal?: PersonalData;
      form?: { action: string; values: Values; errors: FieldErrors };
      receipt?: { trackingCode: string; password: string };
    } = {},
  ) => {
    const ctx = await ctxOf(request);
    const row = await repo.findApplication(db, id);
    if (!row) throw new AppError('NOT_FOUND', { message: '申请不存在' });
    const [events, clock, orgs] = await Promise.all([
      repo.listEvents(db, id),
      clockOf({ db, config }, id),
      listOrgs(db),
    ]);
    const today = todayCst();
    const q = request.query as Record<string, unknown>;
    const actions = actionsFor(row.status as ApplicationStatus, ctx.actor.permissions).filter(
      (a) => a !== 'withdraw' || can(ctx.actor, P.intake),
    );
    const canExtend =
      can(ctx.actor, EXTEND_BY) && EXTEND_FROM.includes(row.status as ApplicationStatus) && !!row.received_on;
    const mayReveal =
      can(ctx.actor, P.intake) ||
      (can(ctx.actor, P.handle) && row.org_id !== null && row.org_id === ctx.actor.orgId);
    const pd = extra.personal;
    const handlers = orgs.filter((o) => o.kind === 'division' || o.kind === 'branch');
    return (
      <ConsolePage ctx={ctx} title={`申请 ${row.tracking_code}`}>
        <p>
          <a href="/console/applications">返回申请列表</a>
        </p>
        {typeof q.done === 'string' && DONE[q.done] && <Notice kind="success">{DONE[q.done]}</Notice>}
        {extra.receipt && (
          <Notice kind="success">
            已登记。请将查询码 <strong>{extra.receipt.trackingCode}</strong> 和查询密码{' '}
            <strong>{extra.receipt.password}</strong> 告知申请人（回执），查询密码不再显示。
          </Notice>
        )}
        <dl>
          <dt>状态</dt>
          <dd>{statusLabel(row.status)}</dd>
          <dt>申请方式</dt>
          <dd>{CHANNEL_RULES[row.channel as keyof typeof CHANNEL_RULES]?.label ?? row.channel}</dd>
          <dt>收到申请之日</dt>
          <dd>{row.received_on ? `${row.received_on}（${row.receipt_basis ?? ''}）` : '待确认'}</dd>
          <dt>申请人</dt>
          <dd>
            {pd ? pd.name : row.applicant_label}（
            {applicantTypeLabel(row.applicant_type as (typeof APPLICANT_TYPES)[number])}）
          </dd>
          <dt>证件</dt>
          <dd>{pd ? `${ID_DOCUMENTS[pd.idType].name} ${pd.idNumber}` : '已加密保存'}</dd>
          {pd && (
            <>
              <dt>联系方式</dt>
              <dd>
                {pd.phone} {pd.email ?? ''} {pd.address ?? ''} {pd.postcode ?? ''}
              </dd>
            </>
          )}
          <dt>所需信息</dt>
          <dd>
            {row.subject}
            {row.doc_number ? `（${row.doc_number}）` : ''}
            {row.description ? `：${row.description}` : ''}
          </dd>
          <dt>获取方式 / 送达方式</dt>
          <dd>
            {FORMS_WANTED[row.form_wanted as keyof typeof FORMS_WANTED] ?? row.form_wanted} /{' '}
            {DELIVERIES[row.delivery as keyof typeof DELIVERIES] ?? row.delivery}
          </dd>
          <dt>承办单位</dt>
          <dd>
            {orgs.find((o) => o.id === row.org_id)?.name ?? '未分办'}
            {row.internal_due_on ? `（内部期限 ${row.internal_due_on}）` : ''}
          </dd>
        </dl>
        {mayReveal && !pd && (
          <Form
            ctx={ctx}
            action={`/console/applications/${id}/reveal`}
            label="查看申请人完整信息"
            class="form-inline"
          >
            <button type="submit">查看申请人完整信息（将记入审计日志）</button>
          </Form>
        )}
        {clock && <ClockView clock={clock} />}
        <section aria-labelledby="h-actions">
          <h2 id="h-actions">办理</h2>
          {actions.length === 0 && !canExtend && <p>当前状态下您没有可办理的操作。</p>}
          {extra.form && <ErrorSummary errors={prefix(extra.form.errors, extra.form.action)} />}
          {actions.map((a) => (
            <ActionForm
              key={a}
              ctx={ctx}
              id={id}
              action={a}
              orgs={handlers}
              today={today}
              values={extra.form?.action === a ? extra.form.values : undefined}
              errors={extra.form?.action === a ? extra.form.errors : undefined}
            />
          ))}
          {canExtend && (
            <Form
              ctx={ctx}
              action={`/console/applications/${id}/extend`}
              label="延期答复"
              class="form action-form"
            >
              <h3>延期答复（条例第三十三条第二款，最长 20 个工作日）</h3>
              <Field
                name="extend-days"
                label="延长工作日数"
                required
                type="number"
                value={str(extra.form?.action === 'extend' ? extra.form.values.days : '') || '20'}
                errors={extra.form?.action === 'extend' ? prefix(extra.form.errors, 'extend') : undefined}
              />
              <Field
                name="extend-reason"
                label="延期理由"
                required
                multiline
                value={str(extra.form?.action === 'extend' ? extra.form.values.reason : '')}
                errors={extra.form?.action === 'extend' ? prefix(extra.form.errors, 'extend') : undefined}
              />
              <button type="submit">批准延期</button>
            </Form>
          )}
        </section>
        <section aria-labelledby="h-timeline">
          <h2 id="h-timeline">办理记录</h2>
          <Timeline events={events} />
        </section>
        {pd && (
          <p class="hint">
            以上个人信息仅供办理使用，本次查看已记入审计日志。脱敏显示：
            {maskDocumentNumber(pd.idType, pd.idNumber)}，{maskPhone(pd.phone)}，{maskEmail(pd.email)}
          </p>
        )}
      </ConsolePage>
    );
  };

  app.get('/console/applications/:id', read, async (request, reply) =>
    sendHtml(reply, await detailPage(request, idOf(request))),
  );

  app.post('/console/applications/:id/reveal', read, async (request, reply) => {
    const id = idOf(request);
    const personal = await revealPersonalData({ db, config }, request.actor, id);
    return sendHtml(reply, await detailPage(request, id, { personal }));
  });

  app.post('/console/applications/:id/act', read, async (request, reply) => {
    const id = idOf(request);
    const body = (request.body ?? {}) as Values;
    const action = str(body.action) as ApplicationAction;
    if (!Object.hasOwn(TRANSITIONS, action)) throw new AppError('BAD_REQUEST', { message: '未知的办理操作' });
    const values: Values = {};
    for (const [k, v] of Object.entries(body))
      if (k.startsWith(`${action}-`)) values[k.slice(action.length + 1)] = v;
    try {
      const orgId = str(values.orgId) ? Number(values.orgId) : null;
      await transitionApplication({ db, config }, request.actor, id, action, {
        reason: str(values.reason) || null,
        on: str(values.on) || null,
        text: str(values.text) || null,
        dueOn: str(values.dueOn) || null,
        orgId: Number.isInteger(orgId) ? orgId : null,
        internalDueOn: str(values.internalDueOn) || null,
        replyType: str(values.replyType) || null,
        method: str(values.method) || null,
        pieces: wholeNumber(values.pieces),
        pages: wholeNumber(values.pages),
      });
      return reply.redirect(`/console/applications/${id}?done=acted`, 303);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(
        reply,
        await detailPage(request, id, { form: { action, values, errors: e.fields } }),
        400,
      );
    }
  });

  app.post('/console/applications/:id/extend', read, async (request, reply) => {
    const id = idOf(request);
    const body = (request.body ?? {}) as Values;
    const values = { days: str(body['extend-days']), reason: str(body['extend-reason']) };
    try {
      const days = Number(values.days);
      if (!/^\d{1,2}$/.test(values.days))
        throw new AppError('VALIDATION_FAILED', {
          message: '延长工作日数：应为 1—20 的整数',
          fields: { days: '延长工作日数：应为 1—20 的整数' },
        });
      await extendDeadline({ db, config }, request.actor, id, { days, reason: values.reason });
      return reply.redirect(`/console/applications/${id}?done=extended`, 303);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(
        reply,
        await detailPage(request, id, { form: { action: 'extend', values, errors: e.fields } }),
        400,
      );
    }
  });
}

/** A whole number typed in a form, or null; anything else is left to the rules to refuse by name. */
function wholeNumber(v: unknown): number | null {
  const s = str(v).trim();
  if (!s) return null;
  return /^\d{1,9}$/.test(s) ? Number(s) : -1;
}

function prefix(errors: FieldErrors, action: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, m]) => [`${action}-${k}`, m]));
}
