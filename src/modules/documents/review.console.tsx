import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate } from '../../platform/time.js';
import { Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { act, bodyOf, detailPage, docIdOf, doneOf, findingIdOf, maskFinding } from './document.console.js';
import { StatusBadge } from './document.detail.js';
import { approveReview, rejectReview } from './document.service.js';
import * as cq from './document-console.repository.js';
import { dismissDocumentFinding, documentFindings } from './screening.service.js';

/**
 * 保密审查 (issue 3): the queue of documents awaiting review (and of unpublished documents with
 * personal-data findings still open), the reviewer's view of a document, and the reviewer's
 * decisions: pass, send back with a reason, mask a finding or dismiss it with a reason.
 */
export function reviewConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const perm = { config: { permission: 'documents.review' } };
  const text = (v: unknown) => (typeof v === 'string' ? v : '');

  app.get('/console/review', perm, async (request, reply) => {
    const [rows, ctx] = await Promise.all([cq.reviewQueue(db), pageContext(db, request)]);
    const done = doneOf(request);
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="保密审查">
        {done && <Notice kind="success">{done}</Notice>}
        <p>
          送审的文件在此等待保密审查；尚未发布而仍有个人信息筛查结果待处理的文件也列在这里。审查员不能审查自己起草的文件。
        </p>
        {rows.length === 0 ? (
          <p>目前没有待审查的文件。</p>
        ) : (
          <table>
            <caption>共 {rows.length} 件，先送审的在前</caption>
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">栏目</th>
                <th scope="col">状态</th>
                <th scope="col">待处理筛查结果</th>
                <th scope="col">起草人</th>
                <th scope="col">最近修改</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={`/console/review/${r.id}`}>{r.title}</a>
                    {r.doc_number && <span class="hint">（{r.doc_number}）</span>}
                    {r.is_sample ? <span class="sample-tag">示例</span> : null}
                  </th>
                  <td>{r.column_name}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>{r.open_findings}</td>
                  <td>{r.author ?? ''}</td>
                  <td>{formatPubDate(r.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ConsolePage>,
    );
  });

  app.get('/console/review/:id', perm, async (request, reply) => {
    const ctx = await pageContext(db, request);
    return sendHtml(reply, await detailPage(db, ctx, docIdOf(request), 'review', { done: doneOf(request) }));
  });

  app.post('/console/review/:id/approve', perm, (request, reply) =>
    act(deps, request, reply, { area: 'review', form: 'approve', done: 'approved' }, () =>
      approveReview(db, request.actor, docIdOf(request)),
    ),
  );

  app.post('/console/review/:id/reject', perm, (request, reply) =>
    act(
      deps,
      request,
      reply,
      { area: 'review', form: 'reject', names: { reason: 'reject_reason' }, done: 'rejected' },
      () => rejectReview(db, request.actor, docIdOf(request), text(bodyOf(request).reject_reason)),
    ),
  );

  app.post('/console/review/:id/findings/:findingId/mask', perm, (request, reply) =>
    act(deps, request, reply, { area: 'review', form: 'mask', done: 'masked' }, () =>
      maskFinding(db, request.actor, docIdOf(request), findingIdOf(request)),
    ),
  );

  app.post('/console/review/:id/findings/:findingId/dismiss', perm, (request: FastifyRequest, reply) => {
    const findingId = findingIdOf(request);
    return act(
      deps,
      request,
      reply,
      {
        area: 'review',
        form: `finding-${findingId}`,
        names: { reason: `dismiss_reason_${findingId}` },
        done: 'dismissed',
      },
      async () => {
        if (!(await documentFindings(db, docIdOf(request))).some((f) => f.id === findingId))
          throw new AppError('NOT_FOUND', { message: '筛查结果不存在' });
        await dismissDocumentFinding(
          db,
          request.actor,
          findingId,
          text(bodyOf(request)[`dismiss_reason_${findingId}`]),
        );
      },
    );
  });
}
