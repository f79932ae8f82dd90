import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../platform/errors.js';
import { enforceRateLimit, RATE_RULES } from '../../platform/http/rate-limit.js';
import { sendHtml } from '../../platform/http/render.js';
import { SESSION_COOKIE } from '../../platform/http/session.js';
import { parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { ErrorSummary, Field, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { changePassword, login, logout } from './auth.service.js';
import { PASSWORD_HISTORY, PASSWORD_MIN_LENGTH } from './password-policy.js';
import { changePasswordSchema, loginSchema, USER_LABELS } from './user.schema.js';

/** Only same-site paths are followed after login (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/console';
}

function LoginPage(p: {
  ctx: PageContext;
  errors?: Record<string, string>;
  message?: string;
  info?: string;
  username?: string;
  next: string;
}) {
  return (
    <ConsolePage ctx={p.ctx} title="工作人员登录" bare>
      {p.info && <Notice kind="info">{p.info}</Notice>}
      {p.message && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{p.message}</h2>
        </div>
      )}
      <ErrorSummary errors={p.errors} />
      <Form ctx={p.ctx} action="/console/login" label="登录">
        <input type="hidden" name="next" value={p.next} />
        <Field
          name="username"
          label="用户名"
          value={p.username}
          errors={p.errors}
          required
          autocomplete="username"
        />
        <Field
          name="password"
          label="密码"
          type="password"
          errors={p.errors}
          required
          autocomplete="current-password"
        />
        <button type="submit">登录</button>
      </Form>
      <p class="hint">连续 5 次输入错误，账号将锁定 15 分钟；30 分钟无操作将自动退出。</p>
    </ConsolePage>
  );
}

function PasswordPage(p: {
  ctx: PageContext;
  errors?: Record<string, string>;
  forced: boolean;
  done?: boolean;
}) {
  return (
    <ConsolePage ctx={p.ctx} title="修改密码" bare={p.forced}>
      {p.forced && <Notice kind="warning">首次登录、密码已被重置或已超过有效期，请先设置新密码。</Notice>}
      {p.done && <Notice kind="success">密码已修改。</Notice>}
      <ErrorSummary errors={p.errors} />
      <Form ctx={p.ctx} action="/console/password" label="修改密码">
        <Field
          name="current_password"
          label="当前密码"
          type="password"
          errors={p.errors}
          required
          autocomplete="current-password"
        />
        <Field
          name="new_password"
          label="新密码"
          type="password"
          errors={p.errors}
          required
          autocomplete="new-password"
          hint={`至少 ${PASSWORD_MIN_LENGTH} 位，包含大写字母、小写字母、数字、特殊符号中的至少三类，不含用户名，不能与最近 ${PASSWORD_HISTORY} 次密码相同。`}
        />
        <Field
          name="confirm_password"
          label="确认新密码"
          type="password"
          errors={p.errors}
          required
          autocomplete="new-password"
        />
        <button type="submit">保存新密码</button>
      </Form>
    </ConsolePage>
  );
}

export function authRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.secure };
  const ctxOf = (r: FastifyRequest) => pageContext(db, r);

  app.get('/console/login', { config: { permission: 'public', cache: false } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    if (request.session) return reply.redirect(safeNext(q.next), 303);
    return sendHtml(
      reply,
      <LoginPage
        ctx={await ctxOf(request)}
        next={safeNext(q.next)}
        info={q.expired ? '长时间未操作，登录已失效，请重新登录。' : undefined}
      />,
    );
  });

  app.post(
    '/console/login',
    { config: { permission: 'public' } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNext(body.next);
      try {
        await enforceRateLimit(db, RATE_RULES.loginPerIp, request.ip);
        const input = parseInput(loginSchema, body, USER_LABELS);
        const result = await login(deps, input, {
          ip: request.ip,
          userAgent: String(request.headers['user-agent'] ?? ''),
        });
        reply.setCookie(SESSION_COOKIE, result.token, cookieOpts);
        return reply.redirect(result.mustChangePassword ? '/console/password' : next, 303);
      } catch (e) {
        if (!isAppError(e) || e.code === 'INTERNAL') throw e;
        const ctx = await ctxOf(request);
        return sendHtml(
          reply,
          <LoginPage
            ctx={ctx}
            next={next}
            username={typeof body.username === 'string' ? body.username : ''}
            errors={e.fields}
            message={e.fields ? undefined : e.message}
          />,
          e.status,
        );
      }
    },
  );

  app.post(
    '/console/logout',
    { config: { permission: 'authenticated', allowPendingPasswordChange: true } },
    async (request, reply) => {
      if (request.session) await logout(db, request.actor, request.session.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/console/login', 303);
    },
  );

  app.get(
    '/console/password',
    { config: { permission: 'authenticated', allowPendingPasswordChange: true } },
    async (request, reply) =>
      sendHtml(
        reply,
        <PasswordPage
          ctx={await ctxOf(request)}
          forced={!!request.session?.mustChangePassword}
          done={(request.query as Record<string, string>).done === '1'}
        />,
      ),
  );

  app.post(
    '/console/password',
    { config: { permission: 'authenticated', allowPendingPasswordChange: true } },
    async (request, reply) => {
      try {
        const input = parseInput(changePasswordSchema, request.body, USER_LABELS);
        if (!request.session) throw new AppError('UNAUTHENTICATED');
        await changePassword(db, request.actor, request.session.id, input);
        return reply.redirect('/console/password?done=1', 303);
      } catch (e) {
        if (!isAppError(e) || !e.fields) throw e;
        return sendHtml(
          reply,
          <PasswordPage
            ctx={await ctxOf(request)}
            forced={!!request.session?.mustChangePassword}
            errors={e.fields}
          />,
          e.status,
        );
      }
    },
  );

  // JSON: who am I (used by API clients and the e2e tests).
  app.get(
    '/api/v1/me',
    { config: { permission: 'authenticated', allowPendingPasswordChange: true } },
    async (request) => ({
      id: request.actor.userId,
      username: request.actor.username,
      name: request.actor.name,
      orgId: request.actor.orgId,
      roles: request.actor.roles,
      permissions: [...request.actor.permissions].sort(),
      mustChangePassword: request.session?.mustChangePassword ?? false,
      csrfToken: request.csrfToken,
    }),
  );
}
