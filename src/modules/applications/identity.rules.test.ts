import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import {
  CREDIT_CODE_CHARSET,
  checkCreditCode,
  checkIdDocument,
  checkOtherDocument,
  checkResidentId,
  creditCodeCheckChar,
  documentTypesFor,
  ID_DOCUMENT_TYPES,
  ID_DOCUMENTS,
  type IdDocumentType,
  parseCompactDate,
  requireIdDocument,
  residentIdCheckChar,
  upgradeLegacyResidentId,
} from './identity.rules.js';

const TODAY = '2026-03-15';

/**
 * Independent references. ISO 7064 MOD 11-2 from its definition: weight of position i (from the left,
 * 17 body digits) is 2^(17−i) mod 11 and the check value c satisfies Σ + c ≡ 1 (mod 11), c = 10 → X.
 * GB 32100: weight of position i is 3^i mod 31 and Σ + c ≡ 0 (mod 31).
 */
function refIdCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}
function refCreditCheck(body: string): string {
  let sum = 0;
  let w = 1;
  for (let i = 0; i < 17; i++) {
    sum += '0123456789ABCDEFGHJKLMNPQRTUWXY'.indexOf(body[i]!) * w;
    w = (w * 3) % 31;
  }
  return '0123456789ABCDEFGHJKLMNPQRTUWXY'[(31 - (sum % 31)) % 31]!;
}

const idOk = (raw: string, today = TODAY) => checkResidentId(raw, today);
const message = (r: ReturnType<typeof checkResidentId>) => (r.ok ? null : r.message);

/** The two examples printed in GB 11643-1999 itself. */
const GB_EXAMPLE = '11010519491231002X';
const GB_EXAMPLE_1880 = '440524188001010014';
/** A valid number ending in a digit, built here from a body. */
const DIGIT_BODY = '32010619880229123';
const DIGIT_ID = DIGIT_BODY + refIdCheck(DIGIT_BODY);

describe('residentIdCheckChar (ISO 7064 MOD 11-2)', () => {
  it('agrees with the definition of MOD 11-2 on the standard examples and random bodies', () => {
    expect(residentIdCheckChar(GB_EXAMPLE.slice(0, 17))).toBe('X');
    expect(residentIdCheckChar(GB_EXAMPLE_1880.slice(0, 17))).toBe('4');
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (body) => residentIdCheckChar(body) === refIdCheck(body)),
      { numRuns: 2000 },
    );
  });

  it('produces every one of the eleven check characters', () => {
    const seen = new Set<string>();
    for (let n = 0; seen.size < 11 && n < 1000; n++)
      seen.add(residentIdCheckChar(String(n).padStart(17, '1')));
    expect([...seen].sort().join('')).toBe('0123456789X');
  });

  it('refuses a body that is not 17 digits', () => {
    expect(() => residentIdCheckChar('1234')).toThrow(RangeError);
    expect(() => residentIdCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('checkResidentId', () => {
  it('accepts the GB 11643 example and returns the birth date', () => {
    expect(idOk(GB_EXAMPLE)).toEqual({ ok: true, value: GB_EXAMPLE, birthDate: '1949-12-31' });
    expect(idOk(DIGIT_ID)).toEqual({ ok: true, value: DIGIT_ID, birthDate: '1988-02-29' });
  });

  it('accepts a lower-case x, full-width characters and spaces, and normalises them', () => {
    expect(idOk('11010519491231002x')).toMatchObject({ ok: true, value: GB_EXAMPLE });
    expect(idOk(' 110105 19491231 002X ')).toMatchObject({ ok: true, value: GB_EXAMPLE });
    expect(idOk('１１０１０５１９４９１２３１００２ｘ')).toMatchObject({ ok: true, value: GB_EXAMPLE });
  });

  it('accepts any valid number built from a random body with a plausible birth date', () => {
    const body = fc
      .tuple(
        fc.integer({ min: 100000, max: 999999 }),
        fc.integer({ min: 0, max: 365 * 100 }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([region, offset, seq]) => {
        const d = new Date(Date.UTC(1920, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        return `${region}${d.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      });
    fc.assert(
      fc.property(body, (b) => {
        const r = idOk(b + refIdCheck(b));
        return r.ok && r.value === b + refIdCheck(b);
      }),
      { numRuns: 1000 },
    );
  });

  it('detects every single-character corruption', () => {
    for (const valid of [GB_EXAMPLE, DIGIT_ID]) {
      let tried = 0;
      for (let i = 0; i < 18; i++)
        for (const c of '0123456789X') {
          if (c === valid[i]) continue;
          const corrupt = valid.slice(0, i) + c + valid.slice(i + 1);
          expect(idOk(corrupt).ok, corrupt).toBe(false);
          tried++;
        }
      expect(tried).toBe(18 * 10);
    }
  });

  it('detects every adjacent transposition and most others', () => {
    let pairs = 0;
    let detected = 0;
    for (const valid of [GB_EXAMPLE, DIGIT_ID, `51010819790315201${refIdCheck('51010819790315201')}`])
      for (let i = 0; i < 18; i++)
        for (let j = i + 1; j < 18; j++) {
          if (valid[i] === valid[j]) continue;
          const swapped = [...valid];
          [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
          const ok = idOk(swapped.join('')).ok;
          if (j === i + 1) expect(ok, `${valid} swap ${i},${j}`).toBe(false);
          pairs++;
          if (!ok) detected++;
        }
    expect(detected / pairs).toBeGreaterThan(0.85);
  });

  it('names the check character when only it is wrong', () => {
    expect(message(idOk('110105194912310021'))).toBe('身份证号码校验位不正确');
  });

  it('checks the birth date: 29 February only in leap years', () => {
    const withBirth = (ymd: string) => {
      const b = `110105${ymd}002`;
      return idOk(b + refIdCheck(b));
    };
    expect(withBirth('20000229').ok).toBe(true); // divisible by 400
    expect(withBirth('20040229').ok).toBe(true);
    expect(message(withBirth('19000229'))).toBe('身份证号码中的出生日期不是有效日期'); // 1900 is not leap
    expect(message(withBirth('20230229'))).toBe('身份证号码中的出生日期不是有效日期');
    expect(message(withBirth('19491331'))).toBe('身份证号码中的出生日期不是有效日期'); // month 13
    expect(message(withBirth('19490001'))).toBe('身份证号码中的出生日期不是有效日期');
    expect(message(withBirth('19490100'))).toBe('身份证号码中的出生日期不是有效日期');
    expect(message(withBirth('19490431'))).toBe('身份证号码中的出生日期不是有效日期');
    expect(withBirth('19491231').ok).toBe(true);
  });

  it('refuses a birth date after today or before 1900, accepting both bounds', () => {
    const withBirth = (ymd: string, today = TODAY) => {
      const b = `110105${ymd}002`;
      return idOk(b + refIdCheck(b), today);
    };
    expect(withBirth('20260315').ok).toBe(true);
    expect(message(withBirth('20260316'))).toBe('身份证号码中的出生日期晚于今天，请核对');
    expect(message(withBirth('20991231'))).toBe('身份证号码中的出生日期晚于今天，请核对');
    expect(withBirth('20260316', '2026-03-16').ok).toBe(true);
    expect(withBirth('19000101').ok).toBe(true);
    expect(message(withBirth('18991231'))).toBe('身份证号码中的出生日期早于1900年，请核对');
    // The second GB 11643 example has a correct check character but an 1880 birth date.
    expect(message(idOk(GB_EXAMPLE_1880))).toBe('身份证号码中的出生日期早于1900年，请核对');
  });

  it('refuses bad shapes with a message naming the field', () => {
    expect(message(idOk(''))).toBe('请填写身份证号码');
    expect(message(idOk('   '))).toBe('请填写身份证号码');
    expect(message(idOk('1101051949123100'))).toBe('身份证号码应为18位');
    expect(message(idOk('11010519491231002X1'))).toBe('身份证号码应为18位');
    expect(message(idOk('1101051949123100XX'))).toBe('身份证号码前17位应为数字，最后一位应为数字或字母X');
    expect(message(idOk('11010519491231002Y'))).toBe('身份证号码前17位应为数字，最后一位应为数字或字母X');
    expect(message(idOk('A1010519491231002X'))).toBe('身份证号码前17位应为数字，最后一位应为数字或字母X');
    const zero = `010105194912310021`;
    expect(message(idOk(zero.slice(0, 17) + refIdCheck(zero)))).toBe('身份证号码地址码不正确');
  });

  it('refuses 15-digit numbers unless allowed, then upgrades them', () => {
    expect(message(idOk('110105491231002'))).toBe('15位身份证号码已停止使用，请填写18位居民身份证号码');
    expect(checkResidentId('110105491231002', TODAY, { allowLegacy15: true })).toEqual({
      ok: true,
      value: GB_EXAMPLE,
      birthDate: '1949-12-31',
    });
    expect(upgradeLegacyResidentId('110105491231002')).toBe(GB_EXAMPLE);
    const legacy = (s: string) => checkResidentId(s, TODAY, { allowLegacy15: true });
    expect(message(legacy('110105490229002'))).toBe('身份证号码中的出生日期不是有效日期'); // 1949 not leap
    expect(legacy('110105480229002').ok).toBe(true);
    expect(message(legacy('010105491231002'))).toBe('身份证号码地址码不正确');
    expect(() => upgradeLegacyResidentId('11010549123100')).toThrow(RangeError);
  });

  it('throws on a malformed today: a programming error, not user input', () => {
    expect(() => idOk(GB_EXAMPLE, '2026-02-30')).toThrow(RangeError);
    expect(() => idOk(GB_EXAMPLE, '20260315')).toThrow(RangeError);
  });
});

describe('parseCompactDate', () => {
  it('returns ISO dates for real dates only', () => {
    expect(parseCompactDate('20240229')).toBe('2024-02-29');
    expect(parseCompactDate('21000229')).toBeNull();
    expect(parseCompactDate('2024022')).toBeNull();
    expect(parseCompactDate('2024-2-1')).toBeNull();
    for (let m = 1; m <= 12; m++) {
      const mm = String(m).padStart(2, '0');
      const last = new Date(Date.UTC(2023, m, 0)).getUTCDate();
      expect(parseCompactDate(`2023${mm}${last}`)).toBe(`2023-${mm}-${last}`);
      expect(parseCompactDate(`2023${mm}${last + 1}`)).toBeNull();
    }
  });
});

/** Codes published on public business registers (华为技术有限公司, 小米科技有限责任公司, ICBC, Baidu, Tencent) and the sample code widely quoted with GB 32100. */
const PUBLIC_CODES = [
  '914403001922038216',
  '91110108551385082Q',
  '91100000100003962T',
  '91110000802100433B',
  '91440300708461136T',
  '91350100M000100Y43',
];

describe('creditCodeCheckChar (GB 32100-2015)', () => {
  it('agrees with the definition on random bodies', () => {
    const body = fc
      .array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: 17, maxLength: 17 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(body, (b) => creditCodeCheckChar(b) === refCreditCheck(b)),
      { numRuns: 2000 },
    );
  });

  it('maps a remainder of 0 (31) to the character 0', () => {
    let body = '';
    for (let n = 0; n < 10_000; n++) {
      const b = `9111000000${String(n).padStart(7, '0')}`;
      if (refCreditCheck(b) === '0') {
        body = b;
        break;
      }
    }
    expect(body).not.toBe('');
    expect(creditCodeCheckChar(body)).toBe('0');
    expect(checkCreditCode(`${body}0`).ok).toBe(true);
  });

  it('refuses a body of the wrong length or with a character outside the set', () => {
    expect(() => creditCodeCheckChar('9144030019220382')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('9144030019220382I')).toThrow(RangeError);
  });
});

describe('checkCreditCode', () => {
  it('accepts well-known public codes', () => {
    for (const c of PUBLIC_CODES) expect(checkCreditCode(c), c).toEqual({ ok: true, value: c });
  });

  it('normalises lower case, spaces and full-width input', () => {
    expect(checkCreditCode('91110108551385082q')).toEqual({ ok: true, value: '91110108551385082Q' });
    expect(checkCreditCode(' 9111 0108 5513 8508 2Q')).toEqual({ ok: true, value: '91110108551385082Q' });
    expect(checkCreditCode('９１１１０１０８５５１３８５０８２Ｑ')).toMatchObject({ ok: true });
  });

  it('accepts every code built from a random body', () => {
    const body = fc
      .tuple(
        fc.array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: 2, maxLength: 2 }),
        fc.stringMatching(/^\d{6}$/),
        fc.array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: 9, maxLength: 9 }),
      )
      .map(([head, region, id]) => head.join('') + region + id.join(''));
    fc.assert(
      fc.property(body, (b) => checkCreditCode(b + refCreditCheck(b)).ok),
      { numRuns: 1000 },
    );
  });

  it('detects every single-character corruption, forbidden letters included', () => {
    for (const valid of PUBLIC_CODES) {
      for (let i = 0; i < 18; i++)
        for (const c of `${CREDIT_CODE_CHARSET}IOZSV`) {
          if (c === valid[i]) continue;
          const corrupt = valid.slice(0, i) + c + valid.slice(i + 1);
          expect(checkCreditCode(corrupt).ok, corrupt).toBe(false);
        }
    }
  });

  it('detects every adjacent transposition', () => {
    for (const valid of PUBLIC_CODES)
      for (let i = 0; i < 17; i++) {
        if (valid[i] === valid[i + 1]) continue;
        const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
        expect(checkCreditCode(swapped).ok, swapped).toBe(false);
      }
  });

  it('names the field in every message', () => {
    const msg = (s: string) => {
      const r = checkCreditCode(s);
      return r.ok ? null : r.message;
    };
    expect(msg('')).toBe('请填写统一社会信用代码');
    expect(msg('91440300192203821')).toBe('统一社会信用代码应为18位');
    expect(msg('91440300192203821O')).toBe('统一社会信用代码只能包含数字和大写字母（不使用I、O、Z、S、V）');
    expect(msg('914403001922038217')).toBe('统一社会信用代码校验位不正确');
    const b = '91A40300192203821';
    expect(msg(b + refCreditCheck(b))).toBe('统一社会信用代码第3至8位（登记管理机关行政区划码）应为数字');
  });
});

describe('other documents', () => {
  const check = (t: IdDocumentType, s: string) => checkOtherDocument(t, s);

  it('accepts a printable number of at most 50 characters, trimmed', () => {
    expect(check('passport', ' E12345678 ')).toEqual({ ok: true, value: 'E12345678' });
    expect(check('hk_macao_permit', 'Ｈ１２３４５６７８')).toEqual({ ok: true, value: 'H12345678' });
    expect(check('other', '军字第1234号')).toEqual({ ok: true, value: '军字第1234号' });
    expect(check('other', '证'.repeat(50)).ok).toBe(true);
    expect(check('other', '𠮷'.repeat(50)).ok).toBe(true);
  });

  it('refuses empty, over-long or unprintable numbers, naming the field', () => {
    expect(check('passport', '  ')).toEqual({ ok: false, message: '请填写护照号码' });
    expect(check('taiwan_permit', 'A'.repeat(51))).toEqual({
      ok: false,
      message: '通行证号码不能超过50个字符',
    });
    expect(check('foreign_pr_card', 'ABC\u0000123')).toEqual({
      ok: false,
      message: '永久居留身份证号码含有不可打印的字符',
    });
    expect(check('other', 'AB\u200b12')).toEqual({ ok: false, message: '证件号码含有不可打印的字符' });
    expect(check('other', 'AB\n12')).toEqual({ ok: false, message: '证件号码含有不可打印的字符' });
  });
});

describe('document types', () => {
  it('lists each type once with a Chinese name and field label', () => {
    expect(ID_DOCUMENT_TYPES).toHaveLength(7);
    expect(ID_DOCUMENT_TYPES.map((t) => ID_DOCUMENTS[t].name)).toEqual([
      '居民身份证',
      '护照',
      '港澳居民来往内地通行证',
      '台湾居民来往大陆通行证',
      '外国人永久居留身份证',
      '统一社会信用代码',
      '其他',
    ]);
  });

  it('offers persons and organisations their own documents', () => {
    expect(documentTypesFor('person')).toEqual([
      'resident_id',
      'passport',
      'hk_macao_permit',
      'taiwan_permit',
      'foreign_pr_card',
      'other',
    ]);
    expect(documentTypesFor('organisation')).toEqual(['credit_code', 'other']);
  });

  it('checkIdDocument dispatches by type and refuses an unknown type', () => {
    expect(checkIdDocument('resident_id', '11010519491231002x', TODAY)).toMatchObject({ ok: true });
    expect(checkIdDocument('credit_code', '91110108551385082q', TODAY)).toMatchObject({ ok: true });
    expect(checkIdDocument('passport', 'E12345678', TODAY)).toMatchObject({ ok: true });
    expect(checkIdDocument('resident_id', 'E12345678', TODAY).ok).toBe(false);
    expect(checkIdDocument('bogus' as IdDocumentType, 'x', TODAY)).toEqual({
      ok: false,
      message: '请选择有效的证件类型',
    });
  });

  it('requireIdDocument returns the normalised number or throws a field error', () => {
    expect(requireIdDocument('idNumber', 'resident_id', '11010519491231002x', TODAY)).toBe(GB_EXAMPLE);
    try {
      requireIdDocument('idNumber', 'resident_id', '110105194912310021', TODAY);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.fields).toEqual({ idNumber: '身份证号码校验位不正确' });
    }
  });
});
