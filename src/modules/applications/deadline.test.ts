import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor } from '../../../test/support/factories.js';
import { buildCalendarData } from '../../platform/calendar/engine.js';
import { OFFICIAL_YEARS } from '../../platform/calendar/official-data.js';
import { transitionApplication } from './application.service.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import { activeReminders, deadlineBoard, overdueCount, remindDeadlines } from './deadline.service.js';
import { residentIdCheckChar } from './identity.rules.js';
import { type IntakeInput, registerReceivedApplication } from './intake.service.js';

const body = '31011519880808006';
const person: IntakeInput = {
  applicantType: 'person',
  name: '陈七',
  idType: 'resident_id',
  idNumber: body + residentIdCheckChar(body),
  phone: '13500002222',
  email: 'chen@example.com',
  subject: '某地块土地供应计划',
  formWanted: 'email',
  delivery: 'email',
};

describe.each(dialects)('deadline reminders, board and notices on %s', (dialect) => {
  let t: TestApp;
  let id: number;
  let orgId: number;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const intake = await actorFor(t.deps.db, 'intake', [P.intake]);
    orgId = (await actorFor(t.deps.db, 'handler', [])).orgId!;
    const deps = { db: t.deps.db, config: t.config, today: '2024-09-27' };
    id = (
      await registerReceivedApplication(deps, intake, {
        ...person,
        channel: 'in_person',
        receivedOn: '2024-09-27',
      })
    ).id;
    await transitionApplication(deps, intake, id, 'assign', { orgId });
  });
  afterAll(() => t.close());

  it('reminds 5 and 2 working days before the due date, once each', async () => {
    // The handling unit's handler has a work address: each new reminder is e-mailed to it.
    await t.deps.db
      .updateTable('users')
      .set({ email: 'handler@bureau.example' })
      .where('username', '=', 'handler')
      .execute();
    // Due 2024-10-30: the 5th working day before it is 10-23, the 2nd 10-28.
    expect(await remindDeadlines(t.deps.db, t.config, '2024-10-22')).toBe(0);
    expect(await remindDeadlines(t.deps.db, t.config, '2024-10-23')).toBe(1);
    expect(await remindDeadlines(t.deps.db, t.config, '2024-10-23')).toBe(0);
    expect(await remindDeadlines(t.deps.db, t.config, '2024-10-28')).toBe(1);
    const mine = await activeReminders(t.deps.db, orgId, '2024-10-28');
    expect(mine.map((r) => r.kind).sort()).toEqual(['due2', 'due5']);
    expect(await activeReminders(t.deps.db, orgId + 1000, '2024-10-28')).toEqual([]);
    // Past the due date nothing more is reminded: it is overdue instead.
    expect(await remindDeadlines(t.deps.db, t.config, '2024-10-31')).toBe(0);
    expect(await overdueCount(t.deps.db, '2024-10-31')).toBe(1);
    expect(await overdueCount(t.deps.db, '2024-10-30')).toBe(0);
    const mails = await t.deps.db
      .selectFrom('outbox')
      .select(['to_masked', 'subject', 'body'])
      .where('dedupe_key', 'like', `remind:${id}:%`)
      .orderBy('id')
      .execute();
    expect(mails.map((m) => m.to_masked)).toEqual(['h***@bureau.example', 'h***@bureau.example']);
    expect(mails[0]!.subject).toContain('将于 2024-10-30 到期');
    expect(mails[0]!.body).toContain('还有 5 个工作日');
    expect(mails[1]!.body).toContain('还有 2 个工作日');
    expect(mails[0]!.body).not.toContain('陈七');
  });

  it('counts open applications by handling unit on the board', async () => {
    const cal = buildCalendarData(OFFICIAL_YEARS);
    const board = await deadlineBoard(t.deps.db, cal, '2024-10-25');
    const row = board.find((b) => b.orgId === orgId)!;
    expect([row.open, row.dueSoon, row.overdue]).toEqual([1, 1, 0]);
    const late = (await deadlineBoard(t.deps.db, cal, '2024-11-01')).find((b) => b.orgId === orgId)!;
    expect([late.dueSoon, late.overdue]).toEqual([0, 1]);
  });

  it('shows the overdue count in the console header and the board page', async () => {
    const b = new Browser(t.app);
    await b.login('handler');
    const page = await b.get('/console/applications/board');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/依申请公开<span class="badge badge-danger">超期 \d+<\/span>/);
    expect(page.body).toContain('答复期限看板');
  });

  it('writes a notice to the applicant for each step that concerns them, into the outbox', async () => {
    const rows = await t.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('related_id', '=', id)
      .where('dedupe_key', 'not like', 'remind:%')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.subject)).toEqual([expect.stringContaining('已登记')]);
    expect(rows[0]!.to_masked).toBe('c***@example.com');
    expect(rows[0]!.body).toContain('2024-10-30');
    const b = new Browser(t.app);
    await b.login('intake');
    const outbox = await b.get('/console/outbox');
    expect(outbox.statusCode).toBe(200);
    expect(outbox.body).toContain('c***@example.com');
    expect(outbox.body).not.toContain('chen@example.com');
  });
});
