import { describe, expect, it } from 'vitest';
import { citationKeys, citations, docNumberKeys, indexNumberKeys, queryKeys } from './search.source.js';

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

describe('citations of 文号', () => {
  it('keys every 文号 cited in a text by the last two characters of its agency code', () => {
    expect(
      citationKeys(
        '根据国办函〔2020〕109号和示规资发［２０２１］第012号文件，参照國辦函(2020)109號。津政办发2019年5号',
      ),
    ).toEqual(['cite:办函〔2020〕109号', 'cite:资发〔2021〕12号']);
    expect(citationKeys('〔2020〕0号 与 2020年109号')).toEqual([]);
  });

  it('gives the citation keys and confirming phrases of a query that is just a 文号', () => {
    for (const q of [
      '国办函〔2020〕109号',
      '国办函[2020]109号',
      '國辦函（２０２０）第109號',
      '国办函2020109号',
    ]) {
      expect(citations(q), q).toEqual({
        keys: ['cite:办函〔2020〕109号'],
        texts: ['国办函〔2020〕109', '国办函〔2020〕第109'],
      });
    }
    // Not just a 文号: searched as text.
    expect(citations('关于国办函〔2020〕109号的说明')).toBeNull();
    expect(citations('信息处理费')).toBeNull();
    expect(citations('国务院令第711号')).toBeNull();
  });
});
