/**
 * Channels of an application and the day each one counts as received (收到申请之日), 条例第三十一条:
 * (一) 当面提交的，以提交之日为收到申请之日;
 * (二) 以邮寄方式提交的，以行政机关签收之日为收到申请之日; 以平常信函等无需签收的邮寄方式提交的，
 *      政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日;
 * (三) 通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日.
 * An e-mail is a 数据电文 (第二十九条) sent over the internet, so it follows (三).
 */
export const CHANNELS = ['online', 'email', 'fax', 'in_person', 'registered_post', 'ordinary_post'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_RULES: Record<Channel, { label: string; receivedOn: string; basis: string }> = {
  online: { label: '网上申请', receivedOn: '双方确认之日', basis: '条例第三十一条第（三）项' },
  email: { label: '电子邮件', receivedOn: '双方确认之日', basis: '条例第三十一条第（三）项' },
  fax: { label: '传真', receivedOn: '双方确认之日', basis: '条例第三十一条第（三）项' },
  in_person: { label: '当面提交', receivedOn: '提交之日', basis: '条例第三十一条第（一）项' },
  registered_post: {
    label: '挂号信、快递等需签收的邮件',
    receivedOn: '签收之日',
    basis: '条例第三十一条第（二）项',
  },
  ordinary_post: {
    label: '平常信函',
    receivedOn: '收到当日与申请人确认之日',
    basis: '条例第三十一条第（二）项',
  },
};

/** The receipt basis stored with the application: "签收之日（条例第三十一条第（二）项）". */
export function receiptBasis(channel: Channel): string {
  const r = CHANNEL_RULES[channel];
  return `${r.receivedOn}（${r.basis}）`;
}

/** 条例第二十九条第二款第（三）项: the form wanted and how it is delivered. */
export const FORMS_WANTED = {
  paper: '纸质',
  email: '电子邮件',
  electronic: '电子数据（光盘、U盘等）',
  inspect: '当场查阅、抄录',
} as const;
export const DELIVERIES = {
  post: '邮寄',
  email: '电子邮件',
  pickup: '自行领取',
  online: '网上获取',
} as const;
/** How a reply was actually delivered (送达): the ways offered, and handing it over in person. */
export const DELIVERY_METHODS = { ...DELIVERIES, in_person: '当面送达' } as const;
export type DeliveryMethod = keyof typeof DELIVERY_METHODS;
export const isDeliveryMethod = (m: string): m is DeliveryMethod => Object.hasOwn(DELIVERY_METHODS, m);
export type FormWanted = keyof typeof FORMS_WANTED;
export type Delivery = keyof typeof DELIVERIES;

/** Tracking codes and query passwords avoid characters people misread (0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
