import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/http/validation.js';

/**
 * The 政府信息公开指南 (条例第十二条): the classification and arrangement of information, how to
 * obtain it (主动公开; 依申请公开 and its fees under 国办函〔2020〕109号), the disclosure office's name,
 * address, office hours, phone, fax and internet contact, and 监督和救济 (条例第五十一条).
 */
export const GUIDE_LABELS = {
  office_name: '政府信息公开工作机构',
  address: '办公地址',
  postal_code: '邮政编码',
  office_hours: '办公时间',
  phone: '咨询电话',
  fax: '传真',
  email: '电子邮箱',
  classification: '信息分类与编排',
  proactive: '主动公开信息的获取方式',
  on_request: '依申请公开',
  fees: '信息处理费',
  remedy: '监督和救济',
};

/** One number: landline with or without area code and extension (022-12345678转123), mobile, 400/800. */
const PHONE =
  /^(?:(?:\(0\d{2,3}\)|0\d{2,3})[- ]?)?\d{7,8}(?:(?:转|-)\d{1,6})?$|^1[3-9]\d{9}$|^[48]00-?\d{3}-?\d{4}$/;
const phoneList = (v: string) =>
  v
    .split(/[、,，;；/]\s*/)
    .map((p) => p.trim())
    .every((p) => PHONE.test(p));
const PHONE_MESSAGE = '格式不正确，例如 022-12345678 或 022-12345678转123，多个号码用顿号分隔';

export const guideSchema = z.object({
  office_name: requiredText(100),
  address: requiredText(200),
  postal_code: requiredText(6).regex(/^\d{6}$/, '应为 6 位数字'),
  office_hours: requiredText(200),
  phone: requiredText(100).refine(phoneList, PHONE_MESSAGE),
  fax: optionalText(100)
    .refine((v) => v === null || phoneList(v), PHONE_MESSAGE)
    .transform((v) => v ?? ''),
  email: requiredText(100).regex(
    /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/,
    '格式不正确，例如 gongkai@example.gov.cn',
  ),
  classification: requiredText(5000),
  proactive: requiredText(5000),
  on_request: requiredText(8000),
  fees: requiredText(5000),
  remedy: requiredText(5000),
});
export type GuideContent = z.infer<typeof guideSchema>;
export const GUIDE_KEYS = Object.keys(GUIDE_LABELS) as (keyof GuideContent)[];
