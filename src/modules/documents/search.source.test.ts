import { describe, expect, it } from 'vitest';
import { docNumberKeys, indexNumberKeys, queryKeys } from './search.source.js';

describe('exact keys of 文号 and 索引号', () => {
  const key = '示规资发〔2021〕12号';

  it('finds the stored key in a query in every bracket style, width and spelling', () => {
    const stored = docNumberKeys(key)[0]!;
    for (const q of [
      '示规资发〔2021〕12号',
      '示规资发[2021]12号',
      '示规资发（2021）12号',
      '示规资发(2021)12号',
      '示规资发【2021】12号',
      '示规资发﹝2021﹞12号',
      '示规资发［２０２１］１２号',
      '示规资发〔2021〕第012号',
      '示规资发 〔2021〕 12 号',
      '示规资发2021012号',
      '示规资发202112号',
      '示規資發〔2021〕12號',
    ]) {
      expect(queryKeys(q), q).toContain(stored);
    }
  });

  it('finds a 文号 inside a longer query by trying every ending of the words before the year', () => {
    const keys = queryKeys('关于国办函〔2020〕109号的解读');
    expect(keys).toContain('wh:国办函〔2020〕109号');
    expect(keys).toContain('wh:于国办函〔2020〕109号');
  });

  it('keeps decree-style numbers as written', () => {
    expect(docNumberKeys('国务院令第711号')).toEqual(['wh:国务院令第711号']);
    expect(queryKeys('国务院令第711号')).toContain('wh:国务院令第711号');
  });

  it('keys a 索引号 whole and by its 后段码', () => {
    expect(indexNumberKeys('123456788/2019-00012')).toEqual([
      'idx:123456788/2019-00012',
      'idxtail:2019-00012',
    ]);
    expect(queryKeys('１２３４５６７８８／２０１９－０００１２')).toContain('idx:123456788/2019-00012');
    expect(queryKeys('2019-00012')).toEqual(['idxtail:2019-00012']);
    expect(indexNumberKeys('not a number')).toEqual([]);
  });

  it('has no keys for ordinary words', () => {
    expect(queryKeys('征地补偿标准')).toEqual([]);
    expect(queryKeys('2021年部门预算')).toEqual([]);
  });
});
