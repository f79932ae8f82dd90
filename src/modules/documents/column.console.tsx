import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AppError, isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate } from '../../platform/time.js';
import { type FieldErrors, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { type PageContext, pageContext } from '../../web/context.js';
import {
  ColumnForm,
  ExtraFieldsForm,
  fieldRows,
  indent,
  SAVED_MESSAGES,
  submittedRows,
  type Values,
} from './column.forms.js';
import {
  COLUMN_LABELS,
  columnSchema,
  EXTRA_FIELD_TYPES,
  extraFieldRows,
  parseExtraFields,
} from './column.schema.js';
import {
  type ColumnNode,
  columnTree,
  createColumn,
  deleteColumn,
  flattenTree,
  getColumn,
  reorderColumn,
  saveExtraFields,
  setColumnHidden,
  updateColumn,
} from './column.service.js';

/**
 * The column (栏目) editor of the disclosure catalogue (admin, columns.manage): the tree, create,
 * edit (name, code, parent, basis, 解读 flag), reorder, hide/show, delete when empty, and the
 * typed extra fields. The rules live in column.service.ts.
 */
const idOf = (r: FastifyRequest) =>
  parseInput(idParam, (r.params as Record<string, string>).id, { _: '栏目编号' });
const moveSchema = z.object({ direction: z.enum(['up', 'down'], { message: '请选择上移或下移' }) });

async function submit(fn: () => Promise<void>): Promise<FieldErrors | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    if (!isAppError(e) || !e.fields) throw e;
    return e.fields;
  }
}

/** A refusal (CONFLICT) shown on the page it came from rather than on an error page. */
async function refusal(fn: () => Promise<void>): Promise<AppError | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    if (isAppError(e) && e.code === 'CONFLICT') return e;
    throw e;
  }
}

function find(tree: ColumnNode[], id: number): ColumnNode | undefined {
  return flattenTree(tree).find(({ column }) => column.id === id)?.column;
}

const FIELD_RULES =
  '字段代码为小写字母、数字和下划线（例如 parcel_no），在本栏目内唯一。已有文件填写的字段不能删除、' +
  '不能修改字段代码或类型，已被使用的下拉选项不能删除；显示名称、必填、单位和新增选项可以随时修改' +
  '（必填只约束此后的录入和修改）。';

export function columnConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const perm = { config: { permission: 'columns.manage' } };
  const ctxOf = (r: FastifyRequest) => pageContext(db, r);
  const savedOf = (r: FastifyRequest) => {
    const key = (r.query as Record<string, unknown>).saved;
    return typeof key === 'string' ? SAVED_MESSAGES[key] : undefined;
  };

  const newPage = async (ctx: PageContext, values: Values, errors?: FieldErrors) => (
    <ConsolePage ctx={ctx} title="新建栏目">
      <p>
        <a href="/console/columns">返回栏目列表</a>
      </p>
      <ColumnForm
        ctx={ctx}
        action="/console/columns"
        tree={await columnTree(db)}
        values={values}
        errors={errors}
      />
    </ConsolePage>
  );

  const editPage = async (
    ctx: PageContext,
    id: number,
    options: { values?: Values; errors?: FieldErrors; saved?: string | undefined; refused?: string } = {},
  ) => {
    await getColumn(db, id); // NOT_FOUND for an unknown id
    const tree = await columnTree(db);
    const column = find(tree, id);
    if (!column) throw new Error(`column ${id} is not in the tree`);
    const fields = parseExtraFields(column.extra_fields);
    return (
      <ConsolePage ctx={ctx} title={`编辑栏目：${column.name}`}>
        {options.saved && <Notice kind="success">{options.saved}</Notice>}
        {options.refused && <Notice kind="warning">{options.refused}</Notice>}
        <p>
          <a href="/console/columns">返回栏目列表</a>
          {!column.hidden && (
            <>
              {' '}
              · <a href={`/xxgk/${column.code}`}>查看前台栏目</a>
            </>
          )}
        </p>
        <p>
          栏目下有 {column.documents} 份文件（含草稿），{column.children.length} 个下级栏目；状态：
          {column.hidden ? '已隐藏' : '前台显示'}；更新于 {formatPubDate(column.updated_at)}。
        </p>
        <ColumnForm
          ctx={ctx}
          action={`/console/columns/${id}`}
          tree={tree}
          selfId={id}
          codeFrozen={column.documents > 0}
          values={options.values ?? { ...column }}
          errors={options.errors}
        />
        <h2>扩展字段</h2>
        {fields.length === 0 ? (
          <p>本栏目没有扩展字段。</p>
        ) : (
          <ul>
            {fields.map((f) => (
              <li key={f.key}>
                {f.label}（{f.key}，{EXTRA_FIELD_TYPES[f.type] ?? f.type}
                {f.unit ? `，单位：${f.unit}` : ''}
                {f.required ? '，必填' : ''}）
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href={`/console/columns/${id}/fields`}>编辑扩展字段</a> ·{' '}
          <a href={`/console/columns/new?parent=${id}`}>在本栏目下新建下级栏目</a>
        </p>
        <h2>{column.hidden ? '恢复显示' : '隐藏栏目'}</h2>
        <p>
          {column.hidden
            ? '恢复后，该栏目及其下级栏目重新在前台和开放接口中显示。'
            : '隐藏后，该栏目及其下级栏目从前台目录和开放接口中移除；栏目下的文件不删除，仍可通过原文件地址访问。'}
        </p>
        <Form
          ctx={ctx}
          action={`/console/columns/${id}/${column.hidden ? 'show' : 'hide'}`}
          class="form-inline"
          label={column.hidden ? '恢复显示栏目' : '隐藏栏目'}
        >
          <button type="submit" class="secondary">
            {column.hidden ? '恢复显示' : '隐藏该栏目'}
          </button>
        </Form>
        <h2>删除栏目</h2>
        <p>只能删除没有下级栏目、也没有任何文件（含草稿）的栏目；删除操作记入审计日志。</p>
        <Form ctx={ctx} action={`/console/columns/${id}/delete`} class="form-inline" label="删除栏目">
          <button type="submit" class="secondary">
            删除该栏目
          </button>
        </Form>
      </ConsolePage>
    );
  };

  const fieldsPage = async (ctx: PageContext, id: number, rows?: Values[], errors?: FieldErrors) => {
    const column = await getColumn(db, id);
    return (
      <ConsolePage ctx={ctx} title={`扩展字段：${column.name}`}>
        <p>
          <a href={`/console/columns/${id}`}>返回栏目“{column.name}”</a>
        </p>
        <p class="hint">{FIELD_RULES}</p>
        <ExtraFieldsForm
          ctx={ctx}
          action={`/console/columns/${id}/fields`}
          rows={rows ?? fieldRows(parseExtraFields(column.extra_fields))}
          errors={errors}
        />
      </ConsolePage>
    );
  };

  app.get('/console/columns', perm, async (request, reply) => {
    const [tree, ctx] = await Promise.all([columnTree(db), ctxOf(request)]);
    const rows = flattenTree(tree);
    const saved = savedOf(request);
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="栏目管理">
        {saved && <Notice kind="success">{saved}</Notice>}
        <p>
          <a class="button" href="/console/columns/new">
            新建栏目
          </a>{' '}
          <a href="/xxgk">查看前台“政府信息公开目录”</a>
        </p>
        <p class="hint">
          栏目代码即公开网址（/xxgk/代码），栏目下有文件后不能修改。有文件或下级栏目的栏目不能删除，不再使用时可以隐藏。
        </p>
        <table>
          <caption>共 {rows.length} 个栏目，按上下级和顺序排列</caption>
          <thead>
            <tr>
              <th scope="col">栏目名称</th>
              <th scope="col">代码</th>
              <th scope="col">文件数</th>
              <th scope="col">状态</th>
              <th scope="col">须解读</th>
              <th scope="col">扩展字段</th>
              <th scope="col">顺序</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ column, depth }) => (
              <tr key={column.id} id={`c-${column.id}`}>
                <th scope="row">
                  {depth > 0 && <span aria-hidden="true">{indent(depth)}</span>}
                  <a href={`/console/columns/${column.id}`}>{column.name}</a>
                </th>
                <td>{column.code}</td>
                <td>{column.documents}</td>
                <td>{column.hidden ? '已隐藏' : '显示'}</td>
                <td>{column.needs_interpretation ? '是' : ''}</td>
                <td>{parseExtraFields(column.extra_fields).length || ''}</td>
                <td>
                  <Form
                    ctx={ctx}
                    action={`/console/columns/${column.id}/move`}
                    class="form-inline"
                    label={`调整“${column.name}”的顺序`}
                  >
                    <button type="submit" name="direction" value="up" class="secondary">
                      上移<span class="sr-only">“{column.name}”</span>
                    </button>{' '}
                    <button type="submit" name="direction" value="down" class="secondary">
                      下移<span class="sr-only">“{column.name}”</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ConsolePage>,
    );
  });

  app.get('/console/columns/new', perm, async (request, reply) => {
    const parent = (request.query as Record<string, unknown>).parent;
    return sendHtml(
      reply,
      await newPage(await ctxOf(request), { parent_id: typeof parent === 'string' ? parent : '' }),
    );
  });

  app.post('/console/columns', perm, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    let id = 0;
    const errors = await submit(async () => {
      id = await createColumn(db, request.actor, parseInput(columnSchema, body, COLUMN_LABELS));
    });
    if (!errors) return reply.redirect(`/console/columns/${id}?saved=created`, 303);
    return sendHtml(reply, await newPage(await ctxOf(request), body, errors), 400);
  });

  app.get('/console/columns/:id', perm, async (request, reply) => {
    const id = idOf(request);
    return sendHtml(reply, await editPage(await ctxOf(request), id, { saved: savedOf(request) }));
  });

  app.post('/console/columns/:id', perm, async (request, reply) => {
    const id = idOf(request);
    await getColumn(db, id);
    const body = (request.body ?? {}) as Values;
    const errors = await submit(() =>
      updateColumn(db, request.actor, id, parseInput(columnSchema, body, COLUMN_LABELS)),
    );
    if (!errors) return reply.redirect(`/console/columns/${id}?saved=updated`, 303);
    return sendHtml(reply, await editPage(await ctxOf(request), id, { values: body, errors }), 400);
  });

  app.post('/console/columns/:id/move', perm, async (request, reply) => {
    const id = idOf(request);
    const { direction } = parseInput(moveSchema, request.body, { direction: '方向' });
    await reorderColumn(db, request.actor, id, direction);
    return reply.redirect(`/console/columns?saved=moved#c-${id}`, 303);
  });

  for (const [action, hidden] of [
    ['hide', true],
    ['show', false],
  ] as const) {
    app.post(`/console/columns/:id/${action}`, perm, async (request, reply) => {
      const id = idOf(request);
      const refused = await refusal(() => setColumnHidden(db, request.actor, id, hidden));
      if (!refused) return reply.redirect(`/console/columns/${id}?saved=${hidden ? 'hidden' : 'shown'}`, 303);
      return sendHtml(reply, await editPage(await ctxOf(request), id, { refused: refused.message }), 409);
    });
  }

  app.post('/console/columns/:id/delete', perm, async (request, reply) => {
    const id = idOf(request);
    const refused = await refusal(() => deleteColumn(db, request.actor, id));
    if (!refused) return reply.redirect('/console/columns?saved=deleted', 303);
    return sendHtml(reply, await editPage(await ctxOf(request), id, { refused: refused.message }), 409);
  });

  app.get('/console/columns/:id/fields', perm, async (request, reply) => {
    const id = idOf(request);
    return sendHtml(reply, await fieldsPage(await ctxOf(request), id));
  });

  app.post('/console/columns/:id/fields', perm, async (request, reply) => {
    const id = idOf(request);
    await getColumn(db, id);
    const body = (request.body ?? {}) as Values;
    const errors = await submit(() => saveExtraFields(db, request.actor, id, extraFieldRows(body)));
    if (!errors) return reply.redirect(`/console/columns/${id}?saved=fields`, 303);
    return sendHtml(reply, await fieldsPage(await ctxOf(request), id, submittedRows(body), errors), 400);
  });
}
