import { describe, expect, it } from 'vitest';
import { type FindingKind, idCardCheckDigit, isProvinceCode, passesLuhn, screenText } from './screening.js';

const today = new Date(2025, 5, 30);
const screen = (text: string) => screenText(text, 'body', { today });
const kinds = (text: string): Array<[FindingKind, string, string]> =>
  screen(text).map((f) => [f.kind, f.severity, f.text]);

/** A full ID from its first 17 digits, using the function under test (itself checked below). */
const id = (first17: string) => first17 + idCardCheckDigit(first17);

/** Independent ISO 7064 MOD 11-2 derivation: weight of position i (from the right, 1-based) is 2^(i-1) mod 11. */
function referenceCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

/** Append the digit that makes `body` pass Luhn. */
function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (passesLuhn(body + d)) return body + d;
  throw new Error('unreachable');
}

describe('idCardCheckDigit (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
  ])('gives the published check digit for %s', (first17, check) => {
    expect(idCardCheckDigit(first17)).toBe(check);
  });

  it('agrees with the MOD 11-2 derivation on many inputs', () => {
    for (let n = 0; n < 500; n++) {
      const first17 = String(11010519000101000n + BigInt(n) * 7919n * 1000003n).padStart(17, '0');
      expect(idCardCheckDigit(first17)).toBe(referenceCheckDigit(first17));
    }
  });

  it('rejects input that is not 17 ASCII digits', () => {
    expect(() => idCardCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => idCardCheckDigit('1101051949123100X')).toThrow(RangeError);
  });
});

describe('isProvinceCode (GB/T 2260)', () => {
  it.each(['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82', '83'])(
    'accepts %s',
    (code) => expect(isProvinceCode(code)).toBe(true),
  );
  it.each([
    '00',
    '10',
    '16',
    '20',
    '24',
    '30',
    '38',
    '40',
    '47',
    '49',
    '55',
    '60',
    '66',
    '70',
    '72',
    '80',
    '84',
    '99',
    '1',
    'ab',
  ])('rejects %s', (code) => expect(isProvinceCode(code)).toBe(false));
});

describe('passesLuhn (ISO/IEC 7812-1)', () => {
  it('accepts known test numbers and rejects a changed digit', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('5555555555554444')).toBe(true);
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('')).toBe(false);
    expect(passesLuhn('4111 1111')).toBe(false);
  });
});

describe('screenText: 18-digit ID (身份证号)', () => {
  const valid = id('11010519491231002');

  it('finds a valid ID inside Chinese text without spaces, with offsets and a label', () => {
    const text = `申请人张三身份证号${valid}，住址略。`;
    expect(screen(text)).toEqual([
      {
        kind: 'id_card',
        severity: 'high',
        field: 'body',
        start: 9,
        end: 27,
        text: '11010519491231002X',
        masked: '110105********002X',
        label: '身份证号（校验位正确）',
      },
    ]);
  });

  it('accepts a lower-case x check digit and the 6-8-4 spaced form', () => {
    expect(kinds('号码11010519491231002x')).toEqual([['id_card', 'high', '11010519491231002x']]);
    expect(kinds('号码 110105 19491231 002X 。')).toEqual([['id_card', 'high', '110105 19491231 002X']]);
    expect(kinds('号码 110105 1949123100 2X')).toEqual([]);
  });

  it('reports a wrong check digit as a low-severity possible ID', () => {
    const [f] = screen('身份证号110105194912310021');
    expect(f).toMatchObject({ kind: 'id_card', severity: 'low', label: '疑似身份证号（校验位不符）' });
  });

  it.each([
    ['Feb 30', '11010519990230123'],
    ['month 13', '11010519991301123'],
    ['day 00', '11010519990100123'],
    ['29 Feb of a non-leap year', '11010519000229123'],
    ['before 1900', '44052418800101001'],
    ['after today', '11010520250701123'],
    ['bad province 99', '99010519491231002'],
    ['bad province 10', '10010519491231002'],
  ])('does not treat a number with %s as an ID, even with the right check digit', (_why, first17) => {
    // Some of these happen to pass Luhn with a card-like IIN and are then reported as bank cards.
    expect(screen(`编号${id(first17)}。`).filter((f) => f.kind === 'id_card')).toEqual([]);
  });

  it('accepts 29 Feb of a leap year and a birth date of today', () => {
    expect(kinds(`号${id('11010520000229123')}`)).toHaveLength(1);
    expect(kinds(`号${id('11010520250630123')}`)).toHaveLength(1);
  });

  it('does not match inside a longer run of digits or letters', () => {
    expect(screen(`1${valid}`)).toEqual([]);
    expect(screen(`${valid}5`)).toEqual([]);
    expect(screen(`A${valid}`)).toEqual([]);
    expect(screen(`${valid}B`)).toEqual([]);
    expect(screen(`0.${valid}`)).toEqual([]);
  });

  it('a valid ID wins over a Luhn-valid card on the same digits', () => {
    let both = '';
    for (let seq = 100; !both; seq++) {
      const candidate = id(`62010219900101${seq}`);
      if (passesLuhn(candidate)) both = candidate;
    }
    expect(kinds(`卡号${both}`)).toEqual([['id_card', 'high', both]]);
  });

  it('a Luhn-valid card wins over a possible ID with a wrong check digit', () => {
    let card = '';
    for (let seq = 100; !card; seq++) {
      const candidate = withLuhn(`62010219900101${seq}`);
      if (candidate !== id(`62010219900101${seq}`)) card = candidate;
    }
    expect(kinds(`卡号${card}`)).toEqual([['bank_card', 'high', card]]);
  });
});

describe('screenText: 15-digit ID (旧身份证号)', () => {
  it('finds a 15-digit ID with a valid province and 19YY birth date, as medium', () => {
    expect(screen('身份证号110105491231002。')).toMatchObject([
      { kind: 'id_card_15', severity: 'medium', start: 4, end: 19, label: '身份证号（15 位旧号码）' },
    ]);
  });

  it.each([
    ['bad date', '110105490230002'],
    ['bad month', '110105491331002'],
    ['bad province', '990105491231002'],
    ['longer run', '1101054912310021234'],
  ])('ignores %s', (_why, digits) => {
    expect(screen(`号${digits}号`)).toEqual([]);
  });
});

describe('screenText: bank card (银行卡号)', () => {
  const unionPay19 = withLuhn('622202123456789012');

  it.each([
    ['4111111111111111'],
    ['5555555555554444'],
    ['3530111333300000'],
    [unionPay19],
    [withLuhn('955880123456789')],
    ['4111 1111 1111 1111'],
    ['4111-1111-1111-1111'],
    [
      `${unionPay19.slice(0, 4)} ${unionPay19.slice(4, 8)} ${unionPay19.slice(8, 12)} ${unionPay19.slice(12, 16)} ${unionPay19.slice(16)}`,
    ],
  ])('finds %s', (card) => {
    expect(kinds(`收款账号：${card}，开户行略`)).toEqual([['bank_card', 'high', card]]);
  });

  it('ignores Luhn failures, implausible IINs, wrong lengths and mixed separators', () => {
    expect(screen('卡号4111111111111112')).toEqual([]);
    expect(screen(`卡号${withLuhn('123456789012345')}`)).toEqual([]);
    expect(screen(`卡号${withLuhn('823456789012345')}`)).toEqual([]);
    expect(screen(`卡号${withLuhn('41111111111111111111')}`)).toEqual([]);
    expect(screen('卡号4111 1111-1111 1111')).toEqual([]);
    // 15-digit Amex numbers are out of scope (16-19 digits only).
    expect(screen('卡号378282246310005')).toEqual([]);
  });

  it('never reports a card, or part of one, as a phone number', () => {
    const card = withLuhn('621381234567800');
    expect(kinds(`卡号${card}`)).toEqual([['bank_card', 'high', card]]);
    expect(screen(`卡号${card.slice(0, 15)}9`).filter((f) => f.kind === 'mobile')).toEqual([]);
  });
});

describe('screenText: mobile (手机号码)', () => {
  it.each([
    '13812345678',
    '19912345678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 138 1234 5678',
    '+86-13812345678',
    '+8613812345678',
    '8613812345678',
    '0086 13812345678',
  ])('finds %s', (phone) => {
    expect(kinds(`联系人：王五，电话${phone}。`)).toEqual([['mobile', 'high', phone]]);
  });

  it.each([
    ['starts 12', '12812345678'],
    ['longer run', '138123456789'],
    ['preceded by a digit', '913812345678'],
    ['mixed separators', '138-1234 5678'],
    ['2-4-5 grouping', '13 8123 45678'],
    ['a decimal', '0.13812345678'],
  ])('ignores %s', (_why, text) => {
    expect(screen(`号${text}号`)).toEqual([]);
  });
});

describe('screenText: landline (固定电话)', () => {
  it.each([
    '022-12345678',
    '(010)12345678',
    '（010）12345678',
    '(0571) 8765432',
    '0571-87654321',
    '02223456789',
    '010 62345678',
  ])('reports %s as a low-severity landline', (phone) => {
    expect(screen(`联系电话：${phone}。`)).toMatchObject([
      { kind: 'landline', severity: 'low', text: phone, label: '固定电话（可能为办公电话）' },
    ]);
  });

  it.each(['022-02345678', '022-1234567', '011-12345678', '400-123-4567', '0222-3456789012'])(
    'ignores %s',
    (text) => {
      expect(screen(`电话${text}。`)).toEqual([]);
    },
  );
});

describe('screenText: e-mail, passport, plate', () => {
  it('finds e-mail addresses; .gov.cn mailboxes are low', () => {
    expect(kinds('来信请寄zhang.san+gk@mail.example.com.cn。')).toEqual([
      ['email', 'medium', 'zhang.san+gk@mail.example.com.cn'],
    ]);
    expect(kinds('邮箱：gkb@tj.gov.cn')).toEqual([['email', 'low', 'gkb@tj.gov.cn']]);
    expect(kinds('QQ邮箱13812345678@qq.com')).toEqual([['email', 'medium', '13812345678@qq.com']]);
    expect(screen('a@b，not@tld，@example.com，a@.com')).toEqual([]);
  });

  it('finds ordinary passport numbers (E/G + 8 digits, E + letter + 7)', () => {
    expect(kinds('护照号E12345678、EA1234567、G12345678')).toEqual([
      ['passport', 'medium', 'E12345678'],
      ['passport', 'medium', 'EA1234567'],
      ['passport', 'medium', 'G12345678'],
    ]);
    expect(screen('E1234567、XE12345678、E123456789、G1234次列车、EI1234567')).toEqual([]);
  });

  it('finds vehicle plates (GA 36-2018) as low', () => {
    expect(kinds('车牌津A12345、京AD12345、沪B·C1234')).toEqual([
      ['plate', 'low', '津A12345'],
      ['plate', 'low', '京AD12345'],
      ['plate', 'low', '沪B·C1234'],
    ]);
    expect(screen('京ABCDE1、津A1234、沪A股、粤BI2345、京A123456')).toEqual([]);
  });
});

describe('screenText: ordinary government text is not flagged', () => {
  it.each([
    ['文号', '津规资发〔2021〕123号'],
    ['文号 with year', '国办发〔2019〕13号'],
    ['dates', '2021年12月31日、2021-12-31、20211231、1949.12.31'],
    ['amounts', '合计12,345,678.00元，折合1234567.89元'],
    ['a long amount with decimals', '4111111111111111.00元'],
    ['索引号', '索引号：11120000MB1234567X/2021-00123'],
    ['统一社会信用代码', '91120116MA05JK1234'],
    ['postcode', '邮编300012'],
    ['ISBN', 'ISBN 978-7-111-12345-6'],
    ['year ranges and clauses', '2021-2025年规划第十五条第（三）项'],
    ['article numbers', '第2021001号、附件1-3'],
  ])('%s', (_what, text) => {
    expect(screen(text)).toEqual([]);
  });
});

describe('screenText: several findings', () => {
  it('orders findings by start and never overlaps them', () => {
    const text = `张三（${id('11010519491231002')}），手机138 1234 5678，邮箱z@example.com，办公电话022-23456789，卡号4111111111111111。`;
    const found = screen(text);
    expect(found.map((f) => f.kind)).toEqual(['id_card', 'mobile', 'email', 'landline', 'bank_card']);
    for (const [i, f] of found.entries()) {
      expect(text.slice(f.start, f.end)).toBe(f.text);
      if (i > 0) expect(f.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
    }
  });

  it('returns nothing for empty text', () => {
    expect(screen('')).toEqual([]);
  });

  it('uses the current date when no today is given', () => {
    expect(screenText(id('11010519491231002'), 'title')).toHaveLength(1);
  });
});
