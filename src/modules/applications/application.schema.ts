import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/http/validation.js';
import { ID_DOCUMENT_TYPES } from './identity.rules.js';
import { DELIVERIES, FORMS_WANTED } from './intake.rules.js';
import { APPLICANT_TYPES } from './reply.rules.js';

/** Field names of the application form and their Chinese labels (errors name the field). */
export const INTAKE_LABELS = {
  applicantType: '申请人类型',
  name: '姓名或名称',
  idType: '证件类型',
  idNumber: '证件号码',
  contactName: '联系人',
  phone: '联系电话',
  email: '电子邮箱',
  address: '通信地址',
  postcode: '邮政编码',
  subject: '所需信息的名称',
  docNumber: '文号',
  description: '所需信息的内容描述',
  formWanted: '获取信息的方式',
  delivery: '送达方式',
  channel: '申请方式',
  receivedOn: '收到申请之日',
  agree: '确认',
};

const keys = <T extends Record<string, unknown>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** 条例第二十九条: who applies, how to reach them, what they want and in what form. */
export const intakeSchema = z.object({
  applicantType: z.enum(APPLICANT_TYPES, { message: '请选择' }),
  name: requiredText(100),
  idType: z.enum(ID_DOCUMENT_TYPES, { message: '请选择' }),
  idNumber: requiredText(50),
  contactName: optionalText(50),
  phone: z
    .string({ message: '必填' })
    .trim()
    .regex(/^[0-9+\-()\s]{7,20}$/, '请填写有效的电话号码（7—20 位数字，可含区号分隔符）'),
  email: optionalText(200).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), '格式不正确'),
  address: optionalText(300),
  postcode: optionalText(6).refine((v) => v === null || /^\d{6}$/.test(v), '应为 6 位数字'),
  subject: requiredText(500).refine((v) => [...v].length >= 2, '至少 2 个字符'),
  docNumber: optionalText(100),
  description: optionalText(5000),
  formWanted: z.enum(keys(FORMS_WANTED), { message: '请选择' }),
  delivery: z.enum(keys(DELIVERIES), { message: '请选择' }),
});

export type IntakeForm = z.infer<typeof intakeSchema>;

export const statusLookupSchema = z.object({
  code: z
    .string({ message: '必填' })
    .trim()
    .toUpperCase()
    .regex(/^\d{8}[A-Z0-9]{6}$/, '应为 14 位查询码（回执上的“查询码”）'),
  password: z.string({ message: '必填' }).trim().min(1, '必填').max(20, '不正确'),
});

export const LOOKUP_LABELS = { code: '查询码', password: '查询密码' };
