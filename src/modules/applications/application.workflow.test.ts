import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './application.repository.js';
import {
  type ActionInput,
  extendDeadline,
  transitionApplication,
  type WorkflowDeps,
} from './application.service.js';
import {
  APPLICANT,
  type ApplicationAction,
  type ApplicationStatus,
  APPLICATION_PERMISSIONS as P,
  TRANSITIONS,
} from './application.status.js';
import { residentIdCheckChar } from './identity.rules.js';
import {
  type IntakeDeps,
  type IntakeInput,
  registerReceivedApplication,
  revealPersonalData,
  submitApplication,
} from './intake.service.js';

const body = '11010519491231002';
const ID = body + residentIdCheckChar(body);
const RECEIVED = '2024-09-27';
const TODAY = '2024-09-30';

const person: IntakeInput = {
  applicantType: 'person',
  name: '张三丰',
  idType: 'resident_id',
  idNumber: ID,
  phone: '13812345678',
  email: 'zhang@example.com',
  address: '示例市和平路1号',
  postcode: '300000',
  subject: '2023年某地块国有建设用地使用权出让合同',
  docNumber: null,
  description: null,
  formWanted: 'electronic',
  delivery: 'email',
};

/** Input each action needs to succeed from its first from-state on TODAY. */
function inputFor(action: ApplicationAction, orgId: number): ActionInput {
  switch (action) {
    case 'register':
      return { on: TODAY };
    case 'request_supplement':
      return { text: '请写明所需信息的地块位置', dueOn: '2024-10-18' };
    case 'receive_supplement':
      return { on: TODAY };
    case 'assign':
      return { orgId, internalDueOn: '2024-10-15' };
    case 'start_consultation':
      return { text: '某置业有限公司', on: TODAY };
    case 'end_consultation':
      return { on: TODAY };
    case 'submit_draft':
      return { replyType: 'disclosed' };
    case 'reply':
      return { on: TODAY };
    case 'record_delivery':
      return { deliveryMethod: 'post', deliveredOn: TODAY, proof: 'EMS 1234567890' };
    case 'issue_fee_notice':
      return { method: 'volume', pages: 50 };
    default:
      return { reason: '测试理由' };
  }
}

/** The actions that lead from a fresh staff registration to each state. */
const PATHS: Record<Exclude<ApplicationStatus, 'submitted'>, ApplicationAction[]> = {
  registered: [],
  supplementing: ['request_supplement'],
  assigned: ['assign'],
  consulting: ['assign', 'start_consultation'],
  fee_pending: ['assign', 'issue_fee_notice'],
  legal_review: ['assign', 'submit_draft'],
  approval: ['assign', 'submit_draft', 'pass_review'],
  approved: ['assign', 'submit_draft', 'pass_review', 'approve'],
  replied: ['assign', 'submit_draft', 'pass_review', 'approve', 'reply'],
  abandoned: ['request_supplement', 'supplement_lapsed'],
  withdrawn: ['withdraw'],
  archived: ['withdraw', 'archive'],
};

describe.each(dialects)('applications workflow on %s', (dialect) => {
  let t: TestApp;
  let db: Db;
  let everyone: Actor;
  let orgId: number;
  let wf: WorkflowDeps;
  let intake: IntakeDeps;
  const actors: Record<string, Actor | typeof APPLICANT> = {};

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    db = t.deps.db;
    wf = { db, config: t.config, today: TODAY };
    intake = { db, config: t.config, today: TODAY };
    everyone = await actorFor(db, 'intake', Object.values(P));
    actors[P.intake] = await actorFor(db, 'intake', [P.intake, P.read]);
    actors[P.handle] = await actorFor(db, 'handler', [P.handle, P.read]);
    actors[P.review] = await actorFor(db, 'legal', [P.review, P.read]);
    actors[P.approve] = await actorFor(db, 'approver', [P.approve, P.read]);
    actors[P.read] = await actorFor(db, 'auditor', [P.read]);
    actors[APPLICANT] = APPLICANT;
    orgId = actors[P.handle] === APPLICANT ? 0 : (actors[P.handle] as Actor).orgId!;
  });
  afterAll(() => t.close());

  /** Lapses are only possible once their period has run out (补正 due 10-18; payment due 11-01). */
  const depsFor = (a: ApplicationAction): WorkflowDeps =>
    a === 'supplement_lapsed'
      ? { ...wf, today: '2024-10-21' }
      : a === 'fee_lapsed'
        ? { ...wf, today: '2024-11-04' }
        : wf;

  async function inState(state: ApplicationStatus): Promise<number> {
    if (state === 'submitted') return (await submitApplication(intake, person)).id;
    const { id } = await registerReceivedApplication(intake, everyone, {
      ...person,
      channel: 'in_person',
      receivedOn: RECEIVED,
    });
    for (const a of PATHS[state])
      await transitionApplication(depsFor(a), everyone, id, a, inputFor(a, orgId));
    expect((await repo.findApplication(db, id))!.status).toBe(state);
    return id;
  }

  const cases = (Object.keys(TRANSITIONS) as ApplicationAction[]).flatMap((action) =>
    [P.intake, P.handle, P.review, P.approve, P.read, APPLICANT].map((who) => [action, who] as const),
  );

  it.each(cases)('%s by %s: allowed exactly when the transition table says so', async (action, who) => {
    const t0 = TRANSITIONS[action];
    const from = t0.from[0]!;
    const id = await inState(from);
    const before = await repo.listEvents(db, id);
    const actor = actors[who]!;
    const input = inputFor(action, orgId);
    const deps = depsFor(action);
    if (t0.by.includes(who)) {
      const after = await transitionApplication(deps, actor, id, action, input);
      expect(after.status).toBe(t0.to);
      const events = await repo.listEvents(db, id);
      expect(events).toHaveLength(before.length + 1);
      expect(events.at(-1)).toMatchObject({ action, from_status: from, to_status: t0.to });
    } else {
      await expect(transitionApplication(deps, actor, id, action, input)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect((await repo.findApplication(db, id))!.status).toBe(from);
      expect(await repo.listEvents(db, id)).toHaveLength(before.length);
    }
  });

  it('refuses every action from a state it does not start from, changing nothing', async () => {
    const states = ['submitted', ...Object.keys(PATHS)] as ApplicationStatus[];
    for (const state of states) {
      const id = await inState(state);
      const events = (await repo.listEvents(db, id)).length;
      for (const action of Object.keys(TRANSITIONS) as ApplicationAction[]) {
        if (TRANSITIONS[action].from.includes(state)) continue;
        const err = await transitionApplication(wf, everyone, id, action, inputFor(action, orgId)).catch(
          (e) => e,
        );
        expect(err, `${action} from ${state}`).toBeInstanceOf(AppError);
        expect(err.code, `${action} from ${state}`).toBe('CONFLICT');
      }
      expect((await repo.findApplication(db, id))!.status).toBe(state);
      expect(await repo.listEvents(db, id)).toHaveLength(events);
    }
  });

  it('stores the due date on registration and moves it with consultation, restart and extension', async () => {
    const id = await inState('registered');
    expect((await repo.findApplication(db, id))!.due_on).toBe('2024-10-30');
    await transitionApplication(wf, everyone, id, 'assign', { orgId });
    await transitionApplication({ ...wf, today: '2024-10-10' }, everyone, id, 'start_consultation', {
      text: '第三方',
      on: '2024-10-10',
    });
    let row = (await repo.findApplication(db, id))!;
    expect([row.due_on, row.clock_paused]).toEqual([null, 1]);
    await transitionApplication({ ...wf, today: '2024-10-17' }, everyone, id, 'end_consultation', {
      on: '2024-10-17',
    });
    row = (await repo.findApplication(db, id))!;
    expect([row.due_on, row.clock_paused]).toEqual(['2024-11-07', 0]);
    const clock = await extendDeadline({ ...wf, today: '2024-11-01' }, everyone, id, {
      days: 20,
      reason: '需调取档案',
    });
    expect(clock.dueDate).toBe('2024-12-05');
    expect((await repo.findApplication(db, id))!.due_on).toBe('2024-12-05');
    await expect(
      extendDeadline({ ...wf, today: '2024-11-01' }, everyone, id, { days: 1, reason: '再延' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const handlerOnly = actors[P.handle] as Actor;
    await expect(extendDeadline(wf, handlerOnly, id, { days: 5, reason: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('restarts the clock when the supplement arrives, once only, within 7 working days', async () => {
    const id = await inState('supplementing');
    await transitionApplication({ ...wf, today: '2024-10-09' }, everyone, id, 'receive_supplement', {
      on: '2024-10-09',
    });
    const row = (await repo.findApplication(db, id))!;
    expect([row.restarted_on, row.due_on]).toEqual(['2024-10-09', '2024-11-05']);
    await expect(
      transitionApplication(wf, everyone, id, 'request_supplement', inputFor('request_supplement', orgId)),
    ).rejects.toThrow(/一次性/);
    const late = await inState('registered');
    await expect(
      transitionApplication({ ...wf, today: '2024-10-14' }, everyone, late, 'request_supplement', {
        text: '补充',
        dueOn: '2024-10-30',
      }),
    ).rejects.toThrow(/7 个工作日内.*2024-10-12/);
  });

  it('lists overdue applications by query on the stored due date', async () => {
    const id = await inState('assigned');
    const overdue = await repo.listDue(db, ['assigned'], { before: '2024-10-31' });
    expect(overdue.map((r) => r.id)).toContain(id);
    expect((await repo.listDue(db, ['assigned'], { before: '2024-10-30' })).map((r) => r.id)).not.toContain(
      id,
    );
  });

  it('keeps personal data sealed and shows it in full only to handlers, audited', async () => {
    const id = await inState('assigned');
    const row = (await repo.findApplication(db, id))!;
    expect(row.personal_sealed.startsWith('sm4:')).toBe(true);
    expect(row.personal_sealed).not.toContain(ID);
    expect(row.personal_sealed).not.toContain('13812345678');
    expect(row.applicant_label).toBe('张**');
    const data = await revealPersonalData(intake, actors[P.handle] as Actor, id);
    expect(data).toMatchObject({ idNumber: ID, phone: '13812345678', name: '张三丰' });
    const views = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'application.personal_data.view')
      .where('target_id', '=', String(id))
      .execute();
    expect(views).toHaveLength(1);
    await expect(revealPersonalData(intake, actors[P.read] as Actor, id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const branch = await actorFor(db, 'branch', [P.handle]);
    await expect(revealPersonalData(intake, branch, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('rejects a bad identity number and leaves nothing behind', async () => {
    const n = await db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = `${ID.slice(0, 17)}${ID.at(-1) === '0' ? '1' : '0'}`;
    await expect(submitApplication(intake, { ...person, idNumber: bad })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { idNumber: expect.stringContaining('校验') },
    });
    const m = await db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(m.n)).toBe(Number(n.n));
  });

  it('charges per piece cumulatively for one applicant in a month, and per volume per application', async () => {
    const other = `${'32010219900101004'}${residentIdCheckChar('32010219900101004')}`;
    const mine = { ...person, idNumber: other };
    const ids: number[] = [];
    for (let i = 0; i < 11; i++)
      ids.push(
        (
          await registerReceivedApplication(intake, everyone, {
            ...mine,
            channel: 'in_person',
            receivedOn: '2024-09-02',
          })
        ).id,
      );
    // A withdrawn application and one of another month do not count.
    const gone = (
      await registerReceivedApplication(intake, everyone, {
        ...mine,
        channel: 'in_person',
        receivedOn: '2024-09-01',
      })
    ).id;
    await transitionApplication(wf, everyone, gone, 'withdraw', { reason: '申请人撤回' });
    await registerReceivedApplication(intake, everyone, {
      ...mine,
      channel: 'in_person',
      receivedOn: '2024-08-30',
    });
    const eleventh = ids.at(-1)!;
    await transitionApplication(wf, everyone, eleventh, 'assign', { orgId });
    const free = ids[3]!;
    await transitionApplication(wf, everyone, free, 'assign', { orgId });
    await expect(
      transitionApplication(wf, everyone, free, 'issue_fee_notice', { method: 'piece', pieces: 1 }),
    ).rejects.toThrow(/0 元/);
    const charged = await transitionApplication(wf, everyone, eleventh, 'issue_fee_notice', {
      method: 'piece',
      pieces: 2,
    });
    expect([charged.status, charged.fee_amount, charged.fee_pieces, charged.fee_due_on]).toEqual([
      'fee_pending',
      200,
      2,
      '2024-11-01',
    ]);
    const event = (await repo.listEvents(db, eleventh)).at(-1)!;
    expect(JSON.parse(event.data!)).toMatchObject({ already: 10, amount: 200 });
    // 109号 B.3 V6: 250 pages cost 4,700 元 whatever the month.
    const byVolume = await inState('assigned');
    const v = await transitionApplication(wf, everyone, byVolume, 'issue_fee_notice', {
      method: 'volume',
      pages: 250,
    });
    expect(v.fee_amount).toBe(4700);
    await expect(
      transitionApplication(wf, everyone, free, 'issue_fee_notice', { method: 'both' }),
    ).rejects.toMatchObject({ fields: { method: expect.stringContaining('只能选择一种') } });
  });

  it('moves the due date by the payment window only when the fee policy excludes it', async () => {
    const counted = await inState('fee_pending');
    expect((await repo.findApplication(db, counted))!.due_on).toBe('2024-10-30');
    const excluding: WorkflowDeps = { ...wf, config: { ...t.config, applicationFeeClock: 'exclude' } };
    const id = await inState('assigned');
    await transitionApplication(excluding, everyone, id, 'issue_fee_notice', {
      method: 'volume',
      pages: 31,
      on: '2024-09-30',
    });
    expect((await repo.findApplication(db, id))!.due_on).toBeNull();
    await transitionApplication({ ...excluding, today: '2024-10-09' }, everyone, id, 'record_payment', {
      on: '2024-10-09',
    });
    // (09-30, 10-09]: 10-08 and 10-09 are not counted, so the 20th working day moves two days.
    expect((await repo.findApplication(db, id))!.due_on).toBe('2024-11-01');
  });

  it('forwards to a district branch and records who was consulted and how', async () => {
    const branch = await db
      .selectFrom('orgs')
      .select('id')
      .where('kind', '=', 'branch')
      .executeTakeFirstOrThrow();
    const id = await inState('registered');
    await transitionApplication(wf, everyone, id, 'assign', { orgId: branch.id });
    await transitionApplication(wf, everyone, id, 'start_consultation', {
      text: '示例区人民政府',
      partyKind: 'agency',
    });
    const events = await repo.listEvents(db, id);
    expect(JSON.parse(events.at(-2)!.data!)).toMatchObject({ forwarded: true });
    expect(JSON.parse(events.at(-1)!.data!)).toMatchObject({ partyKind: 'agency', windowEnd: '2024-10-25' });
    await expect(
      transitionApplication(wf, everyone, await inState('assigned'), 'start_consultation', {
        text: 'x',
        partyKind: 'nobody' as 'agency',
      }),
    ).rejects.toMatchObject({ fields: { partyKind: expect.any(String) } });
  });
});
