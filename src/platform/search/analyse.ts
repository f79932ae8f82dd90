import * as OpenCC from 'opencc-js';

/**
 * Chinese text analysis for search (ADR 0012). Pure: no I/O.
 *
 * Text is folded character by character — compatibility forms to their plain form (NFKC: full-width
 * letters, digits and punctuation become half-width), upper case to lower case, traditional characters
 * to simplified (OpenCC's character table) — and then cut into tokens:
 * - a run of Han characters becomes its overlapping character bigrams (征地补偿 → 征地 地补 补偿); a run
 *   of one character is that character;
 * - a run of other letters and digits is one token (2021, gb, 00012);
 * - everything else separates tokens and takes no position.
 * A query is cut the same way and looked up as a phrase (consecutive tokens), so a two-character word
 * is one token and any contiguous text is found exactly where it occurs — the recall of LIKE with the
 * speed of an inverted index. Words from a segmenter are not needed for recall; ranking uses column
 * weights, the title phrase and the document's validity and age (search.service.ts).
 */

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

const HAN = /\p{Script=Han}/u;
const HAN_G = /\p{Script=Han}/gu;
const WORD = /[\p{L}\p{N}]/u;

/** Longest run of letters or digits kept as one token (longer runs are cut). */
const MAX_WORD = 40;

const foldCache = new Map<string, string>();

/** The folded form of one character (code point): may be empty or longer than one unit. */
export function foldChar(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  const plain = ch.normalize('NFKC').toLowerCase();
  const f = toSimplified(plain) ?? plain;
  foldCache.set(ch, f);
  return f;
}

/** Lone surrogates (invalid UTF-16) and control characters become spaces. */
export function cleanText(s: string): string {
  return s.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\p{Cc}\p{Cf}]/gu,
    ' ',
  );
}

/** Folded forms of the Basic Multilingual Plane by code unit, filled as characters are met. */
const BMP_FOLD: Array<string | undefined> = new Array(0x10000);

/** Fold a whole string: widths, case, traditional → simplified. */
export function fold(s: string): string {
  const clean = cleanText(s);
  let out = '';
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    // cleanText left only whole pairs: a high surrogate here is followed by its low one.
    if (c >= 0xd800 && c < 0xdc00) {
      out += foldChar(clean.slice(i, i + 2));
      i++;
      continue;
    }
    let f = BMP_FOLD[c];
    if (f === undefined) {
      f = foldChar(clean[i]!);
      BMP_FOLD[c] = f;
    }
    out += f;
  }
  return out;
}

type Kind = 'han' | 'word' | 'sep';

function kindOf(ch: string): Kind {
  if (HAN.test(ch)) return 'han';
  if (WORD.test(ch)) return 'word';
  return 'sep';
}

const KIND_OF: Kind[] = ['sep', 'han', 'word'];
/** Kinds of the Basic Multilingual Plane by code unit: 0 not yet known, else 1 + index in KIND_OF. */
const BMP_KIND = new Uint8Array(0x10000);

/**
 * The tokens of a text, in order, at most `limit` of them. The text is folded first unless `folded`.
 */
export function tokens(text: string, limit = Number.POSITIVE_INFINITY, folded = false): string[] {
  const s = folded ? text : fold(text);
  const out: string[] = [];
  let run: string[] = [];
  let runKind: Kind = 'sep';
  const flush = () => {
    if (runKind === 'han') {
      if (run.length === 1) out.push(run[0]!);
      for (let i = 0; i + 1 < run.length && out.length < limit; i++) out.push(run[i]! + run[i + 1]!);
    } else if (runKind === 'word') {
      for (let i = 0; i < run.length && out.length < limit; i += MAX_WORD)
        out.push(run.slice(i, i + MAX_WORD).join(''));
    }
    run = [];
  };
  for (let i = 0; i < s.length; i++) {
    if (out.length >= limit) break;
    const c = s.charCodeAt(i);
    let ch: string;
    let k: Kind;
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      ch = s.slice(i, i + 2);
      i++;
      k = kindOf(ch);
    } else {
      ch = s[i]!;
      let code = BMP_KIND[c]!;
      if (code === 0) {
        code = 1 + KIND_OF.indexOf(kindOf(ch));
        BMP_KIND[c] = code;
      }
      k = KIND_OF[code - 1]!;
    }
    if (k !== runKind) {
      flush();
      runKind = k;
    }
    if (k !== 'sep') run.push(ch);
  }
  flush();
  return out.length > limit ? out.slice(0, limit) : out;
}

/** Tokens indexed per field: the title and numbers whole, the body up to this many. */
export const BODY_TOKEN_LIMIT = 16_000;
export const TITLE_TOKEN_LIMIT = 400;

/** Characters of a query kept (a longer one is refused with a clear message by the callers). */
export const MAX_QUERY_LENGTH = 100;
/** Words of a query used for matching (the rest are ignored). */
export const MAX_QUERY_WORDS = 12;

/** Function words that carry no meaning on their own and are dropped from queries. */
const STOP_WORDS = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '或',
  '之',
  '在',
  '是',
  '对',
  '等',
  '有关',
  '关于',
]);

/**
 * One alternative of a query word: the phrase of its tokens; `prefix` when the word is a single Han
 * character, which is matched as the start of a token (its bigrams).
 */
export interface Phrase {
  tokens: string[];
  prefix: boolean;
  /** The folded text of the alternative, for highlighting and the title boost. */
  text: string;
}

/**
 * A query word: documents must contain one of its alternatives (the word or a synonym), or else all
 * of its `parts` — the dictionary words a longer word was cut into, each with its own synonyms — so
 * that 征地补偿标准 also finds “征地的补偿标准”. A document with the whole phrase scores higher.
 */
export interface QueryWord {
  alternatives: Phrase[];
  parts?: QueryWord[];
}

export interface QueryPlan {
  words: QueryWord[];
  /** Any word suffices (the last relaxation); otherwise every word is required. */
  any?: boolean;
  /** The folded query without spaces, for the title-phrase boost. */
  folded: string;
  /** Every folded alternative text, longest first, for highlighting. */
  highlights: string[];
}

function phraseOf(text: string): Phrase | null {
  const t = tokens(text, 64, true);
  if (t.length === 0) return null;
  const prefix = t.length === 1 && [...t[0]!].length === 1 && HAN.test(t[0]!);
  return { tokens: t, prefix, text };
}

/** Synonym lookup: the folded terms equivalent to a folded word (not including it), if any. */
export type SynonymLookup = (foldedWord: string) => readonly string[] | undefined;

/** Cuts a folded word into dictionary words (jieba on the server; none in pure tests). */
export type Cutter = (foldedWord: string) => string[];

/**
 * Parentheses right after a Han character around a few Han characters are part of the word, as in a
 * land parcel's number 示（挂）2017-05 or a name with its other name 规划局（林业局）: the word is then
 * one phrase, not single characters each matched on its own.
 */
const HAN_IN_PARENS = /(\p{Script=Han})\((\p{Script=Han}{1,10})\)/gu;

/** Words shorter than this are never cut. */
const MIN_CUT = 3;

function wordOf(w: string, synonyms: SynonymLookup): QueryWord | null {
  const main = phraseOf(w);
  if (!main) return null;
  const alternatives = [main];
  for (const s of synonyms(w) ?? []) {
    const p = phraseOf(s);
    if (p && !alternatives.some((a) => a.tokens.join(' ') === p.tokens.join(' '))) alternatives.push(p);
  }
  return { alternatives };
}

/**
 * A query's plan: words split at spaces and punctuation that separates words (a 文号's brackets do not),
 * folded, stop words dropped, each with its synonyms as alternatives and, when `cut` is given and cuts
 * a longer word, the parts. An empty plan means "browse".
 */
export function planQuery(query: string, synonyms: SynonymLookup = () => undefined, cut?: Cutter): QueryPlan {
  const folded = fold(query);
  const parts = folded
    .replace(HAN_IN_PARENS, '$1\uE000$2\uE001')
    .split(/[\s,;!?，。；！？、：:"“”'‘’+|&()*^~<>{}=]+/u)
    .map((w) => w.replace(/\uE000/gu, '(').replace(/\uE001/gu, ')'))
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w));
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  for (const w of parts) {
    if (words.length >= MAX_QUERY_WORDS) break;
    const word = wordOf(w, synonyms);
    if (!word) continue;
    const main = word.alternatives[0]!;
    const key = main.tokens.join(' ') + (main.prefix ? '*' : '');
    if (seen.has(key)) continue;
    seen.add(key);
    if (cut && [...w].length >= MIN_CUT && main.tokens.length > 1) {
      const pieces = cut(w)
        .map((p) => wordOf(p, synonyms))
        .filter((p): p is QueryWord => p !== null);
      // Numbers alone (2019 AND 120 from a 文号) say nothing about the subject: parts need a Han word.
      const subject = pieces.some((p) => (p.alternatives[0]!.text.match(HAN_G) ?? []).length >= 2);
      if (subject && (pieces.length > 1 || pieces[0]!.alternatives[0]!.text !== w)) word.parts = pieces;
    }
    words.push(word);
  }
  const texts = words
    .flatMap((w) => [w, ...(w.parts ?? [])])
    .flatMap((w) => w.alternatives.map((a) => a.text));
  const highlights = [...new Set(texts)].sort((a, b) => b.length - a.length);
  return { words, folded: folded.replace(/\s+/gu, ''), highlights };
}

/** The plan's words with every cut word replaced by its parts: for the any-word fallback. */
export function flatWords(plan: QueryPlan): QueryWord[] {
  return plan.words.flatMap((w) => w.parts ?? [w]);
}

/**
 * The plan with every word matched only as typed (or as a synonym), not by its dictionary parts: the
 * first try of a search. The same plan when no word was cut.
 */
export function wholeWordsPlan(plan: QueryPlan): QueryPlan {
  if (!plan.words.some((w) => w.parts)) return plan;
  return { ...plan, words: plan.words.map((w) => ({ alternatives: w.alternatives })) };
}
