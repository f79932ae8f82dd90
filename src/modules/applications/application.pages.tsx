import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { isAppError } from '../../platform/errors.js';
import { enforceRateLimit } from '../../platform/http/rate-limit.js';
import { sendHtml } from '../../platform/http/render.js';
import { parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { ErrorSummary, Field, type FieldErrors, Form } from '../../web/components.js';
import { pageContext } from '../../web/context.js';
import { PublicPage } from '../../web/layout.js';
import { APPLICANT_COOKIE, currentAccount } from './account.service.js';
import { ApplyForm, ReceiptView, StatusView, Steps } from './application.forms.js';
import { INTAKE_LABELS, intakeSchema, LOOKUP_LABELS, statusLookupSchema } from './application.schema.js';
import { FEE_PAGE_PATH } from './fee.pages.js';
import { APPLICATION_FILES_MULTIPART, uploadsOf } from './file.service.js';
import { submitApplication } from './intake.service.js';
import { lookupApplication, type PublicStatus, withdrawByApplicant } from './status.service.js';

const COLUMN = '依申请公开';
const HOME = { label: '首页', href: '/' };
const APPLY = { label: COLUMN, href: '/apply' };
const RULES = {
  submissions: { name: 'apply-ip', limit: 20, windowSeconds: 60 * 60 },
  lookups: { name: 'apply-status-ip', limit: 30, windowSeconds: 15 * 60 },
};

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
export function applicationPages(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const pub = { config: { permission: 'public', kind: 'html' as const } };
  // Pages with a form token differ per visitor: never cached.
  const form = { config: { permission: 'public', kind: 'html' as const, cache: false } };
  const upload = { config: { ...form.config, multipartOptions: APPLICATION_FILES_MULTIPART } };

  const page = async (request: FastifyRequest, title: string, body: ComponentChildren, crumbs = true) => {
    const ctx = await pageContext(db, request);
    return (
      <PublicPage
        ctx={ctx}
        title={title}
        column={COLUMN}
        breadcrumbs={crumbs ? [HOME, APPLY, { label: title }] : [HOME, { label: COLUMN }]}
        pubDate={new Date().toISOString()}
      >
        <h1>{title}</h1>
        {body}
      </PublicPage>
    );
  };

  app.get('/apply', pub, async (request, reply) =>
    sendHtml(
      reply,
      await page(
        request,
        '依申请公开',
        <>
          <p>公民、法人或者其他组织可以向本机关申请获取政府信息，无需说明用途。</p>
          <Steps />
          <ul class="actions">
            <li>
              <a href="/apply/form">在线提交申请</a>
            </li>
            <li>
              <a href="/apply/status">查询办理进度</a>
            </li>
            <li>
              <a href="/apply/account">我的申请（可选账户）</a>
            </li>
            <li>
              <a href="/apply/deadline">答复期限计算</a>
            </li>
            <li>
              <a href={FEE_PAGE_PATH}>信息处理费试算</a>
            </li>
            <li>
              <a href="/guide">政府信息公开指南</a>
            </li>
          </ul>
        </>,
        false,
      ),
    ),
  );

  const formPage = async (request: FastifyRequest, values: Values, errors?: FieldErrors) => {
    const ctx = await pageContext(db, request);
    const account = await currentAccount({ db, config }, request.cookies[APPLICANT_COOKIE]);
    return (
      <PublicPage
        ctx={ctx}
        title="在线申请"
        column={COLUMN}
        breadcrumbs={[HOME, APPLY, { label: '在线申请' }]}
        pubDate={new Date().toISOString()}
      >
        <h1>在线申请政府信息公开</h1>
        {account && (
          <p>
            您已登录（{account.emailMasked}），本申请提交后将保存在<a href="/apply/account">我的申请</a>中。
          </p>
        )}
        <ApplyForm ctx={ctx} values={values} errors={errors} />
      </PublicPage>
    );
  };

  app.get('/apply/form', form, async (request, reply) => sendHtml(reply, await formPage(request, {})));

  app.post('/apply/form', upload, async (request, reply) => {
    const { files, ...body } = (request.body ?? {}) as Values;
    try {
      await enforceRateLimit(db, RULES.submissions, request.ip);
      const input = parseInput(intakeSchema, body, INTAKE_LABELS);
      const account = await currentAccount({ db, config }, request.cookies[APPLICANT_COOKIE]);
      const receipt = await submitApplication({ db, config }, input, uploadsOf(files), account?.id ?? null);
      return sendHtml(reply, await page(request, '申请已提交', <ReceiptView r={receipt} />));
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, await formPage(request, body, e.fields), 400);
    }
  });

  const lookupPage = async (
    request: FastifyRequest,
    values: Values,
    errors?: FieldErrors,
    status?: PublicStatus,
  ) => {
    const ctx = await pageContext(db, request);
    return (
      <PublicPage
        ctx={ctx}
        title="办理进度查询"
        column={COLUMN}
        breadcrumbs={[HOME, APPLY, { label: '办理进度查询' }]}
        pubDate={new Date().toISOString()}
      >
        <h1>办理进度查询</h1>
        {status ? (
          <StatusView s={status} ctx={ctx} />
        ) : (
          <Form ctx={ctx} action="/apply/status" label="办理进度查询">
            <ErrorSummary errors={errors} />
            <Field
              name="code"
              label={LOOKUP_LABELS.code}
              required
              value={str(values.code)}
              errors={errors}
              hint="回执上的 14 位查询码"
            />
            <Field
              name="password"
              label={LOOKUP_LABELS.password}
              required
              type="password"
              errors={errors}
              autocomplete="off"
            />
            <button type="submit">查询</button>
          </Form>
        )}
      </PublicPage>
    );
  };

  app.post('/apply/withdraw', form, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    try {
      await enforceRateLimit(db, RULES.lookups, request.ip);
      const q = parseInput(statusLookupSchema, body, LOOKUP_LABELS);
      await withdrawByApplicant({ db, config }, q.code, q.password, str(body.reason).trim().slice(0, 500));
      const status = await lookupApplication({ db, config }, q.code, q.password);
      return sendHtml(reply, await lookupPage(request, body, undefined, status));
    } catch (e) {
      if (isAppError(e) && (e.code === 'NOT_FOUND' || e.code === 'CONFLICT'))
        return sendHtml(
          reply,
          await lookupPage(request, body, { code: `${LOOKUP_LABELS.code}：${e.message}` }),
          e.status,
        );
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, await lookupPage(request, body, e.fields), 400);
    }
  });

  app.get('/apply/status', form, async (request, reply) => sendHtml(reply, await lookupPage(request, {})));

  app.post('/apply/status', form, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    try {
      await enforceRateLimit(db, RULES.lookups, request.ip);
      const q = parseInput(statusLookupSchema, body, LOOKUP_LABELS);
      const status = await lookupApplication({ db, config }, q.code, q.password);
      return sendHtml(reply, await lookupPage(request, body, undefined, status));
    } catch (e) {
      if (isAppError(e) && e.code === 'NOT_FOUND')
        return sendHtml(
          reply,
          await lookupPage(request, body, { code: `${LOOKUP_LABELS.code}：${e.message}` }),
          404,
        );
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, await lookupPage(request, body, e.fields), 400);
    }
  });
}
