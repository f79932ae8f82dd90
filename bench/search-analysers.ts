/**
 * Compares Chinese text analysers for SQLite FTS5 on the judged corpus in bench/search-quality/.
 *
 *   node --import tsx bench/search-analysers.ts
 *
 * Standalone (imports nothing from src/). Every analyser gets its own in-memory database with one
 * contentless FTS5 table (title, doc_number, body), ranked by bm25 with column weights 10 / 5 / 1.
 * It prints Markdown tables (quality, speed, size, per query kind) and a few yes/no checks; it asserts
 * nothing. Results and their reading: bench/search-quality/ANALYSERS.md.
 *
 * All analysers index the folded text (full-width → half-width, OpenCC hk→cn, lowercase) and fold the
 * query the same way, so traditional-character queries and documents meet. Options:
 *   --per-query        nDCG@10 of every query for every analyser
 *   --show <query>     every analyser's top 10 for one query, with grades and titles
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import * as OpenCC from 'opencc-js';

const require = createRequire(import.meta.url);
const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };

const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'search-quality');
const TOP_K = 10;
const TIMED_RUNS = 5;
const WEIGHTS = '10.0, 5.0, 1.0'; // bm25 weights in column order: title, doc_number, body

// ---------------------------------------------------------------------------------------------- data

interface CorpusDoc {
  externalId: string;
  title: string;
  column: string;
  publishedAt: string;
  body: string;
  issuer: string;
  docNumber?: string;
  validity: string;
  genre: string;
}

interface JudgedQuery {
  q: string;
  kind: string;
  judgments: Record<string, number>;
}

/** A document with its three indexed fields already folded (see `fold`). */
interface FoldedDoc {
  id: string;
  publishedAt: string;
  raw: { title: string; docNumber: string; body: string };
  title: string;
  docNumber: string;
  body: string;
}

function readJsonLines<T>(file: string): T[] {
  return readFileSync(join(DATA_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as T;
}

// ------------------------------------------------------------------------------------------- folding

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Full-width ASCII → half-width, ideographic space → space, traditional → simplified, lowercase. */
function fold(text: string): string {
  const halfWidth = text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
  return toSimplified(halfWidth).toLowerCase();
}

/** An FTS5 string literal: the token can never be read as syntax (AND, NEAR, *, ^, column filters). */
function quote(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

/** FTS5 phrase: the tokens must occur consecutively. */
function phrase(tokens: readonly string[]): string {
  return tokens.map(quote).join(' + ');
}

const WORDLIKE = /[\p{L}\p{N}]/u;
const words = (query: string): string[] => query.split(/\s+/).filter((w) => w !== '');

// ----------------------------------------------------------------------------------------- analysers

const CJK_OR_ALNUM_RUN = /\p{Script=Han}+|[a-z0-9]+/gu;
const HAN = /\p{Script=Han}/u;

/** CJK runs → overlapping bigrams (a one-character run → that character); ASCII runs → one token. */
function bigramTokens(folded: string): string[] {
  const tokens: string[] = [];
  for (const [run] of folded.matchAll(CJK_OR_ALNUM_RUN)) {
    if (!HAN.test(run)) {
      tokens.push(run);
      continue;
    }
    const chars = Array.from(run);
    if (chars.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`);
  }
  return tokens;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const INTL_CHUNK = 200;

/** Pieces of at most `max` characters, cut after punctuation or space where possible. */
function chunks(text: string, max = INTL_CHUNK): string[] {
  const out: string[] = [];
  let current = '';
  for (const piece of text.split(/(?<=[\s，。；：、！？,.;:!?）)】」』”》])/u)) {
    if (current.length + piece.length <= max) {
      current += piece;
      continue;
    }
    if (current !== '') out.push(current);
    let rest = piece;
    while (rest.length > max) {
      out.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    current = rest;
  }
  if (current !== '') out.push(current);
  return out;
}

function intlWords(text: string, chunked = true): string[] {
  const tokens: string[] = [];
  for (const part of chunked ? chunks(text) : [text]) {
    for (const s of segmenter.segment(part)) if (s.isWordLike) tokens.push(s.segment);
  }
  return tokens;
}

const jiebaLoadStart = performance.now();
const jieba = Jieba.withDict(dict);
const jiebaLoadMs = performance.now() - jiebaLoadStart;

const jiebaCut = (text: string): string[] => jieba.cut(text, true).filter((t) => WORDLIKE.test(t));
const jiebaSearch = (text: string): string[] =>
  jieba.cutForSearch(text, true).filter((t) => WORDLIKE.test(t));

/** Query of a word-segmenting analyser: all tokens ANDed (a phrase breaks with cutForSearch, see checks). */
function andQuery(tokens: readonly string[]): string | null {
  const unique = [...new Set(tokens)];
  return unique.length === 0 ? null : unique.map(quote).join(' AND ');
}

/** Bigram query: one phrase per whitespace-separated word, words ANDed. */
function bigramQuery(foldedQuery: string): string | null {
  const phrases = words(foldedQuery)
    .map(bigramTokens)
    .filter((t) => t.length > 0)
    .map(phrase);
  return phrases.length === 0 ? null : phrases.join(' AND ');
}

// -------------------------------------------------------------------------------------------- engines

interface BuildStats {
  buildMs: number;
  analysisMs: number;
  analysedChars: number;
}

interface Engine {
  readonly name: string;
  build(docs: readonly FoldedDoc[]): BuildStats;
  search(query: string, limit: number): string[];
  indexBytes(): number;
  close(): void;
}

type Tokenize = 'unicode61' | 'trigram';

/** One contentless FTS5 table; rowid i + 1 is document i. */
class FtsTable {
  private readonly insertRow: Database.Statement;
  private readonly topStmt: Database.Statement;
  private readonly allStmt: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    tokenize: Tokenize,
  ) {
    db.exec(
      `CREATE VIRTUAL TABLE ${table} USING fts5(title, doc_number, body, content='', tokenize='${tokenize}')`,
    );
    this.insertRow = db.prepare(`INSERT INTO ${table}(rowid, title, doc_number, body) VALUES (?, ?, ?, ?)`);
    this.topStmt = db.prepare(
      `SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY bm25(${table}, ${WEIGHTS}), rowid LIMIT ?`,
    );
    this.allStmt = db.prepare(
      `SELECT rowid, bm25(${table}, ${WEIGHTS}) AS score FROM ${table} WHERE ${table} MATCH ?`,
    );
  }

  /**
   * Analyses and inserts all documents, then merges the index segments. `analyse` null: the folded text
   * goes in as it is and SQLite's tokenizer does all the work (trigram), so no analysis time is reported.
   */
  load(docs: readonly FoldedDoc[], analyse: ((text: string) => string) | null): BuildStats {
    const start = performance.now();
    let analysisMs = 0;
    let analysedChars = 0;
    const rows = docs.map((d) => {
      const fields = [d.title, d.docNumber, d.body];
      if (analyse === null) return fields;
      const a = performance.now();
      const row = fields.map(analyse);
      analysisMs += performance.now() - a;
      analysedChars += d.title.length + d.docNumber.length + d.body.length;
      return row;
    });
    this.db.transaction(() => {
      rows.forEach((row, i) => {
        this.insertRow.run(i + 1, ...row);
      });
    })();
    this.db.prepare(`INSERT INTO ${this.table}(${this.table}) VALUES ('optimize')`).run();
    return { buildMs: performance.now() - start, analysisMs, analysedChars };
  }

  top(match: string, limit: number): number[] {
    return (this.topStmt.all(match, limit) as { rowid: number }[]).map((r) => r.rowid);
  }

  /** Every matching rowid with its bm25 (negative: lower is better). */
  all(match: string): Map<number, number> {
    const rows = this.allStmt.all(match) as { rowid: number; score: number }[];
    return new Map(rows.map((r) => [r.rowid, r.score]));
  }
}

/** Bytes of every page in the database except the schema (dbstat virtual table). */
function dbBytes(db: Database.Database): number {
  const sql = `SELECT COALESCE(SUM(pgsize), 0) AS bytes FROM dbstat WHERE name <> 'sqlite_schema'`;
  return (db.prepare(sql).get() as { bytes: number }).bytes;
}

/** An analyser = how a document field becomes indexed text + how a folded query becomes a MATCH. */
class FtsEngine implements Engine {
  private readonly db = new Database(':memory:');
  private readonly fts: FtsTable;
  private ids: string[] = [];

  constructor(
    readonly name: string,
    tokenize: Tokenize,
    private readonly analyse: ((folded: string) => string) | null,
    private readonly toMatch: (foldedQuery: string) => string | null,
  ) {
    this.fts = new FtsTable(this.db, 't', tokenize);
  }

  build(docs: readonly FoldedDoc[]): BuildStats {
    this.ids = docs.map((d) => d.id);
    return this.fts.load(docs, this.analyse);
  }

  search(query: string, limit: number): string[] {
    const match = this.toMatch(fold(query));
    return match === null ? [] : this.fts.top(match, limit).map((rowid) => this.ids[rowid - 1]!);
  }

  indexBytes(): number {
    return dbBytes(this.db);
  }

  close(): void {
    this.db.close();
  }
}

const PUNCT_ONLY = /^[^\p{L}\p{N}]*$/u;

/**
 * hybrid: recall from the bigram index (a document is a candidate iff the bigram query matches it),
 * ranking from two bm25 scores:
 *
 *   score(d) = bm25_bigram(d) / best_bigram  +  bm25_jieba(d) / best_jieba
 *
 * bm25_bigram is the bigram table's bm25 for the bigram query; bm25_jieba is the bm25 of a second table
 * (jieba cutForSearch words) for the query's jieba `cut` words ORed (0 if none of them occurs); each is
 * divided by the best (most negative) value among the candidates, so both terms lie in [0, 1] and weigh
 * the same. Word-level idf pushes down bigram false friends (特征地貌 for 征地) and rewards documents
 * that contain the query's real words. Equal weights were fixed before the first run, not tuned.
 *
 * With `rewrite` (the extra `hybrid+rewrite` row) the query is first rewritten: a 文号 typed in any
 * bracket style is canonicalised to 〔year〕n号, each word is ORed with its synonyms from synonyms.json, and
 * when no document matches every word the candidates are the documents matching any word of two or more
 * characters (jieba `cut`, question words dropped).
 */
class HybridEngine implements Engine {
  private readonly db = new Database(':memory:');
  private readonly bigram: FtsTable;
  private readonly words: FtsTable;
  private ids: string[] = [];

  constructor(
    readonly name: string,
    private readonly rewrite: QueryRewriter | null,
  ) {
    this.bigram = new FtsTable(this.db, 'bg', 'unicode61');
    this.words = new FtsTable(this.db, 'jb', 'unicode61');
  }

  build(docs: readonly FoldedDoc[]): BuildStats {
    this.ids = docs.map((d) => d.id);
    const a = this.bigram.load(docs, (t) => bigramTokens(t).join(' '));
    const b = this.words.load(docs, (t) => jiebaSearch(t).join(' '));
    return {
      buildMs: a.buildMs + b.buildMs,
      analysisMs: a.analysisMs + b.analysisMs,
      analysedChars: a.analysedChars, // the same text went through both analysers
    };
  }

  search(query: string, limit: number): string[] {
    const folded = fold(query);
    const plan = this.rewrite ? this.rewrite.plan(folded) : plainPlan(folded);
    if (plan === null) return [];
    let candidates = this.bigram.all(plan.bigramMatch);
    if (candidates.size === 0 && plan.fallbackMatch !== null) {
      candidates = this.bigram.all(plan.fallbackMatch);
    }
    if (candidates.size === 0) return [];
    const wordScores = plan.wordMatch === null ? new Map<number, number>() : this.words.all(plan.wordMatch);
    const bestBigram = Math.min(...candidates.values());
    let bestWord = 0;
    for (const rowid of candidates.keys()) bestWord = Math.min(bestWord, wordScores.get(rowid) ?? 0);
    const scored = [...candidates].map(([rowid, bg]) => {
      const wd = wordScores.get(rowid) ?? 0;
      const score = (bestBigram < 0 ? bg / bestBigram : 0) + (bestWord < 0 ? wd / bestWord : 0);
      return { rowid, score };
    });
    scored.sort((x, y) => y.score - x.score || x.rowid - y.rowid);
    return scored.slice(0, limit).map((s) => this.ids[s.rowid - 1]!);
  }

  indexBytes(): number {
    return dbBytes(this.db);
  }

  close(): void {
    this.db.close();
  }
}

interface QueryPlan {
  bigramMatch: string;
  fallbackMatch: string | null;
  wordMatch: string | null;
}

function orQuery(tokens: readonly string[]): string | null {
  const unique = [...new Set(tokens)].filter((t) => !PUNCT_ONLY.test(t));
  return unique.length === 0 ? null : unique.map(quote).join(' OR ');
}

function plainPlan(folded: string): QueryPlan | null {
  const bigramMatch = bigramQuery(folded);
  if (bigramMatch === null) return null;
  return { bigramMatch, fallbackMatch: null, wordMatch: orQuery(words(folded).flatMap(jiebaCut)) };
}

/** 示规资发2021012号, 示规资规[2022]1号, 国办函【2020】109号, 示规资函 2021 8号 … → agency, year, number. */
const DOC_NUMBER =
  /^(\p{Script=Han}{2,8})\s*[〔[(（【]?\s*((?:19|20)\d\d)\s*[〕\])）】]?\s*第?\s*0*(\d{1,4})\s*号$/u;
/** Question words and pronouns, dropped from the relaxed (OR) query of `hybrid+rewrite`. */
const QUESTION_WORDS = new Set(
  '怎么 怎样 如何 哪里 哪儿 什么 多少 是否 是谁 为什么 我家 我们 你们'.split(' '),
);

class QueryRewriter {
  private readonly groups: string[][];

  constructor(synonymGroups: readonly (readonly string[])[]) {
    this.groups = synonymGroups.map((g) => g.map(fold));
  }

  /** The word itself and every spelling obtained by swapping one synonym for another of its group. */
  variants(word: string): string[] {
    const out = new Set([word]);
    for (const group of this.groups) {
      for (const term of group) {
        if (!word.includes(term)) continue;
        for (const other of group) if (other !== term) out.add(word.replaceAll(term, other));
      }
    }
    return [...out];
  }

  private wordExpression(word: string): string | null {
    const alternatives = this.variants(word)
      .map(bigramTokens)
      .filter((t) => t.length > 0)
      .map(phrase);
    if (alternatives.length === 0) return null;
    return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
  }

  plan(folded: string): QueryPlan | null {
    const docNumber = DOC_NUMBER.exec(folded.trim());
    const query = docNumber ? `${docNumber[1]}〔${docNumber[2]}〕${docNumber[3]}号` : folded;
    const expressions = words(query)
      .map((w) => this.wordExpression(w))
      .filter((e): e is string => e !== null);
    if (expressions.length === 0) return null;
    const allWords = words(query).flatMap((w) => this.variants(w));
    const keyWords = allWords
      .flatMap(jiebaCut)
      .filter((t) => Array.from(t).length >= 2 && !QUESTION_WORDS.has(t))
      .flatMap((t) => this.variants(t));
    const fallback = [...new Set(keyWords)].map((t) => phrase(bigramTokens(t))).filter((p) => p !== '');
    return {
      bigramMatch: expressions.join(' AND '),
      fallbackMatch: docNumber || fallback.length === 0 ? null : fallback.join(' OR '),
      wordMatch: orQuery(allWords.flatMap(jiebaCut)),
    };
  }
}

/** Baseline: raw (unfolded) query as a substring of title, body or 文号, newest first. */
class LikeEngine implements Engine {
  readonly name = 'like (baseline)';
  private readonly db = new Database(':memory:');
  private ids: string[] = [];
  private readonly stmt: Database.Statement;

  constructor() {
    this.db.exec('CREATE TABLE docs (title TEXT, doc_number TEXT, body TEXT, published_at TEXT)');
    this.stmt = this.db.prepare(
      `SELECT rowid FROM docs
       WHERE title LIKE @pattern ESCAPE '\\' OR body LIKE @pattern ESCAPE '\\' OR doc_number LIKE @pattern ESCAPE '\\'
       ORDER BY published_at DESC, rowid LIMIT @limit`,
    );
  }

  build(docs: readonly FoldedDoc[]): BuildStats {
    const start = performance.now();
    this.ids = docs.map((d) => d.id);
    const insert = this.db.prepare(
      'INSERT INTO docs(rowid, title, doc_number, body, published_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      docs.forEach((d, i) => {
        insert.run(i + 1, d.raw.title, d.raw.docNumber, d.raw.body, d.publishedAt);
      });
    })();
    return { buildMs: performance.now() - start, analysisMs: 0, analysedChars: 0 };
  }

  search(query: string, limit: number): string[] {
    const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return (this.stmt.all({ pattern, limit }) as { rowid: number }[]).map((r) => this.ids[r.rowid - 1]!);
  }

  indexBytes(): number {
    return dbBytes(this.db);
  }

  close(): void {
    this.db.close();
  }
}

// ----------------------------------------------------------------------------------------- evaluation

function dcg(grades: readonly number[]): number {
  return grades.slice(0, TOP_K).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
}

function ndcgAt10(ranked: readonly string[], judgments: Record<string, number>): number {
  const ideal = dcg(Object.values(judgments).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((id) => judgments[id] ?? 0)) / ideal;
}

function recallAt10(ranked: readonly string[], judgments: Record<string, number>): number {
  const relevant = Object.keys(judgments).filter((id) => (judgments[id] ?? 0) >= 1);
  if (relevant.length === 0) return 0;
  const found = ranked.slice(0, TOP_K).filter((id) => (judgments[id] ?? 0) >= 1).length;
  return found / Math.min(TOP_K, relevant.length);
}

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;

function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

interface Evaluation {
  engine: Engine;
  build: BuildStats;
  sizeBytes: number;
  ndcg: number;
  recall: number;
  meanMs: number;
  p95Ms: number;
  zeroResults: number;
  byKind: Map<string, number>;
  /** docno queries whose grade-3 document (the one bearing the 文号) is ranked first */
  docnoFirst: number;
  results: Map<string, string[]>;
}

const BUILDS = 5;

/** Builds `BUILDS` fresh instances (median build time, best analysis time), then queries the last one. */
function evaluate(
  make: () => Engine,
  docs: readonly FoldedDoc[],
  queries: readonly JudgedQuery[],
): Evaluation {
  const builds: BuildStats[] = [];
  let engine = make();
  for (let i = 0; i < BUILDS; i++) {
    if (i > 0) {
      engine.close();
      engine = make();
    }
    builds.push(engine.build(docs));
  }
  const buildMs = builds.map((b) => b.buildMs).sort((a, b) => a - b)[Math.floor(BUILDS / 2)]!;
  const analysisMs = Math.min(...builds.map((b) => b.analysisMs));
  const build = { buildMs, analysisMs, analysedChars: builds[0]!.analysedChars };
  const results = new Map(queries.map((q) => [q.q, engine.search(q.q, TOP_K)]));
  const times = queries.map((q) => {
    const start = performance.now();
    for (let i = 0; i < TIMED_RUNS; i++) engine.search(q.q, TOP_K);
    return (performance.now() - start) / TIMED_RUNS;
  });
  const ndcgs = queries.map((q) => ndcgAt10(results.get(q.q) ?? [], q.judgments));
  const kinds = [...new Set(queries.map((q) => q.kind))];
  const byKind = new Map(kinds.map((k) => [k, mean(ndcgs.filter((_, i) => queries[i]!.kind === k))]));
  const docnoFirst = queries.filter((q) => {
    const top = results.get(q.q)?.[0];
    return q.kind === 'docno' && top !== undefined && q.judgments[top] === 3;
  }).length;
  return {
    engine,
    build,
    sizeBytes: engine.indexBytes(),
    ndcg: mean(ndcgs),
    recall: mean(queries.map((q) => recallAt10(results.get(q.q) ?? [], q.judgments))),
    meanMs: mean(times),
    p95Ms: percentile(times, 95),
    zeroResults: [...results.values()].filter((r) => r.length === 0).length,
    byKind,
    docnoFirst,
    results,
  };
}

// ------------------------------------------------------------------------------------------- printing

const WIDE = /[\p{Script=Han}\u3000-\u303F\uFF01-\uFF60]/u;

/** Terminal / Markdown-formatter width: CJK ideographs and full-width punctuation take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width += WIDE.test(c) ? 2 : 1;
  return width;
}

/** A Markdown table; the first `textColumns` columns are left-aligned, the rest (numbers) right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[], textColumns = 1): string {
  const width = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (c: string, i: number) => {
    const fill = ' '.repeat(Math.max(0, width[i]! - displayWidth(c)));
    return i < textColumns ? c + fill : fill + c;
  };
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `| ${width.map((w, i) => (i < textColumns ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const f3 = (x: number): string => x.toFixed(3);
const f2 = (x: number): string => x.toFixed(2);
const f0 = (x: number): string => Math.round(x).toLocaleString('en-US');

// ------------------------------------------------------------------------------------------------ main

function main(): void {
  const corpus = readJsonLines<CorpusDoc>('corpus.jsonl');
  const queries = readJson<JudgedQuery[]>('queries.json');
  const synonyms = readJson<string[][]>('synonyms.json');

  const foldStart = performance.now();
  const docs: FoldedDoc[] = corpus.map((d) => ({
    id: d.externalId,
    publishedAt: d.publishedAt,
    raw: { title: d.title, docNumber: d.docNumber ?? '', body: d.body },
    title: fold(d.title),
    docNumber: fold(d.docNumber ?? ''),
    body: fold(d.body),
  }));
  const foldMs = performance.now() - foldStart;
  const corpusChars = corpus.reduce(
    (n, d) => n + d.title.length + (d.docNumber ?? '').length + d.body.length,
    0,
  );
  const kindCounts = new Map<string, number>();
  for (const q of queries) kindCounts.set(q.kind, (kindCounts.get(q.kind) ?? 0) + 1);

  console.log('# Chinese analysers for SQLite FTS5: search quality on the judged corpus\n');
  console.log(
    `Corpus: ${docs.length} documents, ${f0(corpusChars)} characters (title + 文号 + body). ` +
      `Queries: ${queries.length} (${[...kindCounts].map(([k, n]) => `${k} ${n}`).join(', ')}).`,
  );
  console.log(
    `Fold (full-width → half-width, OpenCC hk→cn, lowercase): ${f0(foldMs)} ms for the corpus ` +
      `(${f0(corpusChars / (foldMs / 1000))} chars/s), done once, not counted below. ` +
      `jieba dictionary load: ${f0(jiebaLoadMs)} ms. Node ${process.version}, SQLite ${sqliteVersion()}, ` +
      `${cpus().length} CPUs, load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} at start.\n`,
  );

  const spaced = (tokens: (t: string) => string[]) => (t: string) => tokens(t).join(' ');
  const rewriter = new QueryRewriter(synonyms);
  const engines: (() => Engine)[] = [
    () => new LikeEngine(),
    () => new FtsEngine('bigram', 'unicode61', spaced(bigramTokens), bigramQuery),
    () => new FtsEngine('intl', 'unicode61', spaced(intlWords), (q) => andQuery(intlWords(q))),
    () => new FtsEngine('jieba (search/cut)', 'unicode61', spaced(jiebaSearch), (q) => andQuery(jiebaCut(q))),
    () => new FtsEngine('jieba (cut/cut)', 'unicode61', spaced(jiebaCut), (q) => andQuery(jiebaCut(q))),
    () => new FtsEngine('trigram', 'trigram', null, (q) => andQuery(words(q))),
    () => new HybridEngine('hybrid', null),
    () => new HybridEngine('hybrid+rewrite (extra)', rewriter),
  ];
  // Warm-up: JIT, OpenCC tables and jieba's lazy state would otherwise be billed to whichever analyser runs first.
  for (const d of docs) {
    const text = `${d.title} ${d.docNumber} ${d.body}`;
    bigramTokens(text);
    intlWords(text);
    jiebaSearch(text);
    jiebaCut(text);
  }
  const evaluations = engines.map((e) => evaluate(e, docs, queries));

  console.log('## Quality, speed, size\n');
  console.log(
    table(
      [
        'analyser',
        'nDCG@10',
        'recall@10',
        'build ms',
        'analysis chars/s',
        'query mean ms',
        'query p95 ms',
        'index KiB',
        'zero-result queries',
      ],
      evaluations.map((e) => [
        e.engine.name,
        f3(e.ndcg),
        f3(e.recall),
        f0(e.build.buildMs),
        e.build.analysisMs > 0 ? f0(e.build.analysedChars / (e.build.analysisMs / 1000)) : '— (in SQLite)',
        f2(e.meanMs),
        f2(e.p95Ms),
        f0(e.sizeBytes / 1024),
        `${e.zeroResults}/${queries.length}`,
      ]),
    ),
  );
  console.log(
    `\nbuild = analysis + inserts + optimize, median of ${BUILDS} fresh builds; analysis chars/s = best of ${BUILDS}, ` +
      'without the shared fold; index = dbstat pages of the contentless FTS5 shadow tables (LIKE row: the plain ' +
      `table); query time = mean of ${TIMED_RUNS} runs per query, fold and analysis included.\n`,
  );

  console.log('## nDCG@10 by query kind\n');
  const kinds = [...kindCounts.keys()];
  console.log(
    table(
      ['analyser', ...kinds.map((k) => `${k} (${kindCounts.get(k)})`), 'docno: 文号 owner at rank 1'],
      evaluations.map((e) => [
        e.engine.name,
        ...kinds.map((k) => f3(e.byKind.get(k) ?? 0)),
        `${e.docnoFirst}/${kindCounts.get('docno') ?? 0}`,
      ]),
    ),
  );

  printChecks(docs, queries, evaluations);
  if (process.argv.includes('--per-query')) printPerQuery(queries, evaluations);
  const shown = process.argv.indexOf('--show');
  if (shown >= 0) showQuery(process.argv[shown + 1] ?? '', docs, queries, evaluations);
}

/** `--show <query>`: every analyser's top 10 for one query, with grades and titles. */
function showQuery(
  query: string,
  docs: readonly FoldedDoc[],
  queries: readonly JudgedQuery[],
  evaluations: readonly Evaluation[],
): void {
  const judgments = queries.find((q) => q.q === query)?.judgments ?? {};
  const titles = new Map(docs.map((d) => [d.id, d.raw.title]));
  console.log(`\n## Top ${TOP_K} for ${query}\n`);
  for (const e of evaluations) {
    const ranked = e.results.get(query) ?? e.engine.search(query, TOP_K);
    console.log(`${e.engine.name} (nDCG@10 ${f3(ndcgAt10(ranked, judgments))}):`);
    ranked.forEach((id, i) => {
      console.log(`  ${String(i + 1).padStart(2)}. [${judgments[id] ?? 0}] ${id} ${titles.get(id)}`);
    });
  }
}

/** `--per-query`: nDCG@10 of every query for every analyser, to see what each one misses. */
function printPerQuery(queries: readonly JudgedQuery[], evaluations: readonly Evaluation[]): void {
  console.log('\n## nDCG@10 per query\n');
  console.log(
    table(
      ['query', 'kind', ...evaluations.map((e) => e.engine.name)],
      queries.map((q) => [
        q.q,
        q.kind,
        ...evaluations.map((e) => f2(ndcgAt10(e.results.get(q.q) ?? [], q.judgments))),
      ]),
      2,
    ),
  );
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  const row = db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
  db.close();
  return row.v;
}

function printChecks(
  docs: readonly FoldedDoc[],
  queries: readonly JudgedQuery[],
  evaluations: Evaluation[],
): void {
  const byName = (name: string) => evaluations.find((e) => e.engine.name === name)!;
  console.log('\n## Checks\n');

  // 1. trigram and queries shorter than three characters
  const trigram = new Database(':memory:');
  const tri = new FtsTable(trigram, 'tri', 'trigram');
  tri.load(docs, null);
  const twoChar = tri.all(quote('征地')).size;
  const threeChar = tri.all(quote('征地补')).size;
  const shortQueries = queries.filter((q) => words(fold(q.q)).some((w) => Array.from(w).length < 3));
  console.log(
    `- FTS5 trigram, 2-character query: MATCH '"征地"' returns ${twoChar} rows (MATCH '"征地补"': ${threeChar}). ` +
      'A trigram index cannot answer a term shorter than three characters, so every query with such a word ' +
      `returns nothing: ${shortQueries.length}/${queries.length} queries here ` +
      `(trigram zero-result queries: ${byName('trigram').zeroResults}).`,
  );

  // 2. jieba and 信息公开申请表
  const cut = jieba.cut('政府信息公开申请表', true);
  const search = jieba.cutForSearch('政府信息公开申请表', true);
  const queryCut = jieba.cut('信息公开申请', true);
  console.log(
    `- jieba cut('政府信息公开申请表') = ${cut.join(' | ')}; cutForSearch = ${search.join(' | ')}; ` +
      `cut('信息公开申请') = ${queryCut.join(' | ')}. 信息公开申请 is ${cut.includes('信息公开申请') ? '' : 'not '}one unit; ` +
      `cut ${cut.includes('申请') ? 'also emits' : 'keeps 申请表 whole and never emits'} 申请, so a cut/cut index ` +
      `${cut.includes('申请') ? 'finds' : 'misses'} 申请 inside 申请表; cutForSearch ` +
      `${search.includes('申请') ? 'adds' : 'does not add'} it.`,
  );

  // 3. bigram false friends: 征地 inside 特征地貌 / 特征地层, 总规 inside 总规划师 / 总规模
  for (const [query, friends] of [
    ['征地', ['特征地']],
    ['总规', ['总规划师', '总规模']],
  ] as const) {
    const engine = new FtsEngine('probe', 'unicode61', (t) => bigramTokens(t).join(' '), bigramQuery);
    engine.build(docs);
    const matched = engine.search(query, docs.length);
    const falseFriends = matched.filter((id) => {
      const d = docs.find((x) => x.id === id)!;
      let text = `${d.title} ${d.body}`;
      for (const f of friends) text = text.replaceAll(f, '');
      return !text.includes(query);
    });
    const rankIn = (name: string) =>
      falseFriends.map((id) => {
        const r = byName(name).results.get(query) ?? [];
        const i = r.indexOf(id);
        return i < 0 ? '-' : String(i + 1);
      });
    console.log(
      `- bigram '${query}': ${matched.length} documents match, ${falseFriends.length} only through ` +
        `${friends.join('/')} (${falseFriends.join(', ')}); their ranks in the top 10 — bigram: ` +
        `${rankIn('bigram').join(', ')}; hybrid: ${rankIn('hybrid').join(', ')}; jieba (search/cut): ` +
        `${rankIn('jieba (search/cut)').join(', ')} ('-' = not in top 10).`,
    );
  }

  // 4. Intl.Segmenter on one 50 KB string
  let long = '';
  for (let i = 0; long.length < 50_000; i++) long += docs[i % docs.length]!.body;
  long = long.slice(0, 50_000);
  const timeIt = (fn: () => number): [number, number] => {
    const start = performance.now();
    const n = fn();
    return [performance.now() - start, n];
  };
  const [wholeMs, wholeWords] = timeIt(() => intlWords(long, false).length);
  const [chunkedMs, chunkedWords] = timeIt(() => intlWords(long, true).length);
  console.log(
    `- Intl.Segmenter on one 50,000-character string: ${f0(wholeMs)} ms in one call (${wholeWords} words), ` +
      `${f0(chunkedMs)} ms in ≤${INTL_CHUNK}-character chunks cut at punctuation (${chunkedWords} words).`,
  );

  // 5. phrase queries over a cutForSearch index
  const jiebaPhrases = (q: string): string | null => {
    const phrases = words(q)
      .map(jiebaCut)
      .filter((t) => t.length > 0)
      .map(phrase);
    return phrases.length === 0 ? null : phrases.join(' AND ');
  };
  const pj = evaluate(
    () =>
      new FtsEngine(
        'jieba search/cut, phrase queries',
        'unicode61',
        (t) => jiebaSearch(t).join(' '),
        jiebaPhrases,
      ),
    docs,
    queries,
  );
  console.log(
    `- jieba with phrase queries (cut) over a cutForSearch index: nDCG@10 ${f3(pj.ndcg)}, recall@10 ${f3(pj.recall)}, ` +
      `zero results ${pj.zeroResults}/${queries.length} (ANDed words, as in the table: ` +
      `${f3(byName('jieba (search/cut)').ndcg)}); cutForSearch inserts sub-words (国土空间总体规划 → … 总体 | 规划 | 总体规划), ` +
      'which breaks the adjacency a phrase needs.',
  );

  // 6. queries nobody answers
  const fts = evaluations.filter(
    (e) => e.engine.name !== 'like (baseline)' && !e.engine.name.includes('extra'),
  );
  const unanswered = queries
    .filter((q) => fts.every((e) => (e.results.get(q.q) ?? []).length === 0))
    .map((q) => q.q);
  console.log(
    `- Queries with no result from any of the five FTS analysers (extra row excluded): ${unanswered.length ? unanswered.join('; ') : 'none'}.`,
  );
  const worst = fts.map((e) => {
    const misses = queries
      .filter((q) => ndcgAt10(e.results.get(q.q) ?? [], q.judgments) === 0)
      .map((q) => q.q);
    return `${e.engine.name}: ${misses.length}`;
  });
  console.log(`- Queries with nDCG@10 = 0 — ${worst.join('; ')}.`);
}

main();
