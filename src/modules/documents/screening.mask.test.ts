import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import {
  type Finding,
  type FindingKind,
  foldWidth,
  idCardCheckDigit,
  maskFinding,
  maskText,
  screenDocument,
  screenText,
} from './screening.js';

const today = new Date(2025, 5, 30);
const screen = (text: string) => screenText(text, 'body', { today });
const validId = `11010519491231002${idCardCheckDigit('11010519491231002')}`;

describe('maskFinding', () => {
  it.each<[FindingKind, string, string]>([
    ['id_card', '11010519491231002X', '110105********002X'],
    ['id_card', '110105 19491231 002X', '110105 ******** 002X'],
    ['id_card_15', '110105491231002', '110105*****1002'],
    ['mobile', '13812345678', '138****5678'],
    ['mobile', '138-1234-5678', '138-****-5678'],
    ['mobile', '+86 138 1234 5678', '+86 138 **** 5678'],
    ['mobile', '8613812345678', '86138****5678'],
    ['bank_card', '4111111111111111', '4111********1111'],
    ['bank_card', '6222021234567890123', '6222***********0123'],
    ['bank_card', '4111 1111 1111 1111', '4111 **** **** 1111'],
    ['email', 'zhang.san@example.com', 'z***@example.com'],
    ['email', 'a@b.cn', 'a***@b.cn'],
    ['landline', '022-12345678', '022-****5678'],
    ['landline', '(010)62345678', '(010)****5678'],
    ['landline', '0571-8765432', '0571-***5432'],
    ['landline', '02223456789', '022****6789'],
    ['passport', 'E12345678', 'E*****678'],
    ['plate', '津A12345', '津A***45'],
    ['plate', '京AD12345', '京A****45'],
  ])('%s %s → %s', (kind, text, masked) => {
    expect(maskFinding({ kind, text })).toBe(masked);
  });

  it('keeps the length of numbers, so columns and offsets after them are stable', () => {
    for (const [kind, text] of [
      ['id_card', validId],
      ['bank_card', '6222021234567890123'],
      ['mobile', '+86 138 1234 5678'],
    ] as const) {
      expect(maskFinding({ kind, text })).toHaveLength(text.length);
    }
  });
});

describe('full-width digits (全角数字)', () => {
  const fw = (s: string) => s.replace(/[0-9A-Z+()@.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

  it('foldWidth maps one UTF-16 unit to one, so offsets carry over', () => {
    const text = `电话：${fw('+86 13812345678')}　（${fw('010')}）`;
    expect(foldWidth(text)).toBe('电话:+86 13812345678 (010)');
    expect(foldWidth(text)).toHaveLength(text.length);
  });

  it('finds a full-width ID with offsets in the original string and masks it in place', () => {
    const text = `身份证号：${fw(validId)}。`;
    const [f] = screen(text);
    expect(f).toMatchObject({ kind: 'id_card', severity: 'high', start: 5, end: 23, text: fw(validId) });
    expect(f!.masked).toBe(`${fw('110105')}********${fw('002X')}`);
    expect(maskText(text, screen(text))).toBe(`身份证号：${fw('110105')}********${fw('002X')}。`);
  });

  it('finds full-width mobile, card, landline and e-mail', () => {
    const text = `手机${fw('+8613812345678')}，卡号${fw('4111 1111 1111 1111')}，电话（${fw('022')}）${fw('23456789')}，邮箱${fw('Z@EXAMPLE.COM')}`;
    const found = screen(text);
    expect(found.map((f) => f.kind)).toEqual(['mobile', 'bank_card', 'landline', 'email']);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(found[0]!.masked).toBe(`${fw('+86138')}****${fw('5678')}`);
    expect(found[3]!.masked).toBe(`${fw('Z')}***${fw('@EXAMPLE.COM')}`);
  });

  it('mixes full-width and ASCII digits in one number', () => {
    const text = `号${validId.slice(0, 9)}${fw(validId.slice(9))}`;
    expect(screen(text)).toMatchObject([{ kind: 'id_card', start: 1, end: 19 }]);
  });

  it('reports UTF-16 offsets after characters outside the BMP', () => {
    const text = `𠀀😀联系13812345678`;
    const [f] = screen(text);
    expect(f!.start).toBe(text.indexOf('138'));
    expect(text.slice(f!.start, f!.end)).toBe('13812345678');
  });
});

describe('maskText', () => {
  const text = `申请人${validId}，邮箱zhang.san@example.com，手机13812345678。`;

  it('applies masks right to left, so masks that change length do not shift the others', () => {
    expect(maskText(text, screen(text))).toBe(
      '申请人110105********002X，邮箱z***@example.com，手机138****5678。',
    );
  });

  it('masks only the findings it is given (the rest were dismissed by a reviewer)', () => {
    const chosen = screen(text).filter((f) => f.kind !== 'email');
    expect(maskText(text, chosen)).toBe(
      '申请人110105********002X，邮箱zhang.san@example.com，手机138****5678。',
    );
  });

  it('accepts findings in any order and returns the text unchanged with none', () => {
    expect(maskText(text, [...screen(text)].reverse())).toBe(maskText(text, screen(text)));
    expect(maskText(text, [])).toBe(text);
  });

  it('leaves no high-severity finding behind when every finding is masked', () => {
    const masked = maskText(text, screen(text));
    expect(screen(masked).filter((f) => f.severity !== 'low')).toEqual([]);
  });

  it('refuses findings from an older version of the text (CONFLICT)', () => {
    const findings = screen(text);
    const edited = `补充：${text}`;
    expect(() => maskText(edited, findings)).toThrow(AppError);
    try {
      maskText(edited, findings);
    } catch (e) {
      expect(e).toMatchObject({ code: 'CONFLICT' });
    }
  });

  it('refuses overlapping findings', () => {
    const f = screen(text)[0]!;
    const inner: Finding = { ...f, start: f.start + 1, end: f.end, text: f.text.slice(1), masked: 'x' };
    expect(() => maskText(text, [f, inner])).toThrow(AppError);
  });
});

describe('screenDocument', () => {
  it('screens every field in the order given, naming the field of each finding', () => {
    const found = screenDocument(
      {
        title: '关于张三（手机13812345678）的行政处罚决定书',
        body: `当事人：张三，身份证号${validId}，电子邮箱zs@example.com。联系电话：022-23456789。`,
        summary: null,
        keywords: undefined,
        empty: '',
        'attachment:1': '收款账号：4111 1111 1111 1111',
      },
      { today },
    );
    expect(found.map((f) => [f.field, f.kind, f.severity])).toEqual([
      ['title', 'mobile', 'high'],
      ['body', 'id_card', 'high'],
      ['body', 'email', 'medium'],
      ['body', 'landline', 'low'],
      ['attachment:1', 'bank_card', 'high'],
    ]);
    expect(found[1]).toMatchObject({ start: 11, end: 29, masked: '110105********002X' });
  });

  it('returns nothing for a clean document or no fields', () => {
    expect(
      screenDocument(
        { title: '天津市2021年政府信息公开工作年度报告', body: '索引号：11120000MB1234567X/2021-00123' },
        { today },
      ),
    ).toEqual([]);
    expect(screenDocument({})).toEqual([]);
  });

  it('gives offsets that mask each field with maskText', () => {
    const fields = { title: '张三13812345678', body: `证号${validId}` };
    const found = screenDocument(fields, { today });
    const masked = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [
        k,
        maskText(
          v,
          found.filter((f) => f.field === k),
        ),
      ]),
    );
    expect(masked).toEqual({ title: '张三138****5678', body: '证号110105********002X' });
  });
});
