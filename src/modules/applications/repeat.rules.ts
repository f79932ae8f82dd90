/**
 * 条例第三十五条 (requests whose number or frequency clearly exceeds a reasonable range) and 第三十六条第
 * （六）项 (the same information asked for again after a reply): the platform flags, staff judge. Pure.
 *
 * Similarity is the Jaccard index of the character bigrams of the request (subject, 文号, description)
 * after folding width, case and punctuation — the same "contains" idea the search uses (ADR 0012), so
 * 某地块出让合同 and 某地块的出让合同 are near-duplicates while two requests about different plots are not.
 */
export const NEAR_DUPLICATE = 0.6;
/** More than this many requests in 30 days from one applicant is flagged for a 第三十五条 judgement. */
export const MANY_IN_30_DAYS = 10;

export interface RequestText {
  subject: string;
  docNumber?: string | null;
  description?: string | null;
}

export function normaliseRequest(r: RequestText): string {
  return [r.subject, r.docNumber ?? '', r.description ?? '']
    .join(' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

function bigrams(s: string): Set<string> {
  const chars = [...s];
  if (chars.length < 2) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** 0 (nothing shared) … 1 (the same text once folded). */
export function similarity(a: RequestText, b: RequestText): number {
  const x = bigrams(normaliseRequest(a));
  const y = bigrams(normaliseRequest(b));
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / (x.size + y.size - shared);
}

export interface EarlierRequest extends RequestText {
  id: number;
  trackingCode: string;
  receivedOn: string | null;
  status: string;
  replyType: string | null;
}

export interface RepeatFlags {
  /** The same request folded identically: a repeat (第三十六条第（六）项 if it was answered). */
  identical: EarlierRequest[];
  /** Near-duplicates, most similar first, with their similarity. */
  similar: (EarlierRequest & { similarity: number })[];
  /** The applicant's requests in the 30 days up to this one's receipt (this one included). */
  recentCount: number;
  many: boolean;
}

/** Flags for one request against the same applicant's other requests. */
export function repeatFlags(
  current: RequestText & { receivedOn: string | null },
  earlier: EarlierRequest[],
  since: string,
): RepeatFlags {
  const key = normaliseRequest(current);
  const identical: EarlierRequest[] = [];
  const similar: (EarlierRequest & { similarity: number })[] = [];
  for (const e of earlier) {
    if (normaliseRequest(e) === key) identical.push(e);
    else {
      const s = similarity(current, e);
      if (s >= NEAR_DUPLICATE) similar.push({ ...e, similarity: Math.round(s * 100) / 100 });
    }
  }
  similar.sort((a, b) => b.similarity - a.similarity);
  const recentCount = 1 + earlier.filter((e) => e.receivedOn !== null && e.receivedOn >= since).length;
  return { identical, similar, recentCount, many: recentCount > MANY_IN_30_DAYS };
}
