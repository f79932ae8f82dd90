import { cipherOf, type DataKeys } from '../../platform/crypto.js';
import type { Executor } from '../../platform/db/index.js';
import { queueMail } from '../../platform/mail/outbox.js';
import type { ApplicationRow } from './application.repository.js';
import { isReplyType, REPLY_TYPE_DEFS } from './reply.rules.js';

/**
 * E-mails to the applicant about the steps that concern them, written to the outbox in the same
 * transaction as the step (sent by the send-outbox job). Only when the applicant gave an address.
 */
const MESSAGES: Record<string, (a: ApplicationRow, d: Record<string, unknown>) => [string, string] | null> = {
  register: (a) => [
    '您的政府信息公开申请已登记',
    `收到申请之日：${a.received_on}（${a.receipt_basis ?? ''}）。答复期限：${a.due_on ?? '见办理进度'}。`,
  ],
  request_supplement: (_a, d) => [
    '政府信息公开申请补正告知',
    `您的申请内容需要补正：${String(d.items)}。请于 ${String(d.dueOn)} 前补正；无正当理由逾期不补正的，视为放弃申请（《中华人民共和国政府信息公开条例》第三十条）。`,
  ],
  receive_supplement: (a) => [
    '已收到您的补正材料',
    `答复期限自收到补正申请之日重新计算，现为 ${a.due_on ?? '见办理进度'}。`,
  ],
  supplement_lapsed: () => [
    '政府信息公开申请视为放弃',
    '您未在补正期限内补正，依照条例第三十条视为放弃申请。',
  ],
  extend: (a, d) => [
    '延期答复告知',
    `经批准，答复期限延长 ${String(d.days)} 个工作日（条例第三十三条第二款），延长后的答复期限为 ${a.due_on ?? '见办理进度'}。`,
  ],
  issue_fee_notice: (_a, d) => [
    '信息处理费收费通知',
    `依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本申请应缴纳信息处理费 ${String(d.amount)} 元，请于 ${String(d.dueOn)} 前缴纳；逾期未缴纳的，视为放弃申请。收费通知书另行送达。`,
  ],
  fee_lapsed: () => ['政府信息公开申请视为放弃', '您未在缴费期限内缴纳信息处理费，本机关不再处理该申请。'],
  reply: (a) => {
    const t = a.reply_type && isReplyType(a.reply_type) ? REPLY_TYPE_DEFS[a.reply_type].name : '';
    return [
      '政府信息公开申请答复',
      `本机关已于 ${a.replied_on} 对您的申请作出答复${t ? `（${t}）` : ''}，答复书按您选择的方式送达。`,
    ];
  },
  withdraw: () => ['申请已撤回', '您的政府信息公开申请已撤回，本机关不再处理。'],
};

export async function notifyApplicant(
  db: Executor,
  keys: DataKeys,
  app: ApplicationRow,
  action: string,
  data: Record<string, unknown>,
  sequence: number,
): Promise<void> {
  const compose = MESSAGES[action];
  if (!compose) return;
  const personal = JSON.parse(cipherOf(keys).decrypt(app.personal_sealed)) as {
    email?: string | null;
    name: string;
  };
  if (!personal.email) return;
  const message = compose(app, data);
  if (!message) return;
  const [subject, text] = message;
  await queueMail(db, keys, {
    dedupeKey: `application:${app.id}:${sequence}:${action}`,
    to: personal.email,
    subject: `${subject}（查询码 ${app.tracking_code}）`,
    body: `${personal.name}：\n\n${text}\n\n查询码：${app.tracking_code}。可凭查询码和查询密码在网站“依申请公开—办理进度查询”查看办理情况。`,
    related: { type: 'application', id: app.id },
  });
}
