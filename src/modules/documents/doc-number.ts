/**
 * 发文字号 (文号, document number) handling. Pure: no I/O.
 *
 * The canonical form follows GB/T 9704-2012 《党政机关公文格式》 7.2.4: 发文机关代字 + 年份 + 发文顺序号;
 * the year is written in full inside 六角括号 〔〕; the serial "不加'第'字，不编虚位（即1不编为01）" and
 * is followed by 号. Real pages and user queries deviate in every way that standard forbids ([2021],
 * （2021）, 【2021】, full-width digits, 第12号, 012号, spaces), so every variant is folded into the
 * canonical form before it is stored, compared or searched (条例 art. 29 lets an applicant identify the
 * information by its 文号, so a lookup must not fail on punctuation).
 */

export interface DocNumber {
  /** 发文机关代字, e.g. 津规资发, 国办发明电, 国办公开办函. */
  agencyCode: string;
  year: number;
  serial: number;
}

/** Years accepted in a 文号: the People's Republic's documents up to the end of the calendar data. */
export const DOC_YEAR_MIN = 1949;
export const DOC_YEAR_MAX = 2100;

/** Longest query still taken as a bare 文号 rather than a title containing one. */
const MAX_QUERY_LENGTH = 40;

// Openers and closers folded to 〔 〕, checked after full-width ASCII has become ASCII (［ → [, （ → ().
// Besides the brief's set: ﹝﹞ (small tortoise shell, common on CMS pages), 〘〙, ︹︺ and ﹙﹚.
const OPENERS = /[[(【〖﹝〘︹﹙〔]/g;
const CLOSERS = /[\])】〗﹞〙︺﹚〕]/g;
// All whitespace (including U+3000 and NBSP) and the invisible characters that copy-paste brings along.
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/g;
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
/**
 * A 文号 after folding: agency, bracketed year (a stray 年 inside the brackets allowed), optional 第,
 * serial with any leading zeros, optional 号, and an optional colloquial 文/文件 ("12号文").
 */
const FOLDED_SHAPE = /^(.*?)〔(\d{4})年?〕第?(\d{1,6})号?(?:文件|文)?$/u;
const AGENCY = /^[\p{Script=Han}A-Za-z]{1,20}$/u;

/** Brackets to 〔〕, full-width ASCII to ASCII, 號 to 号, spaces and invisible characters removed. */
export function foldDocNumberText(s: string): string {
  return s
    .replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(INVISIBLE, '')
    .replace(OPENERS, '〔')
    .replace(CLOSERS, '〕')
    .replace(/號/g, '号');
}

/**
 * The canonical form of a 文号: brackets as 〔〕, ASCII digits, no spaces, no 第, no leading zeros, a
 * trailing 号. Input that does not have the shape of a bracketed-year 文号 is still folded (brackets,
 * widths, spaces), so that equal inputs compare equal, but is otherwise left as written.
 */
export function normaliseDocNumber(s: string): string {
  const folded = foldDocNumberText(s);
  const m = FOLDED_SHAPE.exec(folded);
  if (!m) return folded;
  const serial = Number(m[3]);
  if (serial === 0) return folded;
  return `${m[1]}〔${m[2]}〕${serial}号`;
}

/** The parts of a bracketed-year 文号 in any of the variants normaliseDocNumber folds, or null. */
export function parseDocNumber(s: string): DocNumber | null {
  const m = /^(.+)〔(\d{4})〕(\d+)号$/u.exec(normaliseDocNumber(s));
  if (!m) return null;
  const agencyCode = m[1]!;
  const year = Number(m[2]);
  const serial = Number(m[3]);
  if (!AGENCY.test(agencyCode)) return null;
  if (year < DOC_YEAR_MIN || year > DOC_YEAR_MAX || serial < 1) return null;
  return { agencyCode, year, serial };
}

/** The canonical 文号 of parsed parts. */
export function formatDocNumber(d: DocNumber): string {
  return `${d.agencyCode}〔${d.year}〕${d.serial}号`;
}

/**
 * Keys under which a document is indexed by its 文号, and with which a query is looked up: a match on any
 * shared key is a hit. The first key is the canonical form; the second drops the brackets
 * (津规资发202112号), which is how people type a 文号 without a Chinese input method. The year is always
 * four digits and the agency has no digits, so the bracketless key is still unambiguous.
 * Other numbers (国务院令第711号, …公告2021年第12号) have a single key: their folded form.
 */
export function docNumberSearchKeys(s: string): string[] {
  const parsed = parseDocNumber(s);
  if (!parsed) {
    const folded = normaliseDocNumber(s);
    return folded ? [folded] : [];
  }
  return [formatDocNumber(parsed), `${parsed.agencyCode}${parsed.year}${parsed.serial}号`];
}

const LOOSE_SHAPES: RegExp[] = [
  // Bracketless: 津规资发202112号. The 号 is required, or any word followed by digits would qualify.
  /^\p{Script=Han}{1,20}(?:19|20)\d{2}\d{1,6}号$/u,
  // Decree numbers: 国务院令第711号, 自然资源部令第5号.
  /^\p{Script=Han}{1,20}令第?\d{1,6}号$/u,
  // Announcement numbers: 自然资源部公告2021年第12号.
  /^\p{Script=Han}{1,30}公告(?:19|20)\d{2}年第\d{1,6}号$/u,
];

/**
 * Whether a search query is a 文号 lookup (to be matched exactly through docNumberSearchKeys) rather
 * than words for full-text search. A title that merely contains a 文号 is not a lookup, nor is a bare
 * 〔2021〕12号 without its agency: full-text search handles those.
 */
export function looksLikeDocNumber(query: string): boolean {
  const n = normaliseDocNumber(query);
  if (n.length === 0 || n.length > MAX_QUERY_LENGTH) return false;
  if (parseDocNumber(n)) return true;
  return LOOSE_SHAPES.some((re) => re.test(n));
}
