import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/http/validation.js';

export const ORG_KINDS = {
  bureau: '市局',
  division: '机关处室',
  unit: '局属单位',
  branch: '区分局',
} as const;
export type OrgKind = keyof typeof ORG_KINDS;

export const ORG_LABELS = {
  parent_id: '上级单位',
  kind: '类型',
  name: '名称',
  short_name: '简称',
  org_code: '组织机构代码',
  functions: '主要职能',
  address: '地址',
  phone: '电话',
  office_hours: '办公时间',
  sort_order: '排序',
};

export const orgSchema = z.object({
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
  kind: z.enum(Object.keys(ORG_KINDS) as [OrgKind, ...OrgKind[]], { message: '请选择' }),
  name: requiredText(100),
  short_name: optionalText(50),
  org_code: optionalText(18).refine(
    (v) => v === null || /^[0-9A-Z]{9}$|^[0-9A-Z]{18}$/.test(v),
    '应为 9 位组织机构代码或 18 位统一社会信用代码',
  ),
  functions: optionalText(5000),
  address: optionalText(200),
  phone: optionalText(60).refine(
    (v) => v === null || /^[0-9\-+() 、,，转]+$/.test(v),
    '只能包含数字、空格和 - + ( )',
  ),
  office_hours: optionalText(100),
  sort_order: z.coerce
    .number({ message: '应为整数' })
    .int('应为整数')
    .min(0, '不能为负数')
    .max(9999, '不能超过 9999')
    .default(0),
});
export type OrgInput = z.infer<typeof orgSchema>;

export const LEADER_LABELS = {
  photo: '照片',
  name: '姓名',
  title: '职务',
  duties: '分工',
  resume: '简历',
  sort_order: '排序',
};
export const leaderSchema = z.object({
  name: requiredText(50),
  title: requiredText(100),
  duties: optionalText(2000),
  resume: optionalText(5000),
  sort_order: z.coerce.number({ message: '应为整数' }).int('应为整数').min(0).max(9999).default(0),
  // An empty file input arrives as an empty Buffer: that means "no new photo".
  photo: z
    .instanceof(Buffer, { message: '请选择图片文件' })
    .optional()
    .transform((b) => (b && b.length > 0 ? b : null)),
  remove_photo: z
    .string()
    .optional()
    .transform((v) => v === '1'),
});
type ParsedLeader = z.infer<typeof leaderSchema>;
/** Services also take leaders without the upload fields (seed, CLI). */
export type LeaderInput = Omit<ParsedLeader, 'photo' | 'remove_photo'> & {
  photo?: Buffer | null;
  remove_photo?: boolean;
};
