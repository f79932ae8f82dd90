import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { pieceFee, volumeFee } from './fee.rules.js';
import { CHANNEL_RULES, CHANNELS } from './intake.rules.js';
import {
  arabicDate,
  checkTemplate,
  chineseDate,
  LETTER_FIELD_LABELS,
  LETTER_KINDS,
  type LetterData,
  type LetterField,
  LetterInputError,
  type LetterKind,
  letterContent,
  rmbUppercase,
  TEMPLATE_PLACEHOLDERS,
} from './letter.rules.js';
import { isRefusal, REPLY_TYPE_DEFS, REPLY_TYPES, type ReplyType } from './reply.rules.js';

const MONTHS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
// biome-ignore format: one row per ten days reads best
const DAYS = [
  '一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
  '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十',
  '二十一', '二十二', '二十三', '二十四', '二十五', '二十六', '二十七', '二十八', '二十九', '三十',
  '三十一',
];
const pad = (n: number) => String(n).padStart(2, '0');

/** A letter's data with every section filled; tests remove what they check. */
function data(over: Partial<LetterData> = {}): LetterData {
  return {
    agencyName: '示例市规划和自然资源局',
    referenceNo: '示规资依申〔2026〕12号',
    letterDate: '2026-11-26',
    applicantName: '张某某',
    trackingCode: 'K7M3Q9PX',
    subject: '示例市2025年国有建设用地供应计划',
    receivedOn: '2026-11-02',
    dueOn: '2026-11-30',
    reconsiderationAgencies: ['示例市人民政府'],
    receipt: { channel: 'online', formWanted: 'electronic', delivery: 'email' },
    supplement: {
      items: ['请明确所需信息的文件名称或文号', '请明确所需信息的时间范围'],
      deadline: '2026-12-10',
    },
    extension: { days: 20, newDueOn: '2026-12-28', reason: '申请公开的信息数量较多，需要调档查阅。' },
    consultation: { party: '示例置业有限公司', partyKind: 'third_party', windowEnd: '2026-12-17' },
    fee: { method: 'volume', quote: volumeFee(150), paymentInfo: '通过示例市非税收入缴款平台缴纳' },
    reply: { type: 'disclosed', body: '所需信息见附件。', extra: '现随本答复书提供该政府信息的电子文档。' },
    ...over,
  };
}

const text = (kind: LetterKind, d: LetterData = data()) => {
  const c = letterContent(kind, d);
  return [c.title, c.referenceNo, c.addressee, ...c.paragraphs, c.issuer, c.date].join('\n');
};

const reply = (type: ReplyType, over: Partial<NonNullable<LetterData['reply']>> = {}) =>
  letterContent('reply', data({ reply: { type, body: '具体理由如下。', extra: '补充内容。', ...over } }));

/** The error letterContent throws, for assertions on its field and message. */
function errorOf(kind: LetterKind, d: LetterData, options = {}): LetterInputError {
  try {
    letterContent(kind, d, options);
  } catch (e) {
    if (e instanceof LetterInputError) return e;
    throw e;
  }
  throw new Error('expected a LetterInputError');
}

describe('chineseDate', () => {
  it('writes the example of the official style', () => {
    expect(chineseDate('2026-11-26')).toBe('二〇二六年十一月二十六日');
  });

  it.each(MONTHS.map((m, i) => [i + 1, m] as const))('writes month %i as %s', (month, name) => {
    expect(chineseDate(`2026-${pad(month)}-01`)).toBe(`二〇二六年${name}月一日`);
  });

  it.each(DAYS.map((d, i) => [i + 1, d] as const))('writes day %i as %s', (day, name) => {
    expect(chineseDate(`2026-01-${pad(day)}`)).toBe(`二〇二六年一月${name}日`);
  });

  it.each([
    ['2000-01-10', '二〇〇〇年一月十日'],
    ['2010-10-20', '二〇一〇年十月二十日'],
    ['2020-12-30', '二〇二〇年十二月三十日'],
    ['2001-02-28', '二〇〇一年二月二十八日'],
    ['2024-02-29', '二〇二四年二月二十九日'],
    ['1990-03-31', '一九九〇年三月三十一日'],
    ['2100-07-01', '二一〇〇年七月一日'],
  ])('writes %s with 〇 for every zero of the year', (iso, expected) => {
    expect(chineseDate(iso)).toBe(expected);
  });

  it.each(['2026-02-30', '2026-1-5', '2026-13-01', '20261126', ''])('rejects %j', (bad) => {
    expect(() => chineseDate(bad)).toThrow();
  });

  it('has an Arabic form without leading zeros (GB/T 9704-2012 第7.3.5.4条)', () => {
    expect(arabicDate('2026-01-05')).toBe('2026年1月5日');
    expect(arabicDate('2026-11-26')).toBe('2026年11月26日');
  });
});

describe('rmbUppercase', () => {
  it.each([
    [0, '零元整'],
    [10, '壹拾元整'],
    [100, '壹佰元整'],
    [700, '柒佰元整'],
    [1010, '壹仟零壹拾元整'],
    [1700, '壹仟柒佰元整'],
    [2005, '贰仟零伍元整'],
    [83_460, '捌万叁仟肆佰陆拾元整'],
    [100_500, '壹拾万零伍佰元整'],
    [1_000_001, '壹佰万零壹元整'],
    [10_001_000, '壹仟万壹仟元整'],
    [100_000_000, '壹亿元整'],
    [100_010_000, '壹亿零壹万元整'],
    [100_001_000, '壹亿零壹仟元整'],
    [400_000_000, '肆亿元整'],
  ])('writes %i as %s', (n, expected) => {
    expect(rmbUppercase(n)).toBe(expected);
  });

  it('rejects fractions and negatives', () => {
    expect(() => rmbUppercase(1.5)).toThrow(RangeError);
    expect(() => rmbUppercase(-1)).toThrow(RangeError);
  });
});

describe('letterContent: required fields', () => {
  const cases: [LetterKind, keyof LetterData | string, string][] = [];
  for (const kind of LETTER_KINDS) {
    cases.push(
      [kind, 'agencyName', '机关名称'],
      [kind, 'referenceNo', '文书编号'],
      [kind, 'letterDate', '文书日期'],
    );
    cases.push([kind, 'subject', '所需信息'], [kind, 'receivedOn', '收到申请之日']);
    if (kind !== 'consultation')
      cases.push([kind, 'applicantName', '申请人'], [kind, 'trackingCode', '登记号']);
  }
  cases.push(
    ['receipt', 'dueOn', '答复期限'],
    ['receipt', 'receipt', '申请方式'],
    ['supplement', 'supplement', '补正事项'],
    ['extension', 'dueOn', '答复期限'],
    ['extension', 'extension', '延长天数'],
    ['consultation', 'consultation', '被征求意见方'],
    ['fee_notice', 'fee', '计费方式'],
    ['reply', 'reply', '答复类型'],
    ['reply', 'reconsiderationAgencies', '行政复议机关'],
  );

  it.each(cases)('%s without %s names %s', (kind, field, label) => {
    const d = data();
    delete (d as unknown as Record<string, unknown>)[field];
    const e = errorOf(kind, d);
    expect(e.message.startsWith(`${label}：`)).toBe(true);
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.fields?.[e.field]).toBe(e.message);
  });

  const items = ['x'];
  const consult = (party: string, partyKind: string, windowEnd: string) => ({
    consultation: { party, partyKind, windowEnd },
  });
  it.each([
    ['supplement', 'supplement.items', { supplement: { items: [], deadline: '2026-12-10' } }],
    ['supplement', 'supplement.items', { supplement: { items: ['  '], deadline: '2026-12-10' } }],
    ['supplement', 'supplement.deadline', { supplement: { items, deadline: '2026-11-20' } }],
    ['supplement', 'supplement.deadline', { supplement: { items, deadline: '2026-13-01' } }],
    ['extension', 'extension.days', { extension: { days: 21, newDueOn: '2026-12-28', reason: 'x' } }],
    ['extension', 'extension.days', { extension: { days: 0, newDueOn: '2026-12-28', reason: 'x' } }],
    ['extension', 'extension.newDueOn', { extension: { days: 5, newDueOn: '2026-11-30', reason: 'x' } }],
    ['extension', 'extension.reason', { extension: { days: 5, newDueOn: '2026-12-07', reason: ' ' } }],
    ['extension', 'letterDate', { letterDate: '2026-12-01' }],
    ['consultation', 'consultation.party', consult('', 'agency', '2026-12-17')],
    ['consultation', 'consultation.windowEnd', consult('甲', 'agency', '2026-11-26')],
    ['consultation', 'consultation.partyKind', consult('甲', 'x', '2026-12-17')],
    ['receipt', 'receipt.channel', { receipt: { channel: 'pigeon' } }],
    ['receipt', 'receipt.delivery', { receipt: { channel: 'online', delivery: 'drone' } }],
    ['receipt', 'dueOn', { dueOn: '2026-11-01' }],
    ['reply', 'reply.type', { reply: { type: 'nonsense' } }],
    ['reply', 'reconsiderationAgencies', { reconsiderationAgencies: ['  '] }],
    ['reply', 'letterDate', { letterDate: '2026-11-01' }],
    ['reply', 'applicantName', { applicantName: 'x'.repeat(201) }],
    ['reply', 'receivedOn', { receivedOn: '2026-02-30' }],
    ['fee_notice', 'fee.method', { fee: { method: 'free', quote: volumeFee(150) } }],
  ] as unknown as [LetterKind, LetterField, Partial<LetterData>][])(
    '%s names %s when given %j',
    (kind, field, over) => {
      const e = errorOf(kind, data(over));
      expect(e.field).toBe(field);
      expect(e.message.startsWith(`${LETTER_FIELD_LABELS[field]}：`)).toBe(true);
    },
  );

  it('rejects an unknown kind', () => {
    expect(errorOf('memo' as LetterKind, data()).field).toBe('kind');
  });

  it('strips control characters and keeps one paragraph per line of the drafter’s text', () => {
    const c = reply('disclosed', { body: '第一段\u0001\r\n\r\n第二段\f第三段' });
    expect(c.paragraphs).toContain('第一段');
    expect(c.paragraphs).toContain('第二段');
    expect(c.paragraphs).toContain('第三段');
  });
});

describe('letterContent: reply', () => {
  it.each(REPLY_TYPES)('%s opens with its sentence and cites its basis', (type) => {
    const def = REPLY_TYPE_DEFS[type];
    const c = reply(type);
    expect(c.paragraphs).toContain(def.opening);
    if (def.basis) expect(c.paragraphs.join('')).toContain(def.basis);
    expect(c.title).toBe('示例市规划和自然资源局政府信息公开申请答复书');
    expect(c.addressee).toBe('张某某');
  });

  it.each(REPLY_TYPES.filter(isRefusal))('%s carries the reconsideration-first notice', (type) => {
    const all = reply(type).paragraphs.join('');
    expect(all).toContain('《中华人民共和国行政复议法》第二十三条第一款第（四）项');
    expect(all).toContain('应当先向示例市人民政府申请行政复议');
  });

  it.each(REPLY_TYPES.filter((t) => !isRefusal(t)))('%s carries the ordinary remedy', (type) => {
    const all = reply(type).paragraphs.join('');
    expect(all).toContain('六十日内向示例市人民政府申请行政复议');
    expect(all).toContain('六个月内向人民法院提起行政诉讼');
    expect(all).not.toContain('第二十三条');
  });

  it.each(REPLY_TYPES.filter((t) => REPLY_TYPE_DEFS[t].mustAdd))(
    '%s requires what its mustAdd names',
    (type) => {
      const e = errorOf('reply', data({ reply: { type, body: '理由' } }));
      expect(e.field).toBe('reply.extra');
      expect(e.message).toContain(REPLY_TYPE_DEFS[type].mustAdd!);
    },
  );

  it('leaves a marked placeholder when a refusal has no reasons (条例第三十六条第（三）项)', () => {
    const c = reply('withheld_state_secret', { body: '' });
    expect(c.placeholders).toEqual(['答复理由']);
    expect(c.paragraphs.join('')).toContain('〔请填写答复的具体理由和依据〕');
    expect(reply('not_exist', { body: '' }).placeholders).toEqual([]);
  });

  it('prints the drafter’s body and extra text in order, before the remedy and the closing', () => {
    const c = reply('partially_disclosed', { body: '理由甲', extra: '不予公开部分：第3页个人信息' });
    const i = (s: string) => c.paragraphs.findIndex((p) => p.includes(s));
    expect(i('理由甲')).toBeGreaterThan(i('区分处理'));
    expect(i('不予公开部分：第3页')).toBeGreaterThan(i('理由甲'));
    expect(i('行政复议法')).toBeGreaterThan(i('不予公开部分：第3页'));
    expect(c.paragraphs.at(-1)).toBe('特此告知。');
  });
});

describe('letterContent: notices', () => {
  it.each(CHANNELS)(
    'the receipt for %s gives the code, the receipt day and its 第三十一条 basis',
    (channel) => {
      const all = text('receipt', data({ receipt: { channel } }));
      expect(all).toContain('K7M3Q9PX');
      expect(all).toContain('收到申请之日：二〇二六年十一月二日');
      expect(all).toContain(`第三十一条${CHANNEL_RULES[channel].basis.replace('条例第三十一条', '')}`);
      expect(all).toContain(`以${CHANNEL_RULES[channel].receivedOn}为收到申请之日`);
      expect(all).toContain('20个工作日内作出答复，即于二〇二六年十一月三十日前');
      expect(all).toContain('第三十三条第一款');
    },
  );

  it('the receipt names the form and delivery wanted (条例第二十九条)', () => {
    expect(text('receipt')).toContain('获取信息的形式为电子数据（光盘、U盘等），获取方式为电子邮件');
  });

  it('the supplement notice cites 第三十条, lists the items and restarts the period', () => {
    const all = text('supplement');
    expect(all).toContain('第三十条');
    expect(all).toContain('1.请明确所需信息的文件名称或文号');
    expect(all).toContain('2.请明确所需信息的时间范围');
    expect(all).toContain('请您于二〇二六年十二月十日前');
    expect(all).toContain('答复期限自本机关收到补正后的申请之日起计算');
    expect(all).toContain('视为放弃申请');
  });

  it('the extension notice cites 第三十三条第二款 with the days and the new due date', () => {
    const all = text('extension');
    expect(all).toContain('第三十三条第二款');
    expect(all).toContain('因申请公开的信息数量较多，需要调档查阅，本机关不能');
    expect(all).toContain('答复期限延长20个工作日，延长后的答复期限至二〇二六年十二月二十八日');
    expect(all).toContain('原应于二〇二六年十一月三十日前');
  });

  it('the consultation of a third party cites 第三十二条: silence leaves the decision to the agency', () => {
    const c = letterContent('consultation', data());
    const all = c.paragraphs.join('');
    expect(c.addressee).toBe('示例置业有限公司');
    expect(all).toContain('第三十二条');
    expect(all).toContain('15个工作日');
    expect(all).toContain('二〇二六年十二月十七日前');
    expect(all).toContain('由本机关依照《条例》的规定决定是否公开');
    expect(all).not.toContain('视为同意');
    // Sent outside the agency: nothing identifies the applicant.
    expect(all).not.toContain('张某某');
    expect(all).not.toContain('K7M3Q9PX');
  });

  it('the consultation of another agency cites 第三十四条: silence is consent', () => {
    const all = text(
      'consultation',
      data({
        consultation: { party: '示例市住房和城乡建设局', partyKind: 'agency', windowEnd: '2026-12-17' },
      }),
    );
    expect(all).toContain('第三十四条');
    expect(all).toContain('逾期未提出意见的，视为同意公开');
    expect(all).not.toContain('第三十二条');
  });

  it('the consultation needs no applicant', () => {
    expect(() => letterContent('consultation', data({ applicantName: '', trackingCode: '' }))).not.toThrow();
  });
});

describe('letterContent: fee notice', () => {
  it('cites 109号, states the standard, the amount in figures and words and the breakdown', () => {
    const c = letterContent('fee_notice', data());
    const all = c.paragraphs.join('');
    expect(all).toContain('国办函〔2020〕109号');
    expect(all).toContain('第四十二条');
    expect(all).toContain('按量计收');
    expect(all).toContain('人民币1700元（大写：壹仟柒佰元整）');
    expect(all).toContain('共计150页');
    expect(all).toContain('自收到本通知书次日起20个工作日内');
    expect(all).toContain('逾期未缴纳的，视为放弃申请');
    expect(all).toContain('通过示例市非税收入缴款平台缴纳');
    expect(c.table?.head).toEqual(['计费区间', '数量', '单价（元）', '小计（元）']);
    expect(c.table?.rows).toEqual([
      ['第1—30页', '30页', '0', '0'],
      ['第31—100页', '70页', '10', '700'],
      ['第101—150页', '50页', '20', '1000'],
      ['合计', '150页', '—', '1700'],
    ]);
    expect(c.paragraphs[c.table!.afterParagraph]).toContain('计费明细见下表');
    expect(c.placeholders).toEqual([]);
  });

  it('per piece gives the place of the pieces in the month (109号第四条)', () => {
    const c = letterContent('fee_notice', data({ fee: { method: 'piece', quote: pieceFee(5, 8) } }));
    const all = c.paragraphs.join('');
    expect(all).toContain('按件计收');
    expect(all).toContain('为您本月累计申请的第9—13件');
    expect(all).toContain('人民币300元（大写：叁佰元整）');
    expect(c.table?.rows).toEqual([
      ['第9—10件', '2件', '0', '0'],
      ['第11—13件', '3件', '100', '300'],
      ['合计', '5件', '—', '300'],
    ]);
    expect(c.placeholders).toEqual(['缴费方式']);
  });

  it('rejects a quote whose total or lines do not add up, and a zero fee', () => {
    const q = volumeFee(150);
    const tampered = { ...q, amount: 1600 };
    expect(errorOf('fee_notice', data({ fee: { method: 'volume', quote: tampered } })).field).toBe(
      'fee.quote',
    );
    const badLine = { ...q, breakdown: q.breakdown.map((l, i) => (i === 1 ? { ...l, subtotal: 1 } : l)) };
    expect(errorOf('fee_notice', data({ fee: { method: 'volume', quote: badLine } })).message).toContain(
      '第2行',
    );
    const zero = errorOf('fee_notice', data({ fee: { method: 'volume', quote: volumeFee(20) } }));
    expect(zero.message).toContain('无需发出收费通知');
    expect(errorOf('fee_notice', data({ fee: { method: 'volume', quote: pieceFee(5, 8) } })).field).toBe(
      'fee.quote',
    );
  });
});

describe('templates', () => {
  it('substitutes whitelisted placeholders in overrides', () => {
    const c = letterContent('reply', data(), {
      templates: {
        reply: {
          title: '{{agencyName}}关于{{letterName}}的通知',
          intro:
            '{{applicantName}}（登记号{{ trackingCode }}）于{{receivedOn}}申请“{{subject}}”，期限{{dueOn}}，文号{{referenceNo}}，日期{{letterDate}}。',
          closing: '',
        },
      },
    });
    expect(c.title).toBe('示例市规划和自然资源局关于答复书的通知');
    expect(c.paragraphs[0]).toBe(
      '张某某（登记号K7M3Q9PX）于二〇二六年十一月二日申请“示例市2025年国有建设用地供应计划”，期限二〇二六年十一月三十日，文号示规资依申〔2026〕12号，日期二〇二六年十一月二十六日。',
    );
    expect(c.paragraphs.at(-1)).not.toBe('特此告知。');
  });

  it('inserts values literally: a placeholder inside a value is not expanded again', () => {
    const c = letterContent('receipt', data({ applicantName: '{{agencyName}}' }), {
      templates: { receipt: { intro: '{{applicantName}}：' } },
    });
    expect(c.paragraphs[0]).toBe('{{agencyName}}：');
  });

  it('accepts every documented placeholder and reports none for the defaults', () => {
    const all = Object.keys(TEMPLATE_PLACEHOLDERS)
      .map((k) => `{{${k}}}`)
      .join('');
    expect(checkTemplate(all)).toEqual([]);
    expect(checkTemplate('没有占位符')).toEqual([]);
  });

  it('reports unknown placeholders in Chinese', () => {
    const problems = checkTemplate('{{agencyName}}{{constructor}}{{process.env}}');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('未知的占位符“{{constructor}}”');
    expect(problems[1]).toContain('未知的占位符“{{process.env}}”');
    expect(problems[0]).toContain('{{agencyName}}（机关名称）');
  });

  it('reports unpaired braces, overlong text and applicant data in a consultation', () => {
    expect(checkTemplate('{{agencyName}')[0]).toContain('占位符格式不正确');
    expect(checkTemplate('agencyName}}')[0]).toContain('占位符格式不正确');
    expect(checkTemplate('字'.repeat(2001))[0]).toContain('不能超过2000个字');
    expect(checkTemplate('{{applicantName}}', 'consultation')[0]).toContain('不能用于征求意见函');
    expect(checkTemplate('{{applicantName}}', 'reply')).toEqual([]);
  });

  it('letterContent refuses a bad override, naming the template', () => {
    const e = errorOf('reply', data(), { templates: { reply: { title: '{{secret}}' } } });
    expect(e.field).toBe('templates.reply.title');
    expect(e.message).toContain('未知的占位符');
    expect(errorOf('reply', data(), { templates: { reply: { title: ' ' } } }).message).toContain(
      '标题不能为空',
    );
    const noDue = errorOf('supplement', data({ dueOn: undefined }), {
      templates: { supplement: { intro: '期限{{dueOn}}' } },
    });
    expect(noDue.field).toBe('templates.supplement.intro');
    expect(noDue.message).toContain('没有内容');
  });
});

describe('letterContent: layout data', () => {
  it('signs with the agency, the Chinese date and the seal note', () => {
    const c = letterContent('supplement', data());
    expect(c).toMatchObject({
      issuer: '示例市规划和自然资源局',
      date: '二〇二六年十一月二十六日',
      sealNote: '（印章）',
      referenceNo: '示规资依申〔2026〕12号',
    });
  });

  it('writes every date in Arabic numerals with dateStyle arabic', () => {
    const c = letterContent('extension', data(), { dateStyle: 'arabic' });
    expect(c.date).toBe('2026年11月26日');
    expect(c.paragraphs.join('')).toContain('延长后的答复期限至2026年12月28日');
    expect(c.paragraphs.join('')).not.toContain('〇');
  });
});
