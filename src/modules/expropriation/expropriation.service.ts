import type { Config } from '../../config.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { CalendarData } from '../../platform/calendar/engine.js';
import { type Db, type Executor, inTransaction, nowIso } from '../../platform/db/index.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { loadCalendar } from '../calendar/index.js';
import { normaliseDocNumber } from '../documents/index.js';
import * as repo from './expropriation.repository.js';
import {
  assessProject,
  type ProjectAssessment,
  STAGE_KINDS,
  STAGES,
  type StageKind,
} from './expropriation.rules.js';
import type { ProjectInput, StageInput } from './expropriation.schema.js';

export interface LinkedDocument {
  id: number;
  title: string;
  docNumber: string | null;
}

export interface StageView {
  kind: StageKind;
  postedOn: string | null;
  endOn: string | null;
  notes: string | null;
  /** The linked document while it is published in the 征地信息 column; null otherwise. */
  document: LinkedDocument | null;
  /** A document id is recorded but it is no longer published there (withdrawn). */
  documentUnavailable: boolean;
}

export interface ProjectView {
  project: repo.Project;
  stages: StageView[];
  assessment: ProjectAssessment;
}

export const isStageKind = (k: string): k is StageKind => (STAGE_KINDS as readonly string[]).includes(k);

/** The calendar settings the rules need (ADR 0005). */
export type CountingConfig = Pick<Config, 'calendarRegion' | 'calendarStartCounting'>;

function toView(
  project: repo.Project,
  rows: repo.StageRow[],
  cal: CalendarData,
  config: CountingConfig,
  today: string,
): ProjectView {
  const byKind = new Map(rows.filter((r) => isStageKind(r.kind)).map((r) => [r.kind as StageKind, r]));
  const stages = STAGE_KINDS.map((kind): StageView => {
    const r = byKind.get(kind);
    const document =
      r && r.document_id !== null && r.doc_column_id !== null && r.doc_title !== null
        ? { id: r.document_id, title: r.doc_title, docNumber: r.doc_number }
        : null;
    return {
      kind,
      postedOn: r?.posted_on ?? null,
      endOn: r?.end_on ?? null,
      notes: r?.notes ?? null,
      document,
      documentUnavailable: !!r && r.document_id !== null && document === null,
    };
  });
  const assessment = assessProject(cal, {
    hearingRequested: project.hearing_requested === 1,
    today,
    startCounting: config.calendarStartCounting,
    stages: stages.flatMap((s) =>
      s.postedOn
        ? [{ kind: s.kind, postedOn: s.postedOn, endOn: s.endOn, hasDocument: s.document !== null }]
        : [],
    ),
  });
  return { project, stages, assessment };
}

export async function listProjectViews(
  db: Db,
  config: CountingConfig,
  today: string,
): Promise<ProjectView[]> {
  const [projects, cal] = await Promise.all([repo.listProjects(db), loadCalendar(db, config.calendarRegion)]);
  const rows = await repo.listStages(
    db,
    projects.map((p) => p.id),
  );
  return projects.map((p) =>
    toView(
      p,
      rows.filter((r) => r.project_id === p.id),
      cal,
      config,
      today,
    ),
  );
}

export async function projectView(
  db: Db,
  config: CountingConfig,
  id: number,
  today: string,
): Promise<ProjectView> {
  const project = await repo.findProject(db, id);
  if (!project) throw new AppError('NOT_FOUND', { message: '征地项目不存在' });
  const [rows, cal] = await Promise.all([repo.listStages(db, [id]), loadCalendar(db, config.calendarRegion)]);
  return toView(project, rows, cal, config, today);
}

export const getProject = repo.findProject;
export const getProjectByBatch = repo.findProjectByBatch;
export const listZdxxDocuments = repo.listZdxxDocuments;

function projectFields(input: ProjectInput) {
  return {
    name: input.name,
    batch_no: input.batch_no,
    district: input.district,
    township: input.township,
    village: input.village,
    area_m2: input.area_ha,
    farmland_m2: input.farmland_ha,
    cultivated_m2: input.cultivated_ha,
    construction_m2: input.construction_ha,
    unused_m2: input.unused_ha,
    purpose: input.purpose,
    approving_authority: input.approving_authority,
    status: input.status,
    hearing_requested: input.hearing_requested ? (1 as const) : (0 as const),
  };
}

export async function createProject(
  db: Db,
  actor: Actor,
  input: ProjectInput,
  options: { sample?: boolean } = {},
): Promise<number> {
  if (await repo.findProjectByBatch(db, input.batch_no))
    throw fieldError('batch_no', '批次/项目编号：已存在相同编号的项目');
  const at = nowIso();
  const fields = projectFields(input);
  return inTransaction(db, async (trx) => {
    const id = await repo.insertProject(trx, {
      ...fields,
      is_sample: options.sample ? 1 : 0,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, actor, {
      action: 'expropriation.project_created',
      targetType: 'expropriation_project',
      targetId: id,
      after: fields,
    });
    return id;
  });
}

export async function updateProject(db: Db, actor: Actor, id: number, input: ProjectInput): Promise<void> {
  const before = await repo.findProject(db, id);
  if (!before) throw new AppError('NOT_FOUND', { message: '征地项目不存在' });
  const same = await repo.findProjectByBatch(db, input.batch_no);
  if (same && same.id !== id) throw fieldError('batch_no', '批次/项目编号：已存在相同编号的项目');
  const fields = projectFields(input);
  await inTransaction(db, async (trx) => {
    await repo.updateProject(trx, id, { ...fields, updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'expropriation.project_updated',
      targetType: 'expropriation_project',
      targetId: id,
      before,
      after: fields,
    });
  });
}

/**
 * The document a stage form names: a number is a document id, anything else a 文号. It must be published
 * in the 征地信息 column: the register links what the public can read, nothing else.
 */
async function resolveDocument(db: Executor, ref: string | null): Promise<number | null> {
  if (ref === null) return null;
  const byId = /^\d{1,9}$/.test(ref);
  const doc = await repo.findZdxxDocument(
    db,
    byId ? { id: Number(ref) } : { docNumberNorm: normaliseDocNumber(ref) },
  );
  const label = '公开文件';
  if (!doc) throw fieldError('document_ref', `${label}：找不到${byId ? '编号' : '文号'}为“${ref}”的文件`);
  if (doc.column_code !== repo.ZDXX_COLUMN)
    throw fieldError('document_ref', `${label}：“${doc.title}”不在“征地信息”栏目中`);
  if (doc.status !== 'published')
    throw fieldError('document_ref', `${label}：“${doc.title}”尚未发布或已撤回，只能关联已公开的文件`);
  return doc.id;
}

export async function saveStage(
  db: Db,
  actor: Actor,
  projectId: number,
  kind: StageKind,
  input: StageInput,
): Promise<void> {
  if (!(await repo.findProject(db, projectId)))
    throw new AppError('NOT_FOUND', { message: '征地项目不存在' });
  const def = STAGES[kind];
  if (def.endLabel === null && input.end_on !== null)
    throw fieldError('end_on', `截止日期：${def.name}没有截止日期`);
  const documentId = await resolveDocument(db, input.document_ref);
  const fields = {
    document_id: documentId,
    posted_on: input.posted_on,
    end_on: input.end_on,
    notes: input.notes,
  };
  await inTransaction(db, async (trx) => {
    const before = await repo.findStage(trx, projectId, kind);
    const at = nowIso();
    if (before) await repo.updateStage(trx, before.id, { ...fields, updated_at: at });
    else await repo.insertStage(trx, { project_id: projectId, kind, ...fields, updated_at: at });
    await repo.updateProject(trx, projectId, { updated_at: at });
    await recordAudit(trx, actor, {
      action: 'expropriation.stage_saved',
      targetType: 'expropriation_project',
      targetId: projectId,
      ...(before ? { before } : {}),
      after: { kind, ...fields },
    });
  });
}

export async function clearStage(db: Db, actor: Actor, projectId: number, kind: StageKind): Promise<void> {
  const before = await repo.findStage(db, projectId, kind);
  if (!before) throw new AppError('NOT_FOUND', { message: '该环节尚未录入' });
  await inTransaction(db, async (trx) => {
    await repo.deleteStage(trx, before.id);
    await repo.updateProject(trx, projectId, { updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'expropriation.stage_cleared',
      targetType: 'expropriation_project',
      targetId: projectId,
      before,
    });
  });
}
