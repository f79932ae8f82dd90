import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DocumentRow } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { ApiDoc } from '../../platform/http/openapi.js';
import { idParam, parseInput, requiredText } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { cstToIso } from '../../platform/time.js';
import { DOCUMENT_LABELS, draftSchema, validitySchema } from './document.schema.js';
import {
  approveReview,
  changeValidity,
  createDraft,
  deleteDocument,
  getDocument,
  publishDocument,
  rejectReview,
  reviseDocument,
  submitForReview,
  updateDraft,
  withdrawDocument,
} from './document.service.js';
import { parseExtraValues } from './extra-fields.js';

/**
 * Staff write API (issue 3): the console's workflow as JSON, for other systems, authenticated with
 * `Authorization: Bearer gk_…` (cookie sessions work too, with CSRF). Every route calls the same
 * service as the console, so validation, permissions, workflow rules and audit are the console's.
 * Field names are those of the console forms (draftSchema); JSON null clears an optional field.
 */

const LABELS: Record<string, string> = { ...DOCUMENT_LABELS, at: '发布时间', id: '文件编号', _: '文件编号' };

const reasonSchema = z.object({ reason: requiredText(500) });
const publishSchema = z.object({
  at: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const iso = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/.test(v)
        ? cstToIso(v.replace('T', ' '))
        : /(Z|[+-]\d{2}:\d{2})$/.test(v)
          ? v
          : '';
      const t = Date.parse(iso);
      if (Number.isNaN(t)) {
        ctx.issues.push({
          code: 'custom',
          message: '格式应为 YYYY-MM-DD HH:MM（北京时间）或带时区的 ISO 8601 时间',
          input: v,
        });
        return undefined;
      }
      return new Date(t);
    }),
});
const patchSchema = draftSchema.partial().extend({ correction_note: z.string().trim().max(1000).optional() });

/** JSON null means "not given" (optional fields become empty), as an empty form field does. */
function withoutNulls(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null));
}

/** A stored document as draft input, so a PATCH can change some fields and keep the rest. */
function asDraftFields(d: DocumentRow): Record<string, unknown> {
  const keys = Object.keys(draftSchema.shape) as (keyof DocumentRow)[];
  return Object.fromEntries(
    keys.flatMap((k): [string, unknown][] => {
      if (d[k] === null) return [];
      // Extra fields are stored as JSON text and given as an object.
      if (k === 'extra') return [[k, parseExtraValues(d.extra)]];
      return [[k, d[k]]];
    }),
  );
}

function summary(d: DocumentRow) {
  return {
    id: d.id,
    status: d.status,
    title: d.title,
    indexNo: d.index_no,
    version: d.version,
    publishedAt: d.published_at,
    scheduledAt: d.scheduled_at,
    validity: d.validity,
    externalId: d.external_id,
  };
}

export function documentWriteApi(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const route = (permission: string) => ({ config: { permission, kind: 'json' as const } });
  const idOf = (request: FastifyRequest) =>
    parseInput(idParam, (request.params as Record<string, string>).id, LABELS);
  const current = async (id: number) => summary(await getDocument(db, id));

  app.post('/api/v1/documents', route('documents.edit'), async (request, reply) => {
    const input = parseInput(draftSchema, withoutNulls(request.body), LABELS);
    const id = await createDraft(db, request.actor, input);
    reply.header('Location', `/api/v1/documents/${id}`);
    return reply.code(201).send(await current(id));
  });

  app.patch('/api/v1/documents/:id', route('documents.edit'), async (request) => {
    const id = idOf(request);
    const patch = parseInput(patchSchema, withoutNulls(request.body), LABELS);
    const doc = await getDocument(db, id);
    const merged: Record<string, unknown> = { ...asDraftFields(doc), ...withoutNulls(request.body) };
    for (const [k, v] of Object.entries((request.body ?? {}) as Record<string, unknown>))
      if (v === null) delete merged[k];
    const input = parseInput(draftSchema, merged, LABELS);
    if (doc.status === 'published') {
      if (!patch.correction_note)
        throw new AppError('VALIDATION_FAILED', {
          message: '更正说明：修改已发布的文件须填写更正说明（correction_note）',
          fields: { correction_note: '更正说明：修改已发布的文件须填写更正说明（correction_note）' },
        });
      await reviseDocument(db, request.actor, id, input, patch.correction_note);
    } else {
      await updateDraft(db, request.actor, id, input);
    }
    return current(id);
  });

  app.post('/api/v1/documents/:id/submit', route('documents.edit'), async (request) => {
    const id = idOf(request);
    await submitForReview(db, request.actor, id);
    return current(id);
  });

  app.post('/api/v1/documents/:id/approve', route('documents.review'), async (request) => {
    const id = idOf(request);
    await approveReview(db, request.actor, id);
    return current(id);
  });

  app.post('/api/v1/documents/:id/reject', route('documents.review'), async (request) => {
    const id = idOf(request);
    const { reason } = parseInput(reasonSchema, request.body, LABELS);
    await rejectReview(db, request.actor, id, reason);
    return current(id);
  });

  app.post('/api/v1/documents/:id/publish', route('documents.publish'), async (request) => {
    const id = idOf(request);
    const { at } = parseInput(publishSchema, withoutNulls(request.body), LABELS);
    await publishDocument(db, request.actor, id, at ? { at } : {});
    return current(id);
  });

  app.post('/api/v1/documents/:id/withdraw', route('documents.withdraw'), async (request) => {
    const id = idOf(request);
    const { reason } = parseInput(reasonSchema, request.body, LABELS);
    await withdrawDocument(db, request.actor, id, reason);
    return current(id);
  });

  app.post('/api/v1/documents/:id/validity', route('documents.publish'), async (request) => {
    const id = idOf(request);
    const input = parseInput(validitySchema, withoutNulls(request.body), LABELS);
    await changeValidity(db, request.actor, id, input);
    return current(id);
  });

  app.delete('/api/v1/documents/:id', route('documents.edit'), async (request, reply) => {
    await deleteDocument(db, request.actor, idOf(request));
    return reply.code(204).send();
  });
}

const TAG = '主动公开文件（工作人员写入接口）';
const DOC_EXAMPLE = {
  id: 42,
  status: 'draft',
  title: '关于2026年度国有建设用地供应计划的公告',
  indexNo: null,
  version: 1,
  publishedAt: null,
  scheduledAt: null,
  validity: 'valid',
  externalId: 'oa-2026-0042',
};

export const documentWriteApiDocs: ApiDoc[] = [
  {
    method: 'post',
    path: '/api/v1/documents',
    summary: '起草文件（草稿）。校验与管理后台相同；成功返回 201 与 Location',
    tag: TAG,
    body: draftSchema,
    labels: LABELS,
    permission: 'documents.edit',
    status: 201,
    example: DOC_EXAMPLE,
  },
  {
    method: 'patch',
    path: '/api/v1/documents/{id}',
    summary: '修改文件：草稿直接修改；已发布的文件须附 correction_note，生成新版本（索引号不变）',
    tag: TAG,
    body: patchSchema,
    labels: LABELS,
    permission: 'documents.edit',
    example: DOC_EXAMPLE,
  },
  {
    method: 'post',
    path: '/api/v1/documents/{id}/submit',
    summary: '送审',
    tag: TAG,
    labels: LABELS,
    permission: 'documents.edit',
  },
  {
    method: 'post',
    path: '/api/v1/documents/{id}/approve',
    summary: '保密审查通过（不能审查自己起草的文件）',
    tag: TAG,
    labels: LABELS,
    permission: 'documents.review',
  },
  {
    method: 'post',
    path: '/api/v1/documents/{id}/reject',
    summary: '审查退回，须说明理由',
    tag: TAG,
    body: reasonSchema,
    labels: LABELS,
    permission: 'documents.review',
  },
  {
    method: 'post',
    path: '/api/v1/documents/{id}/publish',
    summary: '发布（立即，或 at 指定的将来时间定时发布）；发布时分配索引号',
    tag: TAG,
    body: publishSchema,
    labels: LABELS,
    permission: 'documents.publish',
  },
  {
    method: 'post',
    path: '/api/v1/documents/{id}/withdraw',
    summary: '撤回错误发布的文件，须说明理由（页面保留撤回记录）',
    tag: TAG,
    body: reasonSchema,
    labels: LABELS,
    permission: 'documents.withdraw',
  },
  {
    method: 'post',
    path: '/api/v1/documents/{id}/validity',
    summary: '变更有效性（有效、失效、废止、已修订），附日期、理由与替代文件',
    tag: TAG,
    body: validitySchema,
    labels: LABELS,
    permission: 'documents.publish',
  },
  {
    method: 'delete',
    path: '/api/v1/documents/{id}',
    summary: '删除从未送审的草稿（204）；已送审或发布过的文件一律拒绝（409），请用撤回或标注失效、废止',
    tag: TAG,
    labels: LABELS,
    permission: 'documents.edit',
    status: 204,
  },
];
