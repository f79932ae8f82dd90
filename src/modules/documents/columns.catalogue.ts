/**
 * The default column (栏目) tree of the disclosure catalogue, seeded on first start and editable by
 * admins afterwards. Names follow the bureau's 2021 work plan (seed notice parts 一, 二, 三.1, 四) and
 * 条例 art. 20 / 21; extra fields are the structured data those columns publish (issue 3).
 */
export type ExtraFieldType = 'text' | 'number' | 'money' | 'area' | 'date' | 'select';

export interface ExtraField {
  key: string;
  label: string;
  type: ExtraFieldType;
  required?: boolean;
  options?: string[];
  /** Unit shown beside the value (元, 平方米 …). */
  unit?: string;
}

export interface ColumnSpec {
  code: string;
  name: string;
  /** The 条例 article or work-plan item that asks for it. */
  basis: string;
  children?: ColumnSpec[];
  extraFields?: ExtraField[];
  /** Policy documents in this column need a 政策解读 (or a recorded exemption) to publish. */
  needsInterpretation?: boolean;
}

const LAND_SUPPLY_FIELDS: ExtraField[] = [
  { key: 'parcel_no', label: '宗地编号', type: 'text', required: true },
  { key: 'location', label: '位置', type: 'text', required: true },
  { key: 'area', label: '面积', type: 'area', unit: '平方米', required: true },
  {
    key: 'land_use',
    label: '用途',
    type: 'select',
    options: ['住宅', '商服', '工业', '仓储', '公共管理与公共服务', '其他'],
  },
  { key: 'method', label: '出让方式', type: 'select', options: ['招标', '拍卖', '挂牌', '协议', '划拨'] },
  { key: 'start_price', label: '起始价', type: 'money', unit: '万元' },
  { key: 'deal_price', label: '成交价', type: 'money', unit: '万元' },
  { key: 'winner', label: '竞得人', type: 'text' },
];

const PROCUREMENT_FIELDS: ExtraField[] = [
  { key: 'project_no', label: '项目编号', type: 'text', required: true },
  { key: 'budget', label: '预算金额', type: 'money', unit: '元' },
  {
    key: 'method',
    label: '采购方式',
    type: 'select',
    options: ['公开招标', '邀请招标', '竞争性谈判', '竞争性磋商', '询价', '单一来源', '框架协议'],
  },
  { key: 'supplier', label: '中标供应商', type: 'text' },
  { key: 'award_price', label: '中标价格', type: 'money', unit: '元' },
];

export const DEFAULT_COLUMNS: ColumnSpec[] = [
  {
    code: 'jgxx',
    name: '机构信息',
    basis: '条例第二十条（二）；工作要点一.2',
    children: [
      { code: 'jgzn', name: '机构职能', basis: '条例第二十条（二）' },
      { code: 'ldxx', name: '领导信息', basis: '工作要点一.2' },
      { code: 'nsjg', name: '内设机构', basis: '工作要点一.2' },
      { code: 'xsdw', name: '下属单位', basis: '工作要点一.2' },
      { code: 'lxfs', name: '联系方式', basis: '工作要点一.2' },
    ],
  },
  { code: 'qzqd', name: '权责清单', basis: '工作要点一.2' },
  {
    code: 'ghxx',
    name: '规划信息',
    basis: '条例第二十条（三）；工作要点一.1',
    children: [
      { code: 'gtkjgh', name: '国土空间规划', basis: '工作要点一.1' },
      { code: 'zxgh', name: '专项规划', basis: '工作要点一.1' },
      { code: 'qygh', name: '区域规划', basis: '工作要点一.1' },
    ],
  },
  {
    code: 'zcwj',
    name: '政策文件',
    basis: '条例第二十条（一）；工作要点三.1',
    children: [
      { code: 'xzgfxwj', name: '行政规范性文件', basis: '条例第二十条（一）', needsInterpretation: true },
      { code: 'qtwj', name: '其他文件', basis: '条例第二十条（一）', needsInterpretation: true },
    ],
  },
  { code: 'zcjd', name: '政策解读', basis: '工作要点三.1、三.2' },
  {
    code: 'czzj',
    name: '财政资金',
    basis: '条例第二十条（八）；工作要点一.3',
    children: [
      { code: 'ys', name: '预算', basis: '工作要点一.3' },
      { code: 'js', name: '决算', basis: '工作要点一.3' },
    ],
  },
  {
    code: 'zfcg',
    name: '政府采购',
    basis: '条例第二十条（九）；工作要点一.3',
    extraFields: PROCUREMENT_FIELDS,
  },
  { code: 'zdxx', name: '征地信息', basis: '条例第二十一条；工作要点二.1' },
  {
    code: 'tdgy',
    name: '土地供应',
    basis: '工作要点二.2',
    children: [
      { code: 'gyjh', name: '供应计划', basis: '工作要点二.2' },
      { code: 'crgg', name: '出让公告', basis: '工作要点二.2', extraFields: LAND_SUPPLY_FIELDS },
      { code: 'cjgs', name: '成交公示', basis: '工作要点二.2', extraFields: LAND_SUPPLY_FIELDS },
      { code: 'gyjg', name: '供应结果', basis: '工作要点二.2', extraFields: LAND_SUPPLY_FIELDS },
    ],
  },
  { code: 'kyq', name: '矿业权出让转让', basis: '工作要点二.2' },
  {
    code: 'xzxkjg',
    name: '行政许可结果',
    basis: '条例第二十条（五）；工作要点二.3',
    children: [
      { code: 'zpmt', name: '建设工程设计方案总平面图', basis: '工作要点二.3' },
      { code: 'ghzyxk', name: '规划资源许可', basis: '工作要点二.3' },
      { code: 'kyqdj', name: '矿业权登记', basis: '工作要点二.3' },
      { code: 'hyhdxk', name: '海域海岛许可与论证报告', basis: '工作要点二.3' },
    ],
  },
  { code: 'xzzfgs', name: '行政执法公示', basis: '条例第二十条（六）；工作要点一.2（双随机、一公开）' },
  { code: 'xzfyjds', name: '行政复议决定书', basis: '工作要点五.2' },
  { code: 'hygk', name: '会议公开', basis: '工作要点四.3' },
  { code: 'ndbg', name: '年度报告', basis: '条例第四十九条' },
  { code: 'tzgg', name: '通知公告', basis: '条例第二十条' },
  { code: 'gzdt', name: '工作动态', basis: '政府网站发展指引（政务动态）' },
];

/** Every column in the tree, depth first, with its parent's code. */
export function flattenColumns(cols: ColumnSpec[] = DEFAULT_COLUMNS, parent: string | null = null) {
  const out: { spec: ColumnSpec; parent: string | null; depth: number }[] = [];
  const walk = (list: ColumnSpec[], p: string | null, depth: number) => {
    for (const c of list) {
      out.push({ spec: c, parent: p, depth });
      if (c.children) walk(c.children, c.code, depth + 1);
    }
  };
  walk(cols, parent, 0);
  return out;
}
