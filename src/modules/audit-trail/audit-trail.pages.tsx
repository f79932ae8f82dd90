import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../platform/actor.js';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate } from '../../platform/time.js';
import { type FieldErrors, Pagination } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext, withQuery } from '../../web/context.js';
import {
  AUDIT_FILTER_LABELS,
  AUDIT_PAGE_SIZE,
  type AuditFilterInput,
  auditFilterSchema,
  filterQuery,
} from './audit-trail.schema.js';
import { type AuditLogView, exportAuditLog, viewAuditLog } from './audit-trail.service.js';
import { AuditFilterForm, AuditTable, ChainStatus, RetentionNote } from './views/audit-log.views.js';

/** The query as typed, for re-filling the filter form (repeated parameters are ignored). */
function rawValues(request: FastifyRequest): Record<string, string | undefined> {
  const q = (request.query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
}

export function auditLogRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  const page = async (
    request: FastifyRequest,
    p: { input?: AuditFilterInput; view?: AuditLogView; errors?: FieldErrors },
  ) => {
    const ctx = await pageContext(db, request);
    const { input, view } = p;
    const query = input ? new URLSearchParams(filterQuery(input)).toString() : '';
    return (
      <ConsolePage ctx={ctx} title="审计日志">
        <AuditFilterForm values={rawValues(request)} errors={p.errors} />
        {view && (
          <>
            <RetentionNote {...view.retention} />
            <ChainStatus result={view.verification} verifyHref={withQuery(ctx.path, { verify: '1' })} />
            {can(ctx.actor, 'audit.export') && (
              <p>
                <a class="button secondary" href={`/console/audit/export.csv${query ? `?${query}` : ''}`}>
                  导出当前筛选结果（CSV）
                </a>{' '}
                <span class="hint">导出全部符合条件的记录；导出操作本身也会记入审计日志。</span>
              </p>
            )}
            <AuditTable rows={view.rows} total={view.total} />
            <Pagination
              page={view.page}
              pageSize={AUDIT_PAGE_SIZE}
              total={view.total}
              href={(n) => withQuery(ctx.path, { page: String(n), verify: null })}
            />
          </>
        )}
      </ConsolePage>
    );
  };

  app.get('/console/audit', { config: { permission: 'audit.read' } }, async (request, reply) => {
    let input: AuditFilterInput;
    try {
      input = parseInput(auditFilterSchema, request.query, AUDIT_FILTER_LABELS);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, await page(request, { errors: e.fields }), 400);
    }
    const view = await viewAuditLog({ db }, input);
    return sendHtml(reply, await page(request, { input, view }));
  });

  app.get('/console/audit/export.csv', { config: { permission: 'audit.export' } }, async (request, reply) => {
    // Bad filters fall through to the error page, which lists each field's message.
    const input = parseInput(auditFilterSchema, request.query, AUDIT_FILTER_LABELS);
    const csv = await exportAuditLog(request.actor, input, { db });
    const stamp = formatPubDate(new Date()).replace(/[-:]/g, '').replace(' ', '-');
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="audit-log-${stamp}.csv"`)
      .send(Readable.from(csv));
  });
}
