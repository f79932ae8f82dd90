import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import {
  formatIndexNumber,
  isValidOrgCode,
  isValidUscc,
  looksLikeIndexNumber,
  nextSerial,
  orgCodeCheckChar,
  parseIndexNumber,
  usccCheckChar,
  validatePrefix,
} from './index-number.js';

/** Real codes from shared/domain/website-and-calendar.md C.3. */
const GOV_CN_ORG = '000014349'; // 国务院办公厅, gov.cn 索引号 000014349/2017-00110
const YANGJIANG_USCC = '11441700007280420Y'; // 阳江市人民政府办公室, gkmlpt 11441700007280420Y/2021-00050

describe('orgCodeCheckChar (GB 11714-1997)', () => {
  it('computes the check digit of 国务院办公厅 00001434-9 by hand', () => {
    // Body 0 0 0 0 1 4 3 4 × weights 3 7 9 10 5 8 4 2 = 0+0+0+0+5+32+12+8 = 57; 57 mod 11 = 2; 11 − 2 = 9.
    expect(orgCodeCheckChar('00001434')).toBe('9');
  });

  it('computes the organisation code embedded in the 阳江 USCC (positions 9–17: 00728042-0)', () => {
    // 0·3+0·7+7·9+2·10+8·5+0·8+4·4+2·2 = 63+20+40+16+4 = 143 = 13·11, so 11 − 0 = 11, written 0.
    expect(orgCodeCheckChar('00728042')).toBe('0');
    expect(YANGJIANG_USCC.slice(8, 17)).toBe('007280420');
  });

  it('writes 10 as X', () => {
    // 0·3+0·7+1·9+4·10+2·5+7·8+6·4+8·2 = 155; 155 mod 11 = 1; 11 − 1 = 10 → X.
    expect(orgCodeCheckChar('00142768')).toBe('X');
  });

  it('values letters A–Z as 10–35', () => {
    // A=10: 10·3 = 30; 30 mod 11 = 8; 11 − 8 = 3.
    expect(orgCodeCheckChar('A0000000')).toBe('3');
    // Z=35 in the last place: 35·2 = 70; 70 mod 11 = 4; 11 − 4 = 7. Lower case is folded.
    expect(orgCodeCheckChar('0000000z')).toBe('7');
  });

  it('rejects a body that is not 8 digits or letters', () => {
    expect(() => orgCodeCheckChar('0000143')).toThrow(AppError);
    expect(() => orgCodeCheckChar('0000143*')).toThrow('组织机构代码本体应为8位数字或大写字母');
  });
});

describe('usccCheckChar (GB 32100-2015)', () => {
  it('computes the check character of the 阳江 code by hand', () => {
    // 1 1 4 4 1 7 0 0 0 0 7 2 8 0 4 2 0 × 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    // = 1+3+36+108+19+182+0+0+0+0+175+26+64+0+40+60+0 = 714; 714 mod 31 = 1; 31 − 1 = 30 → 'Y'.
    expect(usccCheckChar('11441700007280420')).toBe('Y');
  });

  it('writes 31 as 0', () => {
    // All zeros: Σ = 0, 31 − 0 = 31 → '0'.
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });

  it('values letters by their position in the 31-character set', () => {
    // A = 10 in the first place: 10·1 = 10; 31 − 10 = 21 → 'M' (… J=18 K=19 L=20 M=21).
    expect(usccCheckChar('A0000000000000000')).toBe('M');
  });

  it('rejects the letters the standard leaves out, and wrong lengths', () => {
    expect(() => usccCheckChar('I1441700007280420')).toThrow('不含 I、O、Z、S、V');
    expect(() => usccCheckChar('1144170000728042')).toThrow(AppError);
  });
});

describe('isValidOrgCode / isValidUscc', () => {
  it('accepts the real codes of the domain examples', () => {
    expect(isValidOrgCode(GOV_CN_ORG)).toBe(true);
    expect(isValidOrgCode('00001434-9')).toBe(true);
    expect(isValidUscc(YANGJIANG_USCC)).toBe(true);
    expect(isValidUscc(YANGJIANG_USCC.toLowerCase())).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidOrgCode('000014348')).toBe(false);
    expect(isValidUscc('11441700007280420X')).toBe(false);
  });

  it('rejects a single-digit slip in the body', () => {
    expect(isValidOrgCode('000014359')).toBe(false);
    expect(isValidUscc('11441700007280430Y')).toBe(false);
  });

  it('does not take one kind for the other', () => {
    expect(isValidOrgCode(YANGJIANG_USCC)).toBe(false);
    expect(isValidUscc(GOV_CN_ORG)).toBe(false);
  });
});

describe('validatePrefix', () => {
  it('accepts a 9-character organisation code', () => {
    expect(validatePrefix(GOV_CN_ORG)).toEqual({
      ok: true,
      kind: 'org9',
      normalised: '000014349',
      checkDigitValid: true,
    });
  });

  it('drops the hyphen of XXXXXXXX-X, and folds full-width, dash variants, spaces and case', () => {
    for (const s of ['00001434-9', '００００１４３４－９', ' 00001434\u20139 ', '00001434—9']) {
      expect(validatePrefix(s)).toMatchObject({ ok: true, kind: 'org9', normalised: '000014349' });
    }
    expect(validatePrefix('00142768-x')).toMatchObject({ ok: true, normalised: '00142768X' });
  });

  it('accepts an 18-character USCC, in any case', () => {
    expect(validatePrefix('11441700007280420y')).toEqual({
      ok: true,
      kind: 'uscc18',
      normalised: YANGJIANG_USCC,
      checkDigitValid: true,
    });
  });

  it('names the expected check character when it is wrong', () => {
    expect(validatePrefix('000014348')).toEqual({
      ok: false,
      error: '组织机构代码校验码错误：按 GB 11714 计算末位应为 9，实际为 8，请核对',
    });
    expect(validatePrefix('11441700007280420X')).toEqual({
      ok: false,
      error: '统一社会信用代码校验码错误：按 GB 32100 计算末位应为 Y，实际为 X，请核对',
    });
  });

  it('reports rather than rejects a wrong check character when asked to', () => {
    expect(validatePrefix('000014348', { allowBadCheckChar: true })).toEqual({
      ok: true,
      kind: 'org9',
      normalised: '000014348',
      checkDigitValid: false,
    });
  });

  it.each([
    ['', '索引号前段码不能为空'],
    ['0142768-8', '前段码只能包含数字和字母（组织机构代码可写作 XXXXXXXX-X）'],
    ['0000-14349', '前段码只能包含数字和字母（组织机构代码可写作 XXXXXXXX-X）'],
    ['00001434_9', '前段码只能包含数字和字母（组织机构代码可写作 XXXXXXXX-X）'],
    ['01427688', '前段码应为9位组织机构代码或18位统一社会信用代码，当前为8位'],
    ['1144170000728042', '前段码应为9位组织机构代码或18位统一社会信用代码，当前为16位'],
    ['1144170000728042OY', '统一社会信用代码不能包含字母 I、O、Z、S、V'],
    ['11AB1700007280420Y', '统一社会信用代码第3至8位应为登记管理机关行政区划码（6位数字）'],
  ])('rejects %j', (s, error) => {
    expect(validatePrefix(s)).toEqual({ ok: false, error });
  });
});

describe('formatIndexNumber', () => {
  it('zero-pads the serial to five digits', () => {
    expect(formatIndexNumber(GOV_CN_ORG, 2017, 110)).toBe('000014349/2017-00110');
    expect(formatIndexNumber(GOV_CN_ORG, 2018, 1)).toBe('000014349/2018-00001');
    expect(formatIndexNumber(GOV_CN_ORG, 2018, 99999)).toBe('000014349/2018-99999');
  });

  it('gives the 20-character form for an organisation code and 29 for a USCC', () => {
    expect(formatIndexNumber('00001434-9', 2018, 222)).toHaveLength(20);
    expect(formatIndexNumber(YANGJIANG_USCC, 2021, 50)).toBe('11441700007280420Y/2021-00050');
    expect(formatIndexNumber(YANGJIANG_USCC, 2021, 50)).toHaveLength(29);
  });

  it('rejects serials outside 1–99999 and years outside 1949–2100', () => {
    expect(() => formatIndexNumber(GOV_CN_ORG, 2021, 0)).toThrow('索引号顺序号应为 1—99999 之间的整数：0');
    expect(() => formatIndexNumber(GOV_CN_ORG, 2021, 100000)).toThrow('顺序号');
    expect(() => formatIndexNumber(GOV_CN_ORG, 2021, 1.5)).toThrow('顺序号');
    expect(() => formatIndexNumber(GOV_CN_ORG, 1948, 1)).toThrow(
      '索引号年份应为 1949—2100 之间的四位整数：1948',
    );
    expect(() => formatIndexNumber(GOV_CN_ORG, 2101, 1)).toThrow('年份');
    expect(formatIndexNumber(GOV_CN_ORG, 1949, 1)).toBe('000014349/1949-00001');
    expect(formatIndexNumber(GOV_CN_ORG, 2100, 1)).toBe('000014349/2100-00001');
  });

  it('rejects a malformed prefix but not a stored one with a bad check character', () => {
    expect(() => formatIndexNumber('12345', 2021, 1)).toThrow(AppError);
    expect(formatIndexNumber('000014348', 2021, 1)).toBe('000014348/2021-00001');
  });
});

describe('parseIndexNumber', () => {
  it.each([
    ['000014349/2017-00110', '000014349', 2017, 110],
    ['000014349/2018-00222', '000014349', 2018, 222],
    ['000014349/2018-00221', '000014349', 2018, 221],
    ['11441700007280420Y/2021-00050', YANGJIANG_USCC, 2021, 50],
  ])(
    'parses the real example %s (domain doc C.3) with a valid check character',
    (s, prefix, year, serial) => {
      expect(parseIndexNumber(s)).toEqual({
        prefix,
        kind: prefix.length === 9 ? 'org9' : 'uscc18',
        year,
        serial,
        checkDigitValid: true,
        indexNumber: s,
      });
    },
  );

  it('rejects the C.3 example 0142768-8/2022-00185: its hyphenated code has only 7 body characters', () => {
    // Marked [S] (unreliable mirror) in the domain doc: the hyphen must follow 8 characters, and no
    // 8-character body with an extra 0 in front or behind (00142768 → X, 01427688 → 4) gives check 8.
    expect(parseIndexNumber('0142768-8/2022-00185')).toBeNull();
    expect(orgCodeCheckChar('00142768')).not.toBe('8');
    expect(orgCodeCheckChar('01427688')).not.toBe('8');
  });

  it('normalises a hyphenated, lower-case, full-width or spaced number', () => {
    expect(parseIndexNumber('00001434-9/2017-00110')?.indexNumber).toBe('000014349/2017-00110');
    expect(parseIndexNumber('11441700007280420y/2021-00050')?.indexNumber).toBe(
      '11441700007280420Y/2021-00050',
    );
    expect(parseIndexNumber('００００１４３４９／２０１７－００１１０')?.indexNumber).toBe(
      '000014349/2017-00110',
    );
    expect(parseIndexNumber(' 000014349 / 2017-00110 ')?.serial).toBe(110);
  });

  it('reads a number whose prefix fails its check, and says so', () => {
    expect(parseIndexNumber('000014348/2017-00110')).toMatchObject({ checkDigitValid: false, serial: 110 });
  });

  it('round-trips through formatIndexNumber', () => {
    const p = parseIndexNumber('000014349/2018-00222')!;
    expect(formatIndexNumber(p.prefix, p.year, p.serial)).toBe('000014349/2018-00222');
  });

  it.each([
    ['', 'empty'],
    ['2017-00110', '后段码 only'],
    ['000014349/2017-110', 'serial not five digits'],
    ['000014349/2017-000110', 'serial of six digits'],
    ['000014349/17-00110', 'two-digit year'],
    ['000014349/2017-00000', 'serial 0'],
    ['000014349/1948-00001', 'year before 1949'],
    ['000014349/2101-00001', 'year after 2100'],
    ['000014349-2017-00110', 'no slash'],
    ['000014349/2017/00110', 'slash instead of hyphen'],
    ['00001434/2017-00110', 'eight-character prefix'],
    ['1144170000728042OY/2021-00050', 'USCC with a letter the standard excludes'],
    ['宁波-01-02-20091019-001', 'the legacy 宁波 scheme'],
  ])('rejects %j (%s)', (s) => {
    expect(parseIndexNumber(s)).toBeNull();
  });
});

describe('looksLikeIndexNumber', () => {
  it('takes a whole number or a 后段码 as an index-number lookup', () => {
    expect(looksLikeIndexNumber('000014349/2017-00110')).toBe(true);
    expect(looksLikeIndexNumber('11441700007280420y/2021-00050')).toBe(true);
    expect(looksLikeIndexNumber('2017-00110')).toBe(true);
  });

  it('takes other text as words', () => {
    expect(looksLikeIndexNumber('2017')).toBe(false);
    expect(looksLikeIndexNumber('2017-0011')).toBe(false);
    expect(looksLikeIndexNumber('2017-00000')).toBe(false);
    expect(looksLikeIndexNumber('国办发〔2017〕47号')).toBe(false);
    expect(looksLikeIndexNumber('土地征收')).toBe(false);
  });
});

describe('nextSerial', () => {
  it('starts a year at 1', () => {
    expect(nextSerial([])).toBe(1);
  });

  it('continues after the highest serial, whatever the order', () => {
    expect(nextSerial([1, 2, 3])).toBe(4);
    expect(nextSerial([221, 110, 222])).toBe(223);
  });

  it('never fills a gap, because an issued number is never reused', () => {
    expect(nextSerial([1, 5])).toBe(6);
  });

  it('refuses to go past 99999', () => {
    expect(nextSerial([99998])).toBe(99999);
    expect(() => nextSerial([99999])).toThrow('本年度索引号顺序号已达上限 99999，无法继续编号');
  });

  it('fails loudly on a corrupt stored serial', () => {
    expect(() => nextSerial([1, 0])).toThrow(AppError);
    expect(() => nextSerial([1, 2.5])).toThrow(AppError);
    expect(() => nextSerial([Number.NaN])).toThrow(AppError);
  });
});
