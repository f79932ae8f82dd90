import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { todayCst } from '../../platform/time.js';
import type { FieldErrors } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { orgTree } from '../orgs/index.js';
import { normaliseDocNumber } from './doc-number.js';
import { type DetailData, type DetailProblem, DocumentDetail } from './document.detail.js';
import { changes, editorPage, parseEditor, saveOrExplain, valuesOf } from './document.editor.js';
import { DONE_MESSAGES, type Values } from './document.forms.js';
import { LIST_LABELS, listCsv, listPage, listQuery } from './document.list.js';
import * as repo from './document.repository.js';
import { validitySchema } from './document.schema.js';
import {
  changeValidity,
  createDraft,
  deleteDocument,
  exemptFromInterpretation,
  linkInterpretation,
  publishDocument,
  reviseDocument,
  submitForReview,
  updateDraft,
  withdrawDocument,
} from './document.service.js';
import { STATUS_LABELS } from './document.status.js';
import * as cq from './document-console.repository.js';
import * as q from './document-query.repository.js';
import { documentFindings, maskDocumentFinding } from './screening.service.js';

/**
 * The staff console of the disclosure catalogue (issue 3): the routes of the document list
 * (document.list.tsx), the editor (document.editor.tsx) and the detail page with the workflow actions
 * (document.detail.tsx, document.actions.tsx). Routes are thin: parse the form, call one service function, redirect with
 * a notice or re-render the page with the errors (never a half-written record: services use one
 * transaction each). The review queue and the reviewer's actions live in review.console.tsx.
 */

const INTERPRETATION_COLUMN = 'zcjd';

const params = (r: FastifyRequest) => r.params as Record<string, string>;
export const docIdOf = (r: FastifyRequest) => parseInput(idParam, params(r).id, { _: '文件编号' });
export const findingIdOf = (r: FastifyRequest) =>
  parseInput(idParam, params(r).findingId, { _: '筛查结果编号' });
export const bodyOf = (r: FastifyRequest): Values => (r.body ?? {}) as Values;
export const doneOf = (r: FastifyRequest) => {
  const key = (r.query as Record<string, unknown>).done;
  return typeof key === 'string' ? DONE_MESSAGES[key] : undefined;
};

/** Everything the detail page shows. */
export async function loadDetail(db: Db, id: number): Promise<DetailData> {
  const doc = await cq.consoleDocument(db, id);
  if (!doc) throw new AppError('NOT_FOUND', { message: '文件不存在' });
  const interpretationColumns = (await q.columnSubtreeIds(db, INTERPRETATION_COLUMN)) ?? [];
  const [events, revisions, findings, interpretations, successor, choices] = await Promise.all([
    repo.listEvents(db, id),
    repo.listRevisions(db, id),
    documentFindings(db, id),
    repo.interpretationsOf(db, id),
    doc.successor_id ? cq.titleOf(db, doc.successor_id) : Promise.resolve(undefined),
    doc.needs_interpretation ? cq.publishedInColumns(db, interpretationColumns) : Promise.resolve([]),
  ]);
  return {
    doc,
    events,
    revisions,
    findings,
    interpretations,
    successor,
    interpretationChoices: choices
      .filter((c) => c.id !== id)
      .map((c) => ({ value: String(c.id), label: c.doc_number ? `${c.title}（${c.doc_number}）` : c.title })),
  };
}

export type Area = 'documents' | 'review';

export async function detailPage(
  db: Db,
  ctx: PageContext,
  id: number,
  area: Area,
  options: { done?: string | undefined; problem?: DetailProblem } = {},
) {
  const data = await loadDetail(db, id);
  const back =
    area === 'review'
      ? { href: '/console/review', label: '返回审查队列' }
      : { href: '/console/documents', label: '返回文件列表' };
  return (
    <ConsolePage ctx={ctx} title={data.doc.title}>
      <DocumentDetail ctx={ctx} data={data} back={back} done={options.done} problem={options.problem} />
    </ConsolePage>
  );
}

/** Field errors of a service renamed to the names of the form they came from. */
const rename = (fields: FieldErrors, names: Record<string, string>): FieldErrors =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [names[k] ?? k, v]));

/**
 * Run one workflow action from the detail page: redirect with a notice on success; on a refusal
 * the service explains (own draft, open findings, published delete …) re-render the page with it.
 */
export async function act(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: { area: Area; form: string; names?: Record<string, string>; done: string },
  fn: () => Promise<void>,
) {
  const id = docIdOf(request);
  try {
    await fn();
    return reply.redirect(`/console/${spec.area}/${id}?done=${spec.done}`, 303);
  } catch (e) {
    if (!isAppError(e) || e.code === 'NOT_FOUND' || e.code === 'INTERNAL' || e.code === 'CSRF_INVALID')
      throw e;
    const problem: DetailProblem = e.fields
      ? { form: spec.form, errors: rename(e.fields, spec.names ?? {}), values: bodyOf(request) }
      : { message: e.message };
    const page = await detailPage(deps.db, await pageContext(deps.db, request), id, spec.area, { problem });
    return sendHtml(reply, page, e.status);
  }
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function documentConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const perm = (permission: string) => ({ config: { permission } });
  const ctxOf = (r: FastifyRequest) => pageContext(db, r);

  app.get('/console/documents', perm('documents.edit'), async (request, reply) => {
    const f = parseInput(listQuery, request.query, LIST_LABELS);
    return sendHtml(reply, await listPage(db, await ctxOf(request), request.actor, f, doneOf(request)));
  });

  app.get('/console/documents.csv', perm('documents.edit'), async (request, reply) => {
    const f = parseInput(listQuery, request.query, LIST_LABELS);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="documents-${todayCst().replace(/-/g, '')}.csv"`)
      .send(await listCsv(db, request.actor, f));
  });

  app.get('/console/documents/new', perm('documents.edit'), async (request, reply) => {
    const column = (request.query as Record<string, unknown>).column;
    const values: Values = {
      column_id: typeof column === 'string' && /^\d{1,10}$/.test(column) ? column : '',
      publisher_org_id: (await orgTree(db))[0]?.id ?? '',
      formed_on: todayCst(),
    };
    return sendHtml(reply, await editorPage(db, await ctxOf(request), null, { values }));
  });

  app.post('/console/documents', perm('documents.edit'), async (request, reply) => {
    const body = bodyOf(request);
    const ctx = await ctxOf(request);
    if (body._step === 'column') return sendHtml(reply, await editorPage(db, ctx, null, { values: body }));
    const parsed = await parseEditor(db, body);
    if ('errors' in parsed)
      return sendHtml(reply, await editorPage(db, ctx, null, { values: body, errors: parsed.errors }), 400);
    let id = 0;
    const failed = await saveOrExplain(async () => {
      id = await createDraft(db, request.actor, parsed.input);
    });
    if (!failed) return reply.redirect(`/console/documents/${id}?done=created`, 303);
    return sendHtml(reply, await editorPage(db, ctx, null, { values: body, ...failed.state }), failed.status);
  });

  app.get('/console/documents/:id', perm('documents.edit'), async (request, reply) => {
    const id = docIdOf(request);
    return sendHtml(
      reply,
      await detailPage(db, await ctxOf(request), id, 'documents', { done: doneOf(request) }),
    );
  });

  const editTarget = async (id: number) => {
    const doc = await repo.findDocument(db, id);
    if (!doc) throw new AppError('NOT_FOUND', { message: '文件不存在' });
    if (doc.status !== 'draft' && doc.status !== 'published')
      throw new AppError('CONFLICT', {
        message: `当前状态为“${STATUS_LABELS[doc.status]}”，不能修改；审查中的文件请由审查员退回后再改`,
      });
    return { doc, target: { id, title: doc.title, published: doc.status === 'published' } };
  };

  app.get('/console/documents/:id/edit', perm('documents.edit'), async (request, reply) => {
    const { doc, target } = await editTarget(docIdOf(request));
    return sendHtml(reply, await editorPage(db, await ctxOf(request), target, { values: valuesOf(doc) }));
  });

  app.post('/console/documents/:id/edit', perm('documents.edit'), async (request, reply) => {
    const id = docIdOf(request);
    const { doc, target } = await editTarget(id);
    const body = bodyOf(request);
    const ctx = await ctxOf(request);
    if (body._step === 'column') return sendHtml(reply, await editorPage(db, ctx, target, { values: body }));
    const parsed = await parseEditor(db, body);
    if ('errors' in parsed)
      return sendHtml(reply, await editorPage(db, ctx, target, { values: body, errors: parsed.errors }), 400);
    if (target.published && !changes(doc, parsed.input, parsed.extra))
      return sendHtml(
        reply,
        await editorPage(db, ctx, target, { values: body, message: '内容没有变化，无需更正。' }),
        409,
      );
    const failed = await saveOrExplain(() =>
      target.published
        ? reviseDocument(db, request.actor, id, parsed.input, text(body.correction_note))
        : updateDraft(db, request.actor, id, parsed.input),
    );
    if (!failed)
      return reply.redirect(`/console/documents/${id}?done=${target.published ? 'revised' : 'updated'}`, 303);
    return sendHtml(
      reply,
      await editorPage(db, ctx, target, { values: body, ...failed.state }),
      failed.status,
    );
  });

  /* Workflow actions ------------------------------------------------------------------------ */

  app.post('/console/documents/:id/submit', perm('documents.edit'), (request, reply) =>
    act(deps, request, reply, { area: 'documents', form: 'submit', done: 'submitted' }, () =>
      submitForReview(db, request.actor, docIdOf(request)),
    ),
  );

  app.post('/console/documents/:id/publish', perm('documents.publish'), (request, reply) =>
    act(
      deps,
      request,
      reply,
      {
        area: 'documents',
        form: 'publish',
        done: text(bodyOf(request).mode) === 'schedule' ? 'scheduled' : 'published',
      },
      async () => {
        const body = bodyOf(request);
        if (text(body.mode) !== 'schedule') return publishDocument(db, request.actor, docIdOf(request));
        const raw = text(body.publish_at).trim();
        const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?$/.exec(raw);
        const at = m ? new Date(`${m[1]}${m[2] ?? ':00'}+08:00`) : null;
        const field = (msg: string) =>
          new AppError('VALIDATION_FAILED', { message: msg, fields: { publish_at: msg } });
        if (!raw) throw field('定时发布时间：定时发布时必填');
        if (!at || Number.isNaN(at.getTime())) throw field('定时发布时间：格式应为 YYYY-MM-DD HH:MM');
        if (at.getTime() <= Date.now()) throw field('定时发布时间：应晚于当前时间');
        return publishDocument(db, request.actor, docIdOf(request), { at });
      },
    ),
  );

  app.post('/console/documents/:id/withdraw', perm('documents.withdraw'), (request, reply) =>
    act(
      deps,
      request,
      reply,
      { area: 'documents', form: 'withdraw', names: { reason: 'withdraw_reason' }, done: 'withdrawn' },
      () => withdrawDocument(db, request.actor, docIdOf(request), text(bodyOf(request).withdraw_reason)),
    ),
  );

  app.post('/console/documents/:id/validity', perm('documents.publish'), (request, reply) =>
    act(
      deps,
      request,
      reply,
      {
        area: 'documents',
        form: 'validity',
        names: { reason: 'validity_reason', successor_id: 'successor' },
        done: 'validity',
      },
      async () => {
        const body = bodyOf(request);
        const ref = text(body.successor).trim();
        let successorId: number | null = null;
        if (ref) {
          const found = await cq.findPublishedByIdOrNumber(
            db,
            /^\d{1,10}$/.test(ref) ? { id: Number(ref) } : { docNumberNorm: normaliseDocNumber(ref) },
          );
          const fail = (msg: string) =>
            new AppError('VALIDATION_FAILED', { message: msg, fields: { successor: msg } });
          if (found.length === 0) throw fail('替代文件：未找到该编号或文号的已发布文件');
          if (found.length > 1) throw fail('替代文件：有多个已发布文件使用该文号，请填写文件编号');
          successorId = found[0]!.id;
        }
        const input = parseInput(
          validitySchema,
          {
            validity: body.validity,
            validity_changed_on: body.validity_changed_on,
            reason: body.validity_reason,
            successor_id: successorId,
          },
          { validity: '有效性', validity_changed_on: '变更日期', reason: '理由', successor_id: '替代文件' },
        );
        return changeValidity(db, request.actor, docIdOf(request), input);
      },
    ),
  );

  app.post('/console/documents/:id/interpretations', perm('documents.edit'), (request, reply) =>
    act(deps, request, reply, { area: 'documents', form: 'link', done: 'linked' }, async () => {
      const id = docIdOf(request);
      const body = bodyOf(request);
      const { interpretationChoices } = await loadDetail(db, id);
      const chosen = text(body.interpretation_id);
      if (!interpretationChoices.some((c) => c.value === chosen))
        throw new AppError('VALIDATION_FAILED', {
          message: '解读文件：请从已发布的政策解读中选择',
          fields: { interpretation_id: '解读文件：请从已发布的政策解读中选择' },
        });
      const kind = parseInput(
        z.object({ kind: z.enum(['text', 'graphic', 'video', 'qa'], { message: '请从列表中选择' }) }),
        { kind: body.kind },
        { kind: '解读形式' },
      ).kind;
      return linkInterpretation(db, request.actor, id, Number(chosen), kind);
    }),
  );

  app.post('/console/documents/:id/exemption', perm('documents.edit'), (request, reply) =>
    act(
      deps,
      request,
      reply,
      { area: 'documents', form: 'exempt', names: { reason: 'exempt_reason' }, done: 'exempted' },
      () =>
        exemptFromInterpretation(db, request.actor, docIdOf(request), text(bodyOf(request).exempt_reason)),
    ),
  );

  app.post('/console/documents/:id/delete', perm('documents.edit'), async (request, reply) => {
    const id = docIdOf(request);
    try {
      await deleteDocument(db, request.actor, id);
    } catch (e) {
      if (!isAppError(e) || e.code === 'NOT_FOUND') throw e;
      const page = await detailPage(db, await ctxOf(request), id, 'documents', {
        problem: { message: e.message },
      });
      return sendHtml(reply, page, e.status);
    }
    return reply.redirect('/console/documents?done=deleted', 303);
  });

  app.post('/console/documents/:id/findings/:findingId/mask', perm('documents.edit'), (request, reply) =>
    act(deps, request, reply, { area: 'documents', form: 'mask', done: 'masked' }, () =>
      maskFinding(db, request.actor, docIdOf(request), findingIdOf(request)),
    ),
  );
}

/** Mask a finding of this document (the finding must belong to the document in the URL). */
export async function maskFinding(db: Db, actor: Actor, id: number, findingId: number): Promise<void> {
  if (!(await documentFindings(db, id)).some((f) => f.id === findingId))
    throw new AppError('NOT_FOUND', { message: '筛查结果不存在' });
  await maskDocumentFinding(db, actor, findingId);
}
