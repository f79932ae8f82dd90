/**
 * The information-processing fee (信息处理费) of 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号).
 * Pure: no I/O, no clock. Amounts are whole 元 (every rate is a whole number of 元).
 *
 * Sources (shared/domain/regulations.md section B):
 * - 条例第四十二条: no fee unless an applicant's requests clearly exceed a reasonable range; the fee
 *   exists to regulate behaviour, not to recover cost (109号第二条).
 * - 109号第三条: 按件计收 or 按量计收, both 超额累进 (progressive marginal: each rate applies only to
 *   the units inside its bracket); one method per application, never both.
 * - 109号第四条 (B4): per piece, counted cumulatively for the same applicant within one calendar month
 *   (一个自然月): pieces 1–10 free, 11–30 100 元 each, from 31 on in bands of 10 whose rate rises by
 *   100 元 per band. Reading [I] of the 31+ rule: 31–40 200 元, 41–50 300 元, … so piece n ≥ 31 costs
 *   100 × (⌈(n − 30) / 10⌉ + 1) 元 (no official worked example of that band exists).
 * - 109号第五条 (B6): per volume, counted per application with no monthly accumulation: pages 1–30
 *   free, 31–100 10 元/page, 101–200 20 元/page, 201 and above 40 元/page. The 2,219 pages → 83,460 元
 *   fee notice reported by 华商报 (regulations.md V7) confirms the marginal reading.
 */

/** Upper bounds on inputs: far above any real request, low enough to keep a breakdown printable. */
export const MAX_PIECES = 100_000;
export const MAX_PAGES = 10_000_000;

export type FeeMethod = 'piece' | 'volume';
export type FeeField = 'count' | 'already' | 'pages' | 'date' | 'history';

/**
 * One bracket line of a quote. `from`–`to` (inclusive) are the unit numbers charged in this line:
 * cumulative piece numbers within the month (按件) or page numbers of the application (按量); `label`
 * names the whole bracket they fall in. Free brackets appear too (rate 0) so a quote explains itself;
 * brackets with no units do not.
 */
export interface FeeLine {
  from: number;
  to: number;
  units: number;
  /** 元 per unit in this bracket. */
  rate: number;
  /** units × rate, in 元. */
  subtotal: number;
  label: string;
}

export interface FeeQuote {
  /** Total in 元: the sum of the lines' subtotals. */
  amount: number;
  breakdown: FeeLine[];
}

/** Bad input to a fee rule: the message is Chinese and names the parameter, so it can be shown as is. */
export class FeeInputError extends Error {
  override name = 'FeeInputError';
  constructor(
    readonly field: FeeField,
    message: string,
  ) {
    super(message);
  }
}

export const FEE_FIELD_LABELS: Record<FeeField, string> = {
  count: '本次件数',
  already: '本月已计件数',
  pages: '页数',
  date: '日期',
  history: '本月申请记录',
};

function checkCount(field: FeeField, value: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max)
    throw new FeeInputError(field, `${FEE_FIELD_LABELS[field]}：应为 0–${max} 的整数`);
}

interface Bracket {
  from: number;
  /** Last unit of the bracket; Infinity for the open top bracket. */
  to: number;
  rate: number;
  label: string;
}

/** 109号第四条: the bracket holding cumulative piece number n (n ≥ 1). */
function pieceBracket(n: number): Bracket {
  if (n <= 10) return { from: 1, to: 10, rate: 0, label: '第1—10件，免费' };
  if (n <= 30) return { from: 11, to: 30, rate: 100, label: '第11—30件，每件100元' };
  const band = Math.ceil((n - 30) / 10);
  const from = 30 + (band - 1) * 10 + 1;
  const rate = 100 * (band + 1);
  return { from, to: from + 9, rate, label: `第${from}—${from + 9}件，每件${rate}元` };
}

/** 109号第四条: what the n-th piece of the month costs on its own, in 元. */
export function pieceRate(n: number): number {
  checkCount('count', n, MAX_PIECES);
  return n === 0 ? 0 : pieceBracket(n).rate;
}

/** 109号第五条: per-volume brackets of one application. */
const VOLUME_BRACKETS: readonly Bracket[] = [
  { from: 1, to: 30, rate: 0, label: '第1—30页，免费' },
  { from: 31, to: 100, rate: 10, label: '第31—100页，每页10元' },
  { from: 101, to: 200, rate: 20, label: '第101—200页，每页20元' },
  { from: 201, to: Number.POSITIVE_INFINITY, rate: 40, label: '第201页及以上，每页40元' },
];

/** Lines for the units first..last (inclusive) walking the brackets given by `bracketOf`. */
function lines(first: number, last: number, bracketOf: (n: number) => Bracket): FeeQuote {
  const breakdown: FeeLine[] = [];
  let amount = 0;
  for (let n = first; n <= last; ) {
    const b = bracketOf(n);
    const to = Math.min(b.to, last);
    const units = to - n + 1;
    const subtotal = units * b.rate;
    breakdown.push({ from: n, to, units, rate: b.rate, subtotal, label: b.label });
    amount += subtotal;
    n = to + 1;
  }
  return { amount, breakdown };
}

/**
 * 按件计收 (109号第三条、第四条): the fee for `count` pieces when `already` pieces were counted earlier in
 * the same calendar month for the same applicant. Marginal: the new pieces are numbers
 * already+1 … already+count of the month and each is charged at its own bracket's rate.
 */
export function pieceFee(count: number, already = 0): FeeQuote {
  checkCount('count', count, MAX_PIECES);
  checkCount('already', already, MAX_PIECES);
  if (already + count > MAX_PIECES)
    throw new FeeInputError(
      'count',
      `${FEE_FIELD_LABELS.count}：与本月已计件数合计不能超过 ${MAX_PIECES} 件`,
    );
  return lines(already + 1, already + count, pieceBracket);
}

/**
 * 按量计收 (109号第三条、第五条): the fee for one application of `pages` pages. Counted per application
 * only: pages of earlier applications in the month do not move the brackets.
 */
export function volumeFee(pages: number): FeeQuote {
  checkCount('pages', pages, MAX_PAGES);
  return lines(1, pages, (n) => VOLUME_BRACKETS.find((b) => n <= b.to)!);
}

/** One quote request: the parameters each method needs (the public API's query, parsed). */
export type FeeRequest =
  | { method: 'piece'; count: number; already: number }
  | { method: 'volume'; pages: number };

/** Either method for one application, as the public calculator asks for it. */
export function quoteFee(request: FeeRequest): FeeQuote {
  return request.method === 'piece' ? pieceFee(request.count, request.already) : volumeFee(request.pages);
}

/** Pieces already counted for one applicant: one entry per earlier application (or per month total). */
export interface PieceHistoryEntry {
  /** The date that puts the pieces into a month, 'YYYY-MM-DD' or 'YYYY-MM'. */
  date: string;
  pieces: number;
}

export interface MonthlyPieceQuote extends FeeQuote {
  /** 'YYYY-MM': the calendar month the new application counts in. */
  month: string;
  /** Pieces counted earlier in that month (the `already` of pieceFee). */
  already: number;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

function monthOf(field: FeeField, date: string): string {
  if (!MONTH_RE.test(date))
    throw new FeeInputError(field, `${FEE_FIELD_LABELS[field]}：格式应为 YYYY-MM-DD 或 YYYY-MM`);
  return date.slice(0, 7);
}

/**
 * The monthly accumulation of 109号第四条 across applications: the fee of a new application of `pieces`
 * pieces dated `date`, given the applicant's earlier applications. Only those in the same calendar
 * month count; a new month starts again at piece 1. The caller passes applications counted before
 * this one, for this applicant at this agency, dated by the same rule as `date` (the measure does not
 * say which date decides the month [U]; the receipt date of 条例第三十一条 is the natural choice).
 */
export function pieceFeeInMonth(
  history: readonly PieceHistoryEntry[],
  date: string,
  pieces: number,
): MonthlyPieceQuote {
  const month = monthOf('date', date);
  let already = 0;
  for (const h of history) {
    checkCount('history', h.pieces, MAX_PIECES);
    if (monthOf('history', h.date) === month) already += h.pieces;
  }
  if (already > MAX_PIECES)
    throw new FeeInputError('history', `${FEE_FIELD_LABELS.history}：本月合计不能超过 ${MAX_PIECES} 件`);
  return { ...pieceFee(pieces, already), month, already };
}

export interface MethodComparison {
  piece: FeeQuote;
  volume: FeeQuote;
  /** The method that costs the applicant less ('equal' when both amounts are the same). */
  cheaper: FeeMethod | 'equal';
  /**
   * The most this application can be charged: the higher of the two, never their sum, because one
   * application is charged under one method only (109号第三条). Which one applies is the agency's
   * choice "根据实际情况" — not necessarily the cheaper.
   */
  ceiling: number;
}

/**
 * Both methods for one application, side by side (regulations.md B.3 choice example: the 12th piece
 * of the month asking for 150 printed pages is 100 元 per piece or 1,700 元 per volume, not 1,800 元).
 * Per volume only applies to paper copies, e-mail or copied electronic data (109号第五条).
 */
export function compareMethods(input: { count: number; already?: number; pages: number }): MethodComparison {
  const piece = pieceFee(input.count, input.already ?? 0);
  const volume = volumeFee(input.pages);
  const cheaper =
    piece.amount === volume.amount ? 'equal' : piece.amount < volume.amount ? 'piece' : 'volume';
  return { piece, volume, cheaper, ceiling: Math.max(piece.amount, volume.amount) };
}
