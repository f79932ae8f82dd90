import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, optionalText, parseInput, requiredText } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { ErrorSummary, Field, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { indexStatus } from './search.status.js';
import { createSynonym, deleteSynonym, getSynonym, listSynonyms, updateSynonym } from './synonym.service.js';

/**
 * 搜索词典 (/console/search, permission search.manage): the synonym groups applied to every query,
 * the state of the index, and a button that rebuilds it in the background.
 */

const LABELS = { terms: '同义词', note: '说明' };
const synonymSchema = z.object({ terms: requiredText(500), note: optionalText(200) });

const MESSAGES: Record<string, string> = {
  created: '已新增同义词组，搜索立即生效。',
  saved: '已保存，搜索立即生效。',
  deleted: '已删除同义词组。',
  reindex: '已安排重建索引，后台任务完成后生效（可在“后台任务”查看进度）。',
};

export function searchConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const perm = { config: { permission: 'search.manage' } };

  const listPage = async (
    request: FastifyRequest,
    values: Record<string, unknown> = {},
    errors?: Record<string, string>,
  ) => {
    const ctx = await pageContext(db, request);
    const [rows, status] = await Promise.all([listSynonyms(db), indexStatus(db)]);
    const done = MESSAGES[(request.query as Record<string, string>).done ?? ''];
    return (
      <ConsolePage ctx={ctx} title="搜索词典">
        <h1>搜索词典与索引</h1>
        {done && <Notice kind="success">{done}</Notice>}
        <section aria-labelledby="h-index">
          <h2 id="h-index">索引状态</h2>
          <table>
            <caption>已建立索引的内容</caption>
            <thead>
              <tr>
                <th scope="col">内容</th>
                <th scope="col">可公开条目</th>
                <th scope="col">已索引</th>
              </tr>
            </thead>
            <tbody>
              {status.map((s) => (
                <tr key={s.kind}>
                  <th scope="row">{s.label}</th>
                  <td>{s.public}</td>
                  <td>
                    {s.indexed}
                    {s.indexed !== s.public && <span class="badge badge-warn">不一致，请重建索引</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Form ctx={ctx} action="/console/search/reindex" label="重建索引" class="form-inline">
            <button type="submit">重建索引</button>
          </Form>
        </section>
        <section aria-labelledby="h-syn">
          <h2 id="h-syn">同义词组</h2>
          <p class="hint">
            搜索词与组内任一词语相同时，同时查找组内其他词语（如“征地”也找“土地征收”）。词语之间用逗号或顿号分隔。
          </p>
          <table>
            <caption>同义词组（{rows.length} 组）</caption>
            <thead>
              <tr>
                <th scope="col">同义词</th>
                <th scope="col">说明</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.terms.split(',').join('、')}</td>
                  <td>{r.note}</td>
                  <td>
                    <a href={`/console/search/synonyms/${r.id}`} aria-label={`编辑同义词组：${r.terms}`}>
                      编辑
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 id="h-new">新增同义词组</h3>
          <Form ctx={ctx} action="/console/search/synonyms" label="新增同义词组">
            <ErrorSummary errors={errors} />
            <Field
              name="terms"
              label={LABELS.terms}
              value={values.terms as string}
              errors={errors}
              required
              hint="例如：总规，总体规划"
            />
            <Field name="note" label={LABELS.note} value={values.note as string} errors={errors} />
            <button type="submit">新增</button>
          </Form>
        </section>
      </ConsolePage>
    );
  };

  const editPage = async (
    request: FastifyRequest,
    id: number,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const ctx = await pageContext(db, request);
    return (
      <ConsolePage ctx={ctx} title="编辑同义词组">
        <h1>编辑同义词组</h1>
        <p>
          <a href="/console/search">返回搜索词典</a>
        </p>
        <Form ctx={ctx} action={`/console/search/synonyms/${id}`} label="编辑同义词组">
          <ErrorSummary errors={errors} />
          <Field name="terms" label={LABELS.terms} value={values.terms as string} errors={errors} required />
          <Field name="note" label={LABELS.note} value={values.note as string} errors={errors} />
          <button type="submit">保存</button>
        </Form>
        <Form
          ctx={ctx}
          action={`/console/search/synonyms/${id}/delete`}
          label="删除同义词组"
          class="form-inline"
        >
          <button type="submit" class="danger">
            删除此同义词组
          </button>
        </Form>
      </ConsolePage>
    );
  };

  app.get('/console/search', perm, async (request, reply) => sendHtml(reply, await listPage(request)));

  app.post('/console/search/synonyms', perm, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const input = parseInput(synonymSchema, body, LABELS);
      await createSynonym(db, request.actor, { terms: input.terms, note: input.note });
      return reply.redirect('/console/search?done=created', 303);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, await listPage(request, body, e.fields), 400);
    }
  });

  app.get('/console/search/synonyms/:id', perm, async (request, reply) => {
    const { id } = parseInput(z.object({ id: idParam }), request.params, { id: '编号' });
    const row = await getSynonym(db, id);
    return sendHtml(
      reply,
      await editPage(request, id, { terms: row.terms.split(',').join('，'), note: row.note }),
    );
  });

  app.post('/console/search/synonyms/:id', perm, async (request, reply) => {
    const { id } = parseInput(z.object({ id: idParam }), request.params, { id: '编号' });
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const input = parseInput(synonymSchema, body, LABELS);
      await updateSynonym(db, request.actor, id, { terms: input.terms, note: input.note });
      return reply.redirect('/console/search?done=saved', 303);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, await editPage(request, id, body, e.fields), 400);
    }
  });

  app.post('/console/search/synonyms/:id/delete', perm, async (request, reply) => {
    const { id } = parseInput(z.object({ id: idParam }), request.params, { id: '编号' });
    await deleteSynonym(db, request.actor, id);
    return reply.redirect('/console/search?done=deleted', 303);
  });

  app.post('/console/search/reindex', perm, async (request, reply) => {
    // One rebuild per minute however often the button is pressed.
    const minute = Math.floor(Date.now() / 60_000);
    await deps.jobs.enqueue(
      'search-reindex',
      { by: request.actor.userId },
      { idempotencyKey: `search-reindex:${minute}` },
    );
    return reply.redirect('/console/search?done=reindex', 303);
  });
}
