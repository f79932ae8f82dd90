/**
 * The formal letters (文书) of the 依申请公开 workflow as neutral content: one structure that the DOCX
 * renderer (letter.docx.ts) and an HTML view can both present. Pure: no I/O, no clock (the letter's date
 * is an argument). The wording of each kind is in letter.texts.ts; the citations are listed there.
 *
 * Templates: admins may override the title, intro and closing of each kind. Placeholders are `{{name}}`
 * from TEMPLATE_PLACEHOLDERS only and are replaced in a single pass by plain string substitution: nothing
 * is evaluated, and a value that itself contains `{{…}}` is printed as is.
 *
 * Privacy: a 征求意见函 goes to a third party or another agency, so it never names the applicant nor
 * gives the tracking code (条例第三十二条 consults on the information, not on who asked for it).
 */
import { CalendarInputError, parseIsoDate } from '../../platform/calendar/dates.js';
import { AppError } from '../../platform/errors.js';
import { MAX_EXTENSION_WORKDAYS } from './application.clock.js';
import type { FeeMethod, FeeQuote } from './fee.rules.js';
import {
  CHANNELS,
  type Channel,
  DELIVERIES,
  type Delivery,
  FORMS_WANTED,
  type FormWanted,
} from './intake.rules.js';
import {
  checkTemplate,
  type DateStyle,
  DEFAULT_TEMPLATES,
  formatDate,
  LETTER_FIELD_LABELS,
  type LetterField,
  type LetterTemplates,
  letterBody,
  MAX_RMB_UPPERCASE,
  PLACEHOLDER_RE,
  TEMPLATE_PLACEHOLDERS,
  type TemplatePart,
  type TemplatePlaceholder,
} from './letter.texts.js';
import { isReplyType, REPLY_TYPE_DEFS, type ReplyType } from './reply.rules.js';

export {
  arabicDate,
  checkTemplate,
  chineseDate,
  type DateStyle,
  LETTER_FIELD_LABELS,
  type LetterField,
  type LetterTemplates,
  rmbUppercase,
  TEMPLATE_PLACEHOLDERS,
} from './letter.texts.js';

export const LETTER_KINDS = [
  'receipt',
  'supplement',
  'extension',
  'consultation',
  'fee_notice',
  'reply',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_KIND_NAMES: Record<LetterKind, string> = {
  receipt: '登记回执',
  supplement: '补正告知书',
  extension: '延期答复告知书',
  consultation: '征求意见函',
  fee_notice: '收费通知书',
  reply: '答复书',
};

export const isLetterKind = (k: string): k is LetterKind => (LETTER_KINDS as readonly string[]).includes(k);

/** What the caller knows about the application and the letter; each kind needs its own section. */
export interface LetterData {
  /** The issuing agency, e.g. '示例市规划和自然资源局'. */
  agencyName: string;
  /** 文书编号, e.g. '示规资依申〔2026〕12号'. */
  referenceNo: string;
  /** The date of the letter (成文日期), 'YYYY-MM-DD'. */
  letterDate: string;
  /** How the applicant is addressed (name or a label such as '张某某'); not used by the 征求意见函. */
  applicantName?: string;
  /** The application's tracking code (登记号); not used by the 征求意见函. */
  trackingCode?: string;
  /** 所需信息: what the application asks for. */
  subject: string;
  /** 收到申请之日 (条例第三十一条), 'YYYY-MM-DD'. */
  receivedOn: string;
  /** The current reply due date (条例第三十三条); required by the receipt and the extension notice. */
  dueOn?: string;
  /** 行政复议机关 named in a reply's remedy paragraph (remedyNotice); required by the reply. */
  reconsiderationAgencies?: readonly string[];
  receipt?: { channel: Channel; formWanted?: FormWanted; delivery?: Delivery };
  /** 条例第三十条: what to supplement and by when. */
  supplement?: { items: readonly string[]; deadline: string };
  /** 条例第三十三条第二款: working days added, the new due date and why. */
  extension?: { days: number; newDueOn: string; reason: string };
  /** 条例第三十二条 (third_party) or 第三十四条 (agency); windowEnd is the last day to answer. */
  consultation?: { party: string; partyKind: 'third_party' | 'agency'; windowEnd: string };
  /** 109号: the method and the quote of fee.rules.ts; paymentInfo is how to pay (a placeholder if absent). */
  fee?: { method: FeeMethod; quote: FeeQuote; paymentInfo?: string };
  /** The reply type, the drafter's reasons (one paragraph per line) and the text its mustAdd requires. */
  reply?: { type: ReplyType; body?: string; extra?: string };
}

interface CheckedCommon {
  agencyName: string;
  referenceNo: string;
  letterDate: string;
  applicantName: string;
  trackingCode: string;
  subject: string;
  receivedOn: string;
  dueOn: string | null;
  reconsiderationAgencies: string[];
}

interface CheckedSections {
  receipt: { dueOn: string; receipt: NonNullable<LetterData['receipt']> };
  supplement: { supplement: { items: string[]; deadline: string } };
  extension: { dueOn: string; extension: NonNullable<LetterData['extension']> };
  consultation: { consultation: NonNullable<LetterData['consultation']> };
  fee_notice: { fee: { method: FeeMethod; quote: FeeQuote; paymentInfo: string } };
  reply: { reply: { type: ReplyType; body: string; extra: string } };
}

/** Data that passed checkLetterData: cleaned strings, the kind's section present. */
export type CheckedLetter<K extends LetterKind = LetterKind> = {
  [P in K]: CheckedCommon & CheckedSections[P] & { kind: P };
}[K];

export interface LetterTable {
  caption: string;
  head: string[];
  rows: string[][];
}

/** A letter ready to be presented: DOCX (letter.docx.ts) or HTML. */
export interface LetterContent {
  kind: LetterKind;
  title: string;
  referenceNo: string;
  /** Whom the letter is addressed to, without the closing '：' (the renderer adds it). */
  addressee: string;
  paragraphs: string[];
  /** The table goes after paragraphs[afterParagraph]. */
  table?: LetterTable & { afterParagraph: number };
  issuer: string;
  /** The formatted date of the letter. */
  date: string;
  sealNote: string;
  /** What the drafter still has to fill in; empty when the letter is complete. */
  placeholders: string[];
}

// ---------------------------------------------------------------- errors

/** Bad letter input: a VALIDATION_FAILED AppError whose Chinese message names the field. */
export class LetterInputError extends AppError {
  override name = 'LetterInputError';
  constructor(
    readonly field: LetterField | `templates.${LetterKind}.${TemplatePart}`,
    message: string,
  ) {
    super('VALIDATION_FAILED', { message, fields: { [field]: message } });
  }
}

const fail = (field: LetterField, problem: string): never => {
  throw new LetterInputError(field, `${LETTER_FIELD_LABELS[field]}：${problem}`);
};

// ---------------------------------------------------------------- field checks

const SHORT_MAX = 200;
const TEXT_MAX = 20_000;

/** Control characters break the XML of a DOCX: line and page breaks become newlines, the rest goes. */
function clean(s: string): string {
  return (
    s
      .replace(/\r\n?|[\v\f\u2028\u2029]/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '')
      .trim()
  );
}

function text(field: LetterField, value: unknown, opts: { required: boolean; multiline?: boolean }): string {
  if (value === undefined || value === null) return opts.required ? fail(field, '不能为空') : '';
  if (typeof value !== 'string') return fail(field, '应为文本');
  const s = opts.multiline ? clean(value) : clean(value).replace(/\s+/g, ' ');
  if (s === '' && opts.required) return fail(field, '不能为空');
  const max = opts.multiline ? TEXT_MAX : SHORT_MAX;
  if (s.length > max) return fail(field, `不能超过${max}个字`);
  return s;
}

function date(field: LetterField, value: unknown): string {
  if (value === undefined || value === null || value === '') return fail(field, '不能为空');
  try {
    return parseIsoDate(value as string);
  } catch (e) {
    if (e instanceof CalendarInputError) return fail(field, e.message);
    throw e;
  }
}

function after(
  field: LetterField,
  day: string,
  limit: string,
  limitField: LetterField,
  strict: boolean,
): void {
  if (strict ? day <= limit : day < limit)
    fail(field, `应${strict ? '晚于' : '不早于'}${LETTER_FIELD_LABELS[limitField]}（${limit}）`);
}

function section<T>(field: LetterField, value: T | undefined): T {
  if (value === undefined || value === null || typeof value !== 'object') return fail(field, '不能为空');
  return value;
}

function checkQuote(method: unknown, quote: FeeQuote): { method: FeeMethod; quote: FeeQuote } {
  if (method !== 'piece' && method !== 'volume') return fail('fee.method', '应为按件计收或按量计收');
  const lines = Array.isArray(quote.breakdown) ? quote.breakdown : [];
  if (lines.length === 0) return fail('fee.quote', '缺少计费明细');
  const int = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  let sum = 0;
  lines.forEach((l, i) => {
    const ok =
      [l.from, l.to, l.units, l.rate, l.subtotal].every(int) &&
      l.from >= 1 &&
      l.units === l.to - l.from + 1 &&
      l.subtotal === l.units * l.rate &&
      (i === 0 ? method === 'piece' || l.from === 1 : l.from === lines[i - 1]!.to + 1);
    if (!ok) fail('fee.quote', `第${i + 1}行计费明细有误`);
    sum += l.subtotal;
  });
  if (!int(quote.amount) || quote.amount !== sum) return fail('fee.quote', '应缴金额与计费明细合计不符');
  if (quote.amount === 0) return fail('fee.quote', '应缴金额为0元，无需发出收费通知（条例第四十二条）');
  if (quote.amount > MAX_RMB_UPPERCASE) return fail('fee.quote', '应缴金额超出可开具的范围');
  return { method, quote };
}

/** Checks the fields a kind needs and returns them cleaned; throws LetterInputError naming the field. */
export function checkLetterData(kind: LetterKind, data: LetterData): CheckedLetter {
  if (!isLetterKind(kind)) return fail('kind', `未知的文书种类“${String(kind)}”`);
  const forApplicant = kind !== 'consultation';
  const common: CheckedCommon = {
    agencyName: text('agencyName', data.agencyName, { required: true }),
    referenceNo: text('referenceNo', data.referenceNo, { required: true }),
    letterDate: date('letterDate', data.letterDate),
    applicantName: forApplicant ? text('applicantName', data.applicantName, { required: true }) : '',
    trackingCode: forApplicant ? text('trackingCode', data.trackingCode, { required: true }) : '',
    subject: text('subject', data.subject, { required: true, multiline: true }).replace(/\s+/g, ' '),
    receivedOn: date('receivedOn', data.receivedOn),
    dueOn: data.dueOn ? date('dueOn', data.dueOn) : null,
    reconsiderationAgencies: [],
  };
  after('letterDate', common.letterDate, common.receivedOn, 'receivedOn', false);
  const needDue = () => {
    const due = date('dueOn', data.dueOn);
    after('dueOn', due, common.receivedOn, 'receivedOn', true);
    return due;
  };

  switch (kind) {
    case 'receipt': {
      const r = section('receipt.channel', data.receipt);
      if (!CHANNELS.includes(r.channel)) fail('receipt.channel', '未知的申请方式');
      if (r.formWanted !== undefined && !Object.hasOwn(FORMS_WANTED, r.formWanted))
        fail('receipt.formWanted', '未知的形式');
      if (r.delivery !== undefined && !Object.hasOwn(DELIVERIES, r.delivery))
        fail('receipt.delivery', '未知的方式');
      return { ...common, kind, dueOn: needDue(), receipt: r };
    }
    case 'supplement': {
      const s = section('supplement.items', data.supplement);
      const raw: unknown = s.items;
      if (!Array.isArray(raw) || raw.length === 0)
        return fail('supplement.items', '至少列出一项需要补正的内容');
      const items = raw.map((i) => text('supplement.items', i, { required: true, multiline: true }));
      const deadline = date('supplement.deadline', s.deadline);
      after('supplement.deadline', deadline, common.letterDate, 'letterDate', true);
      return { ...common, kind, supplement: { items, deadline } };
    }
    case 'extension': {
      const e = section('extension.days', data.extension);
      const dueOn = needDue();
      if (!Number.isInteger(e.days) || e.days < 1 || e.days > MAX_EXTENSION_WORKDAYS)
        fail('extension.days', `应为1—${MAX_EXTENSION_WORKDAYS}的整数个工作日（条例第三十三条第二款）`);
      const newDueOn = date('extension.newDueOn', e.newDueOn);
      after('extension.newDueOn', newDueOn, dueOn, 'dueOn', true);
      // The notice goes out before the original period runs out (the safe reading, application.clock.ts).
      if (common.letterDate > dueOn) fail('letterDate', `延期须在原答复期限（${dueOn}）届满前告知申请人`);
      const reason = text('extension.reason', e.reason, { required: true, multiline: true });
      return { ...common, kind, dueOn, extension: { days: e.days, newDueOn, reason } };
    }
    case 'consultation': {
      const c = section('consultation.party', data.consultation);
      const party = text('consultation.party', c.party, { required: true });
      if (c.partyKind !== 'third_party' && c.partyKind !== 'agency')
        fail('consultation.partyKind', '应为第三方或其他行政机关');
      const windowEnd = date('consultation.windowEnd', c.windowEnd);
      after('consultation.windowEnd', windowEnd, common.letterDate, 'letterDate', true);
      return { ...common, kind, consultation: { party, partyKind: c.partyKind, windowEnd } };
    }
    case 'fee_notice': {
      const f = section('fee.method', data.fee);
      const { method, quote } = checkQuote(f.method, section('fee.quote', f.quote));
      const paymentInfo = text('fee.paymentInfo', f.paymentInfo, { required: false, multiline: true });
      return { ...common, kind, fee: { method, quote, paymentInfo } };
    }
    case 'reply': {
      const r = section('reply.type', data.reply);
      if (typeof r.type !== 'string' || !isReplyType(r.type)) return fail('reply.type', '未知的答复类型');
      const def = REPLY_TYPE_DEFS[r.type];
      const body = text('reply.body', r.body, { required: false, multiline: true });
      const extra = text('reply.extra', r.extra, { required: false, multiline: true });
      if (def.mustAdd && extra === '') fail('reply.extra', `“${def.name}”答复须写明${def.mustAdd}`);
      const agencies = Array.isArray(data.reconsiderationAgencies) ? data.reconsiderationAgencies : [];
      const names = agencies
        .map((a) => text('reconsiderationAgencies', a, { required: false }))
        .filter(Boolean);
      // 行政复议法第二十条第三款: a letter that does not name the organ extends the application period.
      if (names.length === 0) fail('reconsiderationAgencies', '答复书须写明行政复议机关的名称');
      return { ...common, kind, reconsiderationAgencies: names, reply: { type: r.type, body, extra } };
    }
  }
}

// ---------------------------------------------------------------- templates

/** Single-pass substitution of checked placeholders; the values are inserted literally. */
function fillTemplate(
  field: `templates.${LetterKind}.${TemplatePart}`,
  template: string,
  values: Partial<Record<TemplatePlaceholder, string>>,
): string {
  return template.replace(PLACEHOLDER_RE, (_, name: TemplatePlaceholder) => {
    const v = values[name];
    if (v === undefined)
      throw new LetterInputError(
        field,
        `文书模板：占位符“{{${name}}}”（${TEMPLATE_PLACEHOLDERS[name]}）在本文书中没有内容`,
      );
    return v;
  });
}

// ---------------------------------------------------------------- content

export interface LetterOptions {
  templates?: LetterTemplates;
  /** 'chinese' (default, 二〇二六年十一月二十六日) or 'arabic' (GB/T 9704-2012 第7.3.5.4条). */
  dateStyle?: DateStyle;
}

export const SEAL_NOTE = '（印章）';

/** The content of a letter of `kind`; throws LetterInputError for missing or bad fields and templates. */
export function letterContent(
  kind: LetterKind,
  data: LetterData,
  options: LetterOptions = {},
): LetterContent {
  const d = checkLetterData(kind, data);
  const style = options.dateStyle ?? 'chinese';
  const fmt = (iso: string) => formatDate(iso, style);
  const values: Partial<Record<TemplatePlaceholder, string>> = {
    agencyName: d.agencyName,
    referenceNo: d.referenceNo,
    letterName: LETTER_KIND_NAMES[kind],
    letterDate: fmt(d.letterDate),
    subject: d.subject,
    receivedOn: fmt(d.receivedOn),
    ...(kind === 'consultation' ? {} : { applicantName: d.applicantName, trackingCode: d.trackingCode }),
    ...(d.dueOn ? { dueOn: fmt(d.dueOn) } : {}),
  };
  const override = options.templates?.[kind] ?? {};
  const part = (p: TemplatePart): string => {
    const field = `templates.${kind}.${p}` as const;
    const given = override[p];
    if (given !== undefined && typeof given !== 'string')
      throw new LetterInputError(field, '文书模板：应为文本');
    const template = given ?? DEFAULT_TEMPLATES[kind][p];
    const problems = checkTemplate(template, kind);
    if (problems.length > 0) throw new LetterInputError(field, `文书模板（${p}）：${problems.join('；')}`);
    return clean(fillTemplate(field, template, values));
  };

  const title = part('title');
  if (title === '') throw new LetterInputError(`templates.${kind}.title`, '文书模板：标题不能为空');
  const intro = part('intro');
  const closing = part('closing');
  const body = letterBody(d, fmt);
  const head = intro === '' ? [] : [intro];
  const paragraphs = [...head, ...body.paragraphs, ...(closing === '' ? [] : [closing])];
  const { table } = body;
  return {
    kind,
    title,
    referenceNo: d.referenceNo,
    addressee: d.kind === 'consultation' ? d.consultation.party : d.applicantName,
    paragraphs,
    ...(table
      ? {
          table: {
            caption: table.caption,
            head: table.head,
            rows: table.rows,
            afterParagraph: head.length + table.afterBodyParagraph,
          },
        }
      : {}),
    issuer: d.agencyName,
    date: fmt(d.letterDate),
    sealNote: SEAL_NOTE,
    placeholders: body.placeholders,
  };
}
