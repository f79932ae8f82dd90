import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import { BOM, csvLine } from '../../platform/csv.js';
import type { Db } from '../../platform/db/index.js';
import type { DocumentStatus } from '../../platform/db/schema.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate, todayCst } from '../../platform/time.js';
import { Field, type FieldErrors, Notice, Pagination } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { orgTree } from '../orgs/index.js';
import { looksLikeDocNumber, normaliseDocNumber } from './doc-number.js';
import { type DetailData, type DetailProblem, DocumentDetail, StatusBadge } from './document.detail.js';
import { columnOptions, DONE_MESSAGES, DocumentForm, orgOptions, type Values } from './document.forms.js';
import * as repo from './document.repository.js';
import { DOCUMENT_LABELS, type DraftInput, draftSchema, validitySchema } from './document.schema.js';
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
import { STATUS_LABELS, VALIDITY_LABELS } from './document.status.js';
import * as cq from './document-console.repository.js';
import * as q from './document-query.repository.js';
import {
  EXTRA_PREFIX,
  type ExtraValues,
  extraFromForm,
  parseExtraDefinitions,
  parseExtraValues,
  validateExtra,
} from './extra-fields.js';
import { toSafeHtml } from './richtext.js';
import { documentFindings, maskDocumentFinding } from './screening.service.js';

/**
 * The staff console of the disclosure catalogue (issue 3): document list, editor, detail page with
 * the workflow actions. Routes are thin: parse the form, call one service function, redirect with
 * a notice or re-render the page with the errors (never a half-written record: services use one
 * transaction each). The review queue and the reviewer's actions live in review.console.tsx.
 */

const PAGE_SIZE = 20;
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

/* ------------------------------------------------------------------------------------------ */
/* The list                                                                                     */

const STATUSES = ['draft', 'in_review', 'approved', 'published', 'withdrawn'] as const;
const listQuery = z.object({
  status: z
    .union([z.literal(''), z.enum(STATUSES)], { message: '请从列表中选择' })
    .optional()
    .transform((v) => (v ? (v as DocumentStatus) : undefined)),
  column: z
    .string()
    .trim()
    .regex(/^(|[1-9]\d{0,9})$/, '请从列表中选择')
    .optional()
    .transform((v) => (v ? Number(v) : undefined)),
  q: z
    .string()
    .trim()
    .max(100, '不能超过 100 个字符')
    .optional()
    .transform((v) => v || undefined),
  mine: z
    .string()
    .optional()
    .transform((v) => v === '1'),
  page: z.coerce
    .number({ message: '应为正整数' })
    .int('应为正整数')
    .min(1, '应为正整数')
    .max(10000, '不能超过 10000')
    .default(1),
});
const LIST_LABELS = { status: '状态', column: '栏目', q: '标题或文号', mine: '我起草的', page: '页码' };
type ListQuery = z.infer<typeof listQuery>;

function listHref(f: ListQuery, page: number): string {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.column) p.set('column', String(f.column));
  if (f.q) p.set('q', f.q);
  if (f.mine) p.set('mine', '1');
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `/console/documents?${s}` : '/console/documents';
}

/** The CSV export of the list as filtered now (every page). */
function csvHref(f: ListQuery): string {
  const list = listHref(f, 1);
  const q = list.indexOf('?');
  return `/console/documents.csv${q >= 0 ? list.slice(q) : ''}`;
}

/** The chosen column and its descendants. */
function subtree(columns: { id: number; parent_id: number | null }[], id: number): number[] {
  const ids = [id];
  for (let i = 0; i < ids.length; i += 1)
    for (const c of columns) if (c.parent_id === ids[i] && !ids.includes(c.id)) ids.push(c.id);
  return ids;
}

function consoleFilter(columns: { id: number; parent_id: number | null }[], actor: Actor, f: ListQuery) {
  return {
    status: f.status,
    columnIds: f.column ? subtree(columns, f.column) : undefined,
    text: f.q,
    docNumberNorm: f.q && looksLikeDocNumber(f.q) ? normaliseDocNumber(f.q) : undefined,
    createdBy: f.mine ? (actor.userId ?? -1) : undefined,
  } satisfies cq.ConsoleFilter;
}

const CSV_HEADER = [
  '编号',
  '标题',
  '文号',
  '索引号',
  '栏目',
  '状态',
  '有效性',
  '起草人',
  '待处理筛查结果',
  '定时发布',
  '发布时间',
  '最近修改',
  '示例数据',
];
const CSV_MAX_ROWS = 50_000;

/** The filtered console list as CSV (every matching document, up to 50,000), times in Beijing time. */
async function listCsv(db: Db, actor: Actor, f: ListQuery): Promise<string> {
  const filter = consoleFilter(await q.columnsInTreeOrder(db), actor, f);
  const time = (v: string | null) => (v ? formatPubDate(v) : null);
  let out = BOM + csvLine(CSV_HEADER);
  for (let offset = 0; offset < CSV_MAX_ROWS; offset += 500) {
    const rows = await cq.pageConsoleDocuments(db, filter, { limit: 500, offset });
    for (const r of rows)
      out += csvLine([
        r.id,
        r.title,
        r.doc_number,
        r.index_no,
        r.column_name,
        STATUS_LABELS[r.status],
        VALIDITY_LABELS[r.validity],
        r.author,
        r.open_findings,
        time(r.scheduled_at),
        time(r.published_at),
        time(r.updated_at),
        r.is_sample ? '是' : '',
      ]);
    if (rows.length < 500) break;
  }
  return out;
}

async function listPage(db: Db, ctx: PageContext, actor: Actor, f: ListQuery, done?: string) {
  const columns = await q.columnsInTreeOrder(db);
  const filter = consoleFilter(columns, actor, f);
  const [rows, total] = await Promise.all([
    cq.pageConsoleDocuments(db, filter, { limit: PAGE_SIZE, offset: (f.page - 1) * PAGE_SIZE }),
    cq.countConsoleDocuments(db, filter),
  ]);
  return (
    <ConsolePage ctx={ctx} title="文件发布">
      {done && <Notice kind="success">{done}</Notice>}
      <p>
        <a class="button" href="/console/documents/new">
          起草文件
        </a>{' '}
        <a href="/xxgk">查看前台政府信息公开目录</a>
      </p>
      <form method="get" action="/console/documents" class="form-inline" aria-label="筛选文件">
        <Field
          name="status"
          label="状态"
          value={f.status ?? ''}
          options={[
            { value: '', label: '全部' },
            ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
          ]}
        />
        <Field
          name="column"
          label="栏目"
          value={f.column ? String(f.column) : ''}
          options={[{ value: '', label: '全部栏目' }, ...columnOptions(columns)]}
        />
        <Field name="q" label="标题或文号" value={f.q ?? ''} />
        <div class="field">
          <label>
            <input type="checkbox" name="mine" value="1" checked={f.mine} /> 只看我起草的
          </label>
        </div>
        <button type="submit">筛选</button>
        <a href="/console/documents">清除筛选</a>
      </form>
      {rows.length === 0 ? (
        <p>没有符合条件的文件。</p>
      ) : (
        <table>
          <caption>
            共 {total} 件，按最近修改排列（<a href={csvHref(f)}>导出 CSV</a>）
          </caption>
          <thead>
            <tr>
              <th scope="col">标题</th>
              <th scope="col">栏目</th>
              <th scope="col">状态</th>
              <th scope="col">起草人</th>
              <th scope="col">最近修改</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a href={`/console/documents/${r.id}`}>{r.title}</a>
                  {r.doc_number && <span class="hint">（{r.doc_number}）</span>}
                  {r.is_sample ? <span class="sample-tag">示例</span> : null}
                </th>
                <td>{r.column_name}</td>
                <td>
                  <StatusBadge status={r.status} />
                  {r.open_findings > 0 && (
                    <span class="badge badge-warn">{r.open_findings} 处个人信息待处理</span>
                  )}
                  {r.status === 'approved' && r.scheduled_at && (
                    <span class="hint">（定时 {formatPubDate(r.scheduled_at)}）</span>
                  )}
                </td>
                <td>{r.author ?? ''}</td>
                <td>{formatPubDate(r.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={f.page} pageSize={PAGE_SIZE} total={total} href={(p) => listHref(f, p)} />
    </ConsolePage>
  );
}

/* ------------------------------------------------------------------------------------------ */
/* The editor                                                                                   */

interface EditorState {
  values: Values;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
}

async function editorPage(
  db: Db,
  ctx: PageContext,
  target: { id: number; title: string; published: boolean } | null,
  state: EditorState,
) {
  const [columns, orgs] = await Promise.all([q.columnsInTreeOrder(db), orgTree(db)]);
  const columnId = Number(state.values.column_id);
  const column = columns.find((c) => c.id === columnId);
  const title = target
    ? target.published
      ? `更正：${target.title}`
      : `修改草稿：${target.title}`
    : '起草文件';
  return (
    <ConsolePage ctx={ctx} title={title}>
      <p>
        <a href={target ? `/console/documents/${target.id}` : '/console/documents'}>
          {target ? '返回文件详情' : '返回文件列表'}
        </a>
      </p>
      {state.message && <Notice kind="warning">{state.message}</Notice>}
      <DocumentForm
        ctx={ctx}
        action={target ? `/console/documents/${target.id}/edit` : '/console/documents'}
        label={title}
        columns={columnOptions(columns)}
        orgs={orgOptions(orgs)}
        extraFields={parseExtraDefinitions(column?.extra_fields)}
        values={state.values}
        errors={state.errors}
        correction={target?.published}
      />
    </ConsolePage>
  );
}

/** Parse the editor form: catalogue fields and the column's extra fields, all errors at once. */
async function parseEditor(
  db: Db,
  body: Values,
): Promise<{ input: DraftInput; extra: ExtraValues } | { errors: FieldErrors }> {
  const errors: FieldErrors = {};
  let input: DraftInput | undefined;
  try {
    input = parseInput(draftSchema, { ...body, extra: undefined, external_id: undefined }, DOCUMENT_LABELS);
  } catch (e) {
    if (!isAppError(e) || !e.fields) throw e;
    Object.assign(errors, e.fields);
  }
  const columnId = Number(body.column_id);
  const column = Number.isInteger(columnId) && columnId > 0 ? await repo.findColumn(db, columnId) : undefined;
  const checked = validateExtra(parseExtraDefinitions(column?.extra_fields), extraFromForm(body));
  if (checked.errors) Object.assign(errors, checked.errors);
  if (!input || Object.keys(errors).length > 0) return { errors };
  return { input: { ...input, extra: extraFromForm(body) }, extra: checked.values };
}

/** The form values of a stored document: its fields and extra_<key> for the extra fields. */
function valuesOf(doc: Record<string, unknown> & { extra: string }): Values {
  const extra = Object.fromEntries(
    Object.entries(parseExtraValues(doc.extra)).map(([k, v]) => [`${EXTRA_PREFIX}${k}`, v]),
  );
  return { ...doc, ...extra };
}

const COMPARED: (keyof DraftInput)[] = [
  'column_id',
  'title',
  'doc_number',
  'publisher_org_id',
  'joint_issuers',
  'owner_org_id',
  'written_on',
  'formed_on',
  'effective_on',
  'topic',
  'genre',
  'keywords',
  'summary',
  'contact_name',
  'contact_phone',
];

/** Would saving this input change the published document at all? */
function changes(
  doc: Record<string, unknown> & { body: string; extra: string },
  input: DraftInput,
  extra: ExtraValues,
) {
  return (
    COMPARED.some((k) => (input[k] ?? null) !== (doc[k] ?? null)) ||
    toSafeHtml(input.body) !== doc.body ||
    JSON.stringify(extra) !== JSON.stringify(parseExtraValues(doc.extra))
  );
}

/** Service refusals with field errors re-render the form; other refusals show their message. */
async function saveOrExplain(
  fn: () => Promise<void>,
): Promise<{ status: number; state: Omit<EditorState, 'values'> } | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    if (!isAppError(e) || e.code === 'NOT_FOUND' || e.code === 'INTERNAL') throw e;
    return { status: e.status, state: e.fields ? { errors: e.fields } : { message: e.message } };
  }
}

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
