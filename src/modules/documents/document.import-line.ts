import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError, fieldError } from '../../platform/errors.js';
import { optionalText, parseInput, requiredText } from '../../platform/http/validation.js';
import { VALIDITY_LABELS } from './document.status.js';
import { parseIndexNumber } from './index-number.js';

/**
 * One line of `gongkai import documents FILE.jsonl`: its fields, their Chinese labels and checks, and
 * the attachment files it names (which must exist inside the file's folder).
 */

export const IMPORT_LABELS: Record<string, string> = {
  externalId: '外部编号 externalId',
  title: '标题 title',
  column: '栏目 column',
  publishedAt: '发布日期 publishedAt',
  body: '正文 body',
  issuer: '发布机构 issuer',
  docNumber: '文号 docNumber',
  indexNo: '索引号 indexNo',
  category: '主题分类 category',
  genre: '体裁 genre',
  validity: '有效性 validity',
  summary: '内容概述 summary',
  attachments: '附件 attachments',
};

const VALIDITY_BY_NAME: Record<string, keyof typeof VALIDITY_LABELS> = Object.fromEntries(
  Object.entries(VALIDITY_LABELS).flatMap(([code, label]) => [
    [code, code],
    [label, code],
  ]),
) as Record<string, keyof typeof VALIDITY_LABELS>;

const realDate = (v: string) => {
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
};

export const importLineSchema = z.object({
  externalId: requiredText(100),
  title: requiredText(300),
  column: requiredText(100),
  publishedAt: z
    .string({ message: '必填' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '格式应为 YYYY-MM-DD')
    .refine(realDate, '不是有效日期')
    .refine(
      (v) => v >= '1949-10-01' && v <= new Date().toISOString().slice(0, 10),
      '不能早于 1949 年或晚于今天',
    ),
  body: requiredText(500_000),
  issuer: optionalText(100),
  docNumber: optionalText(100),
  indexNo: optionalText(40),
  category: optionalText(100),
  genre: optionalText(50),
  validity: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || v in VALIDITY_BY_NAME, `应为 ${Object.keys(VALIDITY_BY_NAME).join('、')} 之一`)
    .transform((v) => (v ? VALIDITY_BY_NAME[v]! : 'valid')),
  summary: optionalText(300),
  attachments: z
    .array(z.object({ name: requiredText(200), path: requiredText(1000), alt: optionalText(500) }))
    .max(50, '最多 50 个')
    .optional(),
});
export type ImportLine = z.infer<typeof importLineSchema>;
export interface ImportAttachment {
  name: string;
  /** An image's description (alt text), if the source has one. */
  alt?: string | null;
  /** Absolute path, checked to exist inside the JSONL file's folder. */
  file: string;
}

/** One JSONL line, parsed and checked; throws VALIDATION_FAILED naming the field. */
export function parseImportLine(
  text: string,
  baseDir: string,
): ImportLine & { files: ImportAttachment[] | undefined } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION_FAILED', { message: '不是有效的 JSON' });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new AppError('VALIDATION_FAILED', { message: '每行应为一个 JSON 对象' });
  // Wrong JSON types get their own message (the shared parser would call them missing).
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in IMPORT_LABELS) || value === undefined || value === null) continue;
    if (key === 'attachments' ? !Array.isArray(value) : typeof value !== 'string')
      throw importFail(key, key === 'attachments' ? '应为 [{"name","path"}] 数组' : '应为字符串');
  }
  // null means "not given", as an absent key does.
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null));
  const line = parseInput(importLineSchema, given, IMPORT_LABELS);
  if (line.indexNo && !parseIndexNumber(line.indexNo))
    throw fieldError(
      'indexNo',
      `${IMPORT_LABELS.indexNo}：格式应为 前段码/年份-五位顺序号，如 000014349/2017-00110`,
    );
  // No attachments key: the document's attachments are left as they are; [] means none.
  const files = line.attachments?.map((a, i) => {
    const label = `${IMPORT_LABELS.attachments}[${i}]`;
    if (path.isAbsolute(a.path)) throw fieldError('attachments', `${label}：path 应为相对于导入文件的路径`);
    const file = path.resolve(baseDir, a.path);
    if (path.relative(baseDir, file).startsWith('..'))
      throw fieldError('attachments', `${label}：path 不能指向导入文件所在目录之外`);
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) throw fieldError('attachments', `${label}：文件不存在：${a.path}`);
    return { name: a.name, alt: a.alt, file };
  });
  return { ...line, files };
}

/** A field error of an import line, with the field's label. */
export function importFail(field: keyof typeof IMPORT_LABELS, message: string): AppError {
  return fieldError(field, `${IMPORT_LABELS[field]}：${message}`);
}
