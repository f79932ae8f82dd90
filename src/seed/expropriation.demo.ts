import {
  approveReview,
  createDraft,
  findColumnByCode,
  publishDocument,
  submitForReview,
} from '../modules/documents/index.js';
import {
  createProject,
  getProjectByBatch,
  type ProjectInput,
  type StageKind,
  saveStage,
} from '../modules/expropriation/index.js';
import { listOrgs } from '../modules/orgs/index.js';
import type { Db } from '../platform/db/index.js';
import { demoActor } from './documents.demo.js';
import { findDemoDocument } from './documents-demo.repository.js';

/** A stage of a demo project and the sample document in the 征地信息 column that discloses it. */
interface DemoStage {
  kind: StageKind;
  postedOn: string;
  endOn?: string;
  doc: { externalId: string; title: string; docNumber?: string; summary: string };
}

interface DemoProject {
  input: ProjectInput;
  stages: DemoStage[];
}

const BUREAU = '市规划和自然资源局（示例）';
const OWNER = '资源处';
const SAMPLE_NOTE = '（本文为示例内容，不具有任何效力。）';

const project = (
  p: Pick<ProjectInput, 'name' | 'batch_no' | 'township' | 'village' | 'area_ha' | 'status'> &
    Partial<ProjectInput>,
): ProjectInput => ({
  district: '示例区',
  farmland_ha: null,
  cultivated_ha: null,
  construction_ha: null,
  unused_ha: null,
  purpose: '实施城镇建设，符合国土空间规划和年度计划（示例）',
  approving_authority: '省人民政府（示例）',
  hearing_requested: false,
  ...p,
});

const doc = (externalId: string, title: string, summary: string, docNumber?: string) => ({
  externalId,
  title: `${title}（示例）`,
  summary,
  ...(docNumber ? { docNumber } : {}),
});

/**
 * Three sample projects: one by the book, one with a missing stage (no 现状调查结果 although the plan
 * is out) and one whose 预公告 came down after 4 working days across 国庆 2026. Dates are in 2026.
 */
export const DEMO_PROJECTS: DemoProject[] = [
  {
    input: project({
      name: '示例区2026年第一批次城镇建设用地（示例）',
      batch_no: '示例2026-01',
      township: '示例镇',
      village: '示例村、示例二村',
      area_ha: 123_456,
      farmland_ha: 100_000,
      cultivated_ha: 80_000,
      construction_ha: 23_456,
      status: 'implementing',
    }),
    stages: [
      {
        kind: 'pre_notice',
        postedOn: '2026-03-02',
        endOn: '2026-03-16',
        doc: doc(
          'demo-zd1-pre',
          '示例区2026年第一批次城镇建设用地征收土地预公告',
          '公告拟征收土地的范围、征收目的和开展土地现状调查的安排。',
          '示例征预〔2026〕1号',
        ),
      },
      {
        kind: 'survey',
        postedOn: '2026-03-20',
        doc: doc(
          'demo-zd1-survey',
          '示例区2026年第一批次城镇建设用地现状调查结果',
          '公开拟征收土地的位置、权属、地类和面积等现状调查结果。',
        ),
      },
      {
        kind: 'compensation_plan',
        postedOn: '2026-04-01',
        endOn: '2026-05-01',
        doc: doc(
          'demo-zd1-plan',
          '示例区2026年第一批次城镇建设用地征地补偿安置方案公告',
          '公告征地补偿方式和标准、安置对象和方式、社会保障，以及补偿登记的方式和期限、异议反馈渠道。',
          '示例征补〔2026〕1号',
        ),
      },
      {
        kind: 'registration',
        postedOn: '2026-04-01',
        endOn: '2026-05-01',
        doc: doc('demo-zd1-reg', '示例区2026年第一批次城镇建设用地补偿登记情况', '公开补偿登记的办理情况。'),
      },
      {
        kind: 'approval',
        postedOn: '2026-06-10',
        doc: doc(
          'demo-zd1-approval',
          '关于示例区2026年第一批次城镇建设用地的批复',
          '省人民政府批准征收示例镇示例村、示例二村集体土地。',
          '示例政土字〔2026〕1号',
        ),
      },
      {
        kind: 'expropriation_notice',
        postedOn: '2026-06-15',
        endOn: '2026-06-30',
        doc: doc(
          'demo-zd1-notice',
          '示例区2026年第一批次城镇建设用地征收土地公告',
          '公告经批准的征收范围、征收时间等具体工作安排。',
          '示例征告〔2026〕1号',
        ),
      },
    ],
  },
  {
    input: project({
      name: '示例区2026年第二批次城镇建设用地（示例）',
      batch_no: '示例2026-02',
      township: '示例乡',
      village: '示例三村',
      area_ha: 56_789,
      status: 'approved',
      hearing_requested: true,
    }),
    stages: [
      {
        kind: 'pre_notice',
        postedOn: '2026-05-11',
        endOn: '2026-05-25',
        doc: doc(
          'demo-zd2-pre',
          '示例区2026年第二批次城镇建设用地征收土地预公告',
          '公告拟征收土地的范围、征收目的和开展土地现状调查的安排。',
          '示例征预〔2026〕2号',
        ),
      },
      // No 现状调查结果 was published: the register shows it as 缺失.
      {
        kind: 'compensation_plan',
        postedOn: '2026-06-01',
        endOn: '2026-07-01',
        doc: doc(
          'demo-zd2-plan',
          '示例区2026年第二批次城镇建设用地征地补偿安置方案公告',
          '公告征地补偿方式和标准、安置对象和方式、社会保障，以及补偿登记的方式和期限、异议反馈渠道。',
          '示例征补〔2026〕2号',
        ),
      },
      {
        kind: 'hearing',
        postedOn: '2026-07-08',
        doc: doc(
          'demo-zd2-hearing',
          '示例区2026年第二批次城镇建设用地征地补偿安置方案听证会情况',
          '公开听证会的召开情况和对方案的处理意见。',
        ),
      },
      {
        kind: 'registration',
        postedOn: '2026-06-01',
        endOn: '2026-07-01',
        doc: doc('demo-zd2-reg', '示例区2026年第二批次城镇建设用地补偿登记情况', '公开补偿登记的办理情况。'),
      },
      {
        kind: 'approval',
        postedOn: '2026-08-20',
        doc: doc(
          'demo-zd2-approval',
          '关于示例区2026年第二批次城镇建设用地的批复',
          '省人民政府批准征收示例乡示例三村集体土地。',
          '示例政土字〔2026〕2号',
        ),
      },
      {
        kind: 'expropriation_notice',
        postedOn: '2026-08-27',
        doc: doc(
          'demo-zd2-notice',
          '示例区2026年第二批次城镇建设用地征收土地公告',
          '公告经批准的征收范围、征收时间等具体工作安排。',
          '示例征告〔2026〕2号',
        ),
      },
    ],
  },
  {
    input: project({
      name: '示例区2026年第三批次城镇建设用地（示例）',
      batch_no: '示例2026-03',
      township: '示例街道',
      village: '示例社区股份经济合作社',
      area_ha: 34_500,
      status: 'preparing',
    }),
    stages: [
      {
        // Posted the Monday before 国庆 2026 and taken down on 10-09: only 4 working days.
        kind: 'pre_notice',
        postedOn: '2026-09-28',
        endOn: '2026-10-09',
        doc: doc(
          'demo-zd3-pre',
          '示例区2026年第三批次城镇建设用地征收土地预公告',
          '公告拟征收土地的范围、征收目的和开展土地现状调查的安排。',
          '示例征预〔2026〕3号',
        ),
      },
      {
        kind: 'survey',
        postedOn: '2026-10-20',
        doc: doc(
          'demo-zd3-survey',
          '示例区2026年第三批次城镇建设用地现状调查结果',
          '公开拟征收土地的位置、权属、地类和面积等现状调查结果。',
        ),
      },
      {
        kind: 'compensation_plan',
        postedOn: '2026-11-02',
        doc: doc(
          'demo-zd3-plan',
          '示例区2026年第三批次城镇建设用地征地补偿安置方案公告',
          '公告征地补偿方式和标准、安置对象和方式、社会保障，以及补偿登记的方式和期限、异议反馈渠道。',
          '示例征补〔2026〕3号',
        ),
      },
    ],
  },
];

/**
 * The sample 征地 projects, their documents published in the 征地信息 column through the real workflow
 * (drafted and published by the demo publisher, reviewed by the demo secrecy reviewer), and their stages.
 * Idempotent: documents by external_id, projects by 批次编号. Needs seedDemo's orgs and accounts.
 */
export async function seedDemoExpropriation(db: Db): Promise<{ created: number }> {
  const publisher = await demoActor(db, 'publisher', 'publisher', [
    'documents.edit',
    'documents.publish',
    'expropriation.manage',
  ]);
  const reviewer = await demoActor(db, 'secrecy', 'secrecy_reviewer', ['documents.review']);
  const orgs = new Map((await listOrgs(db)).map((o) => [o.name, o.id]));
  const bureau = orgs.get(BUREAU);
  const owner = orgs.get(OWNER);
  const column = await findColumnByCode(db, 'zdxx');
  if (!bureau || !owner || !column) throw new Error('示例机构或“征地信息”栏目不存在（请先运行 seedDemo）');

  const publishDoc = async (s: DemoStage): Promise<number> => {
    const found = await findDemoDocument(db, s.doc.externalId);
    const id =
      found?.id ??
      (await createDraft(
        db,
        publisher,
        {
          column_id: column.id,
          title: s.doc.title,
          doc_number: s.doc.docNumber ?? null,
          publisher_org_id: bureau,
          joint_issuers: null,
          owner_org_id: owner,
          written_on: s.doc.docNumber ? s.postedOn : null,
          formed_on: s.postedOn,
          effective_on: null,
          topic: '国土资源、能源',
          genre: '公告',
          keywords: '征地；示例',
          summary: s.doc.summary,
          contact_name: null,
          contact_phone: null,
          body: [s.doc.summary, SAMPLE_NOTE].join('\n\n'),
          external_id: s.doc.externalId,
        },
        { sample: true },
      ));
    let status = found?.status ?? 'draft';
    if (status === 'draft') {
      await submitForReview(db, publisher, id);
      status = 'in_review';
    }
    if (status === 'in_review') {
      await approveReview(db, reviewer, id);
      status = 'approved';
    }
    if (status === 'approved') await publishDocument(db, publisher, id);
    return id;
  };

  let created = 0;
  for (const p of DEMO_PROJECTS) {
    if (await getProjectByBatch(db, p.input.batch_no)) continue;
    const docs = [];
    for (const s of p.stages) docs.push(await publishDoc(s));
    const id = await createProject(db, publisher, p.input, { sample: true });
    for (const [i, s] of p.stages.entries())
      await saveStage(db, publisher, id, s.kind, {
        document_ref: String(docs[i]),
        posted_on: s.postedOn,
        end_on: s.endOn ?? null,
        notes: null,
      });
    created++;
  }
  return { created };
}
