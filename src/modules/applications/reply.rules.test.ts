import { describe, expect, it } from 'vitest';
import {
  APPLICANT_TYPE_NAMES,
  APPLICANT_TYPES,
  applicantTypeLabel,
  CATEGORY_DEFS,
  categoryOf,
  isOrganisation,
  isRefusal,
  isReplyType,
  LEAF_ROWS,
  ORGANISATION_GROUP_NAME,
  REPLY_TYPE_DEFS,
  REPLY_TYPES,
  REPLY_TYPES_BY_CATEGORY,
  REPORT_COLUMN_NAMES,
  REPORT_COLUMNS,
  RESULT_CATEGORIES,
  RESULT_ROWS,
  type ReplyType,
  remedyNotice,
  replyTypesOfRow,
  reportRowKey,
  rowOf,
  SECTION_THREE_NOTE,
  SECTION_THREE_ROWS,
} from './reply.rules.js';

const REG = '《中华人民共和国政府信息公开条例》';

/** 三、本年度办理结果 as printed in the 2021 format (regulations.md C.3), in order. */
const C3_ROWS: [string, string][] = [
  ['3.1', '（一）予以公开'],
  ['3.2', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
  ['3.3.1', '1.属于国家秘密'],
  ['3.3.2', '2.其他法律行政法规禁止公开'],
  ['3.3.3', '3.危及“三安全一稳定”'],
  ['3.3.4', '4.保护第三方合法权益'],
  ['3.3.5', '5.属于三类内部事务信息'],
  ['3.3.6', '6.属于四类过程性信息'],
  ['3.3.7', '7.属于行政执法案卷'],
  ['3.3.8', '8.属于行政查询事项'],
  ['3.4.1', '1.本机关不掌握相关政府信息'],
  ['3.4.2', '2.没有现成信息需要另行制作'],
  ['3.4.3', '3.补正后申请内容仍不明确'],
  ['3.5.1', '1.信访举报投诉类申请'],
  ['3.5.2', '2.重复申请'],
  ['3.5.3', '3.要求提供公开出版物'],
  ['3.5.4', '4.无正当理由大量反复申请'],
  ['3.5.5', '5.要求行政机关确认或重新出具已获取信息'],
  ['3.6.1', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
  ['3.6.2', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
  ['3.6.3', '3.其他'],
  ['3.7', '（七）总计'],
];

/** The whole mapping, written out: reply type → row. */
const EXPECTED_ROWS: Record<ReplyType, string> = {
  disclosed: '3.1',
  already_public: '3.1',
  partially_disclosed: '3.2',
  withheld_state_secret: '3.3.1',
  withheld_prohibited_by_law: '3.3.2',
  withheld_endangers_security: '3.3.3',
  withheld_third_party: '3.3.4',
  withheld_internal_affairs: '3.3.5',
  withheld_process_info: '3.3.6',
  withheld_enforcement_file: '3.3.7',
  withheld_administrative_query: '3.3.8',
  not_exist: '3.4.1',
  not_responsible: '3.4.1',
  needs_creation: '3.4.2',
  still_unclear: '3.4.3',
  petition_complaint: '3.5.1',
  repeat_application: '3.5.2',
  published_material: '3.5.3',
  excessive_requests: '3.5.4',
  confirm_or_reissue: '3.5.5',
  not_supplemented: '3.6.1',
  fee_unpaid: '3.6.2',
  withdrawn: '3.6.3',
  other_handling: '3.6.3',
};

describe('applicant types (report columns)', () => {
  it('lists 自然人 and the five organisation sub-types in report order', () => {
    expect(APPLICANT_TYPES).toEqual([
      'person',
      'company',
      'research',
      'public_interest',
      'legal_service',
      'other_org',
    ]);
    expect(APPLICANT_TYPES.map((t) => APPLICANT_TYPE_NAMES[t])).toEqual([
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
    ]);
    expect(ORGANISATION_GROUP_NAME).toBe('法人或其他组织');
  });

  it('has the seven numeric columns, ending with 总计', () => {
    expect(REPORT_COLUMNS).toHaveLength(7);
    expect(REPORT_COLUMNS.map((c) => REPORT_COLUMN_NAMES[c])).toEqual([
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
      '总计',
    ]);
  });

  it('tells persons from organisations and names a sub-type unambiguously', () => {
    expect(APPLICANT_TYPES.filter(isOrganisation)).toEqual(APPLICANT_TYPES.slice(1));
    expect(applicantTypeLabel('person')).toBe('自然人');
    expect(applicantTypeLabel('other_org')).toBe('法人或其他组织（其他）');
    expect(applicantTypeLabel('company')).toBe('法人或其他组织（商业企业）');
  });
});

describe('rows of section 三', () => {
  it('has the 22 rows of 三、本年度办理结果 with the exact C.3 labels, in order', () => {
    expect(RESULT_ROWS.map((r) => [r.key, r.label])).toEqual(C3_ROWS);
  });

  it('has 21 leaf rows, and 总计 last without a category', () => {
    expect(LEAF_ROWS).toHaveLength(21);
    expect(RESULT_ROWS.slice(0, 21)).toEqual(LEAF_ROWS);
    expect(RESULT_ROWS[21]).toEqual({ key: '3.7', label: '（七）总计', name: '总计', category: null });
  });

  it('counts 1, 1, 8, 3, 5, 3 leaf rows per category', () => {
    const counts = RESULT_CATEGORIES.map((c) => LEAF_ROWS.filter((r) => r.category === c).length);
    expect(counts).toEqual([1, 1, 8, 3, 5, 3]);
  });

  it('keys each leaf row by its category', () => {
    for (const r of LEAF_ROWS) expect(r.key.startsWith(CATEGORY_DEFS[r.category].key)).toBe(true);
    expect(new Set(RESULT_ROWS.map((r) => r.key)).size).toBe(22);
  });

  it('names each row without its numbering', () => {
    expect(LEAF_ROWS.map((r) => r.name).slice(0, 4)).toEqual([
      '予以公开',
      '部分公开（区分处理的，只计这一情形，不计其他情形）',
      '属于国家秘密',
      '其他法律行政法规禁止公开',
    ]);
    for (const r of RESULT_ROWS) expect(r.label.endsWith(r.name)).toBe(true);
    for (const r of RESULT_ROWS) expect(r.name).not.toMatch(/^(\d|（)/);
  });

  it('prints the category headings and the top-level rows as in the format', () => {
    expect(RESULT_CATEGORIES.map((c) => CATEGORY_DEFS[c].label)).toEqual([
      '（一）予以公开',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '（三）不予公开',
      '（四）无法提供',
      '（五）不予处理',
      '（六）其他处理',
    ]);
    expect(SECTION_THREE_ROWS.map((r) => r.label)).toEqual([
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '三、本年度办理结果',
      '四、结转下年度继续办理',
    ]);
    expect(SECTION_THREE_NOTE).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
  });
});

describe('reply types and their rows', () => {
  it('maps every reply type to exactly the expected row', () => {
    expect(Object.fromEntries(REPLY_TYPES.map((t) => [t, reportRowKey(t)]))).toEqual(EXPECTED_ROWS);
    expect(REPLY_TYPES).toEqual(Object.keys(EXPECTED_ROWS));
  });

  it('maps each code to one leaf row, and every leaf row has a code', () => {
    const seen: ReplyType[] = [];
    for (const r of LEAF_ROWS) {
      const codes = replyTypesOfRow(r.key);
      expect(codes.length, r.label).toBeGreaterThanOrEqual(1);
      for (const c of codes) expect(rowOf(c)).toBe(r);
      seen.push(...codes);
    }
    expect(replyTypesOfRow('3.7')).toEqual([]);
    expect([...seen].sort()).toEqual([...REPLY_TYPES].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('lists the reply types per category, in row order', () => {
    expect(REPLY_TYPES_BY_CATEGORY.withheld).toHaveLength(8);
    expect(REPLY_TYPES_BY_CATEGORY.disclosed).toEqual(['disclosed', 'already_public']);
    expect(REPLY_TYPES_BY_CATEGORY.unavailable).toEqual([
      'not_exist',
      'not_responsible',
      'needs_creation',
      'still_unclear',
    ]);
    expect(RESULT_CATEGORIES.flatMap((c) => REPLY_TYPES_BY_CATEGORY[c])).toEqual(REPLY_TYPES);
    for (const c of RESULT_CATEGORIES)
      for (const t of REPLY_TYPES_BY_CATEGORY[c]) expect(categoryOf(t)).toBe(c);
  });

  it('recognises codes and refuses unknown ones', () => {
    expect(isReplyType('already_public')).toBe(true);
    expect(isReplyType('toString')).toBe(false);
    expect(isReplyType('')).toBe(false);
    expect(() => rowOf('nope' as ReplyType)).toThrow(RangeError);
  });

  it('names each reply type: the row name for the withholding grounds, a short name elsewhere', () => {
    for (const t of REPLY_TYPES_BY_CATEGORY.withheld) expect(REPLY_TYPE_DEFS[t].name).toBe(rowOf(t).name);
    expect(REPLY_TYPES.map((t) => REPLY_TYPE_DEFS[t].name).filter((n) => n.length > 20)).toEqual([]);
    expect(REPLY_TYPE_DEFS.partially_disclosed.name).toBe('部分公开');
    expect(REPLY_TYPE_DEFS.already_public.name).toBe('已主动公开');
    expect(REPLY_TYPE_DEFS.not_supplemented.name).toBe('逾期不补正');
    expect(new Set(REPLY_TYPES.map((t) => REPLY_TYPE_DEFS[t].name)).size).toBe(REPLY_TYPES.length);
  });
});

describe('legal basis (C.3 mapping table)', () => {
  const basis = (t: ReplyType) => REPLY_TYPE_DEFS[t].basis;

  it('cites the article for each ground', () => {
    const expected: Partial<Record<ReplyType, string>> = {
      disclosed: '第三十六条第（二）项',
      already_public: '第三十六条第（一）项',
      partially_disclosed: '第三十七条',
      withheld_state_secret: '第十四条',
      withheld_prohibited_by_law: '第十四条',
      withheld_endangers_security: '第十四条',
      withheld_third_party: '第十五条、第三十二条',
      withheld_internal_affairs: '第十六条第一款',
      withheld_process_info: '第十六条第二款',
      withheld_enforcement_file: '第十六条第二款',
      withheld_administrative_query: '第三十六条第（七）项',
      not_exist: '第三十六条第（四）项',
      not_responsible: '第三十六条第（五）项',
      needs_creation: '第三十八条',
      still_unclear: '第三十条',
      petition_complaint: '第三十九条第一款',
      repeat_application: '第三十六条第（六）项',
      published_material: '第三十九条第二款',
      excessive_requests: '第三十五条',
      not_supplemented: '第三十条',
    };
    for (const [t, articles] of Object.entries(expected)) expect(basis(t as ReplyType)).toBe(REG + articles);
    expect(basis('fee_unpaid')).toBe('《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）');
  });

  it('has no basis where no article was found (三(五)5, 三(六)3)', () => {
    expect(basis('confirm_or_reissue')).toBeNull();
    expect(basis('withdrawn')).toBeNull();
    expect(basis('other_handling')).toBeNull();
  });

  it('marks the uncertain mappings and the platform decisions', () => {
    const by = (m: 'I' | 'U' | 'P') => REPLY_TYPES.filter((t) => REPLY_TYPE_DEFS[t].mapping === m);
    expect(by('U')).toEqual(['withheld_administrative_query', 'not_exist', 'not_responsible']);
    expect(by('P')).toEqual(['already_public', 'withdrawn', 'other_handling']);
  });
});

describe('letter openings', () => {
  it('starts a 予以公开 letter with the 条例第三十六条第（二）项 sentence', () => {
    expect(REPLY_TYPE_DEFS.disclosed.opening).toBe(
      '经审查，您申请获取的政府信息属于可以公开的政府信息，根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，现予以公开。',
    );
  });

  it('gives every reply type one Chinese sentence citing its basis', () => {
    for (const t of REPLY_TYPES) {
      const { opening, basis } = REPLY_TYPE_DEFS[t];
      expect(opening, t).toMatch(/^[\u4e00-\u9fff].*。$/u);
      expect(opening, t).not.toMatch(/undefined|null|\$\{|，，|根据的规定/);
      if (basis) expect(opening, t).toContain(`根据${basis}`);
    }
  });

  it('says 不予公开 and cites 第三十六条第（三）项 for the withholding grounds', () => {
    for (const t of REPLY_TYPES_BY_CATEGORY.withheld) {
      if (t === 'withheld_administrative_query') continue;
      expect(REPLY_TYPE_DEFS[t].opening).toContain('第三十六条第（三）项的规定，决定不予公开。');
    }
    expect(REPLY_TYPE_DEFS.withheld_administrative_query.opening).toContain(
      '依照有关法律、行政法规的规定办理',
    );
  });

  it('tells the drafter what the article requires beyond the opening', () => {
    expect(REPLY_TYPE_DEFS.not_responsible.mustAdd).toContain('名称、联系方式');
    expect(REPLY_TYPE_DEFS.already_public.mustAdd).toContain('方式、途径');
    expect(REPLY_TYPE_DEFS.withheld_state_secret.mustAdd).toBeNull();
  });
});

describe('isRefusal and remedyNotice', () => {
  const AGENCY = ['某市人民政府'];
  const refusals = REPLY_TYPES.filter(isRefusal);

  it('treats all 不予公开 grounds and 部分公开 as refusals, nothing else', () => {
    expect(refusals).toEqual(['partially_disclosed', ...REPLY_TYPES_BY_CATEGORY.withheld]);
    expect(refusals).toHaveLength(9);
  });

  it('gives every refusal the reconsideration-first notice (行政复议法第二十三条第一款第（四）项)', () => {
    for (const t of refusals) {
      const text = remedyNotice(t, AGENCY);
      expect(text, t).toContain('《中华人民共和国行政复议法》第二十三条第一款第（四）项');
      expect(text, t).toContain('应当先向某市人民政府申请行政复议');
      expect(text, t).toContain('六十日内（《中华人民共和国行政复议法》第二十条）');
      expect(text, t).toContain(
        '十五日内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十五条）',
      );
    }
    expect(remedyNotice('withheld_third_party', AGENCY)).toBe(
      '根据《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，您如对本机关不予公开的决定不服，应当先向某市人民政府申请行政复议，申请期限为自知道或者应当知道该行政行为之日起六十日内（《中华人民共和国行政复议法》第二十条）；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十五条）。',
    );
  });

  it('gives other replies the choice of reconsideration in 60 days or suit in 6 months', () => {
    for (const t of REPLY_TYPES.filter((x) => !isRefusal(x))) {
      const text = remedyNotice(t, AGENCY);
      expect(text, t).toBe(
        '您如对本答复不服，可以自知道或者应当知道该行政行为之日起六十日内向某市人民政府申请行政复议（《中华人民共和国行政复议法》第二十条），也可以自知道或者应当知道该行政行为之日起六个月内向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。',
      );
      expect(text).not.toContain('第二十三条');
    }
  });

  it('gives 部分公开 the notice for the withheld part and the ordinary remedy for the rest', () => {
    const text = remedyNotice('partially_disclosed', AGENCY);
    expect(text).toContain('您如对本答复中不予公开的决定不服，应当先向某市人民政府申请行政复议');
    expect(text).toContain('您如对本答复的其他内容不服，可以');
    expect(text).toContain('第四十六条');
    expect(text.endsWith('。')).toBe(true);
  });

  it('names several reconsideration organs, or a generic one when none is given', () => {
    expect(remedyNotice('disclosed', ['某市人民政府', ' 某省某厅 '])).toContain(
      '向某市人民政府或者某省某厅申请行政复议',
    );
    expect(remedyNotice('disclosed', [])).toContain('向有管辖权的行政复议机关申请行政复议');
    expect(remedyNotice('withheld_state_secret', ['  '])).toContain('应当先向有管辖权的行政复议机关');
  });
});
