import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BOM, csvLine } from '../../platform/csv.js';
import type { ApiDoc } from '../../platform/http/openapi.js';
import { idParam, optionalEnum, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { todayCst } from '../../platform/time.js';
import { m2ToHectares } from './expropriation.schema.js';
import { listProjectViews, type ProjectView, projectView } from './expropriation.service.js';
import { statusName } from './expropriation.views.js';

const ha = (m2: number | null) => (m2 === null ? null : m2ToHectares(m2));

/** One project as the open API publishes it: a contract, field names stay stable. */
export function projectSummary(v: ProjectView) {
  const p = v.project;
  return {
    id: p.id,
    name: p.name,
    batchNo: p.batch_no,
    location: { district: p.district, township: p.township, village: p.village },
    areaHectares: m2ToHectares(p.area_m2),
    landTypesHectares: {
      farmland: ha(p.farmland_m2),
      cultivated: ha(p.cultivated_m2),
      construction: ha(p.construction_m2),
      unused: ha(p.unused_m2),
    },
    purpose: p.purpose,
    approvingAuthority: p.approving_authority,
    status: p.status,
    statusName: statusName(p.status),
    hearingRequested: p.hearing_requested === 1,
    isSample: p.is_sample === 1,
    completeness: v.assessment.completeness,
    completenessName: v.assessment.completenessName,
    counts: v.assessment.counts,
    updatedAt: p.updated_at,
    url: `/zhengdi/${p.id}`,
  };
}

export function projectDetail(v: ProjectView) {
  const stages = v.assessment.stages.map((a, i) => {
    const s = v.stages[i]!;
    return {
      kind: a.kind,
      name: a.name,
      basis: a.basis,
      rule: a.rule,
      state: a.state,
      stateName: a.stateName,
      postedOn: s.postedOn,
      endOn: s.endOn,
      limitDate: a.limitDate,
      count: a.count,
      document: s.document
        ? { ...s.document, url: `/documents/${s.document.id}`, apiUrl: `/api/v1/documents/${s.document.id}` }
        : null,
      explanation: a.explanation,
      notes: s.notes,
    };
  });
  return { ...projectSummary(v), stages };
}

export const expropriationApiDocs: ApiDoc[] = [
  {
    method: 'get',
    path: '/api/v1/expropriation-projects',
    summary: '征地项目列表：每个项目的位置、面积、用途和各法定环节的公开完整性；format=csv 导出 CSV',
    tag: '征地信息',
  },
  {
    method: 'get',
    path: '/api/v1/expropriation-projects/{id}',
    summary:
      '征地项目详情：预公告、现状调查结果、补偿安置方案公告、听证、补偿登记、批准文件、征收土地公告各环节的日期、公开文件、状态和说明',
    tag: '征地信息',
  },
];

const listQuery = z.object({ format: optionalEnum(['json', 'csv'] as const) });

const CSV_HEADER = [
  '编号',
  '项目名称',
  '批次编号',
  '区',
  '乡镇（街道）',
  '村',
  '面积（公顷）',
  '农用地（公顷）',
  '耕地（公顷）',
  '建设用地（公顷）',
  '未利用地（公顷）',
  '用途',
  '批准机关',
  '状态',
  '听证',
  '公开完整性',
  '已公开环节',
  '缺失环节',
  '超出期限环节',
  '示例数据',
];

/** The register as CSV for spreadsheets: one project a line, the same figures as the JSON list. */
export function projectsCsv(views: ProjectView[]): string {
  let out = BOM + csvLine(CSV_HEADER);
  for (const v of views) {
    const s = projectSummary(v);
    out += csvLine([
      s.id,
      s.name,
      s.batchNo,
      s.location.district,
      s.location.township,
      s.location.village,
      s.areaHectares,
      s.landTypesHectares.farmland,
      s.landTypesHectares.cultivated,
      s.landTypesHectares.construction,
      s.landTypesHectares.unused,
      s.purpose,
      s.approvingAuthority,
      s.statusName,
      s.hearingRequested ? '已申请' : '',
      s.completenessName,
      s.counts.published,
      s.counts.missing,
      s.counts.out_of_period,
      s.isSample ? '是' : '',
    ]);
  }
  return out;
}

/** Open JSON API of the 征地 project register (GET only, no sign-in). */
export function expropriationApi(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const pub = { config: { permission: 'public', kind: 'json' as const } };

  app.get('/api/v1/expropriation-projects', pub, async (request, reply) => {
    const { format } = parseInput(listQuery, request.query, { format: '格式' });
    const views = await listProjectViews(db, config, todayCst());
    if (format === 'csv')
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="expropriation-projects.csv"')
        .send(projectsCsv(views));
    return { items: views.map(projectSummary) };
  });

  app.get('/api/v1/expropriation-projects/:id', pub, async (request) => {
    const id = parseInput(idParam, (request.params as Record<string, string>).id, { _: '编号' });
    return projectDetail(await projectView(db, config, id, todayCst()));
  });
}
