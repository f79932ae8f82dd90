import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  maskCreditCode,
  maskDocumentNumber,
  maskEmail,
  maskIdNumber,
  maskMiddle,
  maskName,
  maskPhone,
} from './identity.rules.js';

/** The example printed in GB 11643-1999 itself. */
const GB_EXAMPLE = '11010519491231002X';

describe('masking', () => {
  it('maskMiddle keeps start and end when at least four characters stay hidden', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['   ', ''],
      ['a', '*'],
      ['ab', '**'],
      ['abc', 'a**'],
      ['abcde', 'a****'],
      ['abcdef', 'a****f'],
      ['abcdefghi', 'ab******i'],
      ['abcdefghijklm', 'ab*********lm'], // 13 < 6 + 4 + 4: a third shown
      ['abcdefghijklmn', 'abcdef****klmn'],
    ];
    for (const [input, out] of cases) expect(maskMiddle(input, 6, 4), input).toBe(out);
    expect(maskMiddle(null, 3, 4)).toBe('');
    expect(maskMiddle(undefined, 3, 4)).toBe('');
  });

  it('maskMiddle keeps the length and never shows more than allowed, for any string', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-composite', maxLength: 40 }),
        fc.nat(8),
        fc.nat(8),
        (raw, a, b) => {
          const s = raw.replaceAll('*', '');
          const chars = [...s.trim()];
          const out = [...maskMiddle(s, a, b)];
          const hidden = out.filter((c) => c === '*').length;
          return (
            out.length === chars.length &&
            (chars.length === 0 || hidden >= Math.min(mustHide(chars.length, a, b), chars.length))
          );
        },
      ),
    );
  });

  it('masks identity numbers, credit codes and phone numbers', () => {
    expect(maskIdNumber(GB_EXAMPLE)).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskCreditCode('91110108551385082Q')).toBe('911101********082Q');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('010-12345678')).toBe('010*****5678');
    expect(maskPhone('12345')).toBe('1****');
    expect(maskPhone('')).toBe('');
    expect(maskDocumentNumber('resident_id', GB_EXAMPLE)).toBe('110105********002X');
    expect(maskDocumentNumber('credit_code', '914403001922038216')).toBe('914403********8216');
    expect(maskDocumentNumber('passport', 'E12345678')).toBe('E1*****78');
    expect(maskDocumentNumber('other', 'AB')).toBe('**');
  });

  it('masks e-mail addresses keeping the domain', () => {
    expect(maskEmail('alice@example.com')).toBe('a***@example.com');
    expect(maskEmail('ab@example.com')).toBe('a***@example.com');
    expect(maskEmail('a@example.com')).toBe('***@example.com');
    expect(maskEmail('@example.com')).toBe('***@example.com');
    expect(maskEmail('"a@b"@example.com')).toBe('"***@example.com');
    expect(maskEmail('张三@例子.中国')).toBe('张***@例子.中国');
    expect(maskEmail(' bob@x.cn ')).toBe('b***@x.cn');
    expect(maskEmail('notanemail')).toBe('n*********');
    expect(maskEmail('')).toBe('');
    expect(maskEmail(null)).toBe('');
  });

  it('masks names keeping the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName(' 李四 ')).toBe('李*');
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('王')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName(undefined)).toBe('');
  });
});

/** What maskMiddle must hide for a string of n characters and a keep pattern a/b. */
function mustHide(n: number, a: number, b: number): number {
  return n >= a + b + 4 ? n - a - b : n - Math.floor(n / 3);
}
