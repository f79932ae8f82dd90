import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate } from '../../platform/time.js';
import { ErrorSummary, Field, type FieldErrors, Form, Notice } from '../../web/components.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { PublicPage } from '../../web/layout.js';
import {
  type AccountDeps,
  APPLICANT_COOKIE,
  accountApplications,
  claimApplication,
  currentAccount,
  ownApplication,
  registerAccount,
  signIn,
  signOut,
} from './account.service.js';
import { StatusView } from './application.forms.js';
import { STATUS_LABELS } from './application.status.js';

/**
 * The optional applicant account pages (issue 5): sign in or open an account, the list of one's
 * applications, adding an earlier one with its query code and password, and each one's status.
 */
const COLUMN = '依申请公开';
const HOME = { label: '首页', href: '/' };
const APPLY = { label: COLUMN, href: '/apply' };
const ACCOUNT = '/apply/account';
type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function accountPages(app: FastifyInstance, deps: AppDeps): void {
  const adeps: AccountDeps = { db: deps.db, config: deps.config };
  const form = { config: { permission: 'public', kind: 'html' as const, cache: false } };
  const cookie = { path: '/apply', httpOnly: true, sameSite: 'lax' as const, secure: deps.config.secure };
  const tokenOf = (r: FastifyRequest) => r.cookies[APPLICANT_COOKIE];

  const page = async (
    request: FastifyRequest,
    title: string,
    body: (ctx: PageContext) => ComponentChildren,
  ) => {
    const ctx = await pageContext(deps.db, request);
    return (
      <PublicPage
        ctx={ctx}
        title={title}
        column={COLUMN}
        breadcrumbs={[HOME, APPLY, { label: title }]}
        pubDate={new Date().toISOString()}
      >
        <h1>{title}</h1>
        {body(ctx)}
      </PublicPage>
    );
  };

  const signInPage = (request: FastifyRequest, values: Values = {}, errors?: FieldErrors) =>
    page(request, '我的申请', (ctx) => (
      <>
        <p>
          申请政府信息公开无需注册账户。开通账户后，登录期间提交的申请会保存在“我的申请”中，也可以用查询码和查询密码添加以前的申请。
        </p>
        <Form ctx={ctx} action={`${ACCOUNT}/login`} label="登录" class="form">
          <h2>登录</h2>
          <ErrorSummary errors={errors} />
          <Field
            name="email"
            label="电子邮箱"
            type="email"
            required
            autocomplete="email"
            value={str(values.email)}
            errors={errors}
          />
          <Field
            name="password"
            label="密码"
            type="password"
            required
            autocomplete="current-password"
            errors={errors}
          />
          <button type="submit">登录</button>
        </Form>
        <p>
          还没有账户？<a href={`${ACCOUNT}/register`}>开通账户</a>。也可以直接
          <a href="/apply/status">凭查询码查询办理进度</a>。
        </p>
      </>
    ));

  const registerPage = (request: FastifyRequest, values: Values = {}, errors?: FieldErrors) =>
    page(request, '开通申请人账户', (ctx) => (
      <Form ctx={ctx} action={`${ACCOUNT}/register`} label="开通账户" class="form">
        <ErrorSummary errors={errors} />
        <p>账户只用于查看您自己的申请。电子邮箱加密保存，不会公开。</p>
        <Field
          name="email"
          label="电子邮箱"
          type="email"
          required
          autocomplete="email"
          value={str(values.email)}
          errors={errors}
        />
        <Field
          name="password"
          label="密码"
          type="password"
          required
          autocomplete="new-password"
          errors={errors}
          hint="至少 10 位，包含大写字母、小写字母、数字、特殊符号中的至少三类"
        />
        <Field
          name="confirm"
          label="确认密码"
          type="password"
          required
          autocomplete="new-password"
          errors={errors}
        />
        <button type="submit">开通账户</button>
      </Form>
    ));

  const listPage = async (
    request: FastifyRequest,
    account: { id: number; emailMasked: string },
    extra: { errors?: FieldErrors; values?: Values; done?: string } = {},
  ) => {
    const rows = await accountApplications(adeps, account.id);
    return page(request, '我的申请', (ctx) => (
      <>
        {extra.done && <Notice kind="success">{extra.done}</Notice>}
        <p>
          已登录：{account.emailMasked}。<a href="/apply/form">提交新的申请</a>
        </p>
        <table class="data">
          <caption>我的政府信息公开申请</caption>
          <thead>
            <tr>
              <th scope="col">查询码</th>
              <th scope="col">所需信息</th>
              <th scope="col">状态</th>
              <th scope="col">答复期限</th>
              <th scope="col">提交时间</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={5}>还没有申请。</td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a href={`${ACCOUNT}/applications/${r.tracking_code}`}>{r.tracking_code}</a>
                </th>
                <td>{r.subject}</td>
                <td>{STATUS_LABELS[r.status as keyof typeof STATUS_LABELS] ?? r.status}</td>
                <td>{r.replied_on ? `已于 ${r.replied_on} 答复` : (r.due_on ?? '待登记')}</td>
                <td>{formatPubDate(r.submitted_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form ctx={ctx} action={`${ACCOUNT}/claim`} label="添加以前的申请" class="form">
          <h2>添加以前的申请</h2>
          <ErrorSummary errors={extra.errors} />
          <Field name="code" label="查询码" required value={str(extra.values?.code)} errors={extra.errors} />
          <Field
            name="password"
            label="查询密码"
            type="password"
            required
            autocomplete="off"
            errors={extra.errors}
          />
          <button type="submit">添加</button>
        </Form>
        <Form ctx={ctx} action={`${ACCOUNT}/logout`} label="退出登录" class="form-inline">
          <button type="submit">退出登录</button>
        </Form>
      </>
    ));
  };

  const fieldsOf = (e: unknown): FieldErrors | null => (isAppError(e) && e.fields ? e.fields : null);
  const setSession = (reply: FastifyReply, token: string) => reply.setCookie(APPLICANT_COOKIE, token, cookie);

  app.get(ACCOUNT, form, async (request, reply) => {
    const account = await currentAccount(adeps, tokenOf(request));
    const done = str((request.query as Values).done) === 'claimed' ? '已添加到我的申请。' : undefined;
    return sendHtml(reply, account ? await listPage(request, account, { done }) : await signInPage(request));
  });

  app.get(`${ACCOUNT}/register`, form, async (request, reply) =>
    sendHtml(reply, await registerPage(request)),
  );

  app.post(`${ACCOUNT}/register`, form, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    try {
      setSession(reply, await registerAccount(adeps, body as never, request.ip));
      return reply.redirect(ACCOUNT, 303);
    } catch (e) {
      const errors = fieldsOf(e);
      if (!errors) throw e;
      return sendHtml(reply, await registerPage(request, { email: body.email }, errors), 400);
    }
  });

  app.post(`${ACCOUNT}/login`, form, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    try {
      setSession(reply, await signIn(adeps, body as never, request.ip));
      return reply.redirect(ACCOUNT, 303);
    } catch (e) {
      const errors = fieldsOf(e);
      if (!errors) throw e;
      return sendHtml(reply, await signInPage(request, { email: body.email }, errors), 400);
    }
  });

  app.post(`${ACCOUNT}/logout`, form, async (request, reply) => {
    await signOut(adeps, tokenOf(request));
    reply.clearCookie(APPLICANT_COOKIE, { path: cookie.path });
    return reply.redirect(ACCOUNT, 303);
  });

  app.post(`${ACCOUNT}/claim`, form, async (request, reply) => {
    const account = await currentAccount(adeps, tokenOf(request));
    if (!account) return reply.redirect(ACCOUNT, 303);
    const body = (request.body ?? {}) as Values;
    try {
      await claimApplication(adeps, account.id, body as never, request.ip);
      return reply.redirect(`${ACCOUNT}?done=claimed`, 303);
    } catch (e) {
      const errors = fieldsOf(e);
      if (!errors) throw e;
      return sendHtml(reply, await listPage(request, account, { errors, values: { code: body.code } }), 400);
    }
  });

  app.get(`${ACCOUNT}/applications/:code`, form, async (request, reply) => {
    const account = await currentAccount(adeps, tokenOf(request));
    if (!account) return reply.redirect(ACCOUNT, 303);
    const code = str((request.params as Values).code).toUpperCase();
    const status = await ownApplication(adeps, account.id, code);
    return sendHtml(
      reply,
      await page(request, `申请 ${status.trackingCode}`, (ctx) => (
        <>
          <p>
            <a href={ACCOUNT}>返回我的申请</a>
          </p>
          <StatusView s={status} ctx={ctx} />
        </>
      )),
    );
  });
}
