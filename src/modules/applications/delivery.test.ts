import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import * as repo from './application.repository.js';
import { transitionApplication, type WorkflowDeps } from './application.service.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import { residentIdCheckChar } from './identity.rules.js';
import { type IntakeInput, registerReceivedApplication } from './intake.service.js';
import { lookupApplication } from './status.service.js';

const body = '11010519491231002';
const person: IntakeInput = {
  applicantType: 'person',
  name: '周八',
  idType: 'resident_id',
  idNumber: body + residentIdCheckChar(body),
  phone: '13812345678',
  email: 'zhou@example.com',
  address: '示例市和平路1号',
  postcode: '300000',
  subject: '某地块规划条件',
  formWanted: 'paper',
  delivery: 'post',
};

describe.each(dialects)('the delivery record of a reply (送达) on %s', (dialect) => {
  let t: TestApp;
  let all: Actor;
  let wf: WorkflowDeps;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    all = await actorFor(t.deps.db, 'intake', Object.values(P));
    wf = { db: t.deps.db, config: t.config, today: '2024-10-15' };
  });
  afterAll(() => t.close());

  async function approved() {
    const r = await registerReceivedApplication(wf, all, {
      ...person,
      channel: 'in_person',
      receivedOn: '2024-09-27',
    });
    await transitionApplication(wf, all, r.id, 'assign', { orgId: all.orgId });
    await transitionApplication(wf, all, r.id, 'submit_draft', { replyType: 'disclosed' });
    await transitionApplication(wf, all, r.id, 'pass_review', {});
    await transitionApplication(wf, all, r.id, 'approve', {});
    return r;
  }

  it('records the reply first and the delivery when the letter is signed for', async () => {
    const r = await approved();
    await transitionApplication(wf, all, r.id, 'reply', { on: '2024-10-14', deliveryMethod: 'post' });
    let row = (await repo.findApplication(t.deps.db, r.id))!;
    expect([row.replied_on, row.delivery_method, row.delivered_on]).toEqual(['2024-10-14', 'post', null]);

    // Posted: the proof is the tracking number; the day cannot precede the reply nor be in the future.
    await expect(
      transitionApplication(wf, all, r.id, 'record_delivery', {
        deliveryMethod: 'post',
        deliveredOn: '2024-10-15',
      }),
    ).rejects.toMatchObject({ fields: { proof: expect.stringContaining('EMS') } });
    await expect(
      transitionApplication(wf, all, r.id, 'record_delivery', {
        deliveryMethod: 'post',
        deliveredOn: '2024-10-13',
        proof: 'EMS 1188',
      }),
    ).rejects.toMatchObject({ fields: { deliveredOn: expect.stringContaining('2024-10-14') } });
    await expect(
      transitionApplication(wf, all, r.id, 'record_delivery', {
        deliveryMethod: 'post',
        deliveredOn: '2024-10-16',
        proof: 'EMS 1188',
      }),
    ).rejects.toMatchObject({ fields: { deliveredOn: expect.stringContaining('不能晚于今天') } });
    await expect(
      transitionApplication(wf, all, r.id, 'record_delivery', {
        deliveryMethod: 'pigeon',
        deliveredOn: '2024-10-15',
      }),
    ).rejects.toMatchObject({ fields: { deliveryMethod: expect.any(String) } });
    // Nothing was half-written by the refusals.
    expect((await repo.findApplication(t.deps.db, r.id))!.delivered_on).toBeNull();

    await transitionApplication(wf, all, r.id, 'record_delivery', {
      deliveryMethod: 'post',
      deliveredOn: '2024-10-15',
      proof: 'EMS 1188',
    });
    row = (await repo.findApplication(t.deps.db, r.id))!;
    expect([row.status, row.delivered_on, row.delivery_proof]).toEqual(['replied', '2024-10-15', 'EMS 1188']);
    const events = await repo.listEvents(t.deps.db, r.id);
    expect(events.at(-1)).toMatchObject({
      action: 'record_delivery',
      from_status: 'replied',
      to_status: 'replied',
    });

    // The applicant sees it on the status page; staff see it on the case page.
    const status = await lookupApplication(wf, r.trackingCode, r.password);
    expect(status.timeline.map((e) => e.text)).toContain('答复已送达，邮寄，2024-10-15 送达（EMS 1188）');
    const b = new Browser(t.app);
    await b.login('intake');
    const page = await b.get(`/console/applications/${r.id}`);
    expect(page.body).toContain('邮寄，2024-10-15 送达（凭证：EMS 1188）');
  });

  it('takes the whole record with the reply when it is already known, and only from the intake office', async () => {
    const r = await approved();
    const handler = await actorFor(t.deps.db, 'handler', [P.handle, P.read]);
    await transitionApplication(wf, all, r.id, 'reply', {
      on: '2024-10-15',
      deliveryMethod: 'email',
      deliveredOn: '2024-10-15',
      proof: '发件箱第 12 号邮件',
    });
    const row = (await repo.findApplication(t.deps.db, r.id))!;
    expect([row.delivery_method, row.delivered_on]).toEqual(['email', '2024-10-15']);
    await expect(
      transitionApplication(wf, handler, r.id, 'record_delivery', {
        deliveryMethod: 'in_person',
        deliveredOn: '2024-10-15',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
