import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, columnIdOf, draftInput } from '../../../test/support/factories.js';
import { addWorkdays, type CalendarData, workdaysBetween } from '../../platform/calendar/engine.js';
import type { Db } from '../../platform/db/index.js';
import { loadCalendar } from '../calendar/index.js';
import { approveReview, createDraft, publishDocument, submitForReview } from '../documents/index.js';
import { statsRange } from './stats.console.js';
import { type DashboardStats, dashboardStats, WorkdayIndex } from './stats.service.js';

/** A row of the table with this caption, as text: "资源处|机关处室|2|1|50.0%|20.0|1|1". */
const rowText = (html: string, caption: string, head: string) => {
  const table = html.slice(html.indexOf(`<caption>${caption}`));
  const m = table.match(new RegExp(`<tr><th scope="row">${head}</th>(.*?)</tr>`));
  return m?.[1]?.replace(/<\/td><td>/g, '|').replace(/<[^>]+>/g, '');
};

const UNITS = '各承办单位答复情况';
const COLUMNS = '各栏目发布文件及公开时效';

interface AppSpec {
  org: number | null;
  status: string;
  receivedOn?: string | null;
  restartedOn?: string;
  repliedOn?: string;
  dueOn?: string | null;
  replyType?: string;
  paused?: boolean;
}

describe.each(dialects)('statistics dashboard on %s', (dialect) => {
  let t: TestApp;
  let db: Db;
  let cal: CalendarData;
  let stats: DashboardStats;
  const orgs: Record<string, number> = {};
  let seq = 0;

  const addApplication = async (a: AppSpec) => {
    seq++;
    const at = '2024-01-01T00:00:00.000Z';
    await db
      .insertInto('applications')
      .values({
        tracking_code: `STATS${dialect}${seq}`,
        reference_no: null,
        password_hash: 'x',
        status: a.status,
        channel: 'in_person',
        applicant_type: 'person',
        applicant_label: '张**',
        applicant_key: `key-${seq}`,
        personal_sealed: 'sealed',
        subject: `统计测试申请 ${seq}`,
        form_wanted: 'paper',
        delivery: 'post',
        submitted_at: at,
        received_on: a.receivedOn === undefined ? null : a.receivedOn,
        restarted_on: a.restartedOn ?? null,
        due_on: a.dueOn ?? null,
        clock_paused: a.paused ? 1 : 0,
        org_id: a.org,
        reply_type: a.replyType ?? null,
        replied_on: a.repliedOn ?? null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  };

  const publishAt = async (code: string, title: string, formedOn: string, publishedAt: string | null) => {
    const publisher = await actorFor(db, 'publisher', ['documents.edit', 'documents.publish']);
    const reviewer = await actorFor(db, 'secrecy', ['documents.review']);
    const bureau = await db
      .selectFrom('orgs')
      .select('id')
      .where('kind', '=', 'bureau')
      .executeTakeFirstOrThrow();
    const id = await createDraft(
      db,
      publisher,
      draftInput({
        column_id: await columnIdOf(db, code),
        title,
        publisher_org_id: bureau.id,
        formed_on: formedOn,
      }),
    );
    if (publishedAt === null) return;
    await submitForReview(db, publisher, id);
    await approveReview(db, reviewer, id);
    await publishDocument(db, publisher, id);
    // The publication instant the statistics are about (the workflow stamps "now").
    await db.updateTable('documents').set({ published_at: publishedAt }).where('id', '=', id).execute();
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    db = t.deps.db;
    cal = await loadCalendar(db, t.config.calendarRegion);
    for (const name of ['资源处', '和平分局（示例）'])
      orgs[name] = (
        await db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirstOrThrow()
      ).id;
    const division = orgs.资源处!;
    const branch = orgs['和平分局（示例）']!;
    // 资源处: across the 2024 National Day holiday, on time; and a late refusal.
    await addApplication({
      org: division,
      status: 'replied',
      receivedOn: '2024-09-27',
      repliedOn: '2024-10-14',
      dueOn: '2024-10-30',
      replyType: 'disclosed',
    });
    await addApplication({
      org: division,
      status: 'replied',
      receivedOn: '2024-10-08',
      repliedOn: '2024-11-20',
      dueOn: '2024-11-05',
      replyType: 'withheld_third_party',
    });
    // Open and past its due date; and one paused without a due date (received next year).
    await addApplication({
      org: division,
      status: 'assigned',
      receivedOn: '2024-12-02',
      dueOn: '2024-12-30',
    });
    await addApplication({ org: branch, status: 'consulting', receivedOn: '2025-01-10', paused: true });
    // 和平分局: the clock restarted after 补正; and one received the year before, replied in January.
    await addApplication({
      org: branch,
      status: 'replied',
      receivedOn: '2024-03-01',
      restartedOn: '2024-03-11',
      repliedOn: '2024-03-15',
      dueOn: '2024-04-08',
      replyType: 'not_exist',
    });
    await addApplication({
      org: branch,
      status: 'archived',
      receivedOn: '2023-12-20',
      repliedOn: '2024-01-05',
      dueOn: '2024-01-19',
      replyType: 'partially_disclosed',
    });
    // 公开办, never assigned: answered on the day of receipt; and one not yet registered.
    await addApplication({
      org: null,
      status: 'replied',
      receivedOn: '2024-05-06',
      repliedOn: '2024-05-06',
      dueOn: '2024-06-03',
      replyType: 'repeat_application',
    });
    await addApplication({ org: null, status: 'submitted', receivedOn: null });

    // 工作动态: formed on Friday 27 September 2024, due Wednesday 30 October (the holiday skipped).
    await publishAt('gzdt', '按时公开', '2024-09-27', '2024-10-25T02:00:00.000Z');
    await publishAt('gzdt', '逾期公开', '2024-09-27', '2024-11-01T02:00:00.000Z');
    // 23:30 Beijing time on the last day.
    await publishAt('gzdt', '截止日深夜公开', '2024-09-27', '2024-10-30T15:30:00.000Z');
    // 政策解读: formed 1 November, due Friday 29 November; published the Saturday after (late), and
    // one published at 00:30 on New Year's Day 2024 in Beijing (in the range).
    await publishAt('zcjd', '周六公开', '2024-11-01', '2024-11-30T02:00:00.000Z');
    await publishAt('zcjd', '元旦凌晨公开', '2023-12-20', '2023-12-31T16:30:00.000Z');
    await publishAt('zcjd', '次年公开', '2024-12-20', '2024-12-31T16:30:00.000Z');
    await publishAt('gzdt', '未发布的草稿', '2024-10-08', null);

    stats = await dashboardStats(db, cal, { from: '2024-01-01', to: '2024-12-31', today: '2024-12-31' });

    // Grant the dashboard to the auditor only (the manifest's default grants are not this test's business).
    await db
      .insertInto('permissions')
      .values({ code: 'statistics.read', name: '查看统计分析' })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    await db.deleteFrom('role_permissions').where('permission_code', '=', 'statistics.read').execute();
    await db
      .insertInto('role_permissions')
      .values({ role_code: 'auditor', permission_code: 'statistics.read' })
      .execute();
  });
  afterAll(async () => t?.close());

  describe('dashboardStats', () => {
    it('counts applications by month of receipt and replies by month of reply', () => {
      const months = Object.fromEntries(stats.months.map((m) => [m.month, [m.received, m.replied]]));
      expect(stats.months).toHaveLength(12);
      expect(months).toMatchObject({
        '2024-01': [0, 1],
        '2024-02': [0, 0],
        '2024-03': [1, 1],
        '2024-05': [1, 1],
        '2024-09': [1, 0],
        '2024-10': [1, 1],
        '2024-11': [0, 1],
        '2024-12': [1, 0],
      });
      expect(stats.totals.received).toBe(5);
      expect(stats.totals.replied).toBe(5);
    });

    it('groups replies by the six result categories and by reply type', () => {
      expect(stats.categories.map((c) => [c.name, c.count])).toEqual([
        ['予以公开', 1],
        ['部分公开', 1],
        ['不予公开', 1],
        ['无法提供', 1],
        ['不予处理', 1],
        ['其他处理', 0],
      ]);
      expect(stats.replyTypes.map((r) => [r.name, r.category, r.count])).toEqual([
        ['予以公开', '予以公开', 1],
        ['部分公开', '部分公开', 1],
        ['保护第三方合法权益', '不予公开', 1],
        ['信息不存在', '无法提供', 1],
        ['重复申请', '不予处理', 1],
      ]);
    });

    it('counts working days on the platform calendar, across the National Day holiday and its make-up days', () => {
      // (27 Sep, 14 Oct]: Sun 29 Sep and Sat 12 Oct are working days, 1–7 Oct are off.
      expect(workdaysBetween(cal, '2024-09-27', '2024-10-14').count).toBe(8);
      expect(workdaysBetween(cal, '2024-10-08', '2024-11-20').count).toBe(32);
      expect(workdaysBetween(cal, '2024-03-11', '2024-03-15').count).toBe(4);
      expect(workdaysBetween(cal, '2023-12-20', '2024-01-05').count).toBe(11);
      const index = new WorkdayIndex(cal, '2023-01-01', '2025-12-31');
      for (const [a, b] of [
        ['2024-09-27', '2024-10-14'],
        ['2024-02-01', '2024-02-29'],
        ['2024-10-14', '2024-09-27'],
        ['2024-12-31', '2025-02-10'],
      ] as const)
        expect(index.between(a, b)).toBe(workdaysBetween(cal, a, b).count);
    });

    it('gives each handling unit its replies, on-time rate, average working days, open and overdue', () => {
      expect(stats.units.map((u) => u.name)).toEqual(['资源处', '和平分局（示例）', '公开办（未分办）']);
      const [division, branch, office] = stats.units;
      expect(division).toMatchObject({
        kind: 'division',
        kindLabel: '机关处室',
        replied: 2,
        onTime: 1,
        onTimeRate: 50,
        avgWorkdays: 20, // (8 + 32) / 2
        open: 1,
        overdue: 1,
      });
      expect(branch).toMatchObject({
        kind: 'branch',
        kindLabel: '区分局',
        replied: 2,
        onTime: 2,
        onTimeRate: 100,
        avgWorkdays: 7.5, // from the restart: (4 + 11) / 2
        open: 1,
        overdue: 0, // its clock is paused
      });
      expect(office).toMatchObject({
        orgId: null,
        replied: 1,
        onTime: 1,
        avgWorkdays: 0,
        open: 1,
        overdue: 0,
      });
      expect(stats.totals).toMatchObject({ onTime: 4, onTimeRate: 80, avgWorkdays: 11, open: 3, overdue: 1 });
      expect(stats.warnings).toEqual([]);
    });

    it('rounds rates to one decimal and counts overdue on the given day', async () => {
      const before = await dashboardStats(db, cal, {
        from: '2024-01-01',
        to: '2024-12-31',
        today: '2024-12-30',
      });
      expect(before.units[0]?.overdue).toBe(0);
      const october = await dashboardStats(db, cal, {
        from: '2024-10-01',
        to: '2024-10-31',
        today: '2024-12-31',
      });
      expect(october.units.map((u) => [u.name, u.replied])).toEqual([
        ['资源处', 1],
        // Units with open applications stay listed, with no replies.
        ['和平分局（示例）', 0],
        ['公开办（未分办）', 0],
      ]);
      expect(october.units[1]?.onTimeRate).toBeNull();
    });

    it('counts documents per column as published on time within 20 working days of formation (条例第二十六条)', () => {
      expect(addWorkdays(cal, '2024-09-27', 20).date).toBe('2024-10-30');
      expect(addWorkdays(cal, '2024-11-01', 20).date).toBe('2024-11-29');
      expect(
        stats.columns.map((c) => [c.name, c.published, c.timely, c.late, c.timelyRate, c.avgWorkdays]),
      ).toEqual([
        // 17, 22 and 20 working days.
        ['工作动态', 3, 2, 1, 66.7, 19.7],
        // 20 working days but published on the rest day after the due date (late); 7 working days.
        ['政策解读', 2, 1, 1, 50, 13.5],
      ]);
      expect(stats.totals).toMatchObject({ published: 5, timely: 3, late: 2, timelyRate: 60 });
    });
  });

  describe('statsRange', () => {
    it('defaults to this year to date, takes a year, and names the bad field in Chinese', () => {
      expect(statsRange({}, '2025-06-15')).toEqual({ from: '2025-01-01', to: '2025-06-15' });
      expect(statsRange({ year: '2024' }, '2025-06-15')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
      expect(statsRange({ year: '2025' }, '2025-06-15')).toEqual({ from: '2025-01-01', to: '2025-06-15' });
      expect(statsRange({ to: '2024-03-31' }, '2025-06-15')).toEqual({
        from: '2024-01-01',
        to: '2024-03-31',
      });
      expect(() => statsRange({ from: '2024-13-01' })).toThrow(/^起始日期：/);
      expect(() => statsRange({ from: '2024-05-01', to: '2024-04-01' })).toThrow(
        '起始日期：不能晚于截止日期',
      );
      expect(() => statsRange({ year: '24' })).toThrow(/^年度：/);
      expect(() => statsRange({ year: '2024', from: '2024-01-01' })).toThrow(/^年度：/);
      expect(() => statsRange({ from: '2010-01-01', to: '2024-01-01' })).toThrow(
        '截止日期：统计区间不能超过 5 年',
      );
    });
  });

  describe('GET /console/statistics', () => {
    it('renders the dashboard: charts with data tables, unit and column tables, and the CSV link', async () => {
      const b = new Browser(t.app);
      await b.login('auditor');
      const res = await b.get('/console/statistics?from=2024-01-01&to=2024-12-31');
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain('<h1');
      expect(html).toContain('统计分析');
      // Overdue is counted on the real today, well after 30 December 2024.
      expect(rowText(html, UNITS, '资源处')).toBe('机关处室|2|1|50.0%|20.0|1|1');
      expect(rowText(html, UNITS, '和平分局（示例）')).toBe('区分局|2|2|100.0%|7.5|1|0');
      expect(rowText(html, UNITS, '公开办（未分办）')).toBe('公开办|1|1|100.0%|0.0|1|0');
      expect(rowText(html, COLUMNS, '工作动态')).toBe('3|2|1|66.7%|19.7');
      expect(html).toMatch(/<caption>各承办单位答复情况/);
      expect(html).toMatch(/<caption>各栏目发布文件及公开时效/);
      // Charts: SVG named by title and description, with the numbers in a table inside <details>.
      expect(html).toContain('<figcaption>按月收到的政府信息公开申请</figcaption>');
      expect(html).toContain('<figcaption>答复按办理结果分类</figcaption>');
      expect(html).toContain('<figcaption>各栏目发布的文件数</figcaption>');
      expect(html).toMatch(/<svg role="img" aria-labelledby="chart-\w+-title chart-\w+-desc"/);
      expect(html).toContain('<th scope="row">2024年10月</th>');
      expect(html).toContain('<label for="f-from">起始日期</label>');
      expect(html).toContain('href="/console/statistics.csv?from=2024-01-01&amp;to=2024-12-31"');
      expect(html).toContain('href="/console/statistics?year=');

      const byYear = await b.get('/console/statistics?year=2024');
      expect(byYear.statusCode).toBe(200);
      expect(rowText(byYear.body, UNITS, '资源处')).toBe('机关处室|2|1|50.0%|20.0|1|1');
    });

    it('defaults to the current year to date', async () => {
      const b = new Browser(t.app);
      await b.login('auditor');
      const res = await b.get('/console/statistics');
      expect(res.statusCode).toBe(200);
      const year = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4);
      expect(res.body).toContain(`name="from" type="date" value="${year}-01-01"`);
    });

    it('refuses a bad range with 400 and a Chinese message naming the field', async () => {
      const b = new Browser(t.app);
      await b.login('auditor');
      let res = await b.get('/console/statistics?from=2024-02-30');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('起始日期：日期 2024-02-30 不存在');
      expect(res.body).toContain('aria-invalid="true"');
      res = await b.get('/console/statistics?from=2024-06-01&to=2024-05-01');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('起始日期：不能晚于截止日期');
      res = await b.get('/console/statistics.csv?from=abc');
      expect(res.statusCode).toBe(400);
    });

    it('exports the same figures as CSV in long form, with a BOM', async () => {
      const b = new Browser(t.app);
      await b.login('auditor');
      const res = await b.get('/console/statistics.csv?from=2024-01-01&to=2024-12-31');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="statistics-20240101-20241231.csv"',
      );
      expect(res.body.startsWith('\uFEFF指标,分组,项目,数值\r\n')).toBe(true);
      const lines = res.body.slice(1).trim().split('\r\n');
      for (const line of [
        '收到申请（件）,按月,2024-09,1',
        '作出答复（件）,按月,2024-11,1',
        '作出答复（件）,办理结果,其他处理,0',
        '作出答复（件）,答复类型（不予公开）,保护第三方合法权益,1',
        '按时答复率（%）,机关处室,资源处,50',
        '平均办理工作日,区分局,和平分局（示例）,7.5',
        '已超期（件）,机关处室,资源处,1',
        '按时答复率（%）,全部,合计,80',
        '按时公开率（%）,栏目,工作动态,66.7',
        '逾期公开（份）,全部,合计,2',
      ])
        expect(lines).toContain(line);
    });

    it('is for statistics.read: a handler is forbidden', async () => {
      const b = new Browser(t.app);
      await b.login('handler');
      expect((await b.get('/console/statistics')).statusCode).toBe(403);
      expect((await b.get('/console/statistics.csv')).statusCode).toBe(403);
    });
  });
});
