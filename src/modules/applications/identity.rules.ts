/**
 * Identity documents of applicants (身份证明, 条例第二十九条第二款第（一）项) and masking of personal data
 * in lists and exports. Pure: no I/O, no clock (today is an argument).
 *
 * - 居民身份证 (GB 11643-1999 公民身份号码): 6-digit 地址码 (format only: first digit 1–9, no region
 *   table), 8-digit 出生日期码 YYYYMMDD, 3-digit 顺序码, then a check character by ISO 7064 MOD 11-2.
 *   The birth date must be a real date, not before 1900-01-01 and not after today.
 *   Old 15-digit numbers (birth 19YYMMDD, no check character) were printed only on first-generation
 *   cards, which ceased to be valid on 2013-01-01 (全国人大常委会关于修改《居民身份证法》的决定, 2011).
 *   Decision: rejected by default with a message saying so; `allowLegacy15` (for imports of archived
 *   applications) accepts them and returns the upgraded 18-digit number.
 * - 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set without I O Z S V;
 *   1 登记管理部门代码 and 2 机构类别代码 (format only: any character of the set), 3–8 登记管理机关
 *   行政区划码 (digits, GB/T 2260), 9–17 主体标识码, 18 check character (MOD 31). The GB 11714 check of
 *   the embedded organisation code is NOT applied: not every registered body's code is known to follow it.
 * - Other documents (护照, 通行证, 外国人永久居留身份证, 其他): light checks only (non-empty, at most 50
 *   characters, printable). Their formats changed over time and differ by issuing country.
 *
 * Input normalisation, for every type: full-width ASCII (typed with a Chinese IME) becomes half-width,
 * and for 居民身份证 and 统一社会信用代码 all white space is removed (people type numbers in groups) and
 * letters are upper-cased (x → X). Other documents are trimmed only.
 */
import { fieldError } from '../../platform/errors.js';

export const ID_DOCUMENT_TYPES = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreign_pr_card',
  'credit_code',
  'other',
] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export type DocumentHolder = 'person' | 'organisation';

export interface IdDocumentDef {
  name: string;
  /** How a form names the number field, and the subject of every message about it. */
  field: string;
  holders: readonly DocumentHolder[];
}

export const ID_DOCUMENTS: Record<IdDocumentType, IdDocumentDef> = {
  resident_id: { name: '居民身份证', field: '身份证号码', holders: ['person'] },
  passport: { name: '护照', field: '护照号码', holders: ['person'] },
  hk_macao_permit: { name: '港澳居民来往内地通行证', field: '通行证号码', holders: ['person'] },
  taiwan_permit: { name: '台湾居民来往大陆通行证', field: '通行证号码', holders: ['person'] },
  foreign_pr_card: { name: '外国人永久居留身份证', field: '永久居留身份证号码', holders: ['person'] },
  credit_code: { name: '统一社会信用代码', field: '统一社会信用代码', holders: ['organisation'] },
  other: { name: '其他', field: '证件号码', holders: ['person', 'organisation'] },
};

/** The document types a person or an organisation may choose, in form order. */
export function documentTypesFor(holder: DocumentHolder): IdDocumentType[] {
  return ID_DOCUMENT_TYPES.filter((t) => ID_DOCUMENTS[t].holders.includes(holder));
}

/** A checked number: the normalised value to store, or a Chinese message naming the field. */
export type IdCheck = { ok: true; value: string; birthDate?: string } | { ok: false; message: string };

const fail = (message: string): IdCheck => ({ ok: false, message });

/** The longest number accepted for the lightly checked types. */
export const OTHER_DOCUMENT_MAX_LENGTH = 50;

/** Full-width ASCII (U+FF01–FF5E) and the ideographic space become their half-width forms. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** For numbers that never contain spaces or lower case: half-width, no white space, upper case. */
export function compactCode(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
}

// ---------------------------------------------------------------- 居民身份证 (GB 11643-1999)

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';
export const MIN_BIRTH_DATE = '1900-01-01';

/** The check character of a 17-digit body (ISO 7064 MOD 11-2: index Σ(aᵢ·wᵢ) mod 11 into '10X98765432'). */
export function residentIdCheckChar(body: string): string {
  if (!/^\d{17}$/.test(body)) throw new RangeError('residentIdCheckChar: body must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** 'YYYYMMDD' → 'YYYY-MM-DD' when it names a real Gregorian date, otherwise null. */
export function parseCompactDate(s: string): string | null {
  if (!/^\d{8}$/.test(s)) return null;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return null;
  const max = m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]!;
  if (d > max) return null;
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

function checkToday(today: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || parseCompactDate(today.replaceAll('-', '')) === null)
    throw new RangeError(`today must be a real date as YYYY-MM-DD, got ${JSON.stringify(today)}`);
}

function checkBirthDate(field: string, compact: string, today: string): string | { message: string } {
  const birth = parseCompactDate(compact);
  if (birth === null) return { message: `${field}中的出生日期不是有效日期` };
  if (birth < MIN_BIRTH_DATE) return { message: `${field}中的出生日期早于1900年，请核对` };
  if (birth > today) return { message: `${field}中的出生日期晚于今天，请核对` };
  return birth;
}

/** An old 15-digit number as 18 digits: '19' inserted before the birth date, check character appended. */
export function upgradeLegacyResidentId(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError('upgradeLegacyResidentId: expects 15 digits');
  const body = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return body + residentIdCheckChar(body);
}

export interface ResidentIdOptions {
  /** Accept old 15-digit numbers and return them upgraded to 18 digits (default false). */
  allowLegacy15?: boolean;
}

/** Checks a 居民身份证 number; on success `value` is the normalised 18-character number. */
export function checkResidentId(raw: string, today: string, options: ResidentIdOptions = {}): IdCheck {
  checkToday(today);
  const field = ID_DOCUMENTS.resident_id.field;
  const id = compactCode(raw);
  if (id === '') return fail(`请填写${field}`);
  if (id.length === 15 && /^\d{15}$/.test(id)) {
    if (!options.allowLegacy15) return fail(`15位${field}已停止使用，请填写18位居民身份证号码`);
    if (id[0] === '0') return fail(`${field}地址码不正确`);
    const birth = checkBirthDate(field, `19${id.slice(6, 12)}`, today);
    if (typeof birth !== 'string') return fail(birth.message);
    return { ok: true, value: upgradeLegacyResidentId(id), birthDate: birth };
  }
  if (id.length !== 18) return fail(`${field}应为18位`);
  if (!/^\d{17}[\dX]$/.test(id)) return fail(`${field}前17位应为数字，最后一位应为数字或字母X`);
  if (id[0] === '0') return fail(`${field}地址码不正确`);
  const birth = checkBirthDate(field, id.slice(6, 14), today);
  if (typeof birth !== 'string') return fail(birth.message);
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return fail(`${field}校验位不正确`);
  return { ok: true, value: id, birthDate: birth };
}

// ---------------------------------------------------------------- 统一社会信用代码 (GB 32100-2015)

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character of a 17-character body: 31 − (Σ(value·weight) mod 31), where 31 means '0'. */
export function creditCodeCheckChar(body: string): string {
  if (body.length !== 17) throw new RangeError('creditCodeCheckChar: body must be 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(body[i]!);
    if (v < 0) throw new RangeError(`creditCodeCheckChar: ${body[i]} is not in the GB 32100 set`);
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Checks a 统一社会信用代码; on success `value` is the normalised (upper-case) code. */
export function checkCreditCode(raw: string): IdCheck {
  const field = ID_DOCUMENTS.credit_code.field;
  const code = compactCode(raw);
  if (code === '') return fail(`请填写${field}`);
  if (code.length !== 18) return fail(`${field}应为18位`);
  if ([...code].some((c) => !CREDIT_CODE_CHARSET.includes(c)))
    return fail(`${field}只能包含数字和大写字母（不使用I、O、Z、S、V）`);
  if (!/^\d{6}$/.test(code.slice(2, 8))) return fail(`${field}第3至8位（登记管理机关行政区划码）应为数字`);
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return fail(`${field}校验位不正确`);
  return { ok: true, value: code };
}

// ---------------------------------------------------------------- other documents

/** Non-empty, at most 50 characters, no control or invisible format characters. */
export function checkOtherDocument(type: IdDocumentType, raw: string): IdCheck {
  const field = ID_DOCUMENTS[type].field;
  const value = toHalfWidth(raw).trim();
  if (value === '') return fail(`请填写${field}`);
  if ([...value].length > OTHER_DOCUMENT_MAX_LENGTH)
    return fail(`${field}不能超过${OTHER_DOCUMENT_MAX_LENGTH}个字符`);
  if (/\p{C}/u.test(value)) return fail(`${field}含有不可打印的字符`);
  return { ok: true, value };
}

/** Checks any document type (today is needed for the birth date of a 居民身份证). */
export function checkIdDocument(
  type: IdDocumentType,
  raw: string,
  today: string,
  options: ResidentIdOptions = {},
): IdCheck {
  if (!ID_DOCUMENT_TYPES.includes(type)) return fail('请选择有效的证件类型');
  if (type === 'resident_id') return checkResidentId(raw, today, options);
  if (type === 'credit_code') return checkCreditCode(raw);
  return checkOtherDocument(type, raw);
}

/**
 * For services: the normalised number, or an AppError VALIDATION_FAILED whose `fields` names the form
 * field, so the JSON reply and the HTML form show the same message.
 */
export function requireIdDocument(
  formField: string,
  type: IdDocumentType,
  raw: string,
  today: string,
  options: ResidentIdOptions = {},
): string {
  const r = checkIdDocument(type, raw, today, options);
  if (!r.ok) throw fieldError(formField, r.message);
  return r.value;
}

// ---------------------------------------------------------------- masking for lists and exports

/** At least this many characters are hidden before the standard keep-start/keep-end pattern applies. */
export const MIN_MASKED = 4;

/**
 * Keeps `keepStart` and `keepEnd` characters (code points, so a rare CJK character is never split) and
 * replaces each hidden character by '*', keeping the length. A string too short for the pattern with
 * MIN_MASKED hidden characters shows at most a third of itself: floor(n/3) characters, the larger half
 * at the start (3–5 characters keep the first, 6–8 the first and last, 1–2 show nothing).
 */
export function maskMiddle(value: string | null | undefined, keepStart: number, keepEnd: number): string {
  const chars = [...(value ?? '').trim()];
  const n = chars.length;
  if (n === 0) return '';
  let start = keepStart;
  let end = keepEnd;
  if (n < keepStart + keepEnd + MIN_MASKED) {
    const visible = Math.floor(n / 3);
    start = Math.ceil(visible / 2);
    end = visible - start;
  }
  return chars.slice(0, start).join('') + '*'.repeat(n - start - end) + chars.slice(n - end).join('');
}

/** 居民身份证: 地址码 (6) and the last 4 kept, the birth date hidden: '110105********002X'. */
export const maskIdNumber = (v: string | null | undefined): string => maskMiddle(v, 6, 4);

/** 统一社会信用代码: department, category and region (6) and the last 4 kept: '914403********8216'. */
export const maskCreditCode = (v: string | null | undefined): string => maskMiddle(v, 6, 4);

/** Mobile numbers: first 3 and last 4 kept: '138****5678'; other numbers follow maskMiddle. */
export const maskPhone = (v: string | null | undefined): string => maskMiddle(v, 3, 4);

/** Any document number by type; passports and permits keep 2 + 2: 'E1*****78'. */
export function maskDocumentNumber(type: IdDocumentType, v: string | null | undefined): string {
  if (type === 'resident_id') return maskIdNumber(v);
  if (type === 'credit_code') return maskCreditCode(v);
  return maskMiddle(v, 2, 2);
}

/**
 * E-mail: the first character of the local part and a fixed '***' (which hides the length), the domain
 * in full: 'a***@example.com'. A one-character local part shows nothing of it: '***@example.com'. The
 * last '@' separates the domain. Without an '@' the value is masked as maskMiddle(v, 1, 0).
 */
export function maskEmail(value: string | null | undefined): string {
  const v = (value ?? '').trim();
  const at = v.lastIndexOf('@');
  if (at < 0) return maskMiddle(v, 1, 0);
  const local = [...v.slice(0, at)];
  const head = local.length >= 2 ? local[0]! : '';
  return `${head}***${v.slice(at)}`;
}

/** Names: the first character kept, one '*' for each other character: '张**', '欧***'; one character → '*'. */
export function maskName(value: string | null | undefined): string {
  const chars = [...(value ?? '').trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
