import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { idParam, parseInput, requiredText } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { todayCst } from '../../platform/time.js';
import * as repo from './application.repository.js';
import { INTAKE_LABELS, intakeSchema } from './application.schema.js';
import { clockOf, extendDeadline, transitionApplication } from './application.service.js';
import {
  APPLICATION_STATUSES,
  OPEN_STATUSES,
  APPLICATION_PERMISSIONS as P,
  TRANSITIONS,
} from './application.status.js';
import { listFiles } from './file.service.js';
import { CHANNELS } from './intake.rules.js';
import { registerReceivedApplication } from './intake.service.js';

/**
 * Staff JSON API of the workflow (issue 5: "so a branch's own case system can mirror it"), with
 * `Authorization: Bearer gk_…` tokens or a console session (with CSRF). Every route calls the
 * console's services, so permissions, state rules, the clock and the audit are the same. Personal
 * data never leaves through this API: applicants appear by their masked label.
 */
const LABELS: Record<string, string> = {
  ...INTAKE_LABELS,
  id: '申请编号',
  _: '申请编号',
  action: '办理操作',
  days: '延长工作日数',
  reason: '理由',
  on: '日期',
  text: '内容',
  dueOn: '期限',
  orgId: '承办单位',
  internalDueOn: '内部办理期限',
  replyType: '答复类型',
  status: '状态',
  overdue: '是否超期',
  method: '计收方式',
  pieces: '计件数',
  pages: '页数',
  deliveryMethod: '送达方式',
  deliveredOn: '送达日期',
  proof: '送达凭证',
};

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '格式应为 YYYY-MM-DD');
const registerSchema = intakeSchema.extend({
  channel: z.enum(CHANNELS, { message: '请选择' }),
  receivedOn: day,
});
const actionSchema = z.object({
  action: z.enum(Object.keys(TRANSITIONS) as [keyof typeof TRANSITIONS, ...(keyof typeof TRANSITIONS)[]], {
    message: '未知的办理操作',
  }),
  reason: z.string().trim().max(2000).nullish(),
  on: day.nullish(),
  text: z.string().trim().max(2000).nullish(),
  dueOn: day.nullish(),
  orgId: z.number().int().positive().nullish(),
  internalDueOn: day.nullish(),
  replyType: z.string().trim().max(40).nullish(),
  method: z.enum(['piece', 'volume'], { message: '应为 piece 或 volume' }).nullish(),
  partyKind: z.enum(['third_party', 'agency'], { message: '应为 third_party 或 agency' }).nullish(),
  pieces: z.number().int().min(1).max(100).nullish(),
  pages: z.number().int().min(1).max(10_000_000).nullish(),
  deliveryMethod: z.string().trim().max(20).nullish(),
  deliveredOn: day.nullish(),
  proof: z.string().trim().max(500).nullish(),
});
const extendSchema = z.object({
  days: z.number({ message: '应为 1—20 的整数' }).int('应为 1—20 的整数'),
  reason: requiredText(2000),
});
const listQuery = z.object({
  status: z.enum(APPLICATION_STATUSES, { message: '状态无效' }).optional(),
  overdue: z.enum(['1', '0', 'true', 'false']).optional(),
});

function summary(r: repo.ApplicationRow) {
  return {
    id: r.id,
    trackingCode: r.tracking_code,
    status: r.status,
    channel: r.channel,
    applicantType: r.applicant_type,
    applicant: r.applicant_label,
    subject: r.subject,
    docNumber: r.doc_number,
    submittedAt: r.submitted_at,
    receivedOn: r.received_on,
    restartedOn: r.restarted_on,
    extensionDays: r.extension_days,
    dueOn: r.due_on,
    clockPaused: r.clock_paused === 1,
    orgId: r.org_id,
    internalDueOn: r.internal_due_on,
    replyType: r.reply_type,
    repliedOn: r.replied_on,
    delivery: r.delivery_method
      ? { method: r.delivery_method, deliveredOn: r.delivered_on, proof: r.delivery_proof }
      : null,
  };
}

export function applicationApi(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const route = (permission: string) => ({ config: { permission, kind: 'json' as const } });
  const idOf = (request: FastifyRequest) =>
    parseInput(idParam, (request.params as Record<string, string>).id, LABELS);
  const detail = async (id: number) => {
    const row = await repo.findApplication(db, id);
    if (!row) throw new AppError('NOT_FOUND', { message: '申请不存在' });
    const [events, clock, files] = await Promise.all([
      repo.listEvents(db, id),
      clockOf({ db, config }, id),
      listFiles(db, id),
    ]);
    return {
      ...summary(row),
      // Names and types only: the files themselves may hold personal data (console download, audited).
      files: files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, source: f.source })),
      clock: clock && {
        dueDate: clock.dueDate,
        projectedDueDate: clock.projectedDueDate,
        state: clock.state,
        limitDays: clock.limitDays,
        countedDays: clock.countedDays,
        remainingDays: clock.remainingDays,
        overdue: clock.overdue,
        pausedDays: clock.pausedDays,
        explanation: clock.explanation,
        warnings: clock.warnings,
      },
      events: events.map((e) => ({
        action: e.action,
        from: e.from_status,
        to: e.to_status,
        reason: e.reason,
        data: e.data ? (JSON.parse(e.data) as unknown) : null,
        actor: e.actor_name,
        at: e.at,
      })),
    };
  };

  app.get('/api/v1/applications', route(P.read), async (request) => {
    const q = parseInput(listQuery, request.query, LABELS);
    const statuses = q.status ? [q.status] : [...OPEN_STATUSES];
    let rows = await repo.listApplications(db, { statuses });
    if (q.overdue === '1' || q.overdue === 'true') {
      const today = todayCst();
      rows = rows.filter((r) => r.due_on !== null && r.due_on < today && r.clock_paused === 0);
    }
    return { total: rows.length, items: rows.map(summary) };
  });

  app.get('/api/v1/applications/:id', route(P.read), async (request) => detail(idOf(request)));

  app.post('/api/v1/applications', route(P.intake), async (request, reply) => {
    const input = parseInput(registerSchema, request.body, LABELS);
    const r = await registerReceivedApplication({ db, config }, request.actor, input);
    reply.header('Location', `/api/v1/applications/${r.id}`);
    // The query password goes back once, to give to the applicant; it is kept only as a hash.
    return reply.code(201).send({ ...(await detail(r.id)), password: r.password });
  });

  app.post('/api/v1/applications/:id/actions', route(P.read), async (request) => {
    const id = idOf(request);
    const { action, ...input } = parseInput(actionSchema, request.body, LABELS);
    await transitionApplication({ db, config }, request.actor, id, action, input);
    return detail(id);
  });

  app.post('/api/v1/applications/:id/extension', route(P.approve), async (request) => {
    const id = idOf(request);
    const input = parseInput(extendSchema, request.body, LABELS);
    await extendDeadline({ db, config }, request.actor, id, input);
    return detail(id);
  });
}
