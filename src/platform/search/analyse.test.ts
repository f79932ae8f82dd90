import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, fold, foldChar, MAX_QUERY_WORDS, planQuery, tokens, wholeWordsPlan } from './analyse.js';
import { fts5Query, tsQuery, tsvectorLiteral } from './backend.js';
import { highlightAll, segmentsToHtml, snippet } from './snippet.js';
import { lookupOf, parseTerms } from './synonyms.js';

describe('folding', () => {
  it('folds traditional characters to simplified', () => {
    expect(fold('規劃和自然資源局')).toBe('规划和自然资源局');
    expect(fold('土地徵收補償')).toBe('土地征收补偿');
    expect(fold('測繪')).toBe('测绘');
    expect(fold('國辦函〔2020〕109號')).toBe('国办函〔2020〕109号');
  });

  it('folds full-width letters, digits and punctuation to half-width and upper case to lower case', () => {
    expect(fold('ＧＢ／Ｔ　９７０４－２０１２')).toBe('gb/t 9704-2012');
    expect(fold('（２０２１）')).toBe('(2021)');
    expect(fold('ABC')).toBe('abc');
  });

  it('replaces lone surrogates and control characters by spaces', () => {
    expect(cleanText('a\uD800b')).toBe('a b');
    expect(cleanText('a\uDC00b')).toBe('a b');
    expect(cleanText('😀')).toBe('😀');
    expect(cleanText('a\u0000b\u200Bc')).toBe('a b c');
  });
});

describe('tokens', () => {
  it('cuts Han runs into overlapping bigrams and keeps a one-character run', () => {
    expect(tokens('征地补偿')).toEqual(['征地', '地补', '补偿']);
    expect(tokens('矿')).toEqual(['矿']);
    expect(tokens('征地')).toEqual(['征地']);
  });

  it('keeps runs of letters and digits whole and separates at punctuation', () => {
    expect(tokens('国办函〔2020〕109号')).toEqual(['国办', '办函', '2020', '109', '号']);
    expect(tokens('GB/T 9704—2012')).toEqual(['gb', 't', '9704', '2012']);
    expect(tokens('123456788/2019-00012')).toEqual(['123456788', '2019', '00012']);
  });

  it('folds before cutting, so traditional and simplified text give the same tokens', () => {
    expect(tokens('規劃許可')).toEqual(tokens('规划许可'));
  });

  it('stops at the limit', () => {
    expect(tokens('一二三四五六', 3)).toEqual(['一二', '二三', '三四']);
    expect(tokens('a b c d', 2)).toEqual(['a', 'b']);
  });
});

describe('query plans', () => {
  const synonyms = lookupOf([
    ['征地', '土地征收', '征收土地'],
    ['总规', '总体规划'],
  ]);

  it('makes one phrase per word, with synonyms as alternatives', () => {
    const plan = planQuery('征地 补偿', synonyms);
    expect(plan.words.map((w) => w.alternatives.map((a) => a.tokens.join(' ')))).toEqual([
      ['征地', '土地 地征 征收', '征收 收土 土地'],
      ['补偿'],
    ]);
    expect(plan.highlights[0]).toBe('土地征收');
  });

  it('keeps a 文号 in any bracket style as one phrase of the same tokens', () => {
    const forms = [
      '国办函〔2020〕109号',
      '国办函[2020]109号',
      '国办函【2020】109号',
      '國辦函〔２０２０〕１０９號',
    ];
    const plans = forms.map((f) => planQuery(f).words.map((w) => w.alternatives[0]!.tokens));
    for (const p of plans) expect(p.flat()).toEqual(['国办', '办函', '2020', '109', '号']);
  });

  it('keeps Han text in parentheses after a Han character in the word (示（挂）2017)', () => {
    const [w, ...rest] = planQuery('示（挂）2017').words;
    expect(rest).toHaveLength(0);
    expect(w!.alternatives[0]).toMatchObject({
      tokens: ['示', '挂', '2017'],
      prefix: false,
      text: '示(挂)2017',
    });
    // Elsewhere parentheses still separate words.
    expect(planQuery('征地 (补偿)').words).toHaveLength(2);
    expect(planQuery('near(补偿)').words).toHaveLength(2);
  });

  it('cuts a word into parts only when a part is a Han word (not the numbers of a 文号)', () => {
    const cut = (w: string) => (w.includes('号') ? ['2019', '120'] : ['部门', '预算']);
    expect(planQuery('示规资发〔2019〕120号', undefined, cut).words[0]!.parts).toBeUndefined();
    expect(planQuery('2021部门预算', undefined, cut).words[0]!.parts).toHaveLength(2);
  });

  it('first matches words whole: wholeWordsPlan drops the dictionary parts', () => {
    const cut = (w: string) => (w === '征地补偿标准' ? ['征地', '补偿', '标准'] : [w]);
    const plan = planQuery('征地补偿标准 公告', undefined, cut);
    expect(plan.words[0]!.parts).toHaveLength(3);
    const whole = wholeWordsPlan(plan);
    expect(whole.words.map((w) => w.parts)).toEqual([undefined, undefined]);
    expect(whole.words.map((w) => w.alternatives)).toEqual(plan.words.map((w) => w.alternatives));
    expect(wholeWordsPlan(whole)).toBe(whole);
  });

  it('drops stop words and duplicate words, and keeps at most MAX_QUERY_WORDS words', () => {
    expect(planQuery('的 征地 征地 关于').words).toHaveLength(1);
    const many = Array.from({ length: 30 }, (_, i) => `词${i}`).join(' ');
    expect(planQuery(many).words).toHaveLength(MAX_QUERY_WORDS);
  });

  it('matches a single Han character as a prefix', () => {
    const [w] = planQuery('矿').words;
    expect(w!.alternatives[0]).toMatchObject({ tokens: ['矿'], prefix: true });
    expect(fts5Query(planQuery('矿'))).toBe('"矿"*');
    expect(tsQuery(planQuery('矿'))).toBe("'矿':*");
  });

  it('has no words for an empty query or one made of operators only', () => {
    expect(planQuery('').words).toHaveLength(0);
    expect(planQuery('  "" () * ^ ').words).toHaveLength(0);
  });

  it('quotes every token, so FTS operators in the input stay plain words', () => {
    expect(fts5Query(planQuery('征地 OR NEAR(补偿) AND'))).toBe(
      '"征地" AND "or" AND "near" AND "补偿" AND "and"',
    );
    expect(fts5Query(planQuery('总规', synonyms))).toBe('("总规" OR "总体 体规 规划")');
    expect(tsQuery(planQuery('总规', synonyms))).toBe("('总规' | ('总体' <-> '体规' <-> '规划'))");
    expect(tsQuery(planQuery("a'b\\c"))).toBe("'a' & ('b' <-> 'c')");
  });

  it('adds the cut parts of a longer word as an alternative, each part with its synonyms', () => {
    const cut = (w: string) => (w === '征地补偿标准' ? ['征地', '补偿', '标准'] : [w]);
    const plan = planQuery('征地补偿标准', synonyms, cut);
    expect(fts5Query(plan)).toBe(
      '("征地 地补 补偿 偿标 标准" OR (("征地" OR "土地 地征 征收" OR "征收 收土 土地") AND "补偿" AND "标准"))',
    );
    expect(tsQuery(plan)).toBe(
      "(('征地' <-> '地补' <-> '补偿' <-> '偿标' <-> '标准') | (('征地' | ('土地' <-> '地征' <-> '征收') | ('征收' <-> '收土' <-> '土地')) & '补偿' & '标准'))",
    );
    // Two-character words are never cut.
    expect(planQuery('征地', synonyms, () => ['征', '地']).words[0]!.parts).toBeUndefined();
  });

  it('folds and cuts like the plain per-character definition (property)', () => {
    // The definition the table-driven fold and tokens must agree with.
    const refFold = (t: string) => [...cleanText(t)].map(foldChar).join('');
    const refTokens = (t: string) => {
      const out: string[] = [];
      const runs = refFold(t).match(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? [];
      for (const run of runs) {
        const chars = [...run];
        if (/\p{Script=Han}/u.test(chars[0]!)) {
          if (chars.length === 1) out.push(chars[0]!);
          for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
        } else for (let i = 0; i < chars.length; i += 40) out.push(chars.slice(i, i + 40).join(''));
      }
      return out;
    };
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom(...'征地國辦函ＡＢ１２aZ9 〔〕()，\u0000\u200b\ud800\udc00𠀀𪚥ß㈱ﬁ'),
        fc
          .constantFrom('binary' as const)
          .chain(() => fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
      ),
      maxLength: 120,
    });
    fc.assert(
      fc.property(text, (t) => {
        expect(fold(t)).toBe(refFold(t));
        expect(tokens(t)).toEqual(refTokens(t));
      }),
      { numRuns: 500 },
    );
  });

  it('never produces an FTS5 expression with an unbalanced quote (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const q = fts5Query(planQuery(s));
        expect((q.match(/"/g) ?? []).length % 2).toBe(0);
        const t = tsQuery(planQuery(s));
        expect(t).not.toMatch(/\\(?!\\)/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('tsvector literal', () => {
  it('gives positions per field with weights A, B and D and a gap between fields', () => {
    const lit = tsvectorLiteral({ title: ['征地', '地补'], number: ['2021'], body: ['征地'] });
    expect(lit).toBe("'征地':1A,20D '地补':2A '2021':11B");
  });

  it('escapes quotes and backslashes', () => {
    expect(tsvectorLiteral({ title: ["a'b"], number: [], body: ['c\\d'] })).toBe("'a''b':1A 'c\\\\d':18D");
  });
});

describe('snippets and highlighting', () => {
  it('marks matches in a title, including traditional text matched by a simplified term', () => {
    expect(segmentsToHtml(highlightAll('關於土地徵收的通知', ['土地征收']))).toBe(
      '關於<mark>土地徵收</mark>的通知',
    );
  });

  it('picks the window with the most matches and escapes the text', () => {
    const text = `${'无关内容。'.repeat(60)}<b>征地</b>补偿标准与征地程序。${'其他。'.repeat(60)}`;
    const html = segmentsToHtml(snippet(text, ['征地']));
    expect(html).toContain('&lt;b&gt;<mark>征地</mark>&lt;/b&gt;');
    expect(html).toContain('<mark>征地</mark>程序');
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
  });

  it('shows the beginning of the text when nothing matches', () => {
    expect(segmentsToHtml(snippet('第一句。第二句。', ['征地']))).toBe('第一句。第二句。');
  });
});

describe('synonym groups', () => {
  it('splits terms at commas, 顿号, semicolons and spaces and folds them', () => {
    expect(parseTerms('征地，土地征收、 征收土地;征地')).toEqual(['征地', '土地征收', '征收土地']);
    const l = lookupOf([['總規', '总体规划']]);
    expect(l('总规')).toEqual(['总体规划']);
    expect(l('总体规划')).toEqual(['总规']);
    expect(l('规划')).toBeUndefined();
  });
});
