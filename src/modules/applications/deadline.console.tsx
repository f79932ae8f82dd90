import type { FastifyInstance } from 'fastify';
import { can } from '../../platform/actor.js';
import { sendHtml } from '../../platform/http/render.js';
import { listOutbox } from '../../platform/mail/outbox.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate, todayCst } from '../../platform/time.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { loadCalendar } from '../calendar/index.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import { activeReminders, deadlineBoard } from './deadline.service.js';

const OUTBOX_STATUS: Record<string, string> = { pending: '待发送', sent: '已发送', failed: '发送失败' };

/** The deadline board (due soon and overdue by division and branch) and the outbox of notices. */
export function deadlineConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;

  app.get('/console/applications/board', { config: { permission: P.read } }, async (request, reply) => {
    const ctx = await pageContext(db, request);
    const today = todayCst();
    const cal = await loadCalendar(db, config.calendarRegion);
    const own = can(ctx.actor, P.intake) || can(ctx.actor, P.approve) ? null : ctx.actor.orgId;
    const [board, reminders] = await Promise.all([
      deadlineBoard(db, cal, today),
      activeReminders(db, own, today),
    ]);
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="答复期限看板">
        <p>
          <a href="/console/applications">返回申请列表</a>
        </p>
        <table>
          <caption>办理中的申请，按承办单位（{today}；“临近期限”为 5 个工作日内到期）</caption>
          <thead>
            <tr>
              <th scope="col">承办单位</th>
              <th scope="col">办理中</th>
              <th scope="col">临近期限</th>
              <th scope="col">已超期</th>
              <th scope="col">暂停计时</th>
            </tr>
          </thead>
          <tbody>
            {board.map((b) => (
              <tr key={b.orgId ?? 0}>
                <th scope="row">
                  {b.org}
                  {b.kind === 'branch' ? '（区分局）' : ''}
                </th>
                <td>{b.open}</td>
                <td>{b.dueSoon}</td>
                <td>{b.overdue ? <strong class="badge badge-danger">{b.overdue}</strong> : 0}</td>
                <td>{b.paused}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>期限提醒{own !== null ? '（本单位）' : ''}</h2>
        {reminders.length === 0 ? (
          <p>目前没有临近答复期限的申请。</p>
        ) : (
          <ul>
            {reminders.map((r) => (
              <li key={`${r.id}-${r.kind}`}>
                <a href={`/console/applications/${r.id}`}>{r.tracking_code}</a> {r.subject}：答复期限{' '}
                {r.due_on}（{r.kind === 'due2' ? '2 个工作日内到期' : '5 个工作日内到期'}）
              </li>
            ))}
          </ul>
        )}
      </ConsolePage>,
    );
  });

  app.get('/console/outbox', { config: { permission: P.intake } }, async (request, reply) => {
    const ctx = await pageContext(db, request);
    const rows = await listOutbox(db);
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="通知发件箱">
        <p>
          {config.smtpUrl
            ? '邮件通过已配置的 SMTP 服务器发送。'
            : '尚未配置 SMTP_URL：通知保存在发件箱中，不会发出。'}
        </p>
        <table>
          <caption>最近 {rows.length} 封通知邮件（收件地址已脱敏）</caption>
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">收件人</th>
              <th scope="col">主题</th>
              <th scope="col">状态</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatPubDate(r.created_at)}</td>
                <td>{r.to_masked}</td>
                <th scope="row">
                  {r.related_type === 'application' && r.related_id ? (
                    <a href={`/console/applications/${r.related_id}`}>{r.subject}</a>
                  ) : (
                    r.subject
                  )}
                </th>
                <td>{OUTBOX_STATUS[r.status] ?? r.status}</td>
                <td>
                  {r.sent_at ? `发送于 ${formatPubDate(r.sent_at)}` : ''}
                  {r.last_error ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ConsolePage>,
    );
  });
}
