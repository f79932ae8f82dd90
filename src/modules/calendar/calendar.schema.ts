import { z } from 'zod';

const isoDate = z
  .string({ message: '必填，格式为 YYYY-MM-DD' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '格式应为 YYYY-MM-DD');

export const CALENDAR_LABELS = {
  date: '日期',
  from: '起始日期',
  to: '截止日期',
  days: '工作日数',
  kind: '类型',
  name: '名称',
  source: '依据',
  note: '备注',
  year: '年度',
};

export const workdayQuery = z.object({ date: isoDate });
export const addWorkdaysQuery = z.object({
  from: isoDate,
  days: z
    .string({ message: '必填，应为 0–3650 的整数' })
    .trim()
    .regex(/^\d+$/, '应为 0–3650 的整数')
    .transform(Number)
    .refine((n) => n <= 3650, '应为 0–3650 的整数'),
});
export const betweenQuery = z.object({ from: isoDate, to: isoDate });

export const entrySchema = z.object({
  date: isoDate,
  /** Optional last day of a run of days (a whole holiday period in one go). */
  to: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), '格式应为 YYYY-MM-DD'),
  kind: z.enum(['rest', 'workday', 'normal'], { message: '请选择' }),
  name: z.string({ message: '必填' }).trim().min(1, '必填').max(50, '不能超过 50 个字符'),
  source: z
    .string({ message: '必填' })
    .trim()
    .min(2, '请填写依据的通知文号或名称')
    .max(200, '不能超过 200 个字符'),
  note: z
    .string()
    .trim()
    .max(500, '不能超过 500 个字符')
    .optional()
    .transform((v) => v || null),
});
export type EntryInput = z.infer<typeof entrySchema>;

export const yearSchema = z.object({
  year: z.coerce
    .number({ message: '应为四位年份' })
    .int('应为四位年份')
    .min(2019, '不能早于 2019')
    .max(2100, '不能晚于 2100'),
  source: z
    .string({ message: '必填' })
    .trim()
    .min(2, '请填写国务院办公厅通知的文号或名称')
    .max(200, '不能超过 200 个字符'),
});
