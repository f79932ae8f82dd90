import type { FastifyInstance } from 'fastify';
import { can } from '../../platform/actor.js';
import { addWorkdays } from '../../platform/calendar/engine.js';
import { BOM, csvLine } from '../../platform/csv.js';
import { sendHtml } from '../../platform/http/render.js';
import type { AppDeps } from '../../platform/module.js';
import { todayCst } from '../../platform/time.js';
import { Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { loadCalendar } from '../calendar/index.js';
import * as repo from './application.repository.js';
import { APPLICATION_STATUSES, OPEN_STATUSES, APPLICATION_PERMISSIONS as P } from './application.status.js';
import { DueBadge, statusLabel } from './application.views.js';
import { CHANNEL_RULES, type Channel } from './intake.rules.js';
import {
  APPLICANT_TYPES,
  type ApplicantType,
  applicantTypeLabel,
  isReplyType,
  REPLY_TYPE_DEFS,
} from './reply.rules.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const isApplicantType = (t: string): t is ApplicantType => (APPLICANT_TYPES as readonly string[]).includes(t);

const CLOSED = ['replied', 'abandoned', 'withdrawn', 'archived'];
const statusesOf = (filter: string) =>
  filter === 'closed'
    ? CLOSED
    : filter && (APPLICATION_STATUSES as readonly string[]).includes(filter)
      ? [filter]
      : [...OPEN_STATUSES];

/**
 * The list as CSV for statistics and supervision: applicants appear only by their masked label and type
 * (personal data stays sealed; issue 5 "masked in lists and exports"); formula-looking cells defused.
 */
export function applicationsCsv(rows: repo.ApplicationRow[]): string {
  let out =
    BOM +
    csvLine([
      '查询码',
      '申请人',
      '申请人类型',
      '申请方式',
      '所需信息',
      '文号',
      '状态',
      '收到申请之日',
      '答复期限',
      '延长工作日',
      '答复类型',
      '答复日期',
    ]);
  for (const r of rows)
    out += csvLine([
      r.tracking_code,
      r.applicant_label,
      isApplicantType(r.applicant_type) ? applicantTypeLabel(r.applicant_type) : r.applicant_type,
      CHANNEL_RULES[r.channel as Channel]?.label ?? r.channel,
      r.subject,
      r.doc_number,
      statusLabel(r.status),
      r.received_on,
      r.due_on,
      r.extension_days,
      r.reply_type && isReplyType(r.reply_type) ? REPLY_TYPE_DEFS[r.reply_type].name : r.reply_type,
      r.replied_on,
    ]);
  return out;
}

/** The console list of applications: open ones most urgent first, or those waiting, or closed. */
export function applicationList(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const read = { config: { permission: P.read } };
  const ctxOf = (r: Parameters<typeof pageContext>[1]) => pageContext(db, r);
  app.get('/console/applications.csv', read, async (request, reply) => {
    const rows = await repo.listApplications(db, {
      statuses: statusesOf(str((request.query as Record<string, unknown>).status)),
      limit: 50_000,
    });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="applications-${todayCst().replace(/-/g, '')}.csv"`,
      )
      .send(applicationsCsv(rows));
  });

  app.get('/console/applications', read, async (request, reply) => {
    const ctx = await ctxOf(request);
    const q = request.query as Record<string, unknown>;
    const filter = str(q.status);
    const today = todayCst();
    const cal = await loadCalendar(db, config.calendarRegion);
    const soonEnd = addWorkdays(cal, today, 5).date;
    const rows = await repo.listApplications(db, { statuses: statusesOf(filter) });
    const overdue = rows.filter((r) => r.due_on && r.due_on < today && !r.clock_paused).length;
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="依申请公开办理">
        <p>
          {can(ctx.actor, P.intake) && (
            <a href="/console/applications/new">登记当面、邮寄、传真或电子邮件申请</a>
          )}
        </p>
        <p>
          <a href={`/console/applications.csv${filter ? `?status=${encodeURIComponent(filter)}` : ''}`}>
            导出 CSV（申请人信息已脱敏）
          </a>{' '}
          · <a href="/console/applications/board">答复期限看板</a>
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
}
