import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cipherOf } from '../../platform/crypto.js';
import type { Org } from '../../platform/db/schema.js';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate } from '../../platform/time.js';
import { ErrorSummary, Field, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { listOrgs } from '../orgs/index.js';
import { accessMatrix } from './access.service.js';
import { createUserSchema, USER_LABELS, updateUserSchema } from './user.schema.js';
import { createUser, listUsers, resetPassword, unlockUser, updateUser, userDetail } from './user.service.js';

type Values = Record<string, unknown>;
interface Role {
  code: string;
  name: string;
}

function RoleChecks(p: { roles: Role[]; selected: string[]; errors?: Record<string, string> | undefined }) {
  const error = p.errors?.roles;
  return (
    <fieldset class={error ? 'field has-error' : 'field'} id="f-roles">
      <legend>角色</legend>
      {error && <p class="field-error">{error}</p>}
      <div class="checkbox-grid">
        {p.roles.map((r) => (
          <label key={r.code}>
            <input type="checkbox" name="roles" value={r.code} checked={p.selected.includes(r.code)} />{' '}
            {r.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const orgOptions = (orgs: Org[]) => [
  { value: '', label: '请选择' },
  ...orgs.map((o) => ({ value: String(o.id), label: o.name })),
];
const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);

function UserForm(p: {
  ctx: PageContext;
  action: string;
  orgs: Org[];
  roles: Role[];
  values: Values;
  errors?: Record<string, string> | undefined;
  isNew: boolean;
}) {
  const v = p.values;
  return (
    <Form ctx={p.ctx} action={p.action} label={p.isNew ? '新建用户' : '编辑用户'}>
      <ErrorSummary errors={p.errors} />
      {p.isNew ? (
        <Field
          name="username"
          label="用户名"
          value={v.username as string}
          errors={p.errors}
          required
          hint="3–32 位小写字母、数字或 _ . -，以字母开头；创建后不可修改"
        />
      ) : (
        <p>
          用户名：<strong>{String(v.username)}</strong>
        </p>
      )}
      <Field name="display_name" label="姓名" value={v.display_name as string} errors={p.errors} required />
      <Field
        name="org_id"
        label="所属单位"
        value={String(v.org_id ?? '')}
        errors={p.errors}
        required
        options={orgOptions(p.orgs)}
      />
      <Field
        name="phone"
        label="手机号码"
        type="tel"
        value={v.phone as string}
        errors={p.errors}
        hint="选填；加密存储，列表中脱敏显示"
      />
      <Field
        name="email"
        label="工作邮箱"
        type="email"
        value={v.email as string}
        errors={p.errors}
        hint="选填；依申请公开的到期提醒同时发送到此邮箱"
      />
      <RoleChecks roles={p.roles} selected={asList(v.roles)} errors={p.errors} />
      {!p.isNew && (
        <Field
          name="disabled"
          label="账号状态"
          value={String(v.disabled ?? '0')}
          errors={p.errors}
          options={[
            { value: '0', label: '启用' },
            { value: '1', label: '停用' },
          ]}
        />
      )}
      <button type="submit">保存</button>
    </Form>
  );
}

function PasswordOnce(p: { ctx: PageContext; title: string; username: string; password: string }) {
  return (
    <ConsolePage ctx={p.ctx} title={p.title}>
      <Notice kind="success">
        用户 <strong>{p.username}</strong> 的初始密码为：<code>{p.password}</code>
      </Notice>
      <p>此密码只显示这一次，请当面或通过安全渠道交给本人。首次登录时系统会要求修改密码。</p>
      <p>
        <a href="/console/users">返回用户列表</a>
      </p>
    </ConsolePage>
  );
}

export function userRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const udeps = { db, cipher: cipherOf(deps.config) };
  const perm = { config: { permission: 'users.manage' } };
  const ctxOf = (r: FastifyRequest) => pageContext(db, r);
  const roleList = async () => (await accessMatrix(db)).roles;

  app.get('/console/users', perm, async (request, reply) => {
    const [users, roles] = await Promise.all([listUsers(db, {}), roleList()]);
    const roleName = new Map(roles.map((r) => [r.code, r.name]));
    const now = new Date().toISOString();
    return sendHtml(
      reply,
      <ConsolePage ctx={await ctxOf(request)} title="用户管理">
        <p>
          <a class="button" href="/console/users/new">
            新建用户
          </a>
        </p>
        <table>
          <caption>共 {users.length} 个账号</caption>
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">姓名</th>
              <th scope="col">单位</th>
              <th scope="col">角色</th>
              <th scope="col">状态</th>
              <th scope="col">最近登录</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <a href={`/console/users/${u.id}`}>{u.username}</a>
                </td>
                <td>{u.display_name}</td>
                <td>{u.org_name}</td>
                <td>{u.roles.map((r) => roleName.get(r) ?? r).join('、')}</td>
                <td>
                  {u.disabled ? '停用' : u.locked_until && u.locked_until > now ? '已锁定' : '正常'}
                  {u.must_change_password ? '（待改密）' : ''}
                </td>
                <td>{u.last_login_at ? formatPubDate(u.last_login_at) : '从未登录'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ConsolePage>,
    );
  });

  app.get('/console/users/new', perm, async (request, reply) => {
    const [orgs, roles, ctx] = await Promise.all([listOrgs(db), roleList(), ctxOf(request)]);
    return sendHtml(
      reply,
      <ConsolePage ctx={ctx} title="新建用户">
        <UserForm ctx={ctx} action="/console/users" orgs={orgs} roles={roles} values={{}} isNew />
      </ConsolePage>,
    );
  });

  app.post('/console/users', perm, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    try {
      const input = parseInput(createUserSchema, body, USER_LABELS);
      const created = await createUser(udeps, request.actor, input);
      return sendHtml(
        reply,
        <PasswordOnce
          ctx={await ctxOf(request)}
          title="用户已创建"
          username={input.username}
          password={created.initialPassword}
        />,
        201,
      );
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      const [orgs, roles, ctx] = await Promise.all([listOrgs(db), roleList(), ctxOf(request)]);
      return sendHtml(
        reply,
        <ConsolePage ctx={ctx} title="新建用户">
          <UserForm
            ctx={ctx}
            action="/console/users"
            orgs={orgs}
            roles={roles}
            values={body}
            errors={e.fields}
            isNew
          />
        </ConsolePage>,
        400,
      );
    }
  });

  /** The edit page, shown fresh (GET) or again with the submitted values and their errors. */
  const editPage = async (
    request: FastifyRequest,
    id: number,
    submitted?: Values,
    errors?: Record<string, string>,
  ) => {
    const [user, orgs, roles, ctx] = await Promise.all([
      userDetail(udeps, id),
      listOrgs(db),
      roleList(),
      ctxOf(request),
    ]);
    return (
      <ConsolePage ctx={ctx} title={`编辑用户：${user.display_name}`}>
        {user.locked && <Notice kind="warning">该账号因连续登录失败已被锁定。</Notice>}
        <UserForm
          ctx={ctx}
          action={`/console/users/${id}`}
          orgs={orgs}
          roles={roles}
          values={submitted ? { ...submitted, username: user.username } : user}
          errors={errors}
          isNew={false}
        />
        <h2>账号安全</h2>
        <Form ctx={ctx} action={`/console/users/${id}/reset-password`} class="form-inline" label="重置密码">
          <button type="submit" class="secondary">
            重置密码
          </button>
        </Form>
        {user.locked && (
          <Form ctx={ctx} action={`/console/users/${id}/unlock`} class="form-inline" label="解除锁定">
            <button type="submit" class="secondary">
              解除锁定
            </button>
          </Form>
        )}
      </ConsolePage>
    );
  };

  app.get('/console/users/:id', perm, async (request, reply) => {
    const id = parseInput(idParam, (request.params as Values).id, { _: '编号' });
    return sendHtml(reply, await editPage(request, id));
  });

  app.post('/console/users/:id', perm, async (request, reply) => {
    const id = parseInput(idParam, (request.params as Values).id, { _: '编号' });
    const body = (request.body ?? {}) as Values;
    try {
      await updateUser(udeps, request.actor, id, parseInput(updateUserSchema, body, USER_LABELS));
      return reply.redirect('/console/users', 303);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, await editPage(request, id, body, e.fields), 400);
    }
  });

  app.post('/console/users/:id/reset-password', perm, async (request, reply) => {
    const id = parseInput(idParam, (request.params as Values).id, { _: '编号' });
    const user = await userDetail(udeps, id);
    const password = await resetPassword(udeps, request.actor, id);
    return sendHtml(
      reply,
      <PasswordOnce
        ctx={await ctxOf(request)}
        title="密码已重置"
        username={user.username}
        password={password}
      />,
    );
  });

  app.post('/console/users/:id/unlock', perm, async (request, reply) => {
    const id = parseInput(idParam, (request.params as Values).id, { _: '编号' });
    await unlockUser(udeps, request.actor, id);
    return reply.redirect(`/console/users/${id}`, 303);
  });
}
