import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, columnIdOf, draftInput } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/index.js';
import { createColumn, updateColumn } from './column.service.js';
import {
  approveReview,
  createDraft,
  exemptFromInterpretation,
  linkInterpretation,
  publishDocument,
  submitForReview,
} from './document.service.js';

/** Strip tags so table rows read as text: "法规处|2|1|1|50.0%|0|0". */
const rowText = (html: string, head: string) => {
  const m = html.match(new RegExp(`<tr><th scope="row">${head}</th>(.*?)</tr>`));
  return m?.[1]?.replace(/<\/td><td>/g, '|').replace(/<[^>]+>/g, '');
};

describe.each(dialects)('console reports on %s', (dialect) => {
  let t: TestApp;
  let db: Db;
  let publisher: Actor;
  let reviewer: Actor;
  let bureauId: number;
  const orgs: Record<string, number> = {};
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    db = t.deps.db;
    publisher = await actorFor(db, 'publisher', ['documents.edit', 'documents.publish']);
    reviewer = await actorFor(db, 'secrecy', ['documents.review']);
    bureauId = (
      await db.selectFrom('orgs').select('id').where('kind', '=', 'bureau').executeTakeFirstOrThrow()
    ).id;
    for (const name of ['法规处', '资源处'])
      orgs[name] = (
        await db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirstOrThrow()
      ).id;
  });
  afterAll(async () => t?.close());

  const make = async (
    code: string,
    title: string,
    p: { formedOn?: string; owner?: number; publishedAt?: string | null } = {},
  ) => {
    const id = await createDraft(
      db,
      publisher,
      draftInput({
        column_id: await columnIdOf(db, code),
        title,
        publisher_org_id: bureauId,
        owner_org_id: p.owner ?? null,
        formed_on: p.formedOn ?? '2026-11-20',
      }),
    );
    if (p.publishedAt !== null) {
      await submitForReview(db, publisher, id);
      await approveReview(db, reviewer, id);
      await publishDocument(db, publisher, id);
      // The publication date the report is about (the workflow stamps "now").
      if (p.publishedAt)
        await db.updateTable('documents').set({ published_at: p.publishedAt }).where('id', '=', id).execute();
    }
    return id;
  };

  describe('timeliness (条例第二十六条)', () => {
    beforeAll(async () => {
      // 2021 National Day: 1–7 October off, Saturday 9 October a make-up working day. Information formed
      // on Tuesday 28 September is due on Monday 1 November (20 working days), not 26 October.
      ids.onTime = await make('gzdt', '国庆假期前形成、按时公开（测试）', {
        formedOn: '2021-09-28',
        owner: orgs.法规处,
        publishedAt: '2021-10-29T02:00:00.000Z',
      });
      ids.late = await make('gzdt', '=HYPERLINK("x"),逾期公开（测试）', {
        formedOn: '2021-09-28',
        owner: orgs.法规处,
        publishedAt: '2021-11-02T01:00:00.000Z',
      });
      ids.lastDay = await make('gzdt', '截止日当天公开（测试）', {
        formedOn: '2021-09-30',
        owner: orgs.资源处,
        // 3 November 2021, 07:30 Beijing time: the last day, in Beijing.
        publishedAt: '2021-11-02T23:30:00.000Z',
      });
      ids.overdue = await make('gzdt', '至今未公开（测试）', {
        formedOn: '2021-10-10',
        owner: orgs.资源处,
        publishedAt: null,
      });
      ids.outside = await make('gzdt', '统计范围以外（测试）', {
        formedOn: '2022-03-01',
        owner: orgs.资源处,
        publishedAt: '2022-06-01T02:00:00.000Z',
      });
    });

    it('shows the on-time rate per responsible division and what is late, counted on the holiday calendar', async () => {
      const b = new Browser(t.app);
      await b.login('publisher');
      const res = await b.get('/console/reports/timeliness?from=2021-09-01&to=2021-12-31');
      expect(res.statusCode).toBe(200);
      expect(rowText(res.body, '法规处')).toBe('2|1|1|50.0%|0|0');
      expect(rowText(res.body, '资源处')).toBe('1|1|0|100.0%|1|0');
      expect(res.body).toContain('已公开 3 份，其中按时 2 份、逾期 1');
      expect(res.body).toContain('按时率 66.7%');
      expect(res.body).not.toContain('统计范围以外');
      // Due dates shown: 1 November for the 28 September items, 3 November for 30 September.
      expect(res.body).toContain(
        '<td>2021-09-28</td><td>2021-11-01</td><td>2021-11-02</td><td>逾期公开（1 个工作日）</td>',
      );
      expect(res.body).toMatch(
        /至今未公开（测试）<\/th><td>资源处<\/td><td>2021-10-10<\/td><td>2021-11-05<\/td><td>未公开<\/td><td>已逾期未公开/,
      );
    });

    it('widens and narrows with the date range', async () => {
      const b = new Browser(t.app);
      await b.login('admin');
      const all = await b.get('/console/reports/timeliness?from=2021-01-01&to=2022-12-31');
      // The 2022 item (formed 1 March, published 1 June) was late.
      expect(rowText(all.body, '资源处')).toBe('2|1|1|50.0%|1|0');
      const narrow = await b.get('/console/reports/timeliness?from=2021-09-29&to=2021-09-30');
      expect(rowText(narrow.body, '资源处')).toBe('1|1|0|100.0%|0|0');
      expect(rowText(narrow.body, '法规处')).toBeUndefined();
    });

    it('refuses a bad range with the field named in Chinese', async () => {
      const b = new Browser(t.app);
      await b.login('auditor');
      let res = await b.get('/console/reports/timeliness?from=2021-02-30');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('形成日期自：应为有效日期');
      res = await b.get('/console/reports/timeliness?from=2021-12-01&to=2021-11-01');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('形成日期自：不能晚于结束日期');
    });

    it('exports the items as CSV, with quotes doubled and formula-looking cells defused', async () => {
      const b = new Browser(t.app);
      await b.login('auditor');
      const res = await b.get('/console/reports/timeliness.csv?from=2021-09-01&to=2021-12-31');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="timeliness-\d{8}\.csv"/);
      expect(res.body.startsWith('\uFEFF编号,标题,责任处室')).toBe(true);
      const lines = res.body.trim().split('\r\n');
      expect(lines).toHaveLength(5);
      expect(lines).toContain(
        `${ids.late},"'=HYPERLINK(""x""),逾期公开（测试）",法规处,2021-09-28,2021-11-01,2021-11-02,逾期公开,1,`,
      );
      expect(lines).toContain(
        `${ids.lastDay},截止日当天公开（测试）,资源处,2021-09-30,2021-11-03,2021-11-03,按时公开,,`,
      );
    });

    it('is for reports.read: a handler is forbidden', async () => {
      const b = new Browser(t.app);
      await b.login('handler');
      expect((await b.get('/console/reports/timeliness')).statusCode).toBe(403);
      expect((await b.get('/console/reports/timeliness.csv')).statusCode).toBe(403);
      expect((await b.get('/console/reports/interpretations')).statusCode).toBe(403);
    });
  });

  describe('policies without interpretation', () => {
    beforeAll(async () => {
      const admin = await actorFor(db, 'admin', ['columns.manage']);
      const input = {
        name: '政策文件（报表测试）',
        code: 'bbcs',
        parent_id: null,
        basis: '',
        needs_interpretation: false,
      };
      const columnId = await createColumn(db, admin, input);
      // Published before the column asked for interpretations (e.g. imported, or the flag set later).
      ids.bare = await make('bbcs', '无解读的政策（测试）');
      ids.covered = await make('bbcs', '已配发解读的政策（测试）');
      ids.draftInterp = await make('bbcs', '解读尚未发布的政策（测试）');
      ids.exempt = await make('bbcs', '登记不解读理由的政策, "内部"（测试）');
      ids.unpublished = await make('bbcs', '草稿状态的政策（测试）', { publishedAt: null });
      const interp = await make('zcjd', '政策解读（测试）');
      const draftInterp = await make('zcjd', '未发布的解读（测试）', { publishedAt: null });
      await linkInterpretation(db, publisher, ids.covered, interp, 'text');
      await linkInterpretation(db, publisher, ids.draftInterp, draftInterp, 'qa');
      await exemptFromInterpretation(db, publisher, ids.exempt, '仅涉及机关内部管理事项，不需解读');
      await updateColumn(db, admin, columnId, { ...input, needs_interpretation: true });
    });

    it('lists published policies with neither a published interpretation nor an exemption, and the exemptions', async () => {
      const b = new Browser(t.app);
      await b.login('auditor');
      const res = await b.get('/console/reports/interpretations');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('未配发政策解读（2）');
      expect(res.body).toContain('登记不解读理由（1）');
      for (const title of [
        '无解读的政策（测试）',
        '解读尚未发布的政策（测试）',
        '仅涉及机关内部管理事项，不需解读',
      ])
        expect(res.body).toContain(title);
      expect(res.body).not.toContain('已配发解读的政策（测试）');
      expect(res.body).not.toContain('草稿状态的政策（测试）');
      expect(res.body).toContain(`href="/documents/${ids.bare}"`);
    });

    it('exports both lists as CSV', async () => {
      const b = new Browser(t.app);
      await b.login('publisher');
      const res = await b.get('/console/reports/interpretations.csv');
      expect(res.statusCode).toBe(200);
      const lines = res.body.replace('\uFEFF', '').trim().split('\r\n');
      expect(lines[0]).toBe('类别,索引号,标题,文号,栏目,责任处室,发布日期,不解读理由');
      expect(lines).toHaveLength(4);
      expect(lines.filter((l) => l.startsWith('未配发政策解读,'))).toHaveLength(2);
      const exempt = lines.find((l) => l.startsWith('登记不解读理由,'));
      expect(exempt).toContain(',"登记不解读理由的政策, ""内部""（测试）",,政策文件（报表测试）,');
      expect(exempt).toMatch(/,仅涉及机关内部管理事项，不需解读$/);
    });
  });
});
