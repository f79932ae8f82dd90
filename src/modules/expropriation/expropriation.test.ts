import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, columnIdOf, draftInput } from '../../../test/support/factories.js';
import type { Db } from '../../platform/db/index.js';
import { DEMO_PROJECTS, seedDemoExpropriation } from '../../seed/expropriation.demo.js';
import { createDraft, withdrawDocument } from '../documents/index.js';
import { getProjectByBatch, listProjectViews } from './expropriation.service.js';

const projectForm = (p: Record<string, string>) => ({
  name: '',
  batch_no: '',
  district: '',
  township: '',
  village: '',
  area_ha: '',
  farmland_ha: '',
  cultivated_ha: '',
  construction_ha: '',
  unused_ha: '',
  purpose: '',
  approving_authority: '',
  status: 'preparing',
  ...p,
});

const validProject = (p: Record<string, string> = {}) =>
  projectForm({
    name: '测试区2026年第九批次',
    batch_no: '测试2026-09',
    district: '测试区',
    township: '测试镇',
    village: '测试村',
    area_ha: '1.5',
    purpose: '城镇建设',
    ...p,
  });

const auditFor = (db: Db, action: string, targetId: number) =>
  db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('target_id', '=', String(targetId))
    .execute();

const idFrom = (location: unknown) => Number(String(location).match(/\/console\/expropriation\/(\d+)/)?.[1]);

describe.each(dialects)('征地项目 register on %s', (dialect) => {
  let t: TestApp;
  let db: Db;
  let admin: Browser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    db = t.deps.db;
    expect(await seedDemoExpropriation(db)).toEqual({ created: 3 });
    for (const p of DEMO_PROJECTS)
      ids[p.input.batch_no] = (await getProjectByBatch(db, p.input.batch_no))!.id;
    admin = new Browser(t.app);
    await admin.login('admin');
  }, 120_000);
  afterAll(async () => t.close());

  describe('demo projects', () => {
    it('are one complete, one with a missing stage, one with a too-short posting; seeding twice adds nothing', async () => {
      const views = await listProjectViews(db, t.config, '2026-11-25');
      const of = (batch: string) => views.find((v) => v.project.batch_no === batch)!;
      const first = of('示例2026-01');
      expect(first.project.is_sample).toBe(1);
      expect(first.assessment.completeness).toBe('complete');
      expect(first.stages.filter((s) => s.document).length).toBe(6);
      const second = of('示例2026-02').assessment.stages;
      expect(second.find((s) => s.kind === 'survey')!.state).toBe('missing');
      expect(second.find((s) => s.kind === 'hearing')!.state).toBe('published');
      const third = of('示例2026-03').assessment.stages.find((s) => s.kind === 'pre_notice')!;
      expect(third.state).toBe('out_of_period');
      expect(third.count?.value).toBe(4);
      expect(third.explanation.join('')).toContain('跳过国庆节假期 2026-10-01至2026-10-07（7天）');
      expect(await seedDemoExpropriation(db)).toEqual({ created: 0 });
      expect(
        (await listProjectViews(db, t.config, '2026-11-25')).filter((v) => v.project.is_sample).length,
      ).toBe(3);
    });
  });

  describe('public pages', () => {
    it('/zhengdi lists every project with its completeness badge in a real table', async () => {
      const res = await t.app.inject({ url: '/zhengdi' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<caption>共 3 个征地项目，按登记时间倒序</caption>');
      expect(res.body).toContain('<th scope="col">公开情况</th>');
      expect(res.body).toContain(`href="/zhengdi/${ids['示例2026-01']}"`);
      expect(res.body).toContain('<span class="badge">环节齐全</span>');
      expect(res.body).toContain('<span class="badge badge-warn">存在问题</span>');
      expect(res.body).toContain('<span class="sample-tag">示例</span>');
    });

    it('/zhengdi/:id shows the stage table with documents, states and explanations', async () => {
      const res = await t.app.inject({ url: `/zhengdi/${ids['示例2026-03']}` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<th scope="row">征收土地预公告</th>');
      expect(res.body).toContain('<th scope="col">状态</th>');
      expect(res.body).toContain('<span class="badge badge-warn">期限不符</span>');
      expect(res.body).toContain('共4个工作日');
      expect(res.body).toContain('少于法定10个工作日，应至少公告至2026-10-16');
      expect(res.body).toMatch(
        /<a href="\/documents\/\d+">示例区2026年第三批次城镇建设用地征收土地预公告（示例）/,
      );
      expect(res.body).toContain('<span class="badge">未到</span>');
      expect(res.body).toContain('《土地管理法实施条例》第三十一条');
    });

    it('renders both pages in 关爱版', async () => {
      for (const url of ['/zhengdi?mode=care', `/zhengdi/${ids['示例2026-01']}?mode=care`]) {
        const res = await t.app.inject({ url });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('<body class="care fs-18">');
      }
    });

    it('answers 404 for an unknown project and 400 for a bad id', async () => {
      expect((await t.app.inject({ url: '/zhengdi/999999' })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/zhengdi/abc' })).statusCode).toBe(400);
    });

    it('the 征地信息 column page links to the register', async () => {
      const res = await t.app.inject({ url: '/xxgk/zdxx' });
      expect(res.body).toContain('<a href="/zhengdi">');
    });
  });

  describe('JSON API', () => {
    it('lists projects with completeness and counts', async () => {
      const res = await t.app.inject({ url: '/api/v1/expropriation-projects' });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Record<string, unknown>[] };
      expect(body.items).toHaveLength(3);
      const first = body.items.find((i) => i.batchNo === '示例2026-01')!;
      expect(first).toMatchObject({
        id: ids['示例2026-01'],
        name: '示例区2026年第一批次城镇建设用地（示例）',
        location: { district: '示例区', township: '示例镇', village: '示例村、示例二村' },
        areaHectares: '12.3456',
        landTypesHectares: {
          farmland: '10.0000',
          cultivated: '8.0000',
          construction: '2.3456',
          unused: null,
        },
        status: 'implementing',
        statusName: '组织实施',
        hearingRequested: false,
        isSample: true,
        completeness: 'complete',
        completenessName: '环节齐全',
        counts: { published: 6, missing: 0, out_of_period: 0, not_applicable: 1, not_due: 0 },
        url: `/zhengdi/${ids['示例2026-01']}`,
      });
    });

    it('exports the register as CSV with format=csv, and refuses another format', async () => {
      const res = await t.app.inject({ url: '/api/v1/expropriation-projects?format=csv' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const [header, ...lines] = res.body.split('\r\n').filter(Boolean);
      expect(header).toMatch(/^\uFEFF编号,项目名称,批次编号,区,/);
      expect(lines).toHaveLength(3);
      const first = lines.find((l) => l.includes('示例2026-01'))!;
      expect(first).toContain(',12.3456,10.0000,8.0000,2.3456,,');
      expect(first).toMatch(/,组织实施,,环节齐全,6,0,0,是$/);
      const bad = await t.app.inject({ url: '/api/v1/expropriation-projects?format=xml' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields.format).toMatch(/^格式：/);
    });

    it('gives each stage with its document, state, count and explanation', async () => {
      const res = await t.app.inject({ url: `/api/v1/expropriation-projects/${ids['示例2026-02']}` });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { stages: Record<string, unknown>[]; hearingRequested: boolean };
      expect(body.hearingRequested).toBe(true);
      expect(body.stages.map((s) => s.kind)).toEqual([
        'pre_notice',
        'survey',
        'compensation_plan',
        'hearing',
        'registration',
        'approval',
        'expropriation_notice',
      ]);
      const survey = body.stages[1]!;
      expect(survey).toMatchObject({ state: 'missing', stateName: '缺失', postedOn: null, document: null });
      const plan = body.stages[2]!;
      expect(plan).toMatchObject({
        state: 'published',
        postedOn: '2026-06-01',
        endOn: '2026-07-01',
        limitDate: '2026-07-01',
        count: { value: 30, unit: '日' },
      });
      const doc = plan.document as { id: number; url: string; docNumber: string };
      expect(doc.url).toBe(`/documents/${doc.id}`);
      expect(doc.docNumber).toBe('示例征补〔2026〕2号');
      const notice = body.stages[6]!;
      // Approval received Thu 2026-08-20; notice Thu 08-27 is the 5th working day.
      expect(notice).toMatchObject({
        state: 'published',
        count: { value: 5, unit: '工作日' },
        limitDate: '2026-09-10',
      });
      expect((notice.explanation as string[]).join('')).toContain('在15个工作日内');
    });

    it('answers 404 as JSON for an unknown project', async () => {
      const res = await t.app.inject({ url: '/api/v1/expropriation-projects/999999' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    });

    it('is listed in the OpenAPI document', async () => {
      const res = await t.app.inject({ url: '/api/v1/openapi.json' });
      expect(res.body).toContain('/api/v1/expropriation-projects/{id}');
    });
  });

  describe('console access', () => {
    it('sends an anonymous visitor to the login page', async () => {
      for (const url of ['/console/expropriation', '/console/expropriation/new']) {
        const res = await t.app.inject({ url });
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toMatch(/^\/console\/login/);
      }
    });

    it('forbids a role without expropriation.manage and writes nothing', async () => {
      const secrecy = new Browser(t.app);
      await secrecy.login('secrecy');
      const id = ids['示例2026-01']!;
      for (const url of [
        '/console/expropriation',
        `/console/expropriation/${id}`,
        `/console/expropriation/${id}/stages/survey`,
      ])
        expect((await secrecy.get(url)).statusCode).toBe(403);
      const res = await secrecy.post('/console/expropriation', validProject({ batch_no: '越权' }));
      expect(res.statusCode).toBe(403);
      expect(await getProjectByBatch(db, '越权')).toBeUndefined();
    });

    it('lets the publisher in and shows the menu entry', async () => {
      const publisher = new Browser(t.app);
      await publisher.login('publisher');
      const res = await publisher.get('/console/expropriation');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<a href="/console/expropriation">征地项目</a>');
    });

    it('refuses a form without the CSRF token', async () => {
      const res = await admin.post('/console/expropriation', validProject({ batch_no: '无令牌' }), {
        csrf: null,
      });
      expect(res.statusCode).toBe(403);
      expect(await getProjectByBatch(db, '无令牌')).toBeUndefined();
    });
  });

  describe('console projects', () => {
    it('shows every field error in Chinese and saves nothing', async () => {
      const res = await admin.post('/console/expropriation', projectForm({ area_ha: '1.23456', status: '' }));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('error-summary');
      expect(res.body).toContain('项目名称：必填');
      expect(res.body).toContain('批次/项目编号：必填');
      expect(res.body).toContain('征收面积（公顷）：应为公顷数，最多四位小数');
      expect(res.body).toContain('项目状态：请选择');
      const parts = await admin.post(
        '/console/expropriation',
        validProject({ area_ha: '2', farmland_ha: '1', cultivated_ha: '1.5', construction_ha: '1.5' }),
      );
      expect(parts.statusCode).toBe(400);
      expect(parts.body).toContain('农用地中耕地（公顷）：耕地面积不能超过农用地面积');
      expect(parts.body).toContain('其中农用地（公顷）：各地类面积之和不能超过征收面积');
      const dup = await admin.post('/console/expropriation', validProject({ batch_no: '示例2026-01' }));
      expect(dup.statusCode).toBe(400);
      expect(dup.body).toContain('批次/项目编号：已存在相同编号的项目');
      expect(await getProjectByBatch(db, '测试2026-09')).toBeUndefined();
    });

    it('creates and edits a project, audited', async () => {
      const res = await admin.post('/console/expropriation', validProject({ hearing_requested: '1' }));
      expect(res.statusCode).toBe(303);
      const id = idFrom(res.headers.location);
      ids.test = id;
      const p = (await getProjectByBatch(db, '测试2026-09'))!;
      expect(p).toMatchObject({ id, area_m2: 15_000, hearing_requested: 1, is_sample: 0 });
      expect(await auditFor(db, 'expropriation.project_created', id)).toHaveLength(1);
      const page = await admin.get(`/console/expropriation/${id}?saved=created`);
      expect(page.body).toContain('征地项目已创建。');
      expect(page.body).toContain('<span class="badge">进行中</span>');
      expect(page.body).toContain('value="1.5000"');
      const upd = await admin.post(
        `/console/expropriation/${id}`,
        validProject({ name: '测试区第九批次（改）' }),
      );
      expect(upd.statusCode).toBe(303);
      const after = (await getProjectByBatch(db, '测试2026-09'))!;
      expect(after.name).toBe('测试区第九批次（改）');
      expect(after.hearing_requested).toBe(0);
      expect(await auditFor(db, 'expropriation.project_updated', id)).toHaveLength(1);
      const bad = await admin.post(`/console/expropriation/${id}`, validProject({ name: '' }));
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('项目名称：必填');
    });
  });

  describe('console stages', () => {
    let zdxxDraft: number;
    let otherColumnDraft: number;
    beforeAll(async () => {
      const editor = await actorFor(db, 'publisher', ['documents.edit']);
      const bureau = (
        await db.selectFrom('orgs').select('id').where('kind', '=', 'bureau').executeTakeFirstOrThrow()
      ).id;
      zdxxDraft = await createDraft(
        db,
        editor,
        draftInput({
          column_id: await columnIdOf(db, 'zdxx'),
          publisher_org_id: bureau,
          title: '未发布的征地文件',
        }),
      );
      otherColumnDraft = await createDraft(
        db,
        editor,
        draftInput({ column_id: await columnIdOf(db, 'gyjh'), publisher_org_id: bureau, title: '供地计划' }),
      );
    });

    const stageUrl = (kind: string) => `/console/expropriation/${ids.test}/stages/${kind}`;

    it('records a stage linked by 文号, recomputes the state and audits it', async () => {
      const form = await admin.get(stageUrl('pre_notice'));
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('<label for="f-posted_on">发布日期');
      expect(form.body).toContain('示例区2026年第一批次城镇建设用地征收土地预公告（示例）');
      // A 文号 as people type it: half-width brackets and spaces are folded.
      const res = await admin.post(stageUrl('pre_notice'), {
        posted_on: '2025-09-26',
        end_on: '2025-10-15',
        document_ref: '示例征预 [2026] 1号',
        notes: '',
      });
      expect(res.statusCode).toBe(303);
      const view = await admin.get(`/console/expropriation/${ids.test}`);
      expect(view.body).toContain('<span class="badge badge-warn">期限不符</span>');
      expect(view.body).toContain('少于法定10个工作日，应至少公告至2025-10-16');
      const audits = await auditFor(db, 'expropriation.stage_saved', ids.test!);
      expect(audits).toHaveLength(1);
      expect(audits[0]!.after_digest).not.toBeNull();
    });

    it('links a document by its id', async () => {
      const api = (
        await t.app.inject({ url: `/api/v1/expropriation-projects/${ids['示例2026-01']}` })
      ).json() as {
        stages: { document: { id: number } | null }[];
      };
      const docId = api.stages[1]!.document!.id;
      const res = await admin.post(stageUrl('survey'), {
        posted_on: '2025-10-20',
        document_ref: String(docId),
      });
      expect(res.statusCode).toBe(303);
      const detail = (await t.app.inject({ url: `/api/v1/expropriation-projects/${ids.test}` })).json() as {
        stages: { kind: string; state: string; document: { id: number } | null }[];
      };
      expect(detail.stages[1]).toMatchObject({ kind: 'survey', state: 'published', document: { id: docId } });
    });

    it('rejects bad input with Chinese field errors and saves nothing', async () => {
      const cases: [Record<string, string>, string][] = [
        [{ posted_on: '' }, '发布日期：必填'],
        [{ posted_on: '2026-02-30' }, '发布日期：应为有效日期'],
        [{ posted_on: '2026-03-10', end_on: '2026-03-01' }, '公告截止日期：不能早于开始日期'],
        [{ posted_on: '2026-03-10', document_ref: '999999' }, '公开文件：找不到编号为“999999”的文件'],
        [{ posted_on: '2026-03-10', document_ref: '不存在〔2026〕9号' }, '找不到文号为'],
        [{ posted_on: '2026-03-10', document_ref: String(0) }, '找不到编号为“0”'],
      ];
      for (const [form, message] of cases) {
        const res = await admin.post(stageUrl('compensation_plan'), form);
        expect(res.statusCode, message).toBe(400);
        expect(res.body).toContain(message);
      }
      const col = await admin.post(stageUrl('compensation_plan'), {
        posted_on: '2026-03-10',
        document_ref: String(otherColumnDraft),
      });
      expect(col.body).toContain('不在“征地信息”栏目中');
      const draft = await admin.post(stageUrl('compensation_plan'), {
        posted_on: '2026-03-10',
        document_ref: String(zdxxDraft),
      });
      expect(draft.body).toContain('尚未发布或已撤回，只能关联已公开的文件');
      const noEnd = await admin.post(stageUrl('survey'), { posted_on: '2026-03-10', end_on: '2026-03-11' });
      expect(noEnd.statusCode).toBe(400);
      expect(noEnd.body).toContain('土地现状调查结果没有截止日期');
      const detail = (await t.app.inject({ url: `/api/v1/expropriation-projects/${ids.test}` })).json() as {
        stages: { kind: string; postedOn: string | null }[];
      };
      expect(detail.stages[2]!.postedOn).toBeNull();
      expect(detail.stages[1]!.postedOn).toBe('2025-10-20');
    });

    it('answers 404 for an unknown stage kind or project', async () => {
      expect((await admin.get(stageUrl('nonsense'))).statusCode).toBe(404);
      expect((await admin.get('/console/expropriation/999999/stages/survey')).statusCode).toBe(404);
      const res = await admin.post('/console/expropriation/999999/stages/survey', {
        posted_on: '2026-01-05',
      });
      expect(res.statusCode).toBe(404);
    });

    it('clears a stage, audited; clearing again is 404', async () => {
      const res = await admin.post(`${stageUrl('survey')}/clear`, {});
      expect(res.statusCode).toBe(303);
      expect(await auditFor(db, 'expropriation.stage_cleared', ids.test!)).toHaveLength(1);
      expect((await admin.post(`${stageUrl('survey')}/clear`, {})).statusCode).toBe(404);
    });
  });

  describe('a linked document withdrawn later', () => {
    it('no longer counts: the stage becomes 缺失 and the page says the document was withdrawn', async () => {
      const id = ids['示例2026-01']!;
      const before = (await t.app.inject({ url: `/api/v1/expropriation-projects/${id}` })).json() as {
        stages: { document: { id: number } | null }[];
      };
      const docId = before.stages[1]!.document!.id;
      const publisher = await actorFor(db, 'publisher', ['documents.withdraw']);
      await withdrawDocument(db, publisher, docId, '发布错误，撤回（测试）');
      const after = (await t.app.inject({ url: `/api/v1/expropriation-projects/${id}` })).json() as {
        completeness: string;
        stages: { state: string; document: unknown; postedOn: string }[];
      };
      expect(after.completeness).toBe('issues');
      expect(after.stages[1]).toMatchObject({ state: 'missing', document: null, postedOn: '2026-03-20' });
      const page = await t.app.inject({ url: `/zhengdi/${id}` });
      expect(page.body).toContain('关联文件已撤回');
      expect(page.body).not.toContain(`href="/documents/${docId}"`);
    });
  });
});
