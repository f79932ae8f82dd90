/**
 * Reply types (答复类型) of disclosure applications, their annual-report rows, and the remedy notice of
 * a reply letter: the single source of truth for the applications workflow and the annual report.
 * Pure data and functions, no I/O.
 *
 * Sources (shared/domain/regulations.md):
 * - Rows and columns: 国办公开办函〔2021〕30号 section 三 (C.3), labels verbatim. 三、本年度办理结果 has 22
 *   rows: 21 leaf rows ((一), (二), (三)1–8, (四)1–3, (五)1–5, (六)1–3) and (七)总计; reply types map to
 *   leaf rows only. Row key: '3.' + the (一)…(七) number [+ '.' + sub-item], so 三(三)4 is '3.3.4',
 *   三(二) '3.2', 总计 '3.7'. Stable: stored with each reply and used by the report.
 * - Grounds: the C.3 mapping table, [I] (30号 does not state it) unless marked U. Letter openings follow
 *   条例第三十六条 (the seven situations) and 第三十条、第三十五条、第三十七条至第三十九条, 109号.
 *
 * Decisions on open questions:
 * - 三(一) (G.2, [U]): a reply pointing to information already proactively disclosed (第三十六条第（一）项,
 *   `already_public`) counts under 予以公开: the applicant gets the information. Platform decision.
 * - 三(四)1 本机关不掌握 ([U] (四) or (五) of 第三十六条): both, as two reply types with their own letter,
 *   `not_exist` (经检索没有) and `not_responsible` (不属于本机关负责公开), counted in the same row.
 * - 三(三)8 属于行政查询事项 is taken to be 第三十六条第（七）项 (工商、不动产登记资料等), [U].
 * - 三(五)5 (确认或重新出具已获取信息): no article of the 条例 was found; basis null. 三(六)3 其他:
 *   `withdrawn` (申请人撤回申请) and `other_handling`, no article.
 * - Refusals: 《行政复议法》(2023) 第二十三条第一款第（四）项 requires reconsideration before suit when an
 *   agency 不予公开, and 第二款 requires the agency to say so. Every 三(三) ground is a 不予公开 decision
 *   (三(三)8 too: it is reported as 不予公开, and an unneeded notice costs less than a missing one).
 *   部分公开 is one as well: its withheld part is a 不予公开 decision (第三十七条 "对不予公开的内容说明理由"),
 *   so it carries the notice for that part and the ordinary remedy for the rest. 无法提供, 不予处理 and
 *   其他处理 carry the ordinary remedy: reconsideration within 60 days (行政复议法第二十条) or direct suit
 *   within 6 months (行政诉讼法第四十六条).
 */

const REG = '《中华人民共和国政府信息公开条例》';
const ARL = '《中华人民共和国行政复议法》';
const ALL = '《中华人民共和国行政诉讼法》';

// ---------------------------------------------------------------- applicant types (columns)

export const APPLICANT_TYPES = [
  'person',
  'company',
  'research',
  'public_interest',
  'legal_service',
  'other_org',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const APPLICANT_TYPE_NAMES: Record<ApplicantType, string> = {
  person: '自然人',
  company: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other_org: '其他',
};

/** The heading over the five organisation sub-columns. */
export const ORGANISATION_GROUP_NAME = '法人或其他组织';

export const isOrganisation = (t: ApplicantType): boolean => t !== 'person';

/** A display name that stands alone: '法人或其他组织（其他）' rather than a bare '其他'. */
export function applicantTypeLabel(t: ApplicantType): string {
  return isOrganisation(t)
    ? `${ORGANISATION_GROUP_NAME}（${APPLICANT_TYPE_NAMES[t]}）`
    : APPLICANT_TYPE_NAMES[t];
}

/** The 7 numeric columns of section 三, in report order: 自然人, the five sub-columns, 总计. */
export const REPORT_COLUMNS = [...APPLICANT_TYPES, 'total'] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];
export const REPORT_COLUMN_NAMES: Record<ReportColumn, string> = { ...APPLICANT_TYPE_NAMES, total: '总计' };

// ---------------------------------------------------------------- rows of section 三

/** The header note of section 三, verbatim (identity I1). */
export const SECTION_THREE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** The four top-level rows of section 三; 三 spans RESULT_ROWS. */
export const SECTION_THREE_ROWS = [
  { key: '1', label: '一、本年新收政府信息公开申请数量' },
  { key: '2', label: '二、上年结转政府信息公开申请数量' },
  { key: '3', label: '三、本年度办理结果' },
  { key: '4', label: '四、结转下年度继续办理' },
] as const;

export const RESULT_CATEGORIES = [
  'disclosed',
  'partial',
  'withheld',
  'unavailable',
  'not_processed',
  'other',
] as const;
export type ResultCategory = (typeof RESULT_CATEGORIES)[number];

/** Category headings as printed; (一) and (二) are leaf rows themselves. */
export const CATEGORY_DEFS: Record<ResultCategory, { key: string; label: string; name: string }> = {
  disclosed: { key: '3.1', label: '（一）予以公开', name: '予以公开' },
  partial: {
    key: '3.2',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    name: '部分公开',
  },
  withheld: { key: '3.3', label: '（三）不予公开', name: '不予公开' },
  unavailable: { key: '3.4', label: '（四）无法提供', name: '无法提供' },
  not_processed: { key: '3.5', label: '（五）不予处理', name: '不予处理' },
  other: { key: '3.6', label: '（六）其他处理', name: '其他处理' },
};

const LEAF_TABLE = [
  ['3.1', 'disclosed', '（一）予以公开'],
  ['3.2', 'partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
  ['3.3.1', 'withheld', '1.属于国家秘密'],
  ['3.3.2', 'withheld', '2.其他法律行政法规禁止公开'],
  ['3.3.3', 'withheld', '3.危及“三安全一稳定”'],
  ['3.3.4', 'withheld', '4.保护第三方合法权益'],
  ['3.3.5', 'withheld', '5.属于三类内部事务信息'],
  ['3.3.6', 'withheld', '6.属于四类过程性信息'],
  ['3.3.7', 'withheld', '7.属于行政执法案卷'],
  ['3.3.8', 'withheld', '8.属于行政查询事项'],
  ['3.4.1', 'unavailable', '1.本机关不掌握相关政府信息'],
  ['3.4.2', 'unavailable', '2.没有现成信息需要另行制作'],
  ['3.4.3', 'unavailable', '3.补正后申请内容仍不明确'],
  ['3.5.1', 'not_processed', '1.信访举报投诉类申请'],
  ['3.5.2', 'not_processed', '2.重复申请'],
  ['3.5.3', 'not_processed', '3.要求提供公开出版物'],
  ['3.5.4', 'not_processed', '4.无正当理由大量反复申请'],
  ['3.5.5', 'not_processed', '5.要求行政机关确认或重新出具已获取信息'],
  ['3.6.1', 'other', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
  ['3.6.2', 'other', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
  ['3.6.3', 'other', '3.其他'],
] as const satisfies readonly (readonly [string, ResultCategory, string])[];

export type LeafRowKey = (typeof LEAF_TABLE)[number][0];
export const TOTAL_ROW_KEY = '3.7';
export type ResultRowKey = LeafRowKey | typeof TOTAL_ROW_KEY;

export interface ResultRow {
  key: ResultRowKey;
  /** As printed in the table, numbering included. */
  label: string;
  /** The label without its numbering. */
  name: string;
  /** null for 总计. */
  category: ResultCategory | null;
}

const stripNumber = (label: string) => label.replace(/^(（[一二三四五六七]）|\d\.)/, '');

export type LeafRow = ResultRow & { key: LeafRowKey; category: ResultCategory };

/** The 21 leaf rows of 三、本年度办理结果 in report order. */
export const LEAF_ROWS: readonly LeafRow[] = LEAF_TABLE.map(([key, category, label]) => ({
  key,
  label,
  name: stripNumber(label),
  category,
}));

/** The 22 rows of 三、本年度办理结果: the 21 leaf rows, then （七）总计 (their sum, identity I2). */
export const RESULT_ROWS: readonly ResultRow[] = [
  ...LEAF_ROWS,
  { key: TOTAL_ROW_KEY, label: '（七）总计', name: '总计', category: null },
];

// ---------------------------------------------------------------- reply types

export interface ReplyTypeDef {
  name: string;
  row: LeafRowKey;
  /** The legal basis as cited in a letter; null where no article was found. */
  basis: string | null;
  /** Confidence of the row mapping (regulations.md tags): I inferred, U uncertain, P platform decision. */
  mapping: 'I' | 'U' | 'P';
  /** The sentence a reply letter starts from (Simplified Chinese). */
  opening: string;
  /** What the drafter must add to the letter, when the article requires more than the opening. */
  mustAdd: string | null;
}

/**
 * How a reply type is declared: `articles` of the 条例 (or of `law`), the opening built from the citation
 * '根据…的规定'; the name defaults to the row's, the mapping to I.
 */
interface Spec {
  row: LeafRowKey;
  articles: string | null;
  opening: (by: string) => string;
  name?: string;
  law?: string;
  mapping?: 'U' | 'P';
  mustAdd?: string;
}

const withheld = (row: LeafRowKey, articles: string, what: string, mustAdd?: string): Spec => ({
  row,
  articles,
  opening: () =>
    `经审查，您申请获取的政府信息${what}，根据${REG}${articles}、第三十六条第（三）项的规定，决定不予公开。`,
  ...(mustAdd ? { mustAdd } : {}),
});

const SPECS = {
  disclosed: {
    row: '3.1',
    name: '予以公开',
    articles: '第三十六条第（二）项',
    opening: (by) => `经审查，您申请获取的政府信息属于可以公开的政府信息，${by}，现予以公开。`,
    mustAdd: '提供该政府信息，或者告知获取该政府信息的方式、途径和时间',
  },
  already_public: {
    row: '3.1',
    name: '已主动公开',
    articles: '第三十六条第（一）项',
    mapping: 'P',
    opening: (by) => `经审查，您申请获取的政府信息已经主动公开，${by}，现告知您获取该政府信息的方式、途径。`,
    mustAdd: '获取该政府信息的方式、途径（如网址、栏目、文号）',
  },
  partially_disclosed: {
    row: '3.2',
    name: '部分公开',
    articles: '第三十七条',
    opening: (by) =>
      `经审查，您申请获取的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理，${by}，现向您提供可以公开的政府信息内容，并对不予公开的内容说明理由。`,
    mustAdd: '不予公开部分的内容及其理由和依据',
  },
  withheld_state_secret: withheld('3.3.1', '第十四条', '属于依法确定为国家秘密的政府信息'),
  withheld_prohibited_by_law: withheld(
    '3.3.2',
    '第十四条',
    '属于法律、行政法规禁止公开的政府信息',
    '禁止公开的法律、行政法规名称及条款',
  ),
  withheld_endangers_security: withheld(
    '3.3.3',
    '第十四条',
    '公开后可能危及国家安全、公共安全、经济安全、社会稳定',
  ),
  withheld_third_party: withheld(
    '3.3.4',
    '第十五条、第三十二条',
    '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害',
  ),
  withheld_internal_affairs: withheld('3.3.5', '第十六条第一款', '属于行政机关的内部事务信息'),
  withheld_process_info: withheld(
    '3.3.6',
    '第十六条第二款',
    '属于行政机关在履行行政管理职能过程中形成的过程性信息',
  ),
  withheld_enforcement_file: withheld('3.3.7', '第十六条第二款', '属于行政执法案卷信息'),
  withheld_administrative_query: {
    row: '3.3.8',
    articles: '第三十六条第（七）项',
    mapping: 'U',
    opening: (by) =>
      `经审查，您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定，${by}，请您依照有关法律、行政法规的规定办理。`,
    mustAdd: '作出特别规定的法律、行政法规及办理途径',
  },
  not_exist: {
    row: '3.4.1',
    name: '信息不存在',
    articles: '第三十六条第（四）项',
    mapping: 'U',
    opening: (by) => `经检索，本机关没有您申请公开的政府信息，${by}，现告知您该政府信息不存在。`,
  },
  not_responsible: {
    row: '3.4.1',
    name: '不属于本机关负责公开',
    articles: '第三十六条第（五）项',
    mapping: 'U',
    opening: (by) => `经审查，您申请公开的政府信息不属于本机关负责公开，${by}，现告知您并说明理由。`,
    mustAdd: '理由；能够确定负责公开的行政机关的，告知其名称、联系方式',
  },
  needs_creation: {
    row: '3.4.2',
    articles: '第三十八条',
    opening: (by) =>
      `经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析方能形成，${by}，本机关不予提供。`,
  },
  still_unclear: {
    row: '3.4.3',
    articles: '第三十条',
    opening: (by) =>
      `经审查，您补正后的申请内容仍不明确，本机关无法据此确定您申请获取的政府信息，${by}，无法向您提供。`,
  },
  petition_complaint: {
    row: '3.5.1',
    articles: '第三十九条第一款',
    opening: (by) =>
      `经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动，${by}，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。`,
  },
  repeat_application: {
    row: '3.5.2',
    articles: '第三十六条第（六）项',
    opening: (by) =>
      `本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，${by}，本机关不予重复处理。`,
    mustAdd: '此前答复的日期和文号',
  },
  published_material: {
    row: '3.5.3',
    articles: '第三十九条第二款',
    opening: (by) =>
      `您申请的内容为要求行政机关提供政府公报、报刊、书籍等公开出版物，${by}，现告知您获取的途径。`,
  },
  excessive_requests: {
    row: '3.5.4',
    articles: '第三十五条',
    opening: (by) =>
      `您申请公开政府信息的数量、频次明显超过合理范围，本机关经要求您说明理由，认为申请理由不合理，${by}，不予处理。`,
  },
  confirm_or_reissue: {
    row: '3.5.5',
    articles: null,
    opening: () =>
      '经审查，您要求本机关对已获取的信息予以确认或者重新出具，该请求不属于申请获取政府信息，本机关不作为政府信息公开申请处理。',
  },
  not_supplemented: {
    row: '3.6.1',
    name: '逾期不补正',
    articles: '第三十条',
    opening: (by) =>
      `本机关已告知您对申请作出补正，您无正当理由逾期不补正，${by}，视为放弃申请，本机关不再处理该政府信息公开申请。`,
  },
  fee_unpaid: {
    row: '3.6.2',
    name: '逾期未缴纳信息处理费',
    law: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
    articles: '',
    opening: (by) =>
      `本机关已向您发出收费通知，您逾期未按收费通知要求缴纳信息处理费，${by}，视为放弃申请，本机关不再处理该政府信息公开申请。`,
  },
  withdrawn: {
    row: '3.6.3',
    name: '申请人撤回申请',
    articles: null,
    mapping: 'P',
    opening: () => '您已撤回政府信息公开申请，本机关对该申请不再处理。',
  },
  other_handling: {
    row: '3.6.3',
    name: '其他处理',
    articles: null,
    mapping: 'P',
    opening: () => '经审查，本机关对您的政府信息公开申请作如下处理。',
    mustAdd: '处理结果及理由',
  },
} as const satisfies Record<string, Spec>;

export type ReplyType = keyof typeof SPECS;

/** All reply types in report-row order. */
export const REPLY_TYPES = Object.keys(SPECS) as ReplyType[];

const ROW_BY_KEY = new Map<string, LeafRow>(LEAF_ROWS.map((r) => [r.key, r]));

export const REPLY_TYPE_DEFS: Readonly<Record<ReplyType, ReplyTypeDef>> = Object.fromEntries(
  REPLY_TYPES.map((code): [ReplyType, ReplyTypeDef] => {
    const s: Spec = SPECS[code];
    const basis = s.articles === null ? null : `${s.law ?? REG}${s.articles}`;
    return [
      code,
      {
        name: s.name ?? ROW_BY_KEY.get(s.row)!.name,
        row: s.row,
        basis,
        mapping: s.mapping ?? 'I',
        opening: s.opening(basis ? `根据${basis}的规定` : ''),
        mustAdd: s.mustAdd ?? null,
      },
    ];
  }),
) as Record<ReplyType, ReplyTypeDef>;

export const isReplyType = (code: string): code is ReplyType => Object.hasOwn(REPLY_TYPE_DEFS, code);

/** The report row a reply type is counted in. */
export function rowOf(code: ReplyType): LeafRow {
  if (!isReplyType(code)) throw new RangeError(`unknown reply type: ${String(code)}`);
  return ROW_BY_KEY.get(REPLY_TYPE_DEFS[code].row)!;
}

/** The row key alone ('3.3.4'), for storing beside the reply. */
export const reportRowKey = (code: ReplyType): LeafRowKey => rowOf(code).key;

export const categoryOf = (code: ReplyType): ResultCategory => rowOf(code).category;

/** The reply types counted in a row (empty for 总计). */
export const replyTypesOfRow = (key: ResultRowKey): ReplyType[] =>
  REPLY_TYPES.filter((t) => REPLY_TYPE_DEFS[t].row === key);

export const REPLY_TYPES_BY_CATEGORY: Record<ResultCategory, ReplyType[]> = Object.fromEntries(
  RESULT_CATEGORIES.map((c) => [c, REPLY_TYPES.filter((t) => categoryOf(t) === c)]),
) as Record<ResultCategory, ReplyType[]>;

/** A 不予公开 decision, in whole or in part: the letter must carry the reconsideration-first notice. */
export function isRefusal(code: ReplyType): boolean {
  const c = categoryOf(code);
  return c === 'withheld' || c === 'partial';
}

// ---------------------------------------------------------------- remedy notice

/**
 * The names joined as '甲或者乙'. Without a name the generic '有管辖权的行政复议机关' is used; callers
 * should pass the configured organ, since a notice that omits it extends the period (行政复议法第二十条第三款).
 */
function organs(agencyNames: readonly string[]): string {
  const names = agencyNames.map((n) => n.trim()).filter((n) => n !== '');
  return names.length > 0 ? names.join('或者') : '有管辖权的行政复议机关';
}

/**
 * The remedy paragraph (救济途径告知) of a reply letter. `agencyNames` are the 行政复议机关 (for a
 * department of a municipal government: that government, 行政复议法第二十四条).
 */
export function remedyNotice(code: ReplyType, agencyNames: readonly string[]): string {
  const to = organs(agencyNames);
  const ordinary = (subject: string) =>
    `${subject}，可以自知道或者应当知道该行政行为之日起六十日内向${to}申请行政复议（${ARL}第二十条），也可以自知道或者应当知道该行政行为之日起六个月内向人民法院提起行政诉讼（${ALL}第四十六条）。`;
  if (!isRefusal(code)) return ordinary('您如对本答复不服');
  const subject = code === 'partially_disclosed' ? '本答复中不予公开的决定' : '本机关不予公开的决定';
  const first = `根据${ARL}第二十三条第一款第（四）项的规定，您如对${subject}不服，应当先向${to}申请行政复议，申请期限为自知道或者应当知道该行政行为之日起六十日内（${ARL}第二十条）；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼（${ALL}第四十五条）。`;
  return code === 'partially_disclosed' ? first + ordinary('您如对本答复的其他内容不服') : first;
}
