/**
 * Personal-data screening of a document before it is published (主动公开前的个人信息筛查).
 *
 * 政府信息公开条例第十五条 forbids publishing information whose disclosure harms a third party's
 * privacy, and 个人信息保护法第二十八条 lists 金融账户 among sensitive personal information; every
 * finding must be masked or dismissed with a reason before the document can be published. This module only finds and masks: pure functions, no I/O, no clock
 * unless the caller leaves `today` out.
 *
 * Offsets: full-width characters (０-９, ＋, （, ＠ ...) are folded one UTF-16 unit to one unit
 * before matching, so every `start`/`end` is an offset in the caller's original string.
 *
 * Choices (see the tests for each):
 * - 18-digit IDs (GB 11643-1999) are `high` only with a valid province code (GB/T 2260), a real
 *   birth date from 1900-01-01 to today and a correct check digit. A wrong check digit with a valid
 *   province and date is still reported, `low`, as a possible mistyped ID (a typo still reveals
 *   region, birth date and sequence); a bad province or date is not an ID at all.
 * - 15-digit IDs have no check digit, so they are `medium`.
 * - Bank cards (ISO/IEC 7812): 16-19 digits, Luhn, IIN starting 3/4/5/6/9. A valid 18-digit ID wins
 *   over a Luhn-valid card; a Luhn-valid card wins over a possible (bad check digit) ID.
 * - Numbers never match inside a longer run of digits or letters (codes such as 索引号 and
 *   统一社会信用代码), nor as part of a decimal (`.` followed by a digit) or an e-mail local part.
 * - Landlines are `low`: offices legitimately publish their phone numbers. E-mail on a .gov.cn
 *   domain is `low` for the same reason. Vehicle plates are `low`, passports `medium`.
 */
import { AppError } from '../../platform/errors.js';

export type FindingKind =
  | 'id_card'
  | 'id_card_15'
  | 'mobile'
  | 'bank_card'
  | 'email'
  | 'landline'
  | 'passport'
  | 'plate';

export type FindingSeverity = 'high' | 'medium' | 'low';

export interface Finding {
  kind: FindingKind;
  severity: FindingSeverity;
  /** Which field of the document (title, body, attachment:3 ...). */
  field: string;
  /** UTF-16 offsets into the original field text, end exclusive. */
  start: number;
  end: number;
  /** The matched text as written (full-width digits kept). */
  text: string;
  masked: string;
  /** Chinese label for reviewers, e.g. 身份证号（校验位正确）. */
  label: string;
}

export interface ScreenOptions {
  /** The last acceptable birth date of an ID; defaults to now (the only impure default). */
  today?: Date;
}

// GB 11643-1999 (ISO 7064 MOD 11-2): weights 2^(17-i) mod 11 for positions 1-17; check = table[sum mod 11].
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643-1999 check character ('0'-'9' or 'X') for the first 17 digits of an ID. */
export function idCardCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCardCheckDigit needs exactly 17 ASCII digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/** Luhn (ISO/IEC 7812-1 Annex B): from the right, double every second digit. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * First two digits of an ID: province-level codes of GB/T 2260, plus 71 (台湾), 81 (香港), 82 (澳门)
 * and 83 (港澳台居民居住证 for Taiwan residents).
 */
export function isProvinceCode(code: string): boolean {
  if (!/^\d{2}$/.test(code)) return false;
  const n = Number(code);
  const ranges: ReadonlyArray<readonly [number, number]> = [
    [11, 15],
    [21, 23],
    [31, 37],
    [41, 46],
    [50, 54],
    [61, 65],
    [71, 71],
    [81, 83],
  ];
  return ranges.some(([lo, hi]) => n >= lo && n <= hi);
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

function ymd(date: Date): number {
  return date.getFullYear() * 10000 + (date.getMonth() + 1) * 100 + date.getDate();
}

/** YYYYMMDD is a real calendar date from 1900-01-01 up to and including `today`. */
function isPlausibleBirthDate(yyyymmdd: string, today: Date): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  return y >= 1900 && isRealDate(y, m, d) && Number(yyyymmdd) <= ymd(today);
}

/**
 * Fold full-width ASCII (U+FF01-FF5E), the ideographic space, NBSP and dash variants to ASCII,
 * one UTF-16 unit for one, so offsets in the folded text are offsets in the original.
 */
export function foldWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0xa0) out += ' ';
    else if ((c >= 0x2010 && c <= 0x2014) || c === 0x2212) out += '-';
    else out += text[i];
  }
  return out;
}

/** Keep the first `head` and last `tail` digits (X counts as a digit), star the other digits. */
function maskDigits(text: string, head: number, tail: number): string {
  const folded = foldWidth(text);
  const total = (folded.match(/[0-9Xx]/g) ?? []).length;
  let seen = 0;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!/[0-9Xx]/.test(folded[i]!)) {
      out += text[i];
      continue;
    }
    out += seen < head || seen >= total - tail ? text[i] : '*';
    seen++;
  }
  return out;
}

/**
 * The masked form of a finding's text: ID 110101********1234, mobile 138****5678, card
 * 6222********1234 (length and separators kept), e-mail z***@example.com, landline area code and
 * last 4 digits, passport first and last 3, plate 津A***45.
 */
export function maskFinding(f: Pick<Finding, 'kind' | 'text'>): string {
  const folded = foldWidth(f.text);
  const digitCount = (folded.match(/\d/g) ?? []).length;
  switch (f.kind) {
    case 'id_card':
    case 'id_card_15':
      return maskDigits(f.text, 6, 4);
    case 'mobile':
      // Keep a +86/86 prefix and the first 3 digits of the 11-digit national number.
      return maskDigits(f.text, digitCount - 8, 4);
    case 'bank_card':
      return maskDigits(f.text, 4, 4);
    case 'landline': {
      const area = /^\(?0(?:10|2\d)/.test(folded) ? 3 : 4;
      return maskDigits(f.text, area, 4);
    }
    case 'email': {
      const at = folded.lastIndexOf('@');
      return `${f.text.slice(0, 1)}***${f.text.slice(at)}`;
    }
    case 'passport':
      return f.text.slice(0, 1) + '*'.repeat(Math.max(0, f.text.length - 4)) + f.text.slice(-3);
    case 'plate':
      return f.text.slice(0, 2) + '*'.repeat(Math.max(0, f.text.length - 4)) + f.text.slice(-2);
  }
}

// Numbers never start or end inside a run of ASCII letters/digits, a decimal, or an e-mail local part.
const B = String.raw`(?<![0-9A-Za-z]|\d\.)`;
const E = String.raw`(?![0-9A-Za-z@]|\.\d)`;

const RE = {
  // 6-8-4 grouping with one consistent optional space, as forms often print IDs.
  id18: new RegExp(String.raw`${B}\d{6}( ?)\d{8}\1\d{3}[\dXx]${E}`, 'g'),
  id15: new RegExp(String.raw`${B}\d{15}${E}`, 'g'),
  // Contiguous 16-19 digits, or 4-4-4-4[-1..3] groups with one consistent separator.
  card: new RegExp(String.raw`${B}(?:\d{16,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?)${E}`, 'g'),
  // Optional +86 / 0086 / 86 prefix, then 1[3-9]x xxxx xxxx with one consistent optional separator.
  mobile: new RegExp(
    String.raw`(?<![0-9A-Za-z+]|\d\.)(?:(?:\+|00)?86[ -]?)?1[3-9]\d([ -]?)\d{4}\1\d{4}${E}`,
    'g',
  ),
  // Area codes: 010 and 020-029 take 8-digit numbers, 0[3-9]xx take 7 or 8. Local numbers never
  // start with 0; 1 is reserved for service codes but kept, as documents use 12345678 as a sample.
  landline: new RegExp(
    String.raw`${B}(?:\((?:010|02\d)\) ?[1-9]\d{7}|\(0[3-9]\d{2}\) ?[1-9]\d{6,7}|(?:010|02\d)[ -]?[1-9]\d{7}|0[3-9]\d{2}[ -]?[1-9]\d{6,7})${E}`,
    'g',
  ),
  email:
    /(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g,
  // Ordinary passports (公安部 format): E + 8 digits, E + letter (not I/O) + 7 digits, old G + 8 digits.
  passport: /(?<![0-9A-Za-z])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![0-9A-Za-z])/g,
  // GA 36-2018 plates: province, issuing letter, optional middle dot, 5 characters (6 for new energy).
  plate:
    /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•]?(?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|[A-HJ-NP-Z0-9]{5})(?![0-9A-Za-z])/g,
} as const;

interface Candidate {
  kind: FindingKind;
  severity: FindingSeverity;
  label: string;
  start: number;
  end: number;
  /** Lower wins when two candidates overlap. */
  rank: number;
}

function* matches(re: RegExp, text: string): Generator<{ start: number; end: number; value: string }> {
  for (const m of text.matchAll(re)) yield { start: m.index, end: m.index + m[0].length, value: m[0] };
}

function candidates(folded: string, today: Date): Candidate[] {
  const out: Candidate[] = [];
  const add = (kind: FindingKind, severity: FindingSeverity, label: string, rank: number) => {
    return (m: { start: number; end: number }) => out.push({ kind, severity, label, rank, ...m });
  };

  // E-mail first: a number inside an address is part of the address.
  for (const m of matches(RE.email, folded)) {
    const gov = /\.gov\.cn$/i.test(m.value);
    add('email', gov ? 'low' : 'medium', gov ? '电子邮箱（机关单位域名）' : '电子邮箱', 0)(m);
  }

  for (const m of matches(RE.id18, folded)) {
    const id = m.value.replace(/ /g, '').toUpperCase();
    if (!isProvinceCode(id.slice(0, 2)) || !isPlausibleBirthDate(id.slice(6, 14), today)) continue;
    if (idCardCheckDigit(id.slice(0, 17)) === id[17]) add('id_card', 'high', '身份证号（校验位正确）', 1)(m);
    else add('id_card', 'low', '疑似身份证号（校验位不符）', 4)(m);
  }

  for (const m of matches(RE.card, folded)) {
    const digits = m.value.replace(/[ -]/g, '');
    if (/^[34569]/.test(digits) && passesLuhn(digits))
      add('bank_card', 'high', '银行卡号（Luhn 校验通过）', 2)(m);
  }

  for (const m of matches(RE.id15, folded)) {
    // Old 15-digit IDs (GB 11643-1989): region(6) + YYMMDD (19YY) + sequence(3), no check digit.
    if (!isProvinceCode(m.value.slice(0, 2))) continue;
    if (!isPlausibleBirthDate(`19${m.value.slice(6, 12)}`, today)) continue;
    add('id_card_15', 'medium', '身份证号（15 位旧号码）', 3)(m);
  }

  for (const m of matches(RE.mobile, folded)) add('mobile', 'high', '手机号码', 5)(m);
  for (const m of matches(RE.landline, folded)) add('landline', 'low', '固定电话（可能为办公电话）', 6)(m);
  for (const m of matches(RE.passport, folded)) add('passport', 'medium', '护照号码', 7)(m);
  for (const m of matches(RE.plate, folded)) {
    // A plate carries mostly digits: self-chosen numbers allow at most two letters among the five.
    if ((m.value.slice(2).match(/\d/g) ?? []).length >= 3) add('plate', 'low', '机动车号牌', 8)(m);
  }
  return out;
}

/**
 * Personal data found in one field's text, ordered by start and never overlapping: when two
 * candidates overlap, the more specific kind wins (e-mail, valid ID, bank card, 15-digit ID,
 * possible ID, mobile, landline, passport, plate).
 */
export function screenText(text: string, field: string, options: ScreenOptions = {}): Finding[] {
  if (!text) return [];
  const today = options.today ?? new Date();
  const ranked = candidates(foldWidth(text), today).sort((a, b) => a.rank - b.rank || a.start - b.start);
  // Kept candidates stay sorted by start, so an overlap can only be with the two neighbours.
  const kept: Candidate[] = [];
  for (const c of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.start < c.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if ((before && before.end > c.start) || (after && after.start < c.end)) continue;
    kept.splice(lo, 0, c);
  }
  return kept.map((c) => {
    const original = text.slice(c.start, c.end);
    return {
      kind: c.kind,
      severity: c.severity,
      field,
      start: c.start,
      end: c.end,
      text: original,
      masked: maskFinding({ kind: c.kind, text: original }),
      label: c.label,
    };
  });
}

/**
 * Screen several fields (title, body, attachment texts ...) in the order given; empty, null and
 * undefined fields are skipped.
 */
export function screenDocument(
  fields: Record<string, string | null | undefined>,
  options: ScreenOptions = {},
): Finding[] {
  return Object.entries(fields).flatMap(([field, text]) => (text ? screenText(text, field, options) : []));
}

/**
 * Apply the masks of the given findings (all from this one text) right to left, so earlier offsets
 * stay valid. A finding whose text no longer sits at its offsets means the text changed after
 * screening: refuse (CONFLICT) rather than leave personal data in place or mangle the text.
 */
export function maskText(
  text: string,
  findings: readonly Pick<Finding, 'start' | 'end' | 'text' | 'masked'>[],
): string {
  const sorted = [...findings].sort((a, b) => b.start - a.start);
  let out = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const f of sorted) {
    if (text.slice(f.start, f.end) !== f.text || f.end > limit) {
      throw new AppError('CONFLICT', {
        message: '文本在筛查后已被修改，请重新筛查后再遮盖',
        details: { start: f.start, end: f.end },
      });
    }
    out = out.slice(0, f.start) + f.masked + out.slice(f.end);
    limit = f.start;
  }
  return out;
}
