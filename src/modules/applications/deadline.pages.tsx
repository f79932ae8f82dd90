import type { FastifyInstance } from 'fastify';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import type { AppDeps } from '../../platform/module.js';
import { ErrorSummary, Field, type FieldErrors } from '../../web/components.js';
import { pageContext } from '../../web/context.js';
import { PublicPage } from '../../web/layout.js';
import type { ClockResult } from './application.clock.js';
import { replyDeadline } from './application.service.js';

const COLUMN = '依申请公开';
const HOME = { label: '首页', href: '/' };
const APPLY = { label: COLUMN, href: '/apply' };
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Public reply-deadline calculator (条例第三十三条 on the platform calendar), a GET form. */
export function deadlinePages(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const pub = { config: { permission: 'public', kind: 'html' as const } };

  app.get('/apply/deadline', pub, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const receivedOn = str(q.receivedOn).trim();
    let errors: FieldErrors | undefined;
    let clock: ClockResult | undefined;
    if (receivedOn) {
      try {
        clock = await replyDeadline(db, config, receivedOn);
      } catch (e) {
        if (!isAppError(e) || !e.fields) throw e;
        errors = e.fields;
      }
    }
    const ctx = await pageContext(db, request);
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title="答复期限计算"
        column={COLUMN}
        breadcrumbs={[HOME, APPLY, { label: '答复期限计算' }]}
        pubDate={new Date().toISOString()}
      >
        <h1>答复期限计算</h1>
        <p>
          按《中华人民共和国政府信息公开条例》第三十三条，行政机关自收到申请之日起 20
          个工作日内答复；节假日和调休按国务院办公厅每年的节假日安排计算。补正、延期和征求意见会改变期限，具体以办理进度查询中显示的期限为准。
        </p>
        <form method="get" action="/apply/deadline" class="form" aria-label="答复期限计算" noValidate>
          <ErrorSummary errors={errors} />
          <Field
            name="receivedOn"
            label="收到申请之日"
            required
            type="date"
            value={receivedOn}
            errors={errors}
            hint="当面提交为提交之日；邮寄为签收之日；网上申请为双方确认之日（条例第三十一条）"
          />
          <button type="submit">计算</button>
        </form>
        {clock && (
          <section aria-labelledby="h-deadline">
            <h2 id="h-deadline">计算结果</h2>
            <p role="status">
              答复期限：<strong>{clock.dueDate}</strong>
            </p>
            <ol>
              {clock.explanation.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ol>
            <p>
              <a href={`/api/v1/calendar/add-workdays?from=${encodeURIComponent(receivedOn)}&days=20`}>
                以 JSON 格式查看工作日计算
              </a>
            </p>
          </section>
        )}
      </PublicPage>,
      errors ? 400 : 200,
    );
  });
}
