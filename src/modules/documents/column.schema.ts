import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/http/validation.js';
import type { ExtraField, ExtraFieldType } from './columns.catalogue.js';

/**
 * Input of the column (栏目) editor. The code is the column's public address (/xxgk/:code and the
 * API's column filter), so it is lower-case letters, digits and hyphens, starting with a letter.
 */
export const COLUMN_LABELS = {
  name: '栏目名称',
  code: '栏目代码',
  parent_id: '上级栏目',
  basis: '设立依据',
  needs_interpretation: '须配发政策解读',
};

/** Words that may name a page under /xxgk/ one day; no column may take them. */
export const RESERVED_CODES = new Set(['guide', 'zhinan', 'feed', 'rss', 'atom', 'search', 'new', 'api']);

export const columnCode = requiredText(40)
  .regex(/^[a-z][a-z0-9-]*$/, '只能使用小写字母、数字和连字符，并以字母开头（例如 tdgy）')
  .refine((v) => !RESERVED_CODES.has(v), '该代码为系统保留，请换一个');

export const columnSchema = z.object({
  name: requiredText(100),
  code: columnCode,
  parent_id: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({ code: 'custom', message: '请选择' });
        return z.NEVER;
      }
      return n;
    }),
  basis: optionalText(300).transform((v) => v ?? ''),
  needs_interpretation: z
    .string()
    .optional()
    .transform((v) => v === '1'),
});
export type ColumnInput = z.infer<typeof columnSchema>;

export const EXTRA_FIELD_TYPES: Record<ExtraFieldType, string> = {
  text: '文本',
  number: '数字',
  money: '金额',
  area: '面积',
  date: '日期',
  select: '下拉选择',
};

/** Types whose values are quantities and may carry a unit (元, 万元, 平方米, 公顷 …). */
const UNIT_TYPES = new Set<ExtraFieldType>(['number', 'money', 'area']);
export const MAX_EXTRA_FIELDS = 30;
export const EXTRA_KEY_PATTERN = /^[a-z_][a-z0-9_]*$/;

/** One row of the field editor as submitted: every cell a string, the row number its position. */
export interface ExtraFieldRow {
  row: number;
  key: string;
  label: string;
  type: string;
  required: boolean;
  options: string;
  unit: string;
}

/** The rows of the editor form (`key_0`, `label_0`, … up to `rows`); wholly blank rows are dropped. */
export function extraFieldRows(body: Record<string, unknown>): ExtraFieldRow[] {
  const n = Math.min(Math.max(Number(body.rows) || 0, 0), MAX_EXTRA_FIELDS + 10);
  const cell = (name: string, i: number) => {
    const v = body[`${name}_${i}`];
    return typeof v === 'string' ? v.trim() : '';
  };
  const rows: ExtraFieldRow[] = [];
  for (let i = 0; i < n; i += 1) {
    const r = {
      row: i,
      key: cell('key', i),
      label: cell('label', i),
      type: cell('type', i),
      required: cell('required', i) === '1',
      options: cell('options', i),
      unit: cell('unit', i),
    };
    if (r.key || r.label || r.options || r.unit) rows.push(r);
  }
  return rows;
}

/** Options are written one per line, or separated by 、 , ， ; ；. */
export const splitOptions = (s: string): string[] =>
  s
    .split(/[\n\r、,，;；]+/)
    .map((o) => o.trim())
    .filter(Boolean);

/**
 * Check field definitions on their own (not against documents): keys present, well-formed and
 * unique; labels present and unique; a known type; select fields need options, other types take
 * none; units only on quantities. Errors are keyed by the form cell (`key_3`) for the editor.
 */
export function validateExtraFields(rows: ExtraFieldRow[]): {
  fields: ExtraField[];
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const fields: ExtraField[] = [];
  const keys = new Set<string>();
  const labels = new Set<string>();
  if (rows.length > MAX_EXTRA_FIELDS) errors.rows = `扩展字段：最多 ${MAX_EXTRA_FIELDS} 个`;
  for (const r of rows) {
    const n = `第 ${r.row + 1} 行`;
    const err = (cell: string, msg: string) => {
      errors[`${cell}_${r.row}`] ??= `${n}${msg}`;
    };
    if (!r.key) err('key', '字段代码：必填');
    else if (r.key.length > 40) err('key', '字段代码：不能超过 40 个字符');
    else if (!EXTRA_KEY_PATTERN.test(r.key))
      err('key', '字段代码：只能使用小写字母、数字和下划线，且不能以数字开头（例如 parcel_no）');
    else if (keys.has(r.key)) err('key', `字段代码：“${r.key}”重复`);
    keys.add(r.key);
    if (!r.label) err('label', '显示名称：必填');
    else if (r.label.length > 50) err('label', '显示名称：不能超过 50 个字符');
    else if (labels.has(r.label)) err('label', `显示名称：“${r.label}”重复`);
    labels.add(r.label);
    const type = r.type as ExtraFieldType;
    if (!(r.type in EXTRA_FIELD_TYPES)) {
      err('type', '类型：请选择');
      continue;
    }
    const options = splitOptions(r.options);
    if (type === 'select') {
      if (options.length === 0) err('options', '选项：下拉选择类型至少需要一个选项');
      else if (new Set(options).size !== options.length) err('options', '选项：有重复的选项');
      else if (options.some((o) => o.length > 50)) err('options', '选项：每个选项不能超过 50 个字符');
    } else if (options.length > 0) err('options', '选项：只有下拉选择类型可以设置选项');
    if (r.unit && !UNIT_TYPES.has(type)) err('unit', '单位：只有数字、金额、面积类型可以设置单位');
    else if (r.unit.length > 10) err('unit', '单位：不能超过 10 个字符');
    const field: ExtraField = { key: r.key, label: r.label, type };
    if (r.required) field.required = true;
    if (type === 'select') field.options = options;
    if (r.unit) field.unit = r.unit;
    fields.push(field);
  }
  return { fields, errors };
}

/** The saved definitions (JSON text) as ExtraField objects; anything unreadable counts as none. */
export function parseExtraFields(json: string): ExtraField[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as ExtraField[]) : [];
  } catch {
    return [];
  }
}
