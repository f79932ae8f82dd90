import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/index.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import * as repo from './case.repository.js';
import { CASE_KINDS, inReportYear, sectionFourCells } from './case.rules.js';
import {
  type CaseDeps,
  type CaseForm,
  casesOfApplication,
  casesOfYear,
  createCase,
  facts,
  getCase,
  updateCase,
} from './case.service.js';
import { residentIdCheckChar } from './identity.rules.js';
import { registerReceivedApplication } from './intake.service.js';

const idBody = '11010519491231002';
const TODAY = '2025-06-30';

const form = (fields: CaseForm = {}): CaseForm => ({
  kind: 'reconsideration',
  caseNo: '（2024）示例复字第1号',
  body: '示例市人民政府',
  filedOn: '2024-10-08',
  ...fields,
});

async function audits(db: Db, action: string, id: number) {
  return db
    .selectFrom('audit_log')
    .select(['action', 'target_type', 'detail'])
    .where('action', '=', action)
    .where('target_id', '=', String(id))
    .execute();
}

describe.each(dialects)('reconsideration and litigation cases on %s', (dialect) => {
  let t: TestApp;
  let db: Db;
  let deps: CaseDeps;
  const actors: Record<string, Actor> = {};
  const as: Record<string, Browser> = {};
  let appId: number;
  let appCode: string;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    db = t.deps.db;
    deps = { db, today: TODAY };
    actors.intake = await actorFor(db, 'intake', [P.intake, P.read]);
    actors.approver = await actorFor(db, 'approver', [P.approve, P.read]);
    actors.handler = await actorFor(db, 'handler', [P.handle, P.read]);
    actors.nobody = await actorFor(db, 'publisher', []);
    const receipt = await registerReceivedApplication(
      { db, config: t.config, today: '2024-09-30' },
      actors.intake,
      {
        applicantType: 'person',
        name: '张三丰',
        idType: 'resident_id',
        idNumber: idBody + residentIdCheckChar(idBody),
        phone: '13812345678',
        email: null,
        address: null,
        postcode: null,
        subject: '某地块出让合同',
        docNumber: null,
        description: null,
        formWanted: 'paper',
        delivery: 'pickup',
        channel: 'in_person',
        receivedOn: '2024-09-27',
      },
    );
    appId = receipt.id;
    appCode = receipt.trackingCode;
    for (const u of ['intake', 'approver', 'handler', 'publisher']) {
      as[u] = new Browser(t.app);
      await as[u]!.login(u);
    }
  });
  afterAll(() => t.close());

  describe('createCase and updateCase', () => {
    it('records a case linked to its application and audits it', async () => {
      const row = await createCase(deps, actors.intake!, form({ applicationCode: appCode.toLowerCase() }));
      expect(row).toMatchObject({
        application_id: appId,
        application_code: appCode,
        kind: 'reconsideration',
        filed_on: '2024-10-08',
        decision: null,
        decided_on: null,
      });
      const [a] = await audits(db, 'application.case_created', row.id);
      expect(a?.target_type).toBe('application_case');
      expect(JSON.parse(a!.detail!)).toMatchObject({ applicationId: appId, kind: 'reconsideration' });
      expect((await casesOfApplication(deps, actors.handler!, appId)).map((c) => c.id)).toContain(row.id);
    });

    it('lets the approver record the outcome, audits what changed, and ignores a save without changes', async () => {
      const row = await createCase(deps, actors.approver!, form({ notes: '未关联申请' }));
      expect(row.application_id).toBeNull();
      const input = form({ notes: '未关联申请', decision: 'rec_annul', decidedOn: '2024-12-02' });
      const after = await updateCase(deps, actors.approver!, row.id, input);
      expect([after.decision, after.decided_on]).toEqual(['rec_annul', '2024-12-02']);
      await updateCase(deps, actors.intake!, row.id, input);
      const rows = await audits(db, 'application.case_updated', row.id);
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]!.detail!).changed).toEqual(['decision', 'decided_on']);
    });

    it('refuses writes without the intake or approve permission, but answers 404 first', async () => {
      const row = await createCase(deps, actors.intake!, form());
      await expect(createCase(deps, actors.handler!, form())).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(updateCase(deps, actors.handler!, row.id, form())).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(updateCase(deps, actors.handler!, 999999, form())).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect((await getCase(deps, actors.handler!, row.id)).id).toBe(row.id);
      await expect(getCase(deps, actors.nobody!, row.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(casesOfYear(deps, actors.nobody!, 2024)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it.each<[string, CaseForm, string, string]>([
      ['no kind', { kind: '' }, 'kind', '案件类型：请选择'],
      ['no case number', { caseNo: ' ' }, 'caseNo', '案号：必填'],
      ['no body', { body: '' }, 'body', '复议机关或人民法院：必填'],
      ['an impossible date', { filedOn: '2024-02-30' }, 'filedOn', '申请复议或起诉日期：格式应为'],
      ['a future filing', { filedOn: '2025-07-01' }, 'filedOn', '申请复议或起诉日期：不能晚于今天'],
      ['an unknown decision', { decision: 'won' }, 'decision', '审结结果：请从列表中选择'],
      [
        'a court decision on a reconsideration',
        { decision: 'lit_annul', decidedOn: '2024-11-01' },
        'decision',
        '不是行政复议的审结结果',
      ],
      [
        'a reconsideration decision on a suit',
        { kind: 'litigation_after', decision: 'rec_uphold', decidedOn: '2024-11-01' },
        'decision',
        '不是行政诉讼（复议后起诉）的审结结果',
      ],
      [
        'a decision without its date',
        { decision: 'rec_uphold' },
        'decidedOn',
        '审结日期：已填写审结结果的，必填',
      ],
      [
        'a decision before the filing',
        { decision: 'rec_uphold', decidedOn: '2024-10-07' },
        'decidedOn',
        '审结日期：不能早于申请复议或起诉日期',
      ],
      ['an unknown application', { applicationCode: 'NOSUCHCODE' }, 'applicationCode', '查无此申请'],
    ])('names the field for %s', async (_name, fields, field, message) => {
      const err = await createCase(deps, actors.intake!, form(fields)).catch((e) => e);
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.fields[field]).toContain(message);
    });
  });

  describe('casesOfYear', () => {
    // 2019–2021 are used by no other test here, so the counts are exact.
    const seed: CaseForm[] = [
      { kind: 'reconsideration', filedOn: '2020-03-01', decision: 'rec_uphold', decidedOn: '2020-04-01' },
      { kind: 'reconsideration', filedOn: '2020-05-01', decision: 'rec_vary', decidedOn: '2020-06-01' },
      { kind: 'reconsideration', filedOn: '2020-11-01', decision: 'rec_terminate', decidedOn: '2021-01-05' },
      {
        kind: 'reconsideration',
        filedOn: '2019-10-01',
        decision: 'rec_reject_claim',
        decidedOn: '2020-01-01',
      },
      { kind: 'reconsideration', filedOn: '2019-10-01', decision: 'rec_annul', decidedOn: '2019-12-31' },
      {
        kind: 'litigation_direct',
        filedOn: '2020-02-01',
        decision: 'lit_reject_claims',
        decidedOn: '2020-08-01',
      },
      { kind: 'litigation_direct', filedOn: '2020-12-31' },
      { kind: 'litigation_after', filedOn: '2020-07-01', decision: 'lit_perform', decidedOn: '2020-09-01' },
      { kind: 'litigation_after', filedOn: '2019-06-01' },
      { kind: 'litigation_after', filedOn: '2021-01-01' },
    ];

    it('gives the section 四 row of a year, and the SQL picks the cases the rule picks', async () => {
      for (const [i, f] of seed.entries())
        await createCase(
          deps,
          actors.intake!,
          form({ caseNo: `（2020）年表第${i + 1}号`, body: '示例法院', ...f }),
        );
      const { cases, row } = await casesOfYear(deps, actors.handler!, 2020);
      expect(sectionFourCells(row)).toEqual([2, 1, 0, 1, 4, 1, 0, 0, 1, 2, 0, 1, 0, 1, 2]);
      expect(cases).toHaveLength(8);
      const direct = await casesOfYear(deps, actors.handler!, 2020, 'litigation_direct');
      expect(direct.cases.map((c) => c.kind)).toEqual(['litigation_direct', 'litigation_direct']);
      expect(sectionFourCells(direct.row)).toEqual(sectionFourCells(row));
      const all = await db.selectFrom('application_cases').selectAll().execute();
      for (const year of [2019, 2020, 2021, 2024, 2025]) {
        const fromSql = (await repo.listCasesOfYear(db, year)).map((c) => c.id).sort((a, b) => a - b);
        const fromRule = all.filter((c) => inReportYear(facts(c), year)).map((c) => c.id);
        expect(fromSql, String(year)).toEqual(fromRule.sort((a, b) => a - b));
        for (const kind of CASE_KINDS)
          expect((await repo.listCasesOfYear(db, year, kind)).every((c) => c.kind === kind)).toBe(true);
      }
    });
  });

  describe('console pages', () => {
    const page = '/console/applications/cases';

    it('registers a case from the application, then the approver records its outcome', async () => {
      const blank = await as.intake!.get(`${page}/new?application=${appId}`);
      expect(blank.statusCode).toBe(200);
      expect(blank.body).toContain(`value="${appCode}"`);
      expect(blank.body).toContain('<label for="f-caseNo">案号');
      const created = await as.intake!.post(
        page,
        form({
          applicationCode: appCode,
          kind: 'litigation_direct',
          caseNo: '（2024）示例行初1号',
          body: '示例区人民法院',
        }),
        { page: `${page}/new` },
      );
      expect(created.statusCode).toBe(303);
      const id = Number(created.headers.location?.match(/cases\/(\d+)\?done=created$/)?.[1]);
      const shown = await as.approver!.get(`${page}/${id}`);
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain('（2024）示例行初1号');
      expect(shown.body).toContain('2024 年：尚未审结');
      const edited = await as.approver!.post(
        `${page}/${id}`,
        form({
          applicationCode: appCode,
          kind: 'litigation_direct',
          caseNo: '（2024）示例行初1号',
          body: '示例区人民法院',
          decision: 'lit_reject_claims',
          decidedOn: '2025-01-20',
        }),
        { page: `${page}/${id}` },
      );
      expect(edited.statusCode).toBe(303);
      const again = await as.intake!.get(`${page}/${id}?done=updated`);
      expect(again.body).toContain('判决驳回诉讼请求（行政诉讼法第六十九条），2025-01-20');
      expect(again.body).toContain('2025 年：结果维持');
      expect(await audits(db, 'application.case_created', id)).toHaveLength(1);
      expect(await audits(db, 'application.case_updated', id)).toHaveLength(1);
    });

    it('shows errors by field and keeps what was typed', async () => {
      const res = await as.approver!.post(page, form({ caseNo: '', body: '某复议机关' }), {
        page: `${page}/new`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('class="error-summary"');
      expect(res.body).toContain('<a href="#f-caseNo">案号：必填</a>');
      expect(res.body).toContain('value="某复议机关"');
      // Rules across fields come once the form itself is well formed.
      const pair = await as.approver!.post(page, form({ decision: 'rec_uphold' }), { page: `${page}/new` });
      expect(pair.statusCode).toBe(400);
      expect(pair.body).toContain('<a href="#f-decidedOn">审结日期：已填写审结结果的，必填</a>');
      expect(pair.body).toContain('<option value="rec_uphold" selected>');
    });

    it('lets the handler read but not record, and answers 404 for a missing case first', async () => {
      const row = await createCase(deps, actors.intake!, form({ caseNo: '（2024）只读第1号' }));
      expect((await as.handler!.post(page, form(), { page })).statusCode).toBe(403);
      expect((await as.handler!.post(`${page}/${row.id}`, form(), { page })).statusCode).toBe(403);
      expect((await as.handler!.post(`${page}/999999`, form(), { page })).statusCode).toBe(404);
      const view = await as.handler!.get(`${page}/${row.id}`);
      expect(view.statusCode).toBe(200);
      expect(view.body).not.toContain('修改案件或登记审结结果');
      const blank = await as.handler!.get(`${page}/new`);
      expect(blank.statusCode).toBe(200);
      expect(blank.body).not.toContain('name="caseNo"');
      expect((await as.handler!.get(`${page}/999999`)).statusCode).toBe(404);
      expect((await as.intake!.get(`${page}/new?application=999999`)).statusCode).toBe(404);
      expect((await as.publisher!.get(page)).statusCode).toBe(403);
    });

    it('previews section 四 of a year as a real table, with a kind filter', async () => {
      const res = await as.handler!.get(`${page}?year=2020`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<caption>2020 年度政府信息公开行政复议、行政诉讼情况');
      expect(res.body).toContain('<th scope="colgroup" colspan="10">行政诉讼</th>');
      expect(res.body).toContain('<th scope="row">2020 年</th>');
      const cells = [...res.body.matchAll(/<td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
      expect(cells).toEqual([2, 1, 0, 1, 4, 1, 0, 0, 1, 2, 0, 1, 0, 1, 2]);
      expect(res.body).toContain('计入 2020 年度的案件，共 8 件');
      const direct = await as.handler!.get(`${page}?year=2020&kind=litigation_direct`);
      expect(direct.body).toContain('计入 2020 年度的行政诉讼（未经复议直接起诉）案件，共 2 件');
      expect((await as.handler!.get(`${page}?year=20x0`)).statusCode).toBe(400);
      const linked = await as.handler!.get(`${page}?application=${appId}`);
      expect(linked.body).toContain(`申请（编号 ${appId}）的案件`);
    });
  });

  it('lets the publisher draft the reconsideration decision into its catalogue column, once', async () => {
    const decided = await createCase(
      deps,
      actors.approver!,
      form({ caseNo: '（2024）示例复字第9号', decision: 'rec_uphold', decidedOn: '2024-12-20' }),
    );
    const pending = await createCase(
      deps,
      actors.intake!,
      form({ caseNo: '（2025）示例复字第1号', filedOn: '2025-01-06' }),
    );
    const PAGE = '/console/reconsideration-decisions';
    const page = await as.publisher!.get(PAGE);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('（2024）示例复字第9号');
    expect(page.body).not.toContain('（2025）示例复字第1号');
    expect(page.body).not.toContain('张三丰');
    const res = await as.publisher!.post(`${PAGE}/${decided.id}`, {}, { page: PAGE });
    expect(res.statusCode).toBe(303);
    const documentId = Number(String(res.headers.location).match(/\/console\/documents\/(\d+)/)![1]);
    const doc = await db
      .selectFrom('documents')
      .innerJoin('doc_columns', 'doc_columns.id', 'documents.column_id')
      .select(['documents.title', 'documents.status', 'doc_columns.code'])
      .where('documents.id', '=', documentId)
      .executeTakeFirstOrThrow();
    expect(doc).toEqual({
      title: '行政复议决定书（（2024）示例复字第9号）',
      status: 'draft',
      code: 'xzfyjds',
    });
    // Once only; never for an undecided case; never by staff who do not publish.
    expect((await as.publisher!.post(`${PAGE}/${decided.id}`, {}, { page: PAGE })).statusCode).toBe(409);
    expect((await as.publisher!.post(`${PAGE}/${pending.id}`, {}, { page: PAGE })).statusCode).toBe(409);
    expect(
      (await as.intake!.post(`${PAGE}/${decided.id}`, {}, { page: '/console/applications' })).statusCode,
    ).toBe(403);
    expect((await as.publisher!.get(PAGE)).body).toContain(`/console/documents/${documentId}`);
    expect((await as.approver!.get(`/console/applications/cases/${decided.id}`)).body).toContain(
      '已在“行政复议决定书”栏目起草',
    );
  });
});
