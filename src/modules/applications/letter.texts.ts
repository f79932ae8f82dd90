/**
 * The wording of the letters (文书) of the 依申请公开 workflow: numerals and dates in the official style,
 * the default templates and their placeholder whitelist, the field names of error messages, and the body
 * of each kind built from checked data. Pure, no I/O. The kinds, the input type, validation and
 * letterContent live in letter.rules.ts.
 *
 * Citations (shared/domain/regulations.md):
 * - 登记回执: 条例第三十一条 (收到申请之日 per channel), 第三十三条 (20 工作日, extension, consultation time),
 *   第三十条 (7 工作日 supplementation notice).
 * - 补正告知书: 条例第三十条 (one-time notice, the period runs again from the supplemented application,
 *   无正当理由逾期不补正 → 视为放弃申请).
 * - 延期答复告知书: 条例第三十三条第二款 (head of the office approves, at most 20 工作日, applicant told).
 * - 征求意见函: 条例第三十二条 (third party: 15 工作日, silence → the agency decides) and 第三十四条 (other
 *   agency: 15 工作日, silence → deemed consent).
 * - 收费通知书: 条例第四十二条 and 国办函〔2020〕109号 (B.2: basis, rate, amount, how to pay; 20 工作日 from the
 *   day after receipt; non-payment → 视为放弃申请). No remedy paragraph: an objection to the fee cannot be
 *   taken to reconsideration or court on its own (B12).
 * - 答复书: the opening, basis and mustAdd of reply.rules.ts, the remedy paragraph of remedyNotice.
 */
import { parseIsoDate } from '../../platform/calendar/dates.js';
import {
  CONSULTATION_WORKDAYS,
  FEE_PAYMENT_WORKDAYS,
  MAX_EXTENSION_WORKDAYS,
  REPLY_WORKDAYS,
  SUPPLEMENT_NOTICE_WORKDAYS,
} from './application.clock.js';
import { CHANNEL_RULES, DELIVERIES, FORMS_WANTED } from './intake.rules.js';
import type { CheckedLetter, LetterKind, LetterTable } from './letter.rules.js';
import { isRefusal, REPLY_TYPE_DEFS, remedyNotice } from './reply.rules.js';

// ---------------------------------------------------------------- numerals and dates

const DIGITS = '〇一二三四五六七八九';

/** 1–31 the way 公文 dates write them: 十, 十一, 二十, 二十一, 三十一. */
function chineseNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const head = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return ones === 0 ? head : head + DIGITS[ones];
}

/**
 * '2026-11-26' → '二〇二六年十一月二十六日': the date style of GB/T 9704-1999 still used by many agencies on
 * their 依申请公开 letters (〇 for zero, the year digit by digit, month and day in 十 forms). GB/T 9704-2012
 * 第7.3.5.4条 prefers Arabic numerals (arabicDate); letterContent's dateStyle chooses.
 */
export function chineseDate(iso: string): string {
  parseIsoDate(iso);
  const year = [...iso.slice(0, 4)].map((d) => DIGITS[Number(d)]).join('');
  return `${year}年${chineseNumber(Number(iso.slice(5, 7)))}月${chineseNumber(Number(iso.slice(8, 10)))}日`;
}

/** '2026-01-05' → '2026年1月5日' (GB/T 9704-2012 第7.3.5.4条: no leading zeros, 不编虚位). */
export function arabicDate(iso: string): string {
  parseIsoDate(iso);
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

export type DateStyle = 'chinese' | 'arabic';

export const formatDate = (iso: string, style: DateStyle): string =>
  style === 'chinese' ? chineseDate(iso) : arabicDate(iso);

const UPPER = '零壹贰叁肆伍陆柒捌玖';
const UPPER_UNITS = ['仟', '佰', '拾', ''] as const;
/** Largest amount rmbUppercase writes: 9999 亿 9999 万 9999 元. */
export const MAX_RMB_UPPERCASE = 999_999_999_999;

/** One group of four digits (1–9999): 1010 → '壹仟零壹拾'. */
function upperGroup(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 0; i < 4; i++) {
    const d = Math.floor(n / 10 ** (3 - i)) % 10;
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += UPPER[d]! + UPPER_UNITS[i]!;
  }
  return out;
}

/**
 * Whole 元 in the capital numerals of financial writing (大写金额): 1700 → '壹仟柒佰元整', 100500 →
 * '壹拾万零伍佰元整'. Fee amounts are whole 元 (fee.rules.ts), so there are no 角 and 分.
 */
export function rmbUppercase(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_RMB_UPPERCASE)
    throw new RangeError(`金额应为 0—${MAX_RMB_UPPERCASE} 的整数元：${amount}`);
  if (amount === 0) return '零元整';
  const groups = [Math.floor(amount / 1e8), Math.floor(amount / 1e4) % 1e4, amount % 1e4];
  const names = ['亿', '万', ''];
  let out = '';
  let gap = false;
  groups.forEach((g, i) => {
    if (g === 0) {
      gap = out !== '';
      return;
    }
    if (out !== '' && (gap || g < 1000)) out += '零';
    out += upperGroup(g) + names[i]!;
    gap = false;
  });
  return `${out}元整`;
}

// ---------------------------------------------------------------- default templates

const APPLICATION_INTRO =
  '您于{{receivedOn}}向本机关提出的政府信息公开申请（登记号：{{trackingCode}}）收悉。';

/** Titles name the agency first, as 公文 titles do (发文机关 + 事由 + 文种). */
const tpl = (doc: string, intro: string, closing = '特此告知。'): Record<TemplatePart, string> => ({
  title: `{{agencyName}}${doc}`,
  intro,
  closing,
});

/** The default title, intro and closing of each kind; admins may override them (letter.rules.ts). */
export const DEFAULT_TEMPLATES: Record<LetterKind, Record<TemplatePart, string>> = {
  receipt: tpl(
    '政府信息公开申请登记回执',
    '本机关已收到您提交的政府信息公开申请，现予登记，有关事项告知如下：',
  ),
  supplement: tpl('政府信息公开申请补正告知书', APPLICATION_INTRO),
  extension: tpl('政府信息公开申请延期答复告知书', APPLICATION_INTRO),
  consultation: tpl(
    '政府信息公开征求意见函',
    '本机关于{{receivedOn}}收到一份政府信息公开申请，申请公开“{{subject}}”。',
    '特此函询。',
  ),
  fee_notice: tpl('政府信息公开信息处理费收费通知书', APPLICATION_INTRO, '特此通知。'),
  reply: tpl(
    '政府信息公开申请答复书',
    '您于{{receivedOn}}向本机关提出的政府信息公开申请（登记号：{{trackingCode}}），申请获取“{{subject}}”，本机关已收悉。现答复如下：',
  ),
};

// ---------------------------------------------------------------- placeholders and field names

export type TemplatePart = 'title' | 'intro' | 'closing';
export type TemplateOverride = Partial<Record<TemplatePart, string>>;
/** Admin overrides per kind (stored elsewhere); a part left out keeps DEFAULT_TEMPLATES. */
export type LetterTemplates = Partial<Record<LetterKind, TemplateOverride>>;

/** The placeholders a template may use, and what each is replaced with. */
export const TEMPLATE_PLACEHOLDERS = {
  agencyName: '机关名称',
  referenceNo: '文书编号',
  letterName: '文书名称',
  letterDate: '文书日期',
  applicantName: '申请人',
  trackingCode: '登记号',
  subject: '所需信息',
  receivedOn: '收到申请之日',
  dueOn: '答复期限',
} as const;
export type TemplatePlaceholder = keyof typeof TEMPLATE_PLACEHOLDERS;

/** Not offered in a 征求意见函: it goes to a third party (see the module comment). */
const APPLICANT_ONLY: readonly TemplatePlaceholder[] = ['applicantName', 'trackingCode'];
export const TEMPLATE_MAX_LENGTH = 2000;

export const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const isPlaceholder = (name: string): name is TemplatePlaceholder =>
  Object.hasOwn(TEMPLATE_PLACEHOLDERS, name);

/**
 * The problems of a template text, as Chinese messages (empty when it can be used): unknown placeholders,
 * placeholders a kind does not offer, unpaired braces, excessive length.
 */
export function checkTemplate(template: string, kind?: LetterKind): string[] {
  if (typeof template !== 'string') return ['模板应为文本'];
  const problems: string[] = [];
  if (template.length > TEMPLATE_MAX_LENGTH) problems.push(`模板不能超过${TEMPLATE_MAX_LENGTH}个字`);
  const known = Object.entries(TEMPLATE_PLACEHOLDERS)
    .map(([k, v]) => `{{${k}}}（${v}）`)
    .join('、');
  for (const [, name = ''] of template.matchAll(PLACEHOLDER_RE)) {
    if (!isPlaceholder(name)) problems.push(`未知的占位符“{{${name}}}”。可用的占位符有：${known}`);
    else if (kind === 'consultation' && APPLICANT_ONLY.includes(name))
      problems.push(`占位符“{{${name}}}”不能用于征求意见函：该函发给第三方或其他机关，不披露申请人信息`);
  }
  const rest = template.replace(PLACEHOLDER_RE, '');
  if (rest.includes('{{') || rest.includes('}}'))
    problems.push('占位符格式不正确：应写作{{名称}}，“{{”与“}}”须成对出现');
  return problems;
}

/** The names of LetterData's fields as error messages give them. */
export const LETTER_FIELD_LABELS = {
  kind: '文书种类',
  agencyName: '机关名称',
  referenceNo: '文书编号',
  letterDate: '文书日期',
  applicantName: '申请人',
  trackingCode: '登记号',
  subject: '所需信息',
  receivedOn: '收到申请之日',
  dueOn: '答复期限',
  reconsiderationAgencies: '行政复议机关',
  'receipt.channel': '申请方式',
  'receipt.formWanted': '获取信息的形式',
  'receipt.delivery': '获取方式',
  'supplement.items': '补正事项',
  'supplement.deadline': '补正期限',
  'extension.days': '延长天数',
  'extension.newDueOn': '延长后的答复期限',
  'extension.reason': '延期理由',
  'consultation.party': '被征求意见方',
  'consultation.partyKind': '被征求意见方类型',
  'consultation.windowEnd': '提出意见的期限',
  'fee.method': '计费方式',
  'fee.quote': '收费计算结果',
  'fee.paymentInfo': '缴费方式',
  'reply.type': '答复类型',
  'reply.body': '答复理由',
  'reply.extra': '答复补充内容',
  templates: '文书模板',
} as const;
export type LetterField = keyof typeof LETTER_FIELD_LABELS;

// ---------------------------------------------------------------- bodies

/** What a kind adds between the intro and the closing. */
export interface LetterBody {
  paragraphs: string[];
  /** The table and the index of the body paragraph it follows. */
  table?: LetterTable & { afterBodyParagraph: number };
  /** What the drafter still has to fill in (shown in brackets in the text). */
  placeholders: string[];
}

const REG = '《中华人民共和国政府信息公开条例》';
const FEE_MEASURE = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号，以下简称《办法》）';

/** Cites the 条例 in full the first time, then as 《条例》 (as official letters do). */
function citer(): () => string {
  let first = true;
  return () => {
    if (!first) return '《条例》';
    first = false;
    return `${REG}（以下简称《条例》）`;
  };
}

/** Drops the closing full stop of a drafter's phrase that is embedded in a sentence. */
const phrase = (s: string) => s.replace(/[。；;.，,\s]+$/u, '');

/** A drafter's free text: one paragraph per non-empty line. */
export const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

function receiptBody(d: CheckedLetter<'receipt'>, date: (iso: string) => string): LetterBody {
  const reg = citer();
  const ch = CHANNEL_RULES[d.receipt.channel];
  const item = ch.basis.replace('条例第三十一条', '');
  const paragraphs = [
    `一、登记号（查询码）：${d.trackingCode}。您可以凭登记号查询申请的办理进度。`,
    `二、所需信息：${d.subject}。`,
  ];
  if (d.receipt.formWanted || d.receipt.delivery) {
    const parts = [
      d.receipt.formWanted ? `获取信息的形式为${FORMS_WANTED[d.receipt.formWanted]}` : '',
      d.receipt.delivery ? `获取方式为${DELIVERIES[d.receipt.delivery]}` : '',
    ].filter((p) => p !== '');
    paragraphs[1] += `您申请${parts.join('，')}。`;
  }
  paragraphs.push(
    `三、收到申请之日：${date(d.receivedOn)}。您的申请方式为${ch.label}，根据${reg()}第三十一条${item}的规定，以${ch.receivedOn}为收到申请之日。`,
    `四、答复期限：根据《条例》第三十三条第一款的规定，本机关将自收到申请之日起${REPLY_WORKDAYS}个工作日内作出答复，即于${date(d.dueOn)}前作出答复。需要延长答复期限的，经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过${MAX_EXTENSION_WORKDAYS}个工作日（《条例》第三十三条第二款）；征求第三方和其他机关意见所需时间不计算在答复期限内（《条例》第三十三条第三款）。`,
    `五、申请内容不明确的，本机关将自收到申请之日起${SUPPLEMENT_NOTICE_WORKDAYS}个工作日内一次性告知您作出补正，答复期限自收到补正后的申请之日起计算（《条例》第三十条）。`,
  );
  return { paragraphs, placeholders: [] };
}

function supplementBody(d: CheckedLetter<'supplement'>, date: (iso: string) => string): LetterBody {
  const reg = citer();
  return {
    paragraphs: [
      `经审查，您的申请内容不明确，本机关无法据此确定您所需的政府信息。根据${reg()}第三十条的规定，现一次性告知您对申请作出如下补正：`,
      ...d.supplement.items.map((item, i) => `${i + 1}.${item}`),
      `请您于${date(d.supplement.deadline)}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。`,
      '您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
    ],
    placeholders: [],
  };
}

function extensionBody(d: CheckedLetter<'extension'>, date: (iso: string) => string): LetterBody {
  const reg = citer();
  const e = d.extension;
  return {
    paragraphs: [
      `本机关原应于${date(d.dueOn)}前作出答复。因${phrase(e.reason)}，本机关不能在规定期限内作出答复。经本机关政府信息公开工作机构负责人同意，根据${reg()}第三十三条第二款的规定，答复期限延长${e.days}个工作日，延长后的答复期限至${date(e.newDueOn)}。`,
      `本机关将在延长后的答复期限内作出答复。延长答复期限最长不超过${MAX_EXTENSION_WORKDAYS}个工作日。`,
    ],
    placeholders: [],
  };
}

function consultationBody(d: CheckedLetter<'consultation'>, date: (iso: string) => string): LetterBody {
  const reg = citer();
  const c = d.consultation;
  const by = `请于${date(c.windowEnd)}前（自收到本函之日起${CONSULTATION_WORKDAYS}个工作日内）`;
  if (c.partyKind === 'third_party')
    return {
      paragraphs: [
        `经审查，本机关认为公开该政府信息可能损害贵方的合法权益。根据${reg()}第三十二条的规定，现书面征求贵方意见。`,
        `${by}以书面形式提出是否同意公开的意见；不同意公开的，请一并说明理由。`,
        '贵方逾期未提出意见的，由本机关依照《条例》的规定决定是否公开。贵方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方（《条例》第三十二条）。',
      ],
      placeholders: [],
    };
  return {
    paragraphs: [
      `经审查，该政府信息由本机关牵头、与贵机关共同制作。根据${reg()}第三十四条的规定，现征求贵机关意见。`,
      `${by}提出是否同意公开的意见。逾期未提出意见的，视为同意公开（《条例》第三十四条）。`,
    ],
    placeholders: [],
  };
}

const PIECE_STANDARD =
  '按件计收的标准为：同一申请人在一个自然月内累计申请10件以下（含10件）的，不收费；累计申请11—30件（含30件）的部分，每件收费100元；累计申请31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件（《办法》第四条）。';
const VOLUME_STANDARD =
  '按量计收的标准为：同一申请中，30页以下（含30页）的，不收费；31—100页（含100页）的部分，每页收费10元；101—200页（含200页）的部分，每页收费20元；200页以上的部分，每页收费40元（《办法》第五条）。';
export const PAYMENT_PLACEHOLDER = '〔请填写收款单位、账号或缴费渠道〕';

function feeBody(d: CheckedLetter<'fee_notice'>): LetterBody {
  const reg = citer();
  const { method, quote, paymentInfo } = d.fee;
  const unit = method === 'piece' ? '件' : '页';
  const units = quote.breakdown.reduce((s, l) => s + l.units, 0);
  const first = quote.breakdown[0]!.from;
  const last = quote.breakdown.at(-1)!.to;
  const range = (from: number, to: number) => (from === to ? `第${from}${unit}` : `第${from}—${to}${unit}`);
  const rows = quote.breakdown.map((l) => [
    range(l.from, l.to),
    `${l.units}${unit}`,
    `${l.rate}`,
    `${l.subtotal}`,
  ]);
  rows.push(['合计', `${units}${unit}`, '—', `${quote.amount}`]);
  const paragraphs = [
    `经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据${reg()}第四十二条和${FEE_MEASURE}第三条的规定，本机关决定对您的本次申请${method === 'piece' ? '按件计收' : '按量计收'}信息处理费。`,
    method === 'piece' ? PIECE_STANDARD : VOLUME_STANDARD,
    method === 'piece'
      ? `您本次申请计${units}件，为您本月累计申请的${range(first, last)}。`
      : `您本次申请所需的政府信息共计${units}页。`,
    `计费明细见下表。您应缴纳信息处理费人民币${quote.amount}元（大写：${rmbUppercase(quote.amount)}）。`,
    `缴费方式：${paymentInfo ? phrase(paymentInfo) : PAYMENT_PLACEHOLDER}。`,
    `请您自收到本通知书次日起${FEE_PAYMENT_WORKDAYS}个工作日内缴纳上述费用。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
  ];
  return {
    paragraphs,
    table: {
      caption: '信息处理费计费明细',
      head: ['计费区间', '数量', '单价（元）', '小计（元）'],
      rows,
      afterBodyParagraph: 3,
    },
    placeholders: paymentInfo ? [] : ['缴费方式'],
  };
}

export const REASONS_PLACEHOLDER = '〔请填写答复的具体理由和依据〕';

function replyBody(d: CheckedLetter<'reply'>): LetterBody {
  const { type, body, extra } = d.reply;
  const def = REPLY_TYPE_DEFS[type];
  const paragraphs = [def.opening];
  const placeholders: string[] = [];
  if (body) paragraphs.push(...lines(body));
  else if (isRefusal(type)) {
    // 条例第三十六条第（三）项、第三十七条: a 不予公开 decision must give its reasons.
    paragraphs.push(REASONS_PLACEHOLDER);
    placeholders.push('答复理由');
  }
  if (extra) paragraphs.push(...lines(extra));
  paragraphs.push(remedyNotice(type, d.reconsiderationAgencies));
  return { paragraphs, placeholders };
}

/** The body of a letter of the given kind from checked data. */
export function letterBody(d: CheckedLetter, date: (iso: string) => string): LetterBody {
  switch (d.kind) {
    case 'receipt':
      return receiptBody(d, date);
    case 'supplement':
      return supplementBody(d, date);
    case 'extension':
      return extensionBody(d, date);
    case 'consultation':
      return consultationBody(d, date);
    case 'fee_notice':
      return feeBody(d);
    case 'reply':
      return replyBody(d);
  }
}
