import { describe, expect, it } from 'vitest';
import {
  docNumberSearchKeys,
  formatDocNumber,
  looksLikeDocNumber,
  normaliseDocNumber,
  parseDocNumber,
} from './doc-number.js';

/**
 * 文号 seen in shared/domain (regulations.md, website-and-calendar.md), plus the 天津规划和自然资源局
 * prefix of the seed. Each is already in the GB/T 9704-2012 canonical form.
 */
const REAL: [string, string, number, number][] = [
  ['国办发明电〔2020〕1号', '国办发明电', 2020, 1],
  ['国办发明电〔2018〕15号', '国办发明电', 2018, 15],
  ['国办函〔2020〕109号', '国办函', 2020, 109],
  ['国办公开办函〔2021〕30号', '国办公开办函', 2021, 30],
  ['国办公开办函〔2019〕60号', '国办公开办函', 2019, 60],
  ['国办发〔2017〕47号', '国办发', 2017, 47],
  ['国办发〔2018〕123号', '国办发', 2018, 123],
  ['国发〔2018〕43号', '国发', 2018, 43],
  ['中办发〔2016〕8号', '中办发', 2016, 8],
  ['国办秘函〔2019〕19号', '国办秘函', 2019, 19],
  ['皖财综〔2021〕28号', '皖财综', 2021, 28],
  ['工信厅信管函〔2021〕67号', '工信厅信管函', 2021, 67],
  ['津政办规〔2021〕5号', '津政办规', 2021, 5],
  ['津规资发〔2021〕12号', '津规资发', 2021, 12],
];

describe('normaliseDocNumber', () => {
  it.each([
    ['津规资发[2021]12号', 'ASCII square brackets'],
    ['津规资发(2021)12号', 'ASCII parentheses'],
    ['津规资发（2021）12号', 'full-width parentheses'],
    ['津规资发［2021］12号', 'full-width square brackets'],
    ['津规资发【2021】12号', 'black lenticular brackets'],
    ['津规资发〖2021〗12号', 'white lenticular brackets'],
    ['津规资发﹝2021﹞12号', 'small tortoise shell brackets, common on CMS pages'],
    ['津规资发〘2021〙12号', 'white tortoise shell brackets'],
    ['津规资发[2021）12号', 'mismatched brackets'],
    ['津规资发〔２０２１〕１２号', 'full-width digits'],
    ['津规资发〔2021〕第12号', 'with 第'],
    ['津规资发〔2021〕012号', 'leading zero'],
    ['津规资发〔2021〕第０１２号', '第, full-width digits and a leading zero'],
    ['津规资发 〔2021〕 12 号', 'ASCII spaces'],
    ['\u3000津规资发〔2021〕12号\u3000', 'ideographic spaces'],
    ['津规资发\u00a0〔2021〕\u200b12号\ufeff', 'NBSP, zero-width space and BOM from copy-paste'],
    ['津规资发〔2021〕12號', 'traditional 號'],
    ['津规资发〔2021年〕12号', 'a stray 年 inside the brackets'],
    ['津规资发〔2021〕12', 'no 号'],
    ['津规资发〔2021〕12号文', 'colloquial 号文'],
    ['津规资发〔2021〕12号文件', 'colloquial 号文件'],
  ])('folds %s (%s) to the canonical form', (input) => {
    expect(normaliseDocNumber(input)).toBe('津规资发〔2021〕12号');
  });

  it.each(REAL.map(([s]) => s))('leaves the canonical %s unchanged', (s) => {
    expect(normaliseDocNumber(s)).toBe(s);
  });

  it('folds full-width letters to ASCII in the agency code', () => {
    expect(normaliseDocNumber('ＡＢ发〔2021〕1号')).toBe('AB发〔2021〕1号');
  });

  it('keeps numbers of other shapes as written, apart from widths and spaces', () => {
    expect(normaliseDocNumber('国务院令第７１１号')).toBe('国务院令第711号');
    expect(normaliseDocNumber('自然资源部公告 2021年第12号')).toBe('自然资源部公告2021年第12号');
    expect(normaliseDocNumber('国土资源部令第39号')).toBe('国土资源部令第39号');
  });

  it('does not turn serial 0 into a 文号', () => {
    expect(normaliseDocNumber('津规资发[2021]0号')).toBe('津规资发〔2021〕0号');
  });

  it('folds a bracketed fragment without its agency', () => {
    expect(normaliseDocNumber('[2021]第012号')).toBe('〔2021〕12号');
  });

  it('gives an empty string for blank input', () => {
    expect(normaliseDocNumber(' \u3000 ')).toBe('');
  });
});

describe('parseDocNumber', () => {
  it.each(REAL)('parses %s', (s, agencyCode, year, serial) => {
    expect(parseDocNumber(s)).toEqual({ agencyCode, year, serial });
  });

  it('parses the variants of the same number alike', () => {
    for (const s of [
      '津规资发[2021]12号',
      '津规资发（2021）12号',
      '津规资发〔２０２１〕１２号',
      '津规资发〔2021〕第12号',
    ]) {
      expect(parseDocNumber(s)).toEqual({ agencyCode: '津规资发', year: 2021, serial: 12 });
    }
  });

  it('drops leading zeros from the serial', () => {
    expect(parseDocNumber('津政办规〔2021〕005号')).toEqual({
      agencyCode: '津政办规',
      year: 2021,
      serial: 5,
    });
    expect(parseDocNumber('国办发明电〔2020〕0001号')?.serial).toBe(1);
  });

  it('accepts a missing 号', () => {
    expect(parseDocNumber('国办函(2020)109')).toEqual({ agencyCode: '国办函', year: 2020, serial: 109 });
  });

  it.each([
    ['', 'empty'],
    ['规划', 'a word'],
    ['〔2021〕12号', 'no agency code'],
    ['津规资发〔21〕12号', 'a two-digit year (GB/T 9704 requires the full year)'],
    ['津规资发〔2021〕号', 'no serial'],
    ['津规资发〔2021〕0号', 'serial 0'],
    ['津规资发〔1948〕1号', 'year before 1949'],
    ['津规资发〔2101〕1号', 'year after 2100'],
    ['国务院令第711号', 'a decree number has no year'],
    ['自然资源部公告2021年第12号', 'an announcement number is not a bracketed 文号'],
    ['津规资发202112号', 'bracketless: the year cannot be told for sure, left to the search keys'],
    ['文号：津规资发〔2021〕12号', 'a label before the number'],
    ['关于印发方案的通知（津规资发〔2021〕12号）', 'a title containing a 文号'],
    ['津规资发〔2021〕12号、13号', 'two serials'],
  ])('rejects %s (%s)', (s) => {
    expect(parseDocNumber(s)).toBeNull();
  });

  it('round-trips through formatDocNumber', () => {
    for (const [s] of REAL) expect(formatDocNumber(parseDocNumber(s)!)).toBe(s);
  });
});

describe('docNumberSearchKeys', () => {
  it('gives the canonical form first, then the bracketless form', () => {
    expect(docNumberSearchKeys('津规资发[2021]012号')).toEqual(['津规资发〔2021〕12号', '津规资发202112号']);
  });

  it('gives every variant of a number the same keys', () => {
    const keys = docNumberSearchKeys('津规资发〔2021〕12号');
    for (const v of ['津规资发（2021）12号', '津规资发〔２０２１〕１２号', '津规资发 [2021] 第12号']) {
      expect(docNumberSearchKeys(v)).toEqual(keys);
    }
  });

  it('lets a bracketless query meet an indexed document', () => {
    const indexed = new Set(docNumberSearchKeys('国办公开办函〔2021〕30号'));
    expect(docNumberSearchKeys('国办公开办函202130号').some((k) => indexed.has(k))).toBe(true);
  });

  it('keeps neighbouring numbers apart', () => {
    const a = new Set(docNumberSearchKeys('国发〔2018〕4号'));
    const b = docNumberSearchKeys('国发〔2018〕43号');
    expect(b.some((k) => a.has(k))).toBe(false);
  });

  it('gives other numbers their folded form as the only key', () => {
    expect(docNumberSearchKeys('国务院令 第711号')).toEqual(['国务院令第711号']);
  });

  it('gives no key for blank input', () => {
    expect(docNumberSearchKeys('  ')).toEqual([]);
  });
});

describe('looksLikeDocNumber', () => {
  it.each([
    ...REAL.map(([s]) => s),
    '津规资发[2021]12号',
    '津规资发(2021)12',
    ' 津规资发〔２０２１〕第１２号 ',
    '津规资发202112号',
    '国务院令第711号',
    '国土资源部令第39号',
    '自然资源部公告2021年第12号',
  ])('takes %s as a 文号 lookup', (q) => {
    expect(looksLikeDocNumber(q)).toBe(true);
  });

  it.each([
    '',
    '   ',
    '土地征收',
    '规划许可 公示',
    '2021',
    '12号',
    '〔2021〕12号',
    '津规资发',
    '津规资发202112',
    '000014349/2017-00110',
    '关于印发2021年政务公开工作要点的通知（津规资发〔2021〕12号）',
  ])('takes %j as words, not a 文号', (q) => {
    expect(looksLikeDocNumber(q)).toBe(false);
  });
});
