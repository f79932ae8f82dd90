import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor } from '../../../test/support/factories.js';
import { todayCst } from '../../platform/time.js';
import { createApiToken } from '../accounts/index.js';

const USERS = ['intake', 'handler', 'legal', 'approver', 'publisher'] as const;

describe.each(dialects)('the applications staff API on %s', (dialect) => {
  let t: TestApp;
  const tokens = {} as Record<(typeof USERS)[number], string>;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    for (const u of USERS)
      tokens[u] = (
        await createApiToken(t.deps.db, t.config, await actorFor(t.deps.db, u, []), {
          name: `${u} 令牌`,
          expires_on: todayCst(Date.now() + 30 * 86_400_000),
        })
      ).token;
  }, 120_000);
  afterAll(async () => t?.close());

  const api = (as: (typeof USERS)[number], method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[as]}` },
      ...(payload ? { payload } : {}),
    });

  it('registers, moves and extends an application as each role would, never exposing personal data', async () => {
    const reg = await api('intake', 'POST', '/api/v1/applications', {
      channel: 'registered_post',
      receivedOn: todayCst(),
      applicantType: 'company',
      name: '示例置业有限公司',
      idType: 'credit_code',
      idNumber: '914403001922038216',
      phone: '0755-12345678',
      subject: '某地块出让合同',
      formWanted: 'paper',
      delivery: 'post',
      address: '示例市某路3号',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const created = reg.json<{
      id: number;
      password: string;
      receivedOn: string;
      dueOn: string;
      clock: { limitDays: number };
    }>();
    expect(reg.headers.location).toBe(`/api/v1/applications/${created.id}`);
    expect(created.password).toMatch(/^[A-Z0-9]{8}$/);
    expect(created.clock.limitDays).toBe(20);
    expect(reg.body).not.toContain('914403001922038216');
    const id = created.id;

    const handlerOrg = await t.deps.db
      .selectFrom('users')
      .select('org_id')
      .where('username', '=', 'handler')
      .executeTakeFirstOrThrow();
    expect(
      (
        await api('handler', 'POST', `/api/v1/applications/${id}/actions`, {
          action: 'assign',
          orgId: handlerOrg.org_id,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await api('intake', 'POST', `/api/v1/applications/${id}/actions`, {
          action: 'assign',
          orgId: handlerOrg.org_id,
        })
      ).statusCode,
    ).toBe(200);
    const bad = await api('handler', 'POST', `/api/v1/applications/${id}/actions`, { action: 'fly' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('办理操作');
    expect(
      (
        await api('handler', 'POST', `/api/v1/applications/${id}/actions`, {
          action: 'submit_draft',
          replyType: 'disclosed',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await api('approver', 'POST', `/api/v1/applications/${id}/extension`, {
          days: 10,
          reason: '需要调取档案',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await api('handler', 'POST', `/api/v1/applications/${id}/extension`, { days: 10, reason: 'x' }))
        .statusCode,
    ).toBe(403);
    const detail = await api('legal', 'GET', `/api/v1/applications/${id}`);
    const d = detail.json<{
      status: string;
      extensionDays: number;
      clock: { limitDays: number };
      events: { action: string }[];
      applicant: string;
    }>();
    expect([d.status, d.extensionDays, d.clock.limitDays]).toEqual(['legal_review', 10, 30]);
    expect(d.events.map((e) => e.action)).toEqual(['register', 'assign', 'submit_draft', 'extend']);
    expect(d.applicant).toBe('示例置业有限公司');

    const list = await api('approver', 'GET', '/api/v1/applications?status=legal_review');
    expect(list.json<{ items: { id: number }[] }>().items.map((i) => i.id)).toContain(id);
    expect((await api('publisher', 'GET', '/api/v1/applications')).statusCode).toBe(403);
    expect((await api('approver', 'GET', '/api/v1/applications?status=nope')).statusCode).toBe(400);
  });

  it('answers a bad registration with the field named, and stores nothing', async () => {
    const res = await api('intake', 'POST', '/api/v1/applications', {
      channel: 'pigeon',
      receivedOn: '2024-13-01',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ error: { fields: Record<string, string> } }>().error.fields;
    expect(fields.channel).toContain('申请方式');
    expect(fields.subject).toContain('所需信息的名称');
    expect(
      await t.deps.db.selectFrom('applications').select('id').where('subject', '=', '').execute(),
    ).toHaveLength(0);
  });
});
