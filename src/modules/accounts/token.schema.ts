import { z } from 'zod';
import { requiredText } from '../../platform/http/validation.js';

export const TOKEN_LABELS = { name: '名称', expires_on: '有效期至' };

export const tokenSchema = z.object({
  name: requiredText(100),
  expires_on: z
    .string({ message: '必填' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '格式应为 YYYY-MM-DD')
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), '不是有效日期'),
});
export type TokenInput = z.infer<typeof tokenSchema>;
