import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { type Cutter, flatWords, type QueryPlan } from './analyse.js';

/**
 * Query-side word segmentation (ADR 0012). Documents are indexed as character bigrams, which find
 * any contiguous text; queries are also cut into dictionary words by jieba so that a longer word
 * matches when its parts occur apart (征地补偿标准 → 征地 补偿 标准), and a question (我家的地被征收了
 * 补偿标准是多少) is reduced to the words that carry its subject. Only queries are cut, never documents.
 */

let jieba: Jieba | undefined;
const known = new Set<string>();
/** Word lists already added (the dictionary's terms are one array per content version). */
const added = new WeakSet<readonly string[]>();

/** The segmenter, loaded on first use (~0.3 s), with the synonym terms as extra dictionary words. */
function segmenter(extraWords: readonly string[]): Jieba {
  if (!jieba) jieba = Jieba.withDict(dict);
  if (added.has(extraWords)) return jieba;
  added.add(extraWords);
  const missing = extraWords.filter((w) => !known.has(w) && /^\S+$/u.test(w));
  if (missing.length) {
    jieba.loadDict(Buffer.from(missing.map((w) => `${w} 2000 n`).join('\n')));
    for (const w of missing) known.add(w);
  }
  return jieba;
}

/** Words that carry no subject in a question: dropped from the parts. */
const QUESTION_WORDS = new Set(
  (
    '怎么 怎样 怎么样 如何 什么 哪里 哪儿 哪个 哪些 多少 几 是 谁 我 我家 我的 我们 你们 要 吗 呢 吧 啊 了 被 的 地 得 ' +
    '在 有 没有 能 能否 可以 可否 请问 想 想要 需要 一下 办 交 算 去 到 给 和 与 及 或 对 从 把 为 为什么 哪 这 那 这个 那个 关于'
  ).split(' '),
);

/** A cutter for planQuery: jieba words, question words and lone Han characters dropped. */
export function jiebaCutter(extraWords: readonly string[]): Cutter {
  const j = segmenter(extraWords);
  return (text) =>
    j
      .cut(text, false)
      .map((p) => p.trim())
      .filter((p) => p && !QUESTION_WORDS.has(p) && !([...p].length === 1 && /\p{Script=Han}/u.test(p)));
}

/** The last try when every word is required and nothing matches: one word suffices (cut words as parts). */
export function anyWordPlan(plan: QueryPlan): QueryPlan | null {
  const words = flatWords(plan);
  if (words.length < 2 && !plan.words.some((w) => w.parts)) return null;
  return { ...plan, words, any: true };
}
