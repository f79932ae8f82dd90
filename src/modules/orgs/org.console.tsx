import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate } from '../../platform/time.js';
import { type FieldErrors, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { flatten, indent, LeaderForm, OrgForm, SAVED_MESSAGES, type Values } from './org.forms.js';
import { LEADER_LABELS, leaderSchema, ORG_LABELS, orgSchema } from './org.schema.js';
import {
  addLeader,
  createOrg,
  getLeader,
  listLeaders,
  orgProfile,
  orgTree,
  removeLeader,
  updateLeader,
  updateOrg,
} from './org.service.js';
import { kindName, SampleTag } from './org.views.js';

const params = (r: FastifyRequest) => r.params as Record<string, string>;
const orgIdOf = (r: FastifyRequest) => parseInput(idParam, params(r).id, { _: '编号' });
const leaderIdOf = (r: FastifyRequest) => parseInput(idParam, params(r).leaderId, { _: '编号' });
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

export function orgConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const perm = { config: { permission: 'orgs.manage' } };
  const ctxOf = (r: FastifyRequest) => pageContext(db, r);

  const newOrgPage = async (ctx: PageContext, values: Values, errors?: FieldErrors) => (
    <ConsolePage ctx={ctx} title="新建机构">
      <OrgForm ctx={ctx} action="/console/orgs" tree={await orgTree(db)} values={values} errors={errors} />
    </ConsolePage>
  );

  const editOrgPage = async (
    ctx: PageContext,
    id: number,
    options: { values?: Values; errors?: FieldErrors; saved?: string | undefined } = {},
  ) => {
    const [{ org, leaders }, tree] = await Promise.all([orgProfile(db, id), orgTree(db)]);
    return (
      <ConsolePage ctx={ctx} title={`编辑机构：${org.name}`}>
        {options.saved && <Notice kind="success">{options.saved}</Notice>}
        <p>
          <a href="/console/orgs">返回机构列表</a> · <a href={`/orgs/${id}`}>查看前台页面</a>
          <SampleTag sample={org.is_sample} />
        </p>
        <OrgForm
          ctx={ctx}
          action={`/console/orgs/${id}`}
          tree={tree}
          selfId={id}
          values={options.values ?? org}
          errors={options.errors}
        />
        <h2>领导信息</h2>
        <p>
          <a class="button" href={`/console/orgs/${id}/leaders/new`}>
            添加领导
          </a>
        </p>
        {leaders.length === 0 ? (
          <p>暂无领导信息。</p>
        ) : (
          <table>
            <caption>共 {leaders.length} 人，按排序号显示</caption>
            <thead>
              <tr>
                <th scope="col">姓名</th>
                <th scope="col">职务</th>
                <th scope="col">分工</th>
                <th scope="col">排序</th>
              </tr>
            </thead>
            <tbody>
              {leaders.map((l) => (
                <tr key={l.id}>
                  <td>
                    <a href={`/console/orgs/${id}/leaders/${l.id}`}>{l.name}</a>
                  </td>
                  <td>{l.title}</td>
                  <td>{l.duties ?? ''}</td>
                  <td>{l.sort_order}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ConsolePage>
    );
  };

  const leaderPage = async (
    ctx: PageContext,
    orgId: number,
    leaderId: number | null,
    values: Values,
    errors?: FieldErrors,
  ) => {
    const { org } = await orgProfile(db, orgId);
    const base = `/console/orgs/${orgId}/leaders`;
    const title = leaderId ? `编辑领导信息：${org.name}` : `添加领导：${org.name}`;
    return (
      <ConsolePage ctx={ctx} title={title}>
        <p>
          <a href={`/console/orgs/${orgId}`}>返回{org.name}</a>
        </p>
        <LeaderForm
          ctx={ctx}
          action={leaderId ? `${base}/${leaderId}` : base}
          label={leaderId ? '编辑领导信息' : '添加领导'}
          values={values}
          errors={errors}
        />
        {leaderId && (
          <>
            <h2>删除</h2>
            <p>领导职务变动后可删除该条信息；删除操作会记入审计日志。</p>
            <Form ctx={ctx} action={`${base}/${leaderId}/remove`} class="form-inline" label="删除领导信息">
              <button type="submit" class="secondary">
                删除该条领导信息
              </button>
            </Form>
          </>
        )}
      </ConsolePage>
    );
  };

  app.get('/console/orgs', perm, async (request, reply) => {
    const [tree, leaders, ctx] = await Promise.all([orgTree(db), listLeaders(db), ctxOf(request)]);
    const leaderCount = new Map<number, number>();
    for (const l of leaders) leaderCount.set(l.org_id, (leaderCount.get(l.org_id) ?? 0) + 1);
    const rows = flatten(tree);
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="机构管理">
        <p>
          <a class="button" href="/console/orgs/new">
            新建机构
          </a>{' '}
          <a href="/orgs">查看前台“机构信息”</a>
        </p>
        <p class="hint">
          机构信息只能修改，不能删除；机构撤并或更名时请修改相应信息，修改记录保存在审计日志中。
        </p>
        <table>
          <caption>共 {rows.length} 个机构，按上下级排列</caption>
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">类型</th>
              <th scope="col">电话</th>
              <th scope="col">领导人数</th>
              <th scope="col">更新时间</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ org, depth }) => (
              <tr key={org.id}>
                <th scope="row">
                  {depth > 0 && <span aria-hidden="true">{indent(depth)}</span>}
                  <a href={`/console/orgs/${org.id}`}>{org.name}</a>
                  <SampleTag sample={org.is_sample} />
                </th>
                <td>{kindName(org.kind)}</td>
                <td>{org.phone ?? ''}</td>
                <td>{leaderCount.get(org.id) ?? 0}</td>
                <td>{formatPubDate(org.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ConsolePage>,
    );
  });

  app.get('/console/orgs/new', perm, async (request, reply) =>
    sendHtml(reply, await newOrgPage(await ctxOf(request), { kind: 'division' })),
  );

  app.post('/console/orgs', perm, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    let id = 0;
    const errors = await submit(async () => {
      id = await createOrg(db, request.actor, parseInput(orgSchema, body, ORG_LABELS));
    });
    if (!errors) return reply.redirect(`/console/orgs/${id}?saved=created`, 303);
    return sendHtml(reply, await newOrgPage(await ctxOf(request), body, errors), 400);
  });

  app.get('/console/orgs/:id', perm, async (request, reply) => {
    const id = orgIdOf(request);
    return sendHtml(reply, await editOrgPage(await ctxOf(request), id, { saved: savedOf(request) }));
  });

  app.post('/console/orgs/:id', perm, async (request, reply) => {
    const id = orgIdOf(request);
    const body = (request.body ?? {}) as Values;
    const errors = await submit(() =>
      updateOrg(db, request.actor, id, parseInput(orgSchema, body, ORG_LABELS)),
    );
    if (!errors) return reply.redirect(`/console/orgs/${id}?saved=updated`, 303);
    return sendHtml(reply, await editOrgPage(await ctxOf(request), id, { values: body, errors }), 400);
  });

  app.get('/console/orgs/:id/leaders/new', perm, async (request, reply) => {
    const id = orgIdOf(request);
    return sendHtml(reply, await leaderPage(await ctxOf(request), id, null, {}));
  });

  app.post('/console/orgs/:id/leaders', perm, async (request, reply) => {
    const id = orgIdOf(request);
    const body = (request.body ?? {}) as Values;
    const errors = await submit(async () => {
      await addLeader(db, request.actor, id, parseInput(leaderSchema, body, LEADER_LABELS));
    });
    if (!errors) return reply.redirect(`/console/orgs/${id}?saved=leader_added`, 303);
    return sendHtml(reply, await leaderPage(await ctxOf(request), id, null, body, errors), 400);
  });

  app.get('/console/orgs/:id/leaders/:leaderId', perm, async (request, reply) => {
    const [id, leaderId] = [orgIdOf(request), leaderIdOf(request)];
    const leader = await getLeader(db, id, leaderId);
    return sendHtml(reply, await leaderPage(await ctxOf(request), id, leaderId, leader));
  });

  app.post('/console/orgs/:id/leaders/:leaderId', perm, async (request, reply) => {
    const [id, leaderId] = [orgIdOf(request), leaderIdOf(request)];
    await getLeader(db, id, leaderId);
    const body = (request.body ?? {}) as Values;
    const errors = await submit(() =>
      updateLeader(db, request.actor, id, leaderId, parseInput(leaderSchema, body, LEADER_LABELS)),
    );
    if (!errors) return reply.redirect(`/console/orgs/${id}?saved=leader_updated`, 303);
    return sendHtml(reply, await leaderPage(await ctxOf(request), id, leaderId, body, errors), 400);
  });

  app.post('/console/orgs/:id/leaders/:leaderId/remove', perm, async (request, reply) => {
    const [id, leaderId] = [orgIdOf(request), leaderIdOf(request)];
    await removeLeader(db, request.actor, id, leaderId);
    return reply.redirect(`/console/orgs/${id}?saved=leader_removed`, 303);
  });
}
