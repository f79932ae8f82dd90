import type { FastifyInstance } from 'fastify';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { ErrorSummary, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { accessMatrix, setRolePermissions } from './access.service.js';
import { rolePermissionsSchema } from './user.schema.js';

export function roleRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const perm = { config: { permission: 'roles.manage' } };

  const render = async (
    request: Parameters<typeof pageContext>[1],
    errors?: Record<string, string>,
    saved?: string,
  ) => {
    const [{ roles, permissions, granted }, ctx] = await Promise.all([
      accessMatrix(db),
      pageContext(db, request),
    ]);
    return (
      <ConsolePage ctx={ctx} title="角色与权限">
        {saved && <Notice kind="success">已保存“{saved}”的权限。</Notice>}
        <ErrorSummary errors={errors} />
        <p>权限以数据保存，每个角色可单独调整；每项操作所需的权限由系统在路由上声明。</p>
        {roles.map((r) => (
          <section key={r.code} aria-labelledby={`role-${r.code}`}>
            <h2 id={`role-${r.code}`}>{r.name}</h2>
            <p class="hint">{r.description}</p>
            <Form ctx={ctx} action={`/console/roles/${r.code}`} label={`${r.name}的权限`}>
              <fieldset class="field">
                <legend>权限</legend>
                <div class="checkbox-grid">
                  {permissions.map((p) => (
                    <label key={p.code}>
                      <input
                        type="checkbox"
                        name="permissions"
                        value={p.code}
                        checked={granted.has(`${r.code}|${p.code}`)}
                      />{' '}
                      {p.name}
                    </label>
                  ))}
                </div>
              </fieldset>
              <button type="submit">保存“{r.name}”</button>
            </Form>
          </section>
        ))}
      </ConsolePage>
    );
  };

  app.get('/console/roles', perm, async (request, reply) => {
    const saved = (request.query as Record<string, string>).saved;
    return sendHtml(reply, await render(request, undefined, saved));
  });

  app.post('/console/roles/:code', perm, async (request, reply) => {
    const code = String((request.params as Record<string, string>).code);
    try {
      const input = parseInput(rolePermissionsSchema, request.body, { permissions: '权限' });
      await setRolePermissions(db, request.actor, code, input.permissions);
      const { roles } = await accessMatrix(db);
      return reply.redirect(
        `/console/roles?saved=${encodeURIComponent(roles.find((r) => r.code === code)?.name ?? code)}`,
        303,
      );
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, await render(request, e.fields), 400);
    }
  });
}
