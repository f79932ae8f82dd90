import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate, todayCst } from '../../platform/time.js';
import { type FieldErrors, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { ProjectForm, SAVED_MESSAGES, StageForm, type Values } from './expropriation.forms.js';
import type { Project } from './expropriation.repository.js';
import { STAGES, type StageKind } from './expropriation.rules.js';
import { m2ToHectares, PROJECT_LABELS, projectSchema, stageSchema } from './expropriation.schema.js';
import {
  clearStage,
  createProject,
  isStageKind,
  listProjectViews,
  listZdxxDocuments,
  projectView,
  saveStage,
  updateProject,
} from './expropriation.service.js';
import { CompletenessBadge, hectares, location, SampleTag, StageTable } from './expropriation.views.js';

export const MANAGE = 'expropriation.manage';

const params = (r: FastifyRequest) => r.params as Record<string, string>;
const idOf = (r: FastifyRequest) => parseInput(idParam, params(r).id, { _: '编号' });
const kindOf = (r: FastifyRequest): StageKind => {
  const k = params(r).kind ?? '';
  if (!isStageKind(k)) throw new AppError('NOT_FOUND', { message: '没有这个环节' });
  return k;
};
const savedOf = (r: FastifyRequest) => {
  const key = (r.query as Record<string, unknown>).saved;
  return typeof key === 'string' ? SAVED_MESSAGES[key] : undefined;
};

/** Run a form submission; field errors come back as a value so the route can re-render the form. */
async function submit(fn: () => Promise<void>): Promise<FieldErrors | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    if (!isAppError(e) || !e.fields) throw e;
    return e.fields;
  }
}

const ha = (m2: number | null) => (m2 === null ? '' : m2ToHectares(m2));

/** A stored project as form values. */
function projectValues(p: Project): Values {
  return {
    ...p,
    area_ha: ha(p.area_m2),
    farmland_ha: ha(p.farmland_m2),
    cultivated_ha: ha(p.cultivated_m2),
    construction_ha: ha(p.construction_m2),
    unused_ha: ha(p.unused_m2),
    hearing_requested: p.hearing_requested === 1,
  };
}

export function expropriationConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const perm = { config: { permission: MANAGE } };
  const ctxOf = (r: FastifyRequest) => pageContext(db, r);
  const viewOf = (id: number) => projectView(db, config, id, todayCst());

  const newPage = (ctx: PageContext, values: Values, errors?: FieldErrors) => (
    <ConsolePage ctx={ctx} title="新建征地项目">
      <p>
        <a href="/console/expropriation">返回征地项目列表</a>
      </p>
      <ProjectForm
        ctx={ctx}
        action="/console/expropriation"
        label="新建征地项目"
        values={values}
        errors={errors}
      />
    </ConsolePage>
  );

  const editPage = async (
    ctx: PageContext,
    id: number,
    options: { values?: Values; errors?: FieldErrors; saved?: string | undefined } = {},
  ) => {
    const view = await viewOf(id);
    const p = view.project;
    return (
      <ConsolePage ctx={ctx} title={`征地项目：${p.name}`}>
        {options.saved && <Notice kind="success">{options.saved}</Notice>}
        <p>
          <a href="/console/expropriation">返回征地项目列表</a> · <a href={`/zhengdi/${id}`}>查看前台页面</a>
          <SampleTag sample={p.is_sample} />
        </p>
        <p>
          公开情况：
          <CompletenessBadge view={view} />
        </p>
        <h2>法定环节</h2>
        <StageTable
          view={view}
          caption="各环节的日期、公开文件和期限核对结果"
          editHref={(kind) => `/console/expropriation/${id}/stages/${kind}`}
        />
        <h2>项目信息</h2>
        <ProjectForm
          ctx={ctx}
          action={`/console/expropriation/${id}`}
          label="编辑征地项目"
          values={options.values ?? projectValues(p)}
          errors={options.errors}
        />
      </ConsolePage>
    );
  };

  const stagePage = async (
    ctx: PageContext,
    id: number,
    kind: StageKind,
    options: { values?: Values; errors?: FieldErrors } = {},
  ) => {
    const [view, documents] = await Promise.all([viewOf(id), listZdxxDocuments(db)]);
    const def = STAGES[kind];
    const stage = view.stages.find((s) => s.kind === kind)!;
    const stored: Values = {
      posted_on: stage.postedOn,
      end_on: stage.endOn,
      notes: stage.notes,
      document_ref: stage.document ? String(stage.document.id) : '',
    };
    const base = `/console/expropriation/${id}/stages/${kind}`;
    return (
      <ConsolePage ctx={ctx} title={`${def.name}：${view.project.name}`}>
        <p>
          <a href={`/console/expropriation/${id}`}>返回{view.project.name}</a>
        </p>
        <p>
          法定要求：{def.rule}（{def.basis}）
        </p>
        <StageForm
          ctx={ctx}
          action={base}
          kind={kind}
          values={options.values ?? stored}
          documents={documents}
          errors={options.errors}
        />
        {stage.postedOn && (
          <>
            <h2>删除记录</h2>
            <p>登记有误时可删除本环节的记录；删除操作会记入审计日志。</p>
            <Form ctx={ctx} action={`${base}/clear`} class="form-inline" label={`删除${def.name}记录`}>
              <button type="submit" class="secondary">
                删除本环节记录
              </button>
            </Form>
          </>
        )}
      </ConsolePage>
    );
  };

  app.get('/console/expropriation', perm, async (request, reply) => {
    const [views, ctx] = await Promise.all([listProjectViews(db, config, todayCst()), ctxOf(request)]);
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="征地项目">
        <p>
          <a class="button" href="/console/expropriation/new">
            新建征地项目
          </a>{' '}
          <a href="/zhengdi">查看前台“征地项目公开”</a>
        </p>
        <p class="hint">
          各环节的文件先在“征地信息”栏目中发布，再在项目中登记日期并关联文件；期限按工作日历自动核对。
        </p>
        {views.length === 0 ? (
          <p>暂无征地项目。</p>
        ) : (
          <table>
            <caption>共 {views.length} 个征地项目</caption>
            <thead>
              <tr>
                <th scope="col">项目名称</th>
                <th scope="col">批次/项目编号</th>
                <th scope="col">位置</th>
                <th scope="col">面积</th>
                <th scope="col">公开情况</th>
                <th scope="col">更新时间</th>
              </tr>
            </thead>
            <tbody>
              {views.map((v) => (
                <tr key={v.project.id}>
                  <th scope="row">
                    <a href={`/console/expropriation/${v.project.id}`}>{v.project.name}</a>
                    <SampleTag sample={v.project.is_sample} />
                  </th>
                  <td>{v.project.batch_no}</td>
                  <td>{location(v.project)}</td>
                  <td>{hectares(v.project.area_m2)}</td>
                  <td>
                    <CompletenessBadge view={v} />
                  </td>
                  <td>{formatPubDate(v.project.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ConsolePage>,
    );
  });

  app.get('/console/expropriation/new', perm, async (request, reply) =>
    sendHtml(reply, newPage(await ctxOf(request), { status: 'preparing' })),
  );

  app.post('/console/expropriation', perm, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    let id = 0;
    const errors = await submit(async () => {
      id = await createProject(db, request.actor, parseInput(projectSchema, body, PROJECT_LABELS));
    });
    if (!errors) return reply.redirect(`/console/expropriation/${id}?saved=created`, 303);
    return sendHtml(reply, newPage(await ctxOf(request), body, errors), 400);
  });

  app.get('/console/expropriation/:id', perm, async (request, reply) => {
    const id = idOf(request);
    return sendHtml(reply, await editPage(await ctxOf(request), id, { saved: savedOf(request) }));
  });

  app.post('/console/expropriation/:id', perm, async (request, reply) => {
    const id = idOf(request);
    const body = (request.body ?? {}) as Values;
    const errors = await submit(() =>
      updateProject(db, request.actor, id, parseInput(projectSchema, body, PROJECT_LABELS)),
    );
    if (!errors) return reply.redirect(`/console/expropriation/${id}?saved=updated`, 303);
    return sendHtml(reply, await editPage(await ctxOf(request), id, { values: body, errors }), 400);
  });

  app.get('/console/expropriation/:id/stages/:kind', perm, async (request, reply) => {
    const [id, kind] = [idOf(request), kindOf(request)];
    return sendHtml(reply, await stagePage(await ctxOf(request), id, kind));
  });

  app.post('/console/expropriation/:id/stages/:kind', perm, async (request, reply) => {
    const [id, kind] = [idOf(request), kindOf(request)];
    const def = STAGES[kind];
    const body = (request.body ?? {}) as Values;
    const labels = {
      document_ref: '公开文件',
      posted_on: def.dateLabel,
      end_on: def.endLabel ?? '截止日期',
      notes: '备注',
    };
    const errors = await submit(() =>
      saveStage(db, request.actor, id, kind, parseInput(stageSchema, body, labels)),
    );
    if (!errors) return reply.redirect(`/console/expropriation/${id}?saved=stage_saved#stage-${kind}`, 303);
    return sendHtml(reply, await stagePage(await ctxOf(request), id, kind, { values: body, errors }), 400);
  });

  app.post('/console/expropriation/:id/stages/:kind/clear', perm, async (request, reply) => {
    const [id, kind] = [idOf(request), kindOf(request)];
    await clearStage(db, request.actor, id, kind);
    return reply.redirect(`/console/expropriation/${id}?saved=stage_cleared`, 303);
  });
}
