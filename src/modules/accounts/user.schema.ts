import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/http/validation.js';

export const USER_LABELS = {
  username: '用户名',
  display_name: '姓名',
  org_id: '所属单位',
  roles: '角色',
  phone: '手机号码',
  email: '工作邮箱',
  password: '密码',
  current_password: '当前密码',
  new_password: '新密码',
  confirm_password: '确认新密码',
  disabled: '账号状态',
};

const roleList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const createUserSchema = z.object({
  username: z
    .string({ message: '必填' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '须以字母开头，3–32 位小写字母、数字或 _ . -'),
  display_name: requiredText(50),
  org_id: z.coerce.number({ message: '请选择' }).int().positive('请选择'),
  roles: roleList,
  phone: optionalText(20).refine((v) => v === null || /^1[3-9]\d{9}$/.test(v), '应为 11 位手机号码'),
  // Deadline reminders of applications are also sent here (issue 5).
  email: optionalText(200).refine((v) => v === null || z.email().safeParse(v).success, '电子邮箱格式不正确'),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = createUserSchema.omit({ username: true }).extend({
  disabled: z
    .enum(['0', '1'], { message: '请选择' })
    .optional()
    .transform((v) => (v === '1' ? 1 : 0) as 0 | 1),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const loginSchema = z.object({
  username: z.string({ message: '必填' }).trim().toLowerCase().min(1, '必填').max(64, '不能超过 64 个字符'),
  password: z.string({ message: '必填' }).min(1, '必填').max(200, '不能超过 200 个字符'),
  next: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    current_password: z.string({ message: '必填' }).min(1, '必填').max(200),
    new_password: z.string({ message: '必填' }).min(1, '必填').max(200),
    confirm_password: z.string({ message: '必填' }).min(1, '必填').max(200),
  })
  .refine((v) => v.new_password === v.confirm_password, {
    path: ['confirm_password'],
    message: '两次输入的新密码不一致',
  });

export const rolePermissionsSchema = z.object({
  permissions: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});
