/**
 * 索引号 (index number) of a disclosed item. Pure: no I/O.
 *
 * 《政府信息公开目录系统实施指引（试行）》 (国务院办公厅秘书局) core metadata field 1: a unique, permanent
 * identifier of the form 前段码/后段码, where 前段码 is the publisher's 9-character 组织机构代码 with the
 * hyphen removed and 后段码 is a 4-digit year, "-", and a 5-digit serial: 20 characters in all, e.g.
 * 000014349/2017-00110 (国务院办公厅, domain doc C.2–C.3). Since the 统一社会信用代码 replaced the
 * organisation code, publishers such as Guangdong's gkmlpt use the 18-character code instead
 * (11441700007280420Y/2021-00050, 29 characters), so both prefixes are accepted.
 *
 * The number never changes once issued, even if the publisher does (指引; domain doc C.3), so serials
 * are never reused: nextSerial continues after the highest one ever issued.
 */
import { AppError } from '../../platform/errors.js';

export type PrefixKind = 'org9' | 'uscc18';

export type PrefixResult =
  | { ok: true; kind: PrefixKind; normalised: string; checkDigitValid: boolean }
  | { ok: false; error: string };

export interface IndexNumber {
  prefix: string;
  kind: PrefixKind;
  year: number;
  serial: number;
  /** False when the prefix has the right shape but its check character does not compute. */
  checkDigitValid: boolean;
  /** The canonical 索引号 (upper case, no hyphen in the organisation code). */
  indexNumber: string;
}

export const SERIAL_MAX = 99999;
export const INDEX_YEAR_MIN = 1949;
export const INDEX_YEAR_MAX = 2100;

/** GB 11714-1997: body characters 0–9 A–Z have the values 0–35. */
const ORG_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
/** GB 32100-2015: 31 characters, without I O Z S V; a character's value is its position. */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Full-width to ASCII, any dash to '-', no whitespace, upper case: how codes are typed or pasted. */
function fold(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '')
    .toUpperCase();
}

function invalid(message: string): AppError {
  return new AppError('VALIDATION_FAILED', { message });
}

/**
 * The check character of a 组织机构代码 body (GB 11714-1997): C9 = 11 − (Σ Ci·Wi mod 11), weights
 * 3 7 9 10 5 8 4 2; a result of 10 is written X and 11 is written 0.
 */
export function orgCodeCheckChar(body8: string): string {
  const body = fold(body8);
  if (!/^[0-9A-Z]{8}$/.test(body)) throw invalid(`组织机构代码本体应为8位数字或大写字母：${body8}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CHARSET.indexOf(body[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  if (c === 10) return 'X';
  if (c === 11) return '0';
  return String(c);
}

/**
 * The check character of a 统一社会信用代码 (GB 32100-2015): C18 = 31 − (Σ Ci·Wi mod 31), weights
 * 3^i mod 31; a result of 31 is written 0, any other is the character at that position of the charset.
 */
export function usccCheckChar(first17: string): string {
  const s = fold(first17);
  if (!/^[0-9A-HJ-NP-RTUW-Y]{17}$/.test(s)) {
    throw invalid(`统一社会信用代码前17位应为数字或大写字母（不含 I、O、Z、S、V）：${first17}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(s[i]!) * USCC_WEIGHTS[i]!;
  const c = 31 - (sum % 31);
  return USCC_CHARSET[c === 31 ? 0 : c]!;
}

/**
 * The shape and check of a 索引号 前段码. A 9-character 组织机构代码 may be written XXXXXXXX-X; the
 * hyphen is dropped, as the 指引 requires. By default a wrong check character is an error (it catches
 * typing slips when a publisher's code is entered); with allowBadCheckChar the code is accepted and
 * checkDigitValid is false, for numbers that already exist and must be read as they are.
 */
export function validatePrefix(prefix: string, opts: { allowBadCheckChar?: boolean } = {}): PrefixResult {
  let code = fold(prefix);
  if (code.length === 0) return { ok: false, error: '索引号前段码不能为空' };
  if (/^[0-9A-Z]{8}-[0-9A-Z]$/.test(code)) code = code.replace('-', '');
  if (!/^[0-9A-Z]+$/.test(code)) {
    return { ok: false, error: '前段码只能包含数字和字母（组织机构代码可写作 XXXXXXXX-X）' };
  }
  let kind: PrefixKind;
  let expected: string;
  if (code.length === 9) {
    kind = 'org9';
    expected = orgCodeCheckChar(code.slice(0, 8));
  } else if (code.length === 18) {
    kind = 'uscc18';
    if (/[IOZSV]/.test(code)) return { ok: false, error: '统一社会信用代码不能包含字母 I、O、Z、S、V' };
    if (!/^\d{6}$/.test(code.slice(2, 8))) {
      return { ok: false, error: '统一社会信用代码第3至8位应为登记管理机关行政区划码（6位数字）' };
    }
    expected = usccCheckChar(code.slice(0, 17));
  } else {
    return {
      ok: false,
      error: `前段码应为9位组织机构代码或18位统一社会信用代码，当前为${code.length}位`,
    };
  }
  const actual = code.slice(-1);
  const checkDigitValid = actual === expected;
  if (!checkDigitValid && !opts.allowBadCheckChar) {
    const name =
      kind === 'org9' ? '组织机构代码校验码错误：按 GB 11714' : '统一社会信用代码校验码错误：按 GB 32100';
    return { ok: false, error: `${name} 计算末位应为 ${expected}，实际为 ${actual}，请核对` };
  }
  return { ok: true, kind, normalised: code, checkDigitValid };
}

export function isValidOrgCode(code: string): boolean {
  const r = validatePrefix(code);
  return r.ok && r.kind === 'org9';
}

export function isValidUscc(code: string): boolean {
  const r = validatePrefix(code);
  return r.ok && r.kind === 'uscc18';
}

function yearProblem(year: number): string | null {
  if (!Number.isInteger(year) || year < INDEX_YEAR_MIN || year > INDEX_YEAR_MAX) {
    return `索引号年份应为 ${INDEX_YEAR_MIN}—${INDEX_YEAR_MAX} 之间的四位整数：${year}`;
  }
  return null;
}

function serialProblem(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > SERIAL_MAX) {
    return `索引号顺序号应为 1—${SERIAL_MAX} 之间的整数：${serial}`;
  }
  return null;
}

/**
 * 前段码/YYYY-NNNNN. The prefix must have a valid shape; its check character is verified when the
 * publisher's code is saved (validatePrefix), not here, so that a stored legacy prefix can still number
 * its documents.
 */
export function formatIndexNumber(prefix: string, year: number, serial: number): string {
  const p = validatePrefix(prefix, { allowBadCheckChar: true });
  if (!p.ok) throw invalid(p.error);
  const problem = yearProblem(year) ?? serialProblem(serial);
  if (problem) throw invalid(problem);
  return `${p.normalised}/${year}-${String(serial).padStart(5, '0')}`;
}

/**
 * A 索引号 as found on a page or typed into a form, or null when it is not one. The prefix may be
 * hyphenated, lower case or full-width; a wrong check character does not stop parsing (real numbers
 * must be readable as published) but is reported in checkDigitValid.
 */
export function parseIndexNumber(s: string): IndexNumber | null {
  const m = /^([^/]+)\/(\d{4})-(\d{5})$/.exec(fold(s));
  if (!m) return null;
  const p = validatePrefix(m[1]!, { allowBadCheckChar: true });
  if (!p.ok) return null;
  const year = Number(m[2]);
  const serial = Number(m[3]);
  if (yearProblem(year) || serialProblem(serial)) return null;
  return {
    prefix: p.normalised,
    kind: p.kind,
    year,
    serial,
    checkDigitValid: p.checkDigitValid,
    indexNumber: `${p.normalised}/${m[2]}-${m[3]}`,
  };
}

/**
 * Whether a search query is a 索引号 lookup: a whole number, or only its 后段码 (YYYY-NNNNN), which
 * result lists may show on its own (指引; domain doc C.2).
 */
export function looksLikeIndexNumber(query: string): boolean {
  const q = fold(query);
  if (parseIndexNumber(q)) return true;
  const m = /^(\d{4})-(\d{5})$/.exec(q);
  return m !== null && !yearProblem(Number(m[1])) && !serialProblem(Number(m[2]));
}

/**
 * The serial for the next 索引号 of a publisher's year: one past the highest ever issued. Gaps left by
 * withdrawn items are not filled, because an issued number stays with its item for good.
 */
export function nextSerial(existingSerialsForYear: readonly number[]): number {
  let max = 0;
  for (const s of existingSerialsForYear) {
    if (serialProblem(s)) {
      throw new AppError('INTERNAL', { details: { reason: 'invalid stored 索引号 serial', serial: s } });
    }
    if (s > max) max = s;
  }
  if (max >= SERIAL_MAX) {
    throw new AppError('CONFLICT', { message: `本年度索引号顺序号已达上限 ${SERIAL_MAX}，无法继续编号` });
  }
  return max + 1;
}
