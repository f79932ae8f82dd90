import { z } from 'zod';
import type { AuditFilter } from '../../platform/audit/audit.js';
import { cstToIso } from '../../platform/time.js';

export const AUDIT_FILTER_LABELS = {
  from: '起始日期',
  to: '截止日期',
  actor: '操作人',
  action: '操作',
  target_type: '对象类型',
  target_id: '对象编号',
  page: '页码',
  verify: '完整性校验',
};

export const AUDIT_PAGE_SIZE = 50;

/** Query parameters arrive as strings; an empty one means "no filter". */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const text = (max: number) =>
  z.preprocess(blank, z.string().trim().max(max, `不能超过 ${max} 个字符`).optional());

/** A real calendar date written YYYY-MM-DD (rejects 2024-02-30 and friends). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

const date = z.preprocess(
  blank,
  z.string().trim().refine(isIsoDate, '应为有效日期，格式为“年-月-日”，例如 2024-05-01').optional(),
);

/** Filters of the audit viewer and the CSV export: declared once, used by both. */
export const auditFilterSchema = z
  .object({
    from: date,
    to: date,
    actor: text(100),
    action: text(100),
    target_type: text(50),
    target_id: text(100),
    page: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\d{1,6}$/, '应为正整数')
        .optional()
        .transform((v) => Math.max(1, Number(v ?? '1'))),
    ),
    verify: z.preprocess(blank, z.enum(['1'], { message: '参数无效' }).optional()),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: '不能早于起始日期' });

export type AuditFilterInput = z.infer<typeof auditFilterSchema>;

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Dates are Beijing calendar days, both ends inclusive; the log stores UTC instants, so the range
 * becomes [from 00:00 CST, day after `to` 00:00 CST).
 */
export function toAuditFilter(input: AuditFilterInput): AuditFilter {
  return {
    from: input.from ? cstToIso(input.from) : undefined,
    to: input.to ? cstToIso(nextDay(input.to)) : undefined,
    actor: input.actor,
    action: input.action,
    targetType: input.target_type,
    targetId: input.target_id,
  };
}

/** The filter as the user gave it, for links (pagination, export) and the export's audit record. */
export function filterQuery(input: AuditFilterInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['from', 'to', 'actor', 'action', 'target_type', 'target_id'] as const) {
    const v = input[key];
    if (v) out[key] = v;
  }
  return out;
}
