import type { FastifyInstance } from 'fastify';
import { can } from '../../platform/actor.js';
import { sendHtml } from '../../platform/http/render.js';
import type { AppDeps } from '../../platform/module.js';
import { Notice } from '../../web/components.js';
import { CONSOLE_NAV, ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';

export function dashboardRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/console', { config: { permission: 'console.access' } }, async (request, reply) => {
    const [ctx, alerts] = await Promise.all([pageContext(deps.db, request), deps.alerts(request.actor)]);
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="工作台">
        <p>
          您好，{ctx.actor.name}。您的角色：{ctx.actor.roles.join('、') || '无'}
        </p>
        {alerts.map((a) => (
          <Notice key={a.text} kind={a.level}>
            {a.text} {a.href && <a href={a.href}>去处理</a>}
          </Notice>
        ))}
        <h2>常用功能</h2>
        <ul>
          {CONSOLE_NAV.filter((n) => n.href !== '/console' && can(ctx.actor, n.permission)).map((n) => (
            <li key={n.href}>
              <a href={n.href}>{n.label}</a>
            </li>
          ))}
        </ul>
      </ConsolePage>,
    );
  });
}
