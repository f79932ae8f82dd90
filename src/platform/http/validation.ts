import { z } from 'zod';
import { AppError } from '../errors.js';

z.config(z.locales.zhCN());

/**
 * Parse input with a schema declared once per input; on failure throw VALIDATION_FAILED whose
 * field messages name the field in Chinese ("用户名：至少需要 3 个字符"). The same error feeds the
 * JSON 400 reply and the re-rendered HTML form.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  labels: Record<string, string>,
): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (fields[key]) continue;
    const label = labels[key] ?? labels[String(issue.path[0])] ?? key;
    fields[key] = `${label}：${friendly(issue)}`;
  }
  const first = Object.values(fields)[0] ?? '提交的内容有误';
  throw new AppError('VALIDATION_FAILED', { message: first, fields, details: result.error.issues });
}

function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === '')) return '必填';
  return issue.message;
}

/** Form fields arrive as strings; an empty string means "not given". */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过 ${max} 个字符`)
    .optional()
    .transform((v) => (v ? v : null));

/** A query parameter from a fixed list; empty or absent means "not given" (undefined). */
export const optionalEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.literal(''), z.enum(values)], { message: `应为 ${values.join('、')} 之一` })
    .optional()
    .transform((v) => (v ? (v as T[number]) : undefined));

export const requiredText = (max: number, min = 1) =>
  z
    .string({ message: '必填' })
    .trim()
    .min(min, min === 1 ? '必填' : `至少 ${min} 个字符`)
    .max(max, `不能超过 ${max} 个字符`);

export const idParam = z.coerce
  .number({ message: '应为数字编号' })
  .int('应为数字编号')
  .positive('应为数字编号');

/** An optional positive integer id in a query string (?org=12); empty or absent means not given. */
export const optionalIdQuery = (message = '应为编号（正整数）') =>
  z
    .string()
    .trim()
    .regex(/^(|[1-9]\d{0,9})$/, message)
    .optional()
    .transform((v) => (v ? Number(v) : undefined));

/** An optional four-digit year in a query string (?year=2026). */
export const optionalYearQuery = () =>
  z
    .string()
    .trim()
    .regex(/^(|[1-9]\d{3})$/, '应为四位数字年份，如 2026')
    .optional()
    .transform((v) => (v ? Number(v) : undefined));
