import { z } from 'zod';
import { CalendarInputError, parseIsoDate } from '../../platform/calendar/dates.js';
import { optionalText, requiredText } from '../../platform/http/validation.js';

export const PROJECT_STATUSES = {
  preparing: '报批前期',
  approved: '已批准',
  implementing: '组织实施',
  completed: '已完成',
} as const;
export type ProjectStatus = keyof typeof PROJECT_STATUSES;

export const PROJECT_LABELS = {
  name: '项目名称',
  batch_no: '批次/项目编号',
  district: '区',
  township: '乡（镇、街道）',
  village: '村（村民小组）',
  area_ha: '征收面积（公顷）',
  farmland_ha: '其中农用地（公顷）',
  cultivated_ha: '农用地中耕地（公顷）',
  construction_ha: '其中建设用地（公顷）',
  unused_ha: '其中未利用地（公顷）',
  purpose: '征收目的（用途）',
  approving_authority: '批准机关',
  status: '项目状态',
  hearing_requested: '听证申请',
};

/** 公顷 with at most four decimals → whole square metres (exact: 1 公顷 = 10 000 m²). */
export function hectaresToM2(text: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
}

export function m2ToHectares(m2: number): string {
  return `${Math.floor(m2 / 10_000)}.${String(m2 % 10_000).padStart(4, '0')}`;
}

const HA_MESSAGE = '应为公顷数，最多四位小数，例如 12.3456';
const hectares = z
  .string({ message: '必填' })
  .trim()
  .min(1, '必填')
  .transform((v, ctx) => {
    const m2 = hectaresToM2(v);
    if (m2 === null) {
      ctx.addIssue({ code: 'custom', message: HA_MESSAGE });
      return z.NEVER;
    }
    return m2;
  });
const optionalHectares = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const m2 = hectaresToM2(v);
    if (m2 === null) {
      ctx.addIssue({ code: 'custom', message: HA_MESSAGE });
      return z.NEVER;
    }
    return m2;
  });

export const projectSchema = z
  .object({
    name: requiredText(200),
    batch_no: requiredText(100),
    district: requiredText(100),
    township: requiredText(100),
    village: requiredText(200),
    area_ha: hectares.refine((v) => v > 0, '应大于 0'),
    farmland_ha: optionalHectares,
    cultivated_ha: optionalHectares,
    construction_ha: optionalHectares,
    unused_ha: optionalHectares,
    purpose: requiredText(500),
    approving_authority: optionalText(200),
    status: z.enum(Object.keys(PROJECT_STATUSES) as [ProjectStatus, ...ProjectStatus[]], {
      message: '请选择',
    }),
    hearing_requested: z
      .string()
      .optional()
      .transform((v) => v === '1'),
  })
  .superRefine((v, ctx) => {
    if (v.cultivated_ha !== null && (v.farmland_ha === null || v.cultivated_ha > v.farmland_ha))
      ctx.addIssue({ code: 'custom', path: ['cultivated_ha'], message: '耕地面积不能超过农用地面积' });
    const parts = (v.farmland_ha ?? 0) + (v.construction_ha ?? 0) + (v.unused_ha ?? 0);
    if (parts > v.area_ha)
      ctx.addIssue({ code: 'custom', path: ['farmland_ha'], message: '各地类面积之和不能超过征收面积' });
  });
export type ProjectInput = z.infer<typeof projectSchema>;

export const STAGE_LABELS = {
  document_ref: '公开文件',
  posted_on: '日期',
  end_on: '截止日期',
  notes: '备注',
};

const isoDate = (optional: boolean) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (!optional) {
          ctx.addIssue({ code: 'custom', message: '必填' });
          return z.NEVER;
        }
        return null;
      }
      try {
        return parseIsoDate(v);
      } catch (e) {
        if (!(e instanceof CalendarInputError)) throw e;
        ctx.addIssue({ code: 'custom', message: '应为有效日期，格式 YYYY-MM-DD' });
        return z.NEVER;
      }
    });

export const stageSchema = z
  .object({
    document_ref: optionalText(100),
    posted_on: isoDate(false).transform((v) => v as string),
    end_on: isoDate(true),
    notes: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.end_on !== null && v.end_on < v.posted_on)
      ctx.addIssue({ code: 'custom', path: ['end_on'], message: '不能早于开始日期' });
  });
export type StageInput = z.infer<typeof stageSchema>;
