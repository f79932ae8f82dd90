import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { planQuery, type QueryPlan, type SynonymLookup } from './analyse.js';

/**
 * The second and third tries when a query's phrases find nothing (ADR 0012): the query is cut into
 * dictionary words by jieba (only queries are cut, never documents), question words and particles are
 * dropped, and the words are matched separately — first all of them (AND), then any of them (OR,
 * ranked by how many and how rare). So 征地补偿标准 also finds “征地的补偿标准”, and a question such as
 * 我家的地被征收了补偿标准是多少 finds the documents about 征收 and 补偿标准.
 */

let jieba: Jieba | undefined;

/** The segmenter, loaded on first use (~0.3 s), with the synonym terms as extra words. */
function segmenter(extraWords: readonly string[]): Jieba {
  if (!jieba) jieba = Jieba.withDict(dict);
  const missing = extraWords.filter((w) => !known.has(w));
  if (missing.length) {
    jieba.loadDict(Buffer.from(missing.map((w) => `${w.replace(/\s+/gu, '')} 2000 n`).join('\n')));
    for (const w of missing) known.add(w);
  }
  return jieba;
}
const known = new Set<string>();

/** Words that carry no subject in a question: dropped when the words are matched separately. */
const QUESTION_WORDS = new Set(
  (
    '怎么 怎样 怎么样 如何 什么 哪里 哪儿 哪个 哪些 多少 几 是 谁 我 我家 我的 我们 你们 要 吗 呢 吧 啊 了 被 的 地 得 ' +
    '在 有 没有 能 能否 可以 可否 请问 想 想要 需要 一下 办 交 算 去 到 给 和 与 及 或 对 从 把 为 为什么 哪 这 那 这个 那个'
  ).split(' '),
);

/** The cut words of a query (folded words of the original plan, cut again), question words dropped. */
export function cutWords(plan: QueryPlan, extraWords: readonly string[] = []): string[] {
  const j = segmenter(extraWords);
  const out: string[] = [];
  for (const w of plan.words) {
    const text = w.alternatives[0]!.text;
    for (const piece of j.cut(text, false)) {
      const p = piece.trim();
      if (!p || QUESTION_WORDS.has(p)) continue;
      // A lone character left over from a longer word is too ambiguous to match on its own.
      if ([...p].length === 1 && [...text].length > 1 && /\p{Script=Han}/u.test(p)) continue;
      out.push(p);
    }
  }
  return out;
}

/**
 * The wider plans to try in order: the cut words all required, then any of them. Empty when cutting
 * changes nothing (a single word already failed as it is).
 */
export function relaxedPlans(
  plan: QueryPlan,
  synonyms: SynonymLookup,
  extraWords: readonly string[],
): QueryPlan[] {
  const words = cutWords(plan, extraWords);
  if (words.length === 0) return [];
  const wider = planQuery(words.join(' '), synonyms);
  if (wider.words.length === 0) return [];
  const same =
    wider.words.length === plan.words.length &&
    wider.words.every((w, i) => w.alternatives[0]!.text === plan.words[i]!.alternatives[0]!.text);
  const all = { ...wider, folded: plan.folded };
  const plans: QueryPlan[] = same ? [] : [all];
  if (wider.words.length > 1) plans.push({ ...all, any: true });
  return plans;
}
