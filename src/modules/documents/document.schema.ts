import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/http/validation.js';

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '格式应为 YYYY-MM-DD');
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), '格式应为 YYYY-MM-DD');

export const DOCUMENT_LABELS = {
  column_id: '栏目',
  title: '标题',
  doc_number: '文号',
  publisher_org_id: '发布机构',
  joint_issuers: '联合发文单位',
  owner_org_id: '责任处室',
  written_on: '成文日期',
  formed_on: '信息形成（变更）日期',
  effective_on: '生效日期',
  topic: '主题分类',
  genre: '体裁',
  keywords: '主题词',
  summary: '内容概述',
  contact_name: '联系人',
  contact_phone: '联系电话',
  body: '正文',
  external_id: '外部编号',
  reason: '理由',
  validity: '有效性',
  validity_changed_on: '变更日期',
  successor_id: '替代文件',
  correction_note: '更正说明',
};

/** Catalogue metadata of a draft (national guide fields; issue 3). */
export const draftSchema = z.object({
  column_id: z.coerce.number({ message: '请选择' }).int().positive('请选择'),
  title: requiredText(300),
  doc_number: optionalText(100),
  publisher_org_id: z.coerce.number({ message: '请选择' }).int().positive('请选择'),
  joint_issuers: optionalText(300),
  // A form's "（未指定）" option sends an empty string: that is no division, not division 0.
  owner_org_id: z.preprocess(
    (v) => (v === '' ? null : v),
    z.coerce.number({ message: '请从列表中选择' }).int().positive('请从列表中选择').nullable().default(null),
  ),
  written_on: optionalDate,
  formed_on: isoDate,
  effective_on: optionalDate,
  topic: optionalText(100),
  genre: optionalText(50),
  keywords: optionalText(300),
  // 内容概述 ≤ 300 characters (哈密 rule in the domain notes; the national guide leaves it open).
  summary: optionalText(300),
  contact_name: optionalText(50),
  contact_phone: optionalText(50),
  body: requiredText(500_000),
  external_id: optionalText(100),
  /** Typed extra fields of the column, keyed by field key (validated against the column). */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type DraftInput = z.infer<typeof draftSchema>;

export const validitySchema = z.object({
  validity: z.enum(['valid', 'expired', 'repealed', 'revised'], { message: '请选择' }),
  validity_changed_on: isoDate,
  reason: requiredText(500),
  successor_id: z.coerce.number().int().positive().optional().nullable().default(null),
});
export type ValidityInput = z.infer<typeof validitySchema>;
