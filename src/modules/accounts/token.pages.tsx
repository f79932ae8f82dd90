import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../platform/actor.js';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate, todayCst } from '../../platform/time.js';
import { ErrorSummary, Field, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { TOKEN_LABELS, tokenSchema } from './token.schema.js';
import { createApiToken, listTokens, revokeToken, TOKENS_ADMIN } from './token.service.js';

/**
 * /console/tokens: API bearer tokens for the staff write API. A new token is shown once on the
 * page that created it and never again; the list shows last use and lets the owner (or an
 * administrator, for everyone's tokens) revoke it.
 */
export function tokenRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const perm = { config: { permission: 'console.access' } };

  const render = async (
    request: FastifyRequest,
    state: {
      created?: { token: string; name: string; expiresAt: string };
      errors?: Record<string, string> | undefined;
      values?: Record<string, unknown>;
      revoked?: boolean;
    } = {},
  ) => {
    const [ctx, tokens] = await Promise.all([pageContext(db, request), listTokens(db, request.actor)]);
    const all = can(request.actor, TOKENS_ADMIN);
    const now = new Date().toISOString();
    const v = state.values ?? {};
    return (
      <ConsolePage ctx={ctx} title="API 令牌">
        {state.created && (
          <Notice kind="success">
            <p>
              已创建令牌“{state.created.name}”，有效期至 {formatPubDate(state.created.expiresAt)}。
            </p>
            <p>
              请立即复制保存，此令牌只显示这一次：
              <br />
              <code>{state.created.token}</code>
            </p>
          </Notice>
        )}
        {state.revoked && <Notice kind="success">令牌已吊销，立即失效。</Notice>}
        <p>
          令牌用于写入接口（/api/v1/documents），请求头 <code>Authorization: Bearer gk_…</code>
          。令牌以您当前的权限操作：账号停用、锁定或令牌过期、吊销后立即失效。
        </p>
        <h2>新建令牌</h2>
        <Form ctx={ctx} action="/console/tokens" label="新建令牌">
          <ErrorSummary errors={state.errors} />
          <Field
            name="name"
            label="名称"
            required
            value={v.name as string}
            errors={state.errors}
            hint="用途，如“档案系统同步”"
          />
          <Field
            name="expires_on"
            label="有效期至"
            type="date"
            required
            value={v.expires_on as string}
            errors={state.errors}
            hint="YYYY-MM-DD，最长一年"
          />
          <button type="submit">创建令牌</button>
        </Form>
        <table>
          <caption>{all ? `全部令牌（${tokens.length}）` : `我的令牌（${tokens.length}）`}</caption>
          <thead>
            <tr>
              <th scope="col">名称</th>
              {all && <th scope="col">所属用户</th>}
              <th scope="col">末四位</th>
              <th scope="col">创建时间</th>
              <th scope="col">有效期至</th>
              <th scope="col">最近使用</th>
              <th scope="col">状态</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                {all && (
                  <td>
                    {t.display_name}（{t.username}）
                  </td>
                )}
                <td>
                  <code>…{t.hint}</code>
                </td>
                <td>{formatPubDate(t.created_at)}</td>
                <td>{formatPubDate(t.expires_at)}</td>
                <td>{t.last_used_at ? formatPubDate(t.last_used_at) : '从未使用'}</td>
                <td>{t.revoked_at ? '已吊销' : t.expires_at <= now ? '已过期' : '有效'}</td>
                <td>
                  {!t.revoked_at && (
                    <Form ctx={ctx} action={`/console/tokens/${t.id}/revoke`} label={`吊销令牌“${t.name}”`}>
                      <button type="submit">吊销</button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ConsolePage>
    );
  };

  app.get('/console/tokens', perm, async (request, reply) => {
    const revoked = (request.query as Record<string, string>).revoked === '1';
    return sendHtml(reply, await render(request, { revoked, values: { expires_on: defaultExpiry() } }));
  });

  app.post('/console/tokens', perm, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const input = parseInput(tokenSchema, body, TOKEN_LABELS);
      const created = await createApiToken(db, config, request.actor, input);
      // Shown once: the page is not cacheable and the token is not in any URL.
      reply.header('Cache-Control', 'no-store');
      return sendHtml(reply, await render(request, { created: { ...created, name: input.name } }), 201);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, await render(request, { errors: e.fields, values: body }), 400);
    }
  });

  app.post('/console/tokens/:id/revoke', perm, async (request, reply) => {
    const id = parseInput(idParam, (request.params as Record<string, string>).id, { _: '令牌' });
    await revokeToken(db, request.actor, id);
    return reply.redirect('/console/tokens?revoked=1', 303);
  });
}

/** The form suggests 90 days. */
function defaultExpiry(): string {
  return todayCst(Date.now() + 90 * 86_400_000);
}
