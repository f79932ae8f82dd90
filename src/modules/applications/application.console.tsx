import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../platform/actor.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { contentDisposition } from '../../platform/http/download.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { todayCst } from '../../platform/time.js';
import { ErrorSummary, Field, type FieldErrors, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { listOrgs } from '../orgs/index.js';
import { mayViewPersonalData } from './application.policy.js';
import * as repo from './application.repository.js';
import { clockOf, extendDeadline, transitionApplication } from './application.service.js';
import {
  type ApplicationAction,
  type ApplicationStatus,
  actionsFor,
  EXTEND_BY,
  EXTEND_FROM,
  APPLICATION_PERMISSIONS as P,
  TRANSITIONS,
} from './application.status.js';
import { ActionForm, ClockView, RepeatNotice, statusLabel, Timeline } from './application.views.js';
import { FilesSection, fileConsole } from './file.console.js';
import { listFiles } from './file.service.js';
import { ID_DOCUMENTS, maskDocumentNumber, maskEmail, maskPhone } from './identity.rules.js';
import { intakeConsole } from './intake.console.js';
import { CHANNEL_RULES, DELIVERIES, DELIVERY_METHODS, FORMS_WANTED } from './intake.rules.js';
import { type PersonalData, revealPersonalData } from './intake.service.js';
import { isLetterKind, LETTER_KIND_NAMES } from './letter.rules.js';
import { applicationLetter, availableLetters } from './letter.service.js';
import { repeatFlags } from './repeat.rules.js';
import { type APPLICANT_TYPES, applicantTypeLabel } from './reply.rules.js';

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const idOf = (r: FastifyRequest) =>
  parseInput(idParam, (r.params as Record<string, string>).id, { _: '编号' });
const DONE: Record<string, string> = {
  acted: '已办理。',
  extended: '已延长答复期限。',
  files: '附件已上传。',
};

/** Renders an application's console page; the registration answer shows it with the receipt. */
export type DetailPage = (
  request: FastifyRequest,
  id: number,
  extra?: {
    personal?: PersonalData;
    form?: { action: string; values: Values; errors: FieldErrors };
    receipt?: { trackingCode: string; password: string };
    filesErrors?: FieldErrors;
  },
) => Promise<preact.JSX.Element>;

export function applicationConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const read = { config: { permission: P.read } };
  const _intake = { config: { permission: P.intake } };
  const ctxOf = (r: FastifyRequest) => pageContext(db, r);

  // ------------------------------------------------------------------ staff registration

  // ------------------------------------------------------------------ one application
  const detailPage: DetailPage = async (
    request: FastifyRequest,
    id: number,
    extra: {
      personal?: PersonalData;
      form?: { action: string; values: Values; errors: FieldErrors };
      receipt?: { trackingCode: string; password: string };
      filesErrors?: FieldErrors;
    } = {},
  ) => {
    const ctx = await ctxOf(request);
    const row = await repo.findApplication(db, id);
    if (!row) throw new AppError('NOT_FOUND', { message: '申请不存在' });
    const [events, clock, orgs, others, files] = await Promise.all([
      repo.listEvents(db, id),
      clockOf({ db, config }, id),
      listOrgs(db),
      repo.otherRequestsOf(db, row),
      listFiles(db, id),
    ]);
    const letters = await availableLetters({ db, config }, id);
    const anchor = row.received_on ?? row.submitted_at.slice(0, 10);
    const flags = repeatFlags(
      {
        subject: row.subject,
        docNumber: row.doc_number,
        description: row.description,
        receivedOn: row.received_on,
      },
      others.map((o) => ({
        id: o.id,
        trackingCode: o.tracking_code,
        subject: o.subject,
        docNumber: o.doc_number,
        description: o.description,
        receivedOn: o.received_on,
        status: o.status,
        replyType: o.reply_type,
      })),
      new Date(Date.parse(`${anchor}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10),
    );
    const today = todayCst();
    const q = request.query as Record<string, unknown>;
    const actions = actionsFor(row.status as ApplicationStatus, ctx.actor.permissions).filter(
      (a) => a !== 'withdraw' || can(ctx.actor, P.intake),
    );
    const canExtend =
      can(ctx.actor, EXTEND_BY) && EXTEND_FROM.includes(row.status as ApplicationStatus) && !!row.received_on;
    const mayReveal = mayViewPersonalData(ctx.actor, row.org_id);
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
          {row.replied_on && (
            <>
              <dt>答复与送达</dt>
              <dd>
                {row.replied_on} 答复；
                {row.delivery_method
                  ? `${DELIVERY_METHODS[row.delivery_method as keyof typeof DELIVERY_METHODS] ?? row.delivery_method}${row.delivered_on ? `，${row.delivered_on} 送达` : '，送达日期待登记'}${row.delivery_proof ? `（凭证：${row.delivery_proof}）` : ''}`
                  : '送达情况待登记'}
              </dd>
            </>
          )}
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
        <RepeatNotice flags={flags} />
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
              delivery={row.delivery}
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
        <FilesSection ctx={ctx} id={id} files={files} mayOpen={mayReveal} errors={extra.filesErrors} />
        {letters.length > 0 && (
          <section aria-labelledby="h-letters">
            <h2 id="h-letters">文书（Word 格式）</h2>
            <ul>
              {letters.map((k) => (
                <li key={k}>
                  <a href={`/console/applications/${id}/letters/${k}`}>下载{LETTER_KIND_NAMES[k]}</a>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section aria-labelledby="h-cases">
          <h2 id="h-cases">行政复议、行政诉讼</h2>
          <p>
            <a href={`/console/applications/cases?application=${id}`}>查看本申请的复议、诉讼案件</a>
            {(can(ctx.actor, P.intake) || can(ctx.actor, P.approve)) && (
              <>
                {' · '}
                <a href={`/console/applications/cases/new?application=${id}`}>登记复议、诉讼案件</a>
              </>
            )}
          </p>
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

  intakeConsole(app, deps, detailPage);
  fileConsole(app, deps, detailPage);

  app.get('/console/applications/:id/letters/:kind', read, async (request, reply) => {
    const id = idOf(request);
    const kind = str((request.params as Record<string, string>).kind);
    if (!isLetterKind(kind)) throw new AppError('NOT_FOUND', { message: '没有这类文书' });
    const letter = await applicationLetter({ db, config }, id, kind);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header(
        'content-disposition',
        contentDisposition(`${LETTER_KIND_NAMES[kind]}-${letter.filename}`, letter.filename),
      )
      .send(letter.docx);
  });

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
        partyKind:
          str(values.partyKind) === 'agency'
            ? 'agency'
            : str(values.partyKind)
              ? (str(values.partyKind) as 'third_party')
              : null,
        pieces: wholeNumber(values.pieces),
        pages: wholeNumber(values.pages),
        deliveryMethod: str(values.deliveryMethod) || null,
        deliveredOn: str(values.deliveredOn) || null,
        proof: str(values.proof) || null,
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

  app.post(
    '/console/applications/:id/extend',
    { config: { permission: EXTEND_BY } },
    async (request, reply) => {
      const id = idOf(request);
      const body = (request.body ?? {}) as Values;
      const values = { days: str(body['extend-days']), reason: str(body['extend-reason']) };
      try {
        // The rule (1–20 whole working days in all) is extendDeadline's; an empty field is 0 and refused there.
        const days = /^\d{1,9}$/.test(values.days.trim()) ? Number(values.days) : Number.NaN;
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
    },
  );
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
