import type { FastifyInstance } from 'fastify';
import { sendHtml } from '../../platform/http/render.js';
import { jobCounts, listJobs } from '../../platform/jobs/queue.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate } from '../../platform/time.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { JOB_STATUS_LABELS } from './audit-trail.labels.js';

const LATEST = 100;
const STATUSES = ['queued', 'running', 'done', 'dead'] as const;

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

/** Read-only view of the background job queue, for operators and auditors. */
export function jobRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  app.get('/console/jobs', { config: { permission: 'jobs.read' } }, async (request, reply) => {
    const [counts, jobs, ctx] = await Promise.all([
      jobCounts(db),
      listJobs(db, LATEST),
      pageContext(db, request),
    ]);
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="后台任务">
        <section aria-labelledby="h-counts">
          <h2 id="h-counts">按状态统计</h2>
          <table>
            <caption>全部任务的状态分布</caption>
            <thead>
              <tr>
                {STATUSES.map((s) => (
                  <th key={s} scope="col">
                    {JOB_STATUS_LABELS[s]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {STATUSES.map((s) => (
                  <td key={s}>{counts[s] ?? 0}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </section>
        <section aria-labelledby="h-latest">
          <h2 id="h-latest">最近的任务</h2>
          <table>
            <caption>最近 {LATEST} 个任务（按编号倒序，时间为北京时间）</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">名称</th>
                <th scope="col">状态</th>
                <th scope="col">尝试次数</th>
                <th scope="col">计划运行时间</th>
                <th scope="col">最近错误</th>
              </tr>
            </thead>
            <tbody>
              {jobs.length === 0 && (
                <tr>
                  <td colSpan={6}>暂无任务。</td>
                </tr>
              )}
              {jobs.map((j) => (
                <tr key={j.id}>
                  <th scope="row">{j.id}</th>
                  <td>
                    <code>{j.name}</code>
                  </td>
                  <td>{JOB_STATUS_LABELS[j.status] ?? j.status}</td>
                  <td>
                    {j.attempts}/{j.max_attempts}
                  </td>
                  <td>
                    <time dateTime={j.run_at}>{formatPubDate(j.run_at)}</time>
                  </td>
                  <td>{j.last_error ? truncate(j.last_error, 120) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </ConsolePage>,
    );
  });
}
