import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { missingYears } from './calendar.service.js';

describe.each(dialects)('working-day calendar API and console on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { seed: true });
  });
  afterAll(async () => t?.close());

  const api = async (url: string) => {
    const r = await t.app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: JSON.parse(r.body) as Record<string, unknown> };
  };

  it('adds working days across the 2020 Spring Festival and its extension (国办发明电〔2020〕1号)', async () => {
    // Received Thu 2020-01-23. Rest 01-24..02-02 (the Sat 02-01 make-up day was cancelled by the
    // extension); Sun 01-19 is before the start. WD1 = Mon 02-03 … WD5 = Fri 02-07, WD10 = Fri 02-14.
    const r = await api('/api/v1/calendar/add-workdays?from=2020-01-23&days=10');
    expect(r.status).toBe(200);
    expect(r.body.date).toBe('2020-02-14');
    const text = (r.body.explanation as string[]).join('\n');
    expect(text).toContain('2020-02-01');
    expect(text).toContain('春节');
    expect(r.body.warnings).toEqual([]);
  });

  it('counts a 调休 Saturday as a working day (2021 National Day)', async () => {
    // From Tue 2021-09-28: WD1 09-29, WD2 09-30, 10-01..07 off, WD3 Fri 10-08, WD4 Sat 10-09 (调休).
    const r = await api('/api/v1/calendar/add-workdays?from=2021-09-28&days=4');
    expect(r.body.date).toBe('2021-10-09');
    expect(r.body.adjustedWorkdays).toEqual([expect.objectContaining({ date: '2021-10-09' })]);
  });

  it('explains whether a day is a working day', async () => {
    const sat = await api('/api/v1/calendar/workday?date=2020-02-01');
    expect(sat.body).toMatchObject({ date: '2020-02-01', workday: false });
    expect(sat.body.reason).toContain('春节');
    const makeUp = await api('/api/v1/calendar/workday?date=2021-02-07');
    expect(makeUp.body).toMatchObject({ date: '2021-02-07', workday: true });
    expect(makeUp.body.reason).toContain('调休');
    const eve = await api('/api/v1/calendar/workday?date=2024-02-09');
    expect(eve.body.workday).toBe(true);
  });

  it('warns instead of guessing silently for a year with no official data', async () => {
    const r = await api('/api/v1/calendar/add-workdays?from=2027-03-01&days=5');
    expect(r.status).toBe(200);
    expect((r.body.warnings as string[]).join()).toContain('2027');
    const d = await api('/api/v1/calendar/workday?date=2027-03-01');
    expect((d.body.warnings as string[]).join()).toContain('2027');
  });

  it.each([
    ['/api/v1/calendar/add-workdays?from=2021-02-30&days=3', 'from', '起始日期'],
    ['/api/v1/calendar/add-workdays?from=20210201&days=3', 'from', '起始日期'],
    ['/api/v1/calendar/add-workdays?from=2021-02-01&days=-1', 'days', '工作日数'],
    ['/api/v1/calendar/add-workdays?from=2021-02-01&days=abc', 'days', '工作日数'],
    ['/api/v1/calendar/add-workdays?from=2021-02-01&days=99999', 'days', '工作日数'],
    ['/api/v1/calendar/add-workdays?days=3', 'from', '起始日期'],
    ['/api/v1/calendar/workday', 'date', '日期'],
    ['/api/v1/calendar/workday?date=yesterday', 'date', '日期'],
  ])('answers %s with a 400 naming the field in Chinese', async (url, field, label) => {
    const r = await api(url);
    expect(r.status).toBe(400);
    const error = r.body.error as { code: string; message: string; fields: Record<string, string> };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields[field]).toContain(label);
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts|stack/i);
  });

  it('lets an administrator add a local day off, versioned and audited, then withdraw it', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin');
    const save = (name: string) =>
      admin.post(
        '/console/calendar/entries',
        { date: '2026-12-01', kind: 'rest', name, source: '市政府办公厅通知（测试）', note: '' },
        { page: '/console/calendar' },
      );
    expect((await save('本地停工')).statusCode).toBe(303);
    expect((await api('/api/v1/calendar/workday?date=2026-12-01')).body).toMatchObject({ workday: false });
    expect((await save('本地停工（更正）')).statusCode).toBe(303);
    const rows = await t.deps.db
      .selectFrom('calendar_entries')
      .selectAll()
      .where('date', '=', '2026-12-01')
      .orderBy('version')
      .execute();
    expect(rows.map((r) => [r.version, r.superseded_at === null])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect((await api('/api/v1/calendar/workday?date=2026-12-01')).body.reason).toContain('本地停工（更正）');
    const withdraw = await admin.post(
      '/console/calendar/entries/withdraw',
      { date: '2026-12-01' },
      { page: '/console/calendar' },
    );
    expect(withdraw.statusCode).toBe(303);
    expect((await api('/api/v1/calendar/workday?date=2026-12-01')).body).toMatchObject({ workday: true });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'calendar')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'calendar.entry_saved',
      'calendar.entry_saved',
      'calendar.entry_withdrawn',
    ]);
  });

  it('enters a whole holiday period at once, and refuses a run that is too long or reversed', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin');
    const r = await admin.post(
      '/console/calendar/entries',
      { date: '2027-10-01', to: '2027-10-07', kind: 'rest', name: '国庆节', source: '测试通知' },
      { page: '/console/calendar' },
    );
    expect(r.statusCode).toBe(303);
    for (const d of ['2027-10-01', '2027-10-04', '2027-10-07'])
      expect((await api(`/api/v1/calendar/workday?date=${d}`)).body).toMatchObject({ workday: false });
    expect((await api('/api/v1/calendar/workday?date=2027-10-08')).body).toMatchObject({ workday: true });
    const reversed = await admin.post(
      '/console/calendar/entries',
      { date: '2027-10-07', to: '2027-10-01', kind: 'rest', name: 'x', source: '测试通知' },
      { page: '/console/calendar' },
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('截止日期：不能早于日期');
    const tooLong = await admin.post(
      '/console/calendar/entries',
      { date: '2027-01-01', to: '2027-03-01', kind: 'rest', name: 'x', source: '测试通知' },
      { page: '/console/calendar' },
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('一次最多录入 31 天');
  });

  it('refuses a weekday as a 调休 working day and re-renders the form with the field named', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin');
    const before = await t.deps.db.selectFrom('calendar_entries').select('id').execute();
    const r = await admin.post(
      '/console/calendar/entries',
      { date: '2026-12-02', kind: 'workday', name: '调休', source: '测试依据' },
      { page: '/console/calendar' },
    );
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('类型：调休上班日只能是星期六或星期日');
    expect(await t.deps.db.selectFrom('calendar_entries').select('id').execute()).toEqual(before);
  });

  it('warns administrators about next year from November until its arrangement is entered', async () => {
    expect(await missingYears(t.deps.db, 'national', '2026-11-25')).toEqual([2027]);
    expect(await missingYears(t.deps.db, 'national', '2026-06-01')).toEqual([]);
    const admin = new Browser(t.app);
    await admin.login('admin');
    await admin.post(
      '/console/calendar/years',
      { year: '2027', source: '国办发明电〔2026〕X号（测试）' },
      { page: '/console/calendar' },
    );
    expect(await missingYears(t.deps.db, 'national', '2026-11-25')).toEqual([]);
    expect((await api('/api/v1/calendar/workday?date=2027-03-01')).body.warnings).toEqual([]);
  });

  it('shows the calculator with its explanation in the console', async () => {
    const b = new Browser(t.app);
    await b.login('intake');
    const page = await b.get('/console/calendar?from=2021-09-28&days=20');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2021-11-01');
    expect(page.body).toContain('国庆节');
  });
});
