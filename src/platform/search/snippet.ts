import { cleanText, foldChar } from './analyse.js';

/** A piece of a snippet or title: `hit` when it matched the query. */
export interface Segment {
  text: string;
  hit: boolean;
}

/** Characters shown in a snippet. */
export const SNIPPET_LENGTH = 120;
/** Characters of a document's text scanned for the best window. */
const SCAN_LIMIT = 50_000;

interface Folded {
  chars: string[];
  /** folded[i] came from chars[origin[i]]. */
  origin: number[];
  text: string;
}

function foldWithOrigin(s: string): Folded {
  const chars = [...cleanText(s.slice(0, SCAN_LIMIT)).replace(/\s+/gu, ' ')];
  const origin: number[] = [];
  let text = '';
  chars.forEach((ch, i) => {
    for (const f of foldChar(ch)) {
      text += f;
      origin.push(i);
    }
  });
  return { chars, origin, text };
}

/** Ranges [start, end) of the original characters matching any term (longest terms first). */
function hitRanges(f: Folded, terms: readonly string[]): Array<[number, number]> {
  const marked = new Uint8Array(f.chars.length);
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    if (!term) continue;
    let from = 0;
    for (let n = 0; n < 200; n++) {
      const at = f.text.indexOf(term, from);
      if (at < 0) break;
      const start = f.origin[at]!;
      const end = f.origin[at + term.length - 1]! + 1;
      from = at + term.length;
      if (marked.subarray(start, end).some((m) => m)) continue;
      marked.fill(1, start, end);
      ranges.push([start, end]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function segmentsOf(chars: string[], ranges: Array<[number, number]>, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const start = Math.max(s, from);
    if (start > at) out.push({ text: chars.slice(at, start).join(''), hit: false });
    const end = Math.min(e, to);
    out.push({ text: chars.slice(start, end).join(''), hit: true });
    at = end;
  }
  if (to > at) out.push({ text: chars.slice(at, to).join(''), hit: false });
  return out;
}

/** A whole short text (a title) with its matches marked. */
export function highlightAll(text: string, terms: readonly string[]): Segment[] {
  const f = foldWithOrigin(text);
  return segmentsOf(f.chars, hitRanges(f, terms), 0, f.chars.length);
}

/**
 * The window of a long text with the most matches, about SNIPPET_LENGTH characters, with its matches
 * marked and an ellipsis where text was cut. Without matches: the beginning of the text.
 */
export function snippet(text: string, terms: readonly string[], length = SNIPPET_LENGTH): Segment[] {
  const f = foldWithOrigin(text.trim());
  const ranges = hitRanges(f, terms);
  let from = 0;
  if (ranges.length > 0) {
    let best = 0;
    let bestCount = -1;
    for (let i = 0; i < ranges.length; i++) {
      const start = ranges[i]![0];
      let count = 0;
      for (let j = i; j < ranges.length && ranges[j]![1] <= start + length; j++) count++;
      if (count > bestCount) {
        bestCount = count;
        best = start;
      }
    }
    from = Math.max(0, best - Math.floor(length / 5));
  }
  const to = Math.min(f.chars.length, from + length);
  const out = segmentsOf(f.chars, ranges, from, to);
  if (from > 0) out.unshift({ text: '…', hit: false });
  if (to < f.chars.length) out.push({ text: '…', hit: false });
  return out;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Segments as HTML: text escaped, matches in <mark>. */
export function segmentsToHtml(segments: readonly Segment[]): string {
  return segments
    .map((s) => {
      const t = s.text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
      return s.hit ? `<mark>${t}</mark>` : t;
    })
    .join('');
}
