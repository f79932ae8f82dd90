import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, columnIdOf } from '../../../test/support/factories.js';
import { todayCst } from '../../platform/time.js';
import { createApiToken } from '../accounts/index.js';

/** The staff write API with bearer tokens: every route, permissions, CSRF, audit and errors. */

describe.each(dialects)('the staff write API on %s', (dialect) => {
  let t: TestApp;
  const tokens = {} as Record<'publisher' | 'secrecy' | 'auditor', { token: string; id: number }>;
  let draft: Record<string, unknown>;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    for (const u of ['publisher', 'secrecy', 'auditor'] as const)
      tokens[u] = await createApiToken(t.deps.db, t.config, await actorFor(t.deps.db, u, []), {
        name: `${u} 令牌`,
        expires_on: todayCst(Date.now() + 30 * 86_400_000),
      });
    const bureau = await t.deps.db
      .selectFrom('orgs')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    draft = {
      column_id: await columnIdOf(t.deps.db, 'gzdt'),
      publisher_org_id: bureau.id,
      title: '2026年第三季度工作动态',
      formed_on: '2026-10-10',
      body: '本季度完成国土空间规划评估。',
      doc_number: null,
    };
  }, 120_000);
  afterAll(async () => t?.close());

  const api = (
    as: keyof typeof tokens | null,
    method: 'POST' | 'PATCH' | 'DELETE' | 'GET',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url,
      headers: as ? { authorization: `Bearer ${tokens[as].token}` } : {},
      ...(payload ? { payload } : {}),
    });
  const create = async (fields: Record<string, unknown> = {}) => {
    const res = await api('publisher', 'POST', '/api/v1/documents', { ...draft, ...fields });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>().id;
  };

  it('creates a draft: 201 with Location, no CSRF needed with a bearer token', async () => {
    const res = await api('publisher', 'POST', '/api/v1/documents', draft);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ id: number; status: string }>();
    expect(res.headers.location).toBe(`/api/v1/documents/${body.id}`);
    expect(body).toMatchObject({ status: 'draft', title: draft.title, indexNo: null, version: 1 });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it("takes the column's typed extra fields and keeps them when a PATCH leaves them out", async () => {
    const id = await create({
      column_id: await columnIdOf(t.deps.db, 'zfcg'),
      extra: { project_no: 'ZC-2026-017', budget: '1200000', supplier: '示例测绘有限公司' },
    });
    const stored = async () =>
      JSON.parse(
        (
          await t.deps.db
            .selectFrom('documents')
            .select('extra')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).extra,
      );
    expect(await stored()).toMatchObject({ project_no: 'ZC-2026-017', supplier: '示例测绘有限公司' });
    const patched = await api('publisher', 'PATCH', `/api/v1/documents/${id}`, {
      title: '采购结果公告（更新）',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await stored()).toMatchObject({ project_no: 'ZC-2026-017', supplier: '示例测绘有限公司' });
    const bad = await api('publisher', 'PATCH', `/api/v1/documents/${id}`, { extra: { budget: '很多' } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['extra_project_no']));
  });

  it('validates like the console, naming the field in Chinese', async () => {
    const res = await api('publisher', 'POST', '/api/v1/documents', {
      ...draft,
      title: '',
      formed_on: '10/10/2026',
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{ error: { code: string; fields: Record<string, string> } }>();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields.title).toBe('标题：必填');
    expect(error.fields.formed_on).toMatch(/^信息形成（变更）日期：/);
    const missingColumn = await api('publisher', 'POST', '/api/v1/documents', {
      ...draft,
      column_id: 999999,
    });
    expect(missingColumn.json().error.fields.column_id).toBe('栏目：不存在');
  });

  it('refuses a request without a token (401) and a token whose owner lacks the permission (403)', async () => {
    const anon = await api(null, 'POST', '/api/v1/documents', draft);
    expect(anon.statusCode).toBe(403); // anonymous and no CSRF token: refused before anything else
    const noCsrfNeeded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: { authorization: 'Bearer gk_unknown' },
      payload: draft,
    });
    expect(noCsrfNeeded.statusCode).toBe(401);
    const res = await api('auditor', 'POST', '/api/v1/documents', draft);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await api('secrecy', 'POST', '/api/v1/documents', draft)).statusCode).toBe(403);
  });

  it('needs CSRF for the same routes when called with a session cookie', async () => {
    const b = new Browser(t.app);
    await b.login('publisher');
    const inject = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/documents',
        headers: { cookie: b.cookieHeader, ...headers },
        payload: draft,
      });
    const without = await inject({});
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_INVALID');
    const csrf = await b.csrf('/console/password');
    expect((await inject({ 'x-csrf-token': csrf })).statusCode).toBe(201);
  });

  it('runs the whole workflow: patch, submit, reject, approve, publish, revise, validity, withdraw', async () => {
    const id = await create();
    const patched = await api('publisher', 'PATCH', `/api/v1/documents/${id}`, {
      title: '改过的标题',
      doc_number: '示规资〔2026〕1号',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ title: '改过的标题', status: 'draft' });
    const row = await t.deps.db
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ doc_number: '示规资〔2026〕1号', body: `<p>${draft.body}</p>` }); // stored as sanitised rich text
    // null clears an optional field; other fields are kept
    await api('publisher', 'PATCH', `/api/v1/documents/${id}`, { doc_number: null });
    expect(
      (
        await t.deps.db
          .selectFrom('documents')
          .select('doc_number')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).doc_number,
    ).toBeNull();

    expect((await api('publisher', 'POST', `/api/v1/documents/${id}/submit`)).json().status).toBe(
      'in_review',
    );
    const noReason = await api('secrecy', 'POST', `/api/v1/documents/${id}/reject`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.reason).toBe('理由：必填');
    expect(
      (await api('secrecy', 'POST', `/api/v1/documents/${id}/reject`, { reason: '请补充文号' })).json()
        .status,
    ).toBe('draft');
    await api('publisher', 'POST', `/api/v1/documents/${id}/submit`);
    expect((await api('publisher', 'POST', `/api/v1/documents/${id}/approve`)).statusCode).toBe(403);
    expect((await api('secrecy', 'POST', `/api/v1/documents/${id}/approve`)).json().status).toBe('approved');

    const badAt = await api('publisher', 'POST', `/api/v1/documents/${id}/publish`, { at: 'tomorrow' });
    expect(badAt.statusCode).toBe(400);
    expect(badAt.json().error.fields.at).toMatch(/^发布时间：/);
    const scheduled = await api('publisher', 'POST', `/api/v1/documents/${id}/publish`, {
      at: '2099-01-01 09:00',
    });
    expect(scheduled.json()).toMatchObject({ status: 'approved', scheduledAt: '2099-01-01T01:00:00.000Z' });
    const published = await api('publisher', 'POST', `/api/v1/documents/${id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
    const { indexNo } = published.json<{ indexNo: string }>();
    expect(indexNo).toMatch(/^123456788\/\d{4}-\d{5}$/);
    expect((await api(null, 'GET', `/api/v1/documents/${id}`)).statusCode).toBe(200);

    const noNote = await api('publisher', 'PATCH', `/api/v1/documents/${id}`, { title: '更正后的标题' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields.correction_note).toMatch(/^更正说明：/);
    const revised = await api('publisher', 'PATCH', `/api/v1/documents/${id}`, {
      title: '更正后的标题',
      correction_note: '标题有误',
    });
    expect(revised.json()).toMatchObject({ version: 2, indexNo, title: '更正后的标题' });

    const validity = await api('publisher', 'POST', `/api/v1/documents/${id}/validity`, {
      validity: 'expired',
      validity_changed_on: '2026-11-01',
      reason: '已到期',
    });
    expect(validity.json()).toMatchObject({ validity: 'expired' });
    expect((await api('publisher', 'POST', `/api/v1/documents/${id}/withdraw`, {})).statusCode).toBe(400);
    const withdrawn = await api('publisher', 'POST', `/api/v1/documents/${id}/withdraw`, { reason: '误发' });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', indexNo });
    const again = await api('publisher', 'POST', `/api/v1/documents/${id}/submit`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已撤回');
  });

  it('deletes a never-submitted draft and refuses anything else with a clear error', async () => {
    const fresh = await create();
    expect((await api('publisher', 'DELETE', `/api/v1/documents/${fresh}`)).statusCode).toBe(204);
    expect((await api('publisher', 'DELETE', `/api/v1/documents/${fresh}`)).statusCode).toBe(404);
    const sent = await create();
    await api('publisher', 'POST', `/api/v1/documents/${sent}/submit`);
    await api('secrecy', 'POST', `/api/v1/documents/${sent}/reject`, { reason: '退回' });
    const res = await api('publisher', 'DELETE', `/api/v1/documents/${sent}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('已送审或发布过的文件不能删除');
    expect((await api('auditor', 'DELETE', `/api/v1/documents/${sent}`)).statusCode).toBe(403);
  });

  it('audits every write with the token that made it', async () => {
    const id = await create({ title: '审计测试' });
    await api('publisher', 'POST', `/api/v1/documents/${id}/submit`);
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_type', '=', 'document')
      .where('target_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['document.created', 'document.submit']);
    for (const r of rows) expect(JSON.parse(r.detail!).apiTokenId).toBe(tokens.publisher.id);
    const publisher = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'publisher')
      .executeTakeFirstOrThrow();
    expect(rows[0]!.actor_id).toBe(publisher.id);
  });

  it('documents the write routes in the OpenAPI document, served at both paths', async () => {
    const a = await api(null, 'GET', '/api/openapi.json');
    const b = await api(null, 'GET', '/api/v1/openapi.json');
    expect(a.statusCode).toBe(200);
    expect(a.body).toBe(b.body);
    const doc = a.json();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const post = doc.paths['/api/v1/documents'].post;
    expect(post.security).toEqual([{ bearerAuth: [] }]);
    expect(post.responses['201']).toBeDefined();
    expect(post.requestBody.content['application/json'].schema.properties.title).toBeDefined();
    for (const p of ['submit', 'approve', 'reject', 'publish', 'withdraw', 'validity'])
      expect(doc.paths[`/api/v1/documents/{id}/${p}`].post['x-permission'], p).toMatch(/^documents\./);
    expect(doc.paths['/api/v1/documents/{id}'].delete.responses['204']).toBeDefined();
    expect(doc.paths['/api/v1/documents/{id}'].patch.parameters[0]).toMatchObject({ name: 'id', in: 'path' });
  });
});
