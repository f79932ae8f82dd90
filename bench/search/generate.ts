/**
 * Synthetic disclosure documents for the search benchmark (one run generates 1,000,000 of them).
 *
 * Every name, number and place is invented: the districts 和平区/河西区/南开区 match the 分局 issuers, the other
 * districts, towns, villages, roads, companies and people (王某某) are made up, and document numbers use the 示
 * prefix of the demo data. Bodies are assembled from domain phrase lists and sentence templates with variable
 * slots; phrase lists are drawn Zipf-like (a few phrases very common, most of them rare), so term frequencies are
 * skewed like a real catalogue's, and no two documents share a body.
 *
 * Each document n gets its own PRNG state derived from (seed, n), so a run can be split into batches:
 * generateDocuments(10, s, 5) yields exactly items 5..14 of generateDocuments(20, s).
 *
 * CLI:
 *   node --import tsx bench/search/generate.ts --count N [--seed S] [--start K] [--out file.jsonl]
 *   node --import tsx bench/search/generate.ts --check [--seed S]
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';

export interface SyntheticDocument {
  externalId: string;
  title: string;
  docNumber: string | null;
  column: string;
  publishedAt: string;
  issuer: string;
  validity: 'valid' | 'expired' | 'repealed' | 'revised';
  genre: string;
  body: string;
}

export const COLUMN_CODES = [
  'jgzn',
  'ldxx',
  'nsjg',
  'xsdw',
  'lxfs',
  'qzqd',
  'gtkjgh',
  'zxgh',
  'qygh',
  'xzgfxwj',
  'qtwj',
  'zcjd',
  'ys',
  'js',
  'zfcg',
  'zdxx',
  'gyjh',
  'crgg',
  'cjgs',
  'gyjg',
  'kyq',
  'zpmt',
  'ghzyxk',
  'kyqdj',
  'hyhdxk',
  'xzzfgs',
  'xzfyjds',
  'hygk',
  'ndbg',
  'tzgg',
  'gzdt',
] as const;

const CITY_ISSUER = '市规划和自然资源局（示例）';
const BRANCHES = ['和平分局（示例）', '河西分局（示例）', '南开分局（示例）'] as const;
const BRANCH_SHORT = ['和平', '河西', '南开'] as const;

export const ISSUERS = [
  CITY_ISSUER,
  '法规处',
  '财务处',
  '资源处',
  '利用处',
  '矿管处',
  '业务处',
  '信访处',
  ...BRANCHES,
] as const;

export const GENRES = [
  '通知',
  '公告',
  '公示',
  '规划',
  '报告',
  '解读',
  '批复',
  '办法',
  '意见',
  '方案',
  '其他',
] as const;

/** Document-number agency codes (the part before 〔year〕). */
export const DOC_NUMBER_CODES: readonly string[] = [
  '示规资发',
  '示规资规',
  '示规资函',
  '示规资办',
  '示政办发',
  '示规资公告',
  '示规资征告',
  '示规资告',
  '示规资矿告',
  '示规资罚',
  '示规资复决',
  ...BRANCH_SHORT.flatMap((b) => [`示规资${b}分局发`, `示规资${b}分局函`]),
];

export const FIRST_DATE = '2010-01-01';
export const LAST_DATE = '2026-11-20';
const MIN_BODY = 200;
const MAX_BODY = 2000;

// ---------------------------------------------------------------------------------------------------------------
// PRNG (mulberry32). One module-level state: every document is built synchronously from its own seed, so
// interleaved generators cannot disturb each other.

let rs = 0x2545f491;

function rnd(): number {
  rs = (rs + 0x6d2b79f5) | 0;
  let t = Math.imul(rs ^ (rs >>> 15), 1 | rs);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A well-mixed 32-bit state for document n of a run with this seed. */
function docSeed(seed: number, n: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) + Math.imul(n | 0, 0x85ebca77) + 0x27d4eb2f) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h;
}

function ri(n: number): number {
  return Math.floor(rnd() * n);
}

function chance(p: number): boolean {
  return rnd() < p;
}

function pick<T>(a: readonly T[]): T {
  return a[Math.floor(rnd() * a.length)]!;
}

/**
 * A phrase list that carries its zipf() table: bound[k] = floor((n+1)^(k/1024)) - 1, the inverse CDF at 1,025
 * points. Small (2 KB), so lookups stay in cache; a draw interpolates linearly between two points.
 */
type ZList = string[] & { zt: Uint16Array };

const ZIPF_STEPS = 1024;
const ZIPF_TABLES = new Map<number, Uint16Array>();

function zl(a: string[]): ZList {
  const n = a.length;
  let t = ZIPF_TABLES.get(n);
  if (!t) {
    t = new Uint16Array(ZIPF_STEPS + 1);
    const ln = Math.log(n + 1);
    for (let k = 0; k <= ZIPF_STEPS; k++) t[k] = Math.min(n, Math.floor(Math.exp((k / ZIPF_STEPS) * ln)) - 1);
    ZIPF_TABLES.set(n, t);
  }
  return Object.assign(a, { zt: t });
}

/** Zipf-like draw (P(i) ∝ 1/(i+1)): the head of the list is common, the tail rare. */
function zipf(a: ZList): string {
  const x = rnd() * ZIPF_STEPS;
  const k = Math.floor(x);
  const lo = a.zt[k]!;
  return a[lo + Math.floor((x - k) * (a.zt[k + 1]! - lo))]!;
}

/** A log-uniform sampler on [lo, hi). */
function logU(lo: number, hi: number): () => number {
  const ln = Math.log(hi / lo);
  return () => lo * Math.exp(rnd() * ln);
}

/** Decimal strings of 0..39,999 and zero-padded 4-digit strings, so hot paths skip number-to-string conversion. */
const NUM: string[] = Array.from({ length: 40_000 }, (_, i) => String(i));
const PAD4: string[] = NUM.slice(0, 10_000).map((x) => '0'.repeat(4 - x.length) + x);

function num(n: number): string {
  return n < 40_000 ? NUM[n]! : String(n);
}

/** v with `digits` decimals (1, 2 or 4), like toFixed but cheaper. */
function fixed(v: number, digits: 1 | 2 | 4): string {
  const scale = digits === 1 ? 10 : digits === 2 ? 100 : 10000;
  const c = Math.round(v * scale);
  const i = Math.floor(c / scale);
  const f = PAD4[c - i * scale]!;
  return `${num(i)}.${digits === 4 ? f : f.slice(4 - digits)}`;
}

function gauss(): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

interface Weighted<T> {
  items: T[];
  cum: number[];
  total: number;
}

function weighted<T>(pairs: [T, number][]): Weighted<T> {
  const items: T[] = [];
  const cum: number[] = [];
  let total = 0;
  for (const [item, w] of pairs) {
    if (w <= 0) continue;
    total += w;
    items.push(item);
    cum.push(total);
  }
  return { items, cum, total };
}

function wpick<T>(w: Weighted<T>): T {
  const x = rnd() * w.total;
  const last = w.items.length - 1;
  let i = 0;
  while (i < last && w.cum[i]! <= x) i++;
  return w.items[i]!;
}

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = ri(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

const words = (s: string): string[] => s.trim().split(/\s+/);

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** Chinese numerals 0..99 (index 0 is unused). */
const CN: string[] = Array.from({ length: 100 }, (_, n) => {
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${CN_DIGITS[n - 10]}`;
  return `${CN_DIGITS[Math.floor(n / 10)]}十${CN_DIGITS[n % 10]}`;
});

// ---------------------------------------------------------------------------------------------------------------
// Dates: a table of every day from 800 days before 2010-01-01 to 800 days after 2026-11-20, so deadlines and
// earlier dates referred to in a body are a lookup.

const PRE_DAYS = 800;
const POST_DAYS = 800;
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2010, 0, 1);
const N_DAYS = (Date.UTC(2026, 10, 20) - EPOCH) / DAY_MS + 1;
const ISO: string[] = [];
const CNDATE: string[] = [];
const DYEAR: number[] = [];
const DMONTH: number[] = [];
for (let i = -PRE_DAYS; i < N_DAYS + POST_DAYS; i++) {
  const d = new Date(EPOCH + i * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  ISO.push(`${y}-${pad(m, 2)}-${pad(day, 2)}`);
  CNDATE.push(`${y}年${m}月${day}日`);
  DYEAR.push(y);
  DMONTH.push(m);
}
/** Per year 2010..2026: index of 1 January in the tables and number of publishable days. */
const YEAR_START: number[] = [];
const YEAR_LEN: number[] = [];
for (let y = 2010; y <= 2026; y++) {
  const start = PRE_DAYS + (Date.UTC(y, 0, 1) - EPOCH) / DAY_MS;
  const end = Math.min(PRE_DAYS + (Date.UTC(y + 1, 0, 1) - EPOCH) / DAY_MS, PRE_DAYS + N_DAYS);
  YEAR_START.push(start);
  YEAR_LEN.push(end - start);
}
/** Later years publish more: weight grows linearly from 1 (2010) to 9.8 (2026) per day. */
const YEAR_PICK = weighted(YEAR_LEN.map((len, i): [number, number] => [i, len * (1 + 0.55 * i)]));

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary. Lists whose order matters for zipf() start with the most common entries.

const DISTRICTS = zl(
  words(
    '和平区 河西区 南开区 青澜区 东丰区 柳湾区 云川区 金沙区 临溪区 西岭区 梅溪新区 桃川县 北洼区 宁安区',
  ),
);
const ROAD_A = words(
  '福 安 康 泰 宁 兴 华 明 清 瑞 嘉 景 锦 云 泉 丰 裕 隆 昌 盛 永 长 新 广 和 春 秋 阳 光 翠 碧 芳 雅 荣 恒 达 通 惠 德 仁 乐 桂 松 兰 梅',
);
const ROAD_B = words(
  '园 林 苑 湖 江 河 海 山 峰 川 源 溪 泽 庭 安 宁 顺 泰 和 福 康 民 德 业 成 远 景 城 新 达 春 明 桥 坊 庄',
);
const ROAD_SUFFIX = weighted<string>([
  ['路', 6],
  ['道', 5],
  ['大街', 2],
  ['街', 2],
  ['支路', 1],
  ['大道', 1],
]);
const TOWN_A = words(
  '大 小 上 下 东 西 南 北 新 老 双 三 高 杨 李 王 刘 张 白 黄 青 石 沙 柳 梅 桃 杏 枣 榆 槐',
);
const TOWN_B = words('庄 集 口 湾 店 屯 营 坨 沽 河 港 桥 寨 堡 台 坊 岭 洼 窝 渡');
const SURNAMES = words(
  '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 冯 于 董 萧',
);
const CO_A = words('中 华 金 鑫 宏 远 恒 泰 润 天 汇 城 嘉 瑞 德 信 博 启 诚 联');
const CO_B = words('创 达 成 鼎 源 海 隆 盛 宇 悦 科 卓 禾 合 川 晟 峰 越 安 景');
const CO_IND = zl(
  words(
    '置业 房地产开发 投资发展 实业 建设发展 城市更新 产业园开发 物流 科技 新能源 矿业 港务 建材 测绘 地理信息技术 ' +
      '工程勘察 信息技术 规划设计 商贸 食品 医药 汽车零部件 智能制造 仓储服务 环保工程',
  ),
);
const DIRS = words('东侧 西侧 南侧 北侧 东北侧 西北侧 东南侧 西南侧 以东 以西 以南 以北');
const CORNERS = words('东北侧 西北侧 东南侧 西南侧');
const SIDES = words('东 西 南 北');

// Domain terms, most common first.
const TERMS = zl(
  words(`
国土空间规划 土地管理 自然资源管理 耕地保护 不动产登记 土地征收 建设用地 规划管理 永久基本农田 生态保护红线
城镇开发边界 国土空间用途管制 征地补偿安置 矿产资源管理 地质灾害防治 测绘地理信息 政府信息公开 建设工程规划许可
国有建设用地使用权出让 控制性详细规划 土地供应 节约集约用地 国土空间生态修复 土地综合整治 城市更新 历史文化保护
闲置土地处置 批而未供土地处置 城乡建设用地增减挂钩 耕地占补平衡 土地储备 基准地价更新 自然资源确权登记 海域使用管理
无居民海岛保护 矿业权出让 绿色矿山建设 地热资源开发利用 违法用地查处 土地卫片执法检查 行政执法 行政复议 政务公开
优化营商环境 一网通办 多规合一 多测合一 联合验收 规划条件核实 设计方案审查 用地预审 选址意见书 临时用地
设施农业用地 农村宅基地 集体经营性建设用地入市 村庄规划编制 土地利用年度计划 新增建设用地 存量土地盘活
低效用地再开发 工业用地标准地出让 弹性年期出让 土地出让收入 预算绩效管理 部门预算 部门决算 三公经费 政府采购
内部控制 审计整改 档案管理 信访工作 12345热线办理 舆情回应 政策解读 意见征集 法治政府建设 普法宣传 双随机一公开
行政执法全过程记录 重大执法决定法制审核 安全生产 汛期地质灾害防范 地面沉降防治 地下空间开发利用 地籍调查
年度国土变更调查 第三次全国国土调查成果应用 林地保护利用 湿地保护 海岸线保护 围填海管控 海洋生态修复 测绘资质管理
基础测绘 地图审核 卫星遥感监测 实景三维建设 国土空间基础信息平台 国土空间规划一张图 规划实施监督 城市体检评估
耕地进出平衡 高标准农田建设 地质勘查 地质资料汇交 地质遗迹保护 矿山地质环境治理 探矿权管理 采矿权管理
矿业权人勘查开采信息公示 不动产统一登记 房地一体确权 交地即交证 带方案出让 净地出让 土地价款缴纳 土地市场动态监测
地价监测 住宅用地供应 保障性住房用地 租赁住房用地 城中村改造 老旧小区改造 历史风貌建筑保护 历史文化街区保护
传统村落保护 生态廊道建设 蓝绿空间 郊野公园建设 轨道交通用地保障 综合交通规划 市政基础设施规划 公共服务设施配置
社区生活圈规划 地名管理 门楼牌设置 规划展览 土地整理复垦 耕地后备资源调查 土壤污染防治 水资源保护 森林防火
自然保护地管理 湿地公园管理 测绘成果保密 地理信息安全 不动产登记信息查询 抵押登记 预告登记 更正登记 异议登记
首次登记 转移登记 变更登记 注销登记 登记簿管理 权籍调查 征地信息公开 征地社会稳定风险评估 被征地农民社会保障
土地现状调查 征地听证 区片综合地价 地上附着物补偿 青苗补偿 住宅房屋补偿 规划公示 批前公示 批后公布 容积率管控
建筑高度管控 城市设计 风貌管控 日照分析 交通影响评价 海绵城市建设 地下管线管理 竣工规划核实 违法建设治理
规划督察 自然资源督察 执法监察 信用监管 承诺制审批 告知承诺 电子证照 数据共享 政务服务事项标准化 窗口服务
`),
);
const VERBS = zl(
  words(`
加强 完善 推进 落实 规范 健全 强化 做好 深化 优化 统筹 加快 抓好 持续推进 扎实推进 全面落实 严格落实 认真做好
切实加强 进一步规范 稳步推进 有序推进 积极推进 依法开展 组织开展 全面开展 进一步加强 大力推进 认真落实 着力提升
`),
);
const TAILS = zl(
  words(`
工作 管理 监管 制度建设 监督检查 信息公开 动态监测 长效机制 全流程管理 审批服务 标准化建设 信息化建设 风险防控
问题整改 日常巡查 考核评估 数据共享 成果应用 专项整治 台账管理 业务协同 队伍建设 宣传引导 技术支撑 分类处置
`),
);
const GOALS = zl(
  words(`
确保各项任务落到实处 确保工作取得实效 切实维护群众合法权益 推动高质量发展 提升行政效能 做到应公开尽公开
守住耕地保护红线 保障重点项目用地需求 防范化解重大风险 促进土地节约集约利用 持续优化营商环境 提高审批效率
确保数据真实准确 确保程序合法规范 形成工作合力 切实提升群众满意度 筑牢生态安全屏障 提升城市品质
服务经济社会发展大局 确保按期完成年度目标任务 推动政策落地见效 提升依法行政水平 增强公众获得感
`),
);
const SUBJS = zl(
  words(`
各区分局 局属各单位 机关各处室 各相关处室 各区人民政府 各级自然资源主管部门 各相关单位 属地街道（乡镇）
各区规划资源分局 各用地单位 项目建设单位 相关矿业权人 各不动产登记机构 各测绘单位 相关责任单位
`),
);
const MODALS = zl(words('要 应当 须 要进一步 应切实 要严格 要认真 要积极 应 必须'));
const SLOGANS = words(`
放管服 多规合一 一张蓝图干到底 以公开为常态、不公开为例外 谁执法谁普法 应公开尽公开 节约优先、保护优先
藏粮于地、藏粮于技 最多跑一次 一网通办 一窗受理、并行办理 放管结合、优化服务 严守底线、守住红线
生态优先、绿色发展 以人民为中心 先规划、后建设 应保尽保 边界清晰、权责明确
`);
const AUTHS = zl(
  words(`
市人民政府 市规划和自然资源局 区人民政府 自然资源部 市财政局 市司法局 市发展改革委 市住房城乡建设委 市生态环境局
市农业农村委 市水务局 市交通运输委 市应急管理局 市审计局 市人民政府办公厅 市政务服务办 市林业局 市海洋局
`),
);
const PROBLEMS = zl(
  words(`
未批先建 未按规划许可内容建设 擅自改变土地用途 非法占用耕地 临时用地超期未复垦 土地闲置 无证开采 越界开采
未按期汇交地质资料 擅自使用未经审核的测绘成果 违法转让土地使用权 提交虚假登记材料 逾期未开工竣工 拒不履行整改义务
擅自改变规划条件 违规审批 违法占用永久基本农田 擅自围填海
`),
);
const HANDLES = words(`
依法责令限期改正 依法予以行政处罚 依法收回土地使用权 移交纪检监察机关处理 纳入信用记录 暂停办理相关业务
依法追究相关责任 责令停止违法行为 依法没收违法所得 依法申请人民法院强制执行
`);
const DIDS = zl(
  words('办理 完成 审批 核发 受理 查处 批准 供应 出让 登记 整改 公开 答复 复垦 治理 核查 处置 验收'),
);
const UNITCNT = zl(words('件 宗 项 个 批次 处'));
const DEPTS = zl(
  words(`
办公室 法规处 财务处 资源处 利用处 矿管处 业务处 信访处 人事处 测绘处 执法监察处 耕地保护处 生态修复处
调查监测处 国土空间规划处 详细规划处 不动产登记处 海洋处 地质勘查处 权益处
`),
);
const LEADERS = zl(
  words('局长 局党组书记、局长 副局长 党组成员、副局长 总规划师 总工程师 一级巡视员 二级巡视员'),
);
const LAWS = zl(
  words(`
中华人民共和国土地管理法 中华人民共和国城乡规划法 中华人民共和国土地管理法实施条例 中华人民共和国政府信息公开条例
不动产登记暂行条例 中华人民共和国矿产资源法 中华人民共和国测绘法 中华人民共和国行政复议法 中华人民共和国行政许可法
中华人民共和国行政处罚法 地质灾害防治条例 基本农田保护条例 中华人民共和国政府采购法 中华人民共和国预算法
中华人民共和国海域使用管理法 中华人民共和国海岛保护法 中华人民共和国民法典 不动产登记暂行条例实施细则
招标拍卖挂牌出让国有建设用地使用权规定 城镇国有土地使用权出让和转让暂行条例 土地调查条例 土地复垦条例
重大行政决策程序暂行条例 优化营商环境条例 政府信息公开信息处理费管理办法 政府采购信息发布管理办法
闲置土地处置办法 节约集约利用土地规定 建设项目用地预审管理办法 历史文化名城名镇名村保护条例 测绘成果管理条例
地图管理条例 基础测绘条例 自然资源行政处罚办法 国有土地上房屋征收与补偿条例 土地储备管理办法 示例市城乡规划条例
示例市土地管理条例 示例市地质环境保护条例 示例市测绘地理信息管理条例 示例市历史风貌建筑保护条例
`),
);
const NATIONAL_CODES = zl(words('自然资发 自然资规 国办发 国发 国办函 自然资办发 财综 示政发 示政办函'));
const REF_CODES = zl(words('示规资发 示规资规 示规资函 示规资办 示政办发'));
const PROJTYPES = zl(
  words(`
住宅项目 商业综合体项目 中学新建工程 小学新建工程 幼儿园建设项目 社区卫生服务中心项目 保障性租赁住房项目 安置房项目
产业园标准厂房项目 物流仓储项目 城市更新改造项目 老旧小区改造工程 变电站工程 污水处理厂扩建工程 供热站改造工程
体育中心项目 文化中心项目 养老服务中心项目 派出所业务用房项目 消防站建设工程 公交首末站项目 停车楼项目 商务办公楼项目
研发中心项目 数据中心项目 医院门急诊楼项目 农贸市场改造项目 人才公寓项目 酒店项目 加油站项目 雨水泵站工程
公园提升改造工程 科技孵化器项目 冷链物流中心项目 充电站项目 社区服务中心项目 菜市场建设项目 职业学校扩建工程
`),
);
const PROJ_MID = ['', '', '家园', '花园', '雅苑', '名邸', '广场', '中心', '产业园', '新城'];
const USES = zl(
  words(`
城镇住宅用地 工业用地 商务金融用地 零售商业用地 仓储用地 科研用地 教育用地 物流仓储用地 公用设施用地 医疗卫生用地
文化设施用地 体育用地 交通场站用地 住宿餐饮用地 批发市场用地 社会福利用地 机关团体用地 新型产业用地 娱乐用地
`),
);
const SERVICES = zl(
  words(`
不动产登记档案数字化加工服务 国土空间基础信息平台运维服务 地质灾害隐患排查服务 卫星遥感影像数据采购 国土变更调查服务
基础测绘更新服务 耕地保护动态监测服务 矿山地质环境监测服务 地面沉降监测服务 土地市场动态监测服务 信息系统等级保护测评服务
政务网站运行维护服务 办公设备采购 物业管理服务 法律顾问服务 审计服务 政府信息公开专栏升级改造 实景三维建设
地名普查成果更新服务 自然资源确权登记数据整合服务 历史风貌建筑测绘服务 国土空间规划实施监测评估服务 地下管线普查服务
海域动态监视监测服务 不动产登记窗口服务外包 档案库房改造工程 视频会议系统升级 网络安全设备采购 无人机航测服务 城市体检评估服务
`),
);
const PROC_METHODS = zl(words('公开招标 邀请招标 竞争性谈判 竞争性磋商 询价 单一来源 框架协议'));
const MINERALS = zl(
  words(
    '地热 矿泉水 建筑用砂 建筑用石料 石灰岩 白云岩 黏土 陶瓷土 玄武岩 花岗岩 大理岩 铁矿 煤 石英砂 膨润土',
  ),
);
const SEAPROJ = zl(
  words(`
综合码头工程 防波堤工程 海上风电项目 海水淡化取水工程 海底电缆工程 游艇码头项目 养殖用海项目 航道疏浚工程
跨海大桥工程 排海管道工程 渔港升级改造工程 滨海旅游设施项目
`),
);
const SEAUSE = words(
  '透水构筑物 非透水构筑物 港池、蓄水 开放式养殖 专用航道、锚地 取、排水口 海底电缆管道 跨海桥梁',
);
const FACILITIES = zl(
  words(
    '幼儿园 小学 中学 社区卫生服务站 养老服务设施 综合文化站 社区体育场地 菜市场 公交首末站 变电站 垃圾转运站 消防站',
  ),
);
const HOLIDAYS = words('元旦 春节 清明节 劳动节 端午节 中秋节 国庆节');
const ZXNAMES = zl(
  words(`
矿产资源总体规划 地质灾害防治规划 测绘地理信息事业发展规划 历史文化名城保护规划 综合交通体系规划 海洋功能区划
国土空间生态修复规划 耕地保护专项规划 地下空间开发利用规划 绿地系统规划 市政基础设施专项规划 土地整治规划
海岸带保护与利用规划 基础测绘规划 自然资源保护和利用规划 公共服务设施布局规划 城市更新专项规划 轨道交通线网规划
防灾减灾专项规划 地名规划
`),
);
const UNITS = zl(
  words(`
市规划和自然资源调查监测院 市土地整理中心 市测绘院 市地质环境监测总站 市不动产登记中心 市规划展览馆 市土地交易中心
市地质资料馆 市规划和自然资源信息中心 市国土空间规划设计研究院 市海洋环境监测预报中心 市自然资源综合执法总队
`),
);
const CENTERS = words(
  '市公共资源交易中心 市土地交易中心 市国有建设用地使用权网上交易系统 区公共资源交易分中心',
);
const FIN_REASONS = words(`
国土变更调查项目经费增加 基础测绘项目支出减少 人员经费调整 落实过紧日子要求压减一般性支出 新增地质灾害防治专项资金
部分项目结转下年 实景三维建设项目启动 不动产登记信息化项目完成验收
`);
const FY_ACTS = zl(
  words(
    '政府信息公开申请答复 政府信息公开告知书 行政处罚决定 不动产登记行为 征地补偿安置决定 责令限期拆除决定 信息公开申请不予处理告知',
  ),
);
const POLICY_HEADINGS = words(`
总体要求 基本原则 主要任务 重点工作 工作目标 适用范围 职责分工 审批程序 监督管理 保障措施 组织实施 工作要求
时间安排 法律责任 信息公开 部门协同 实施步骤 附则
`);
const JD_HEADINGS = words('出台背景 制定依据 主要内容 适用范围 主要变化 新旧政策差异 执行口径 解读机关');
const NDBG_HEADINGS = words(
  '总体情况 主动公开政府信息情况 收到和处理政府信息公开申请情况 政府信息公开行政复议、行政诉讼情况 存在的主要问题及改进情况 其他需要报告的事项',
);

// Combinatorial place and company names, shuffled once (fixed seed) so zipf() favours an arbitrary few.
rs = 0x1234567;
const ROADBASE = zl(shuffle(ROAD_A.flatMap((a) => ROAD_B.filter((b) => b !== a).map((b) => a + b))));
const ROADS = zl(ROADBASE.map((b) => b + wpick(ROAD_SUFFIX)));
const TOWNBASE = shuffle(TOWN_A.flatMap((a) => TOWN_B.map((b) => a + b)));
const TOWNS = zl(TOWNBASE.map((b) => b + pick(['镇', '镇', '街道', '乡'])));
const VILLAGES = zl(shuffle(TOWN_A.flatMap((a) => TOWN_B.map((b) => `${a}${pick(['', '', '家'])}${b}村`))));
const PLAN_UNITS = zl(ROADBASE.slice(0, 500).map((b) => b + pick(['单元', '片区', '地区', '组团'])));
const PORTS = zl(TOWNBASE.slice(0, 60).map((b) => b + pick(['港区', '作业区', '渔港'])));
const ISLANDS = zl(ROADBASE.slice(500, 560).map((b) => `${b}岛`));
const XINCHENG = zl(ROADBASE.slice(600, 640).map((b) => `${b}新城`));

/** Distinct entries of the phrase lists (company and project names are composed from them on top). */
export const VOCABULARY_SIZE = new Set(
  [
    DISTRICTS,
    ROADBASE,
    ROADS,
    TOWNS,
    VILLAGES,
    PLAN_UNITS,
    PORTS,
    ISLANDS,
    XINCHENG,
    DIRS,
    SURNAMES,
    CO_IND,
    TERMS,
    VERBS,
    TAILS,
    GOALS,
    SUBJS,
    MODALS,
    SLOGANS,
    AUTHS,
    PROBLEMS,
    HANDLES,
    DIDS,
    UNITCNT,
    DEPTS,
    LEADERS,
    LAWS,
    NATIONAL_CODES,
    REF_CODES,
    PROJTYPES,
    USES,
    SERVICES,
    PROC_METHODS,
    MINERALS,
    SEAPROJ,
    SEAUSE,
    FACILITIES,
    HOLIDAYS,
    ZXNAMES,
    UNITS,
    CENTERS,
    FIN_REASONS,
    FY_ACTS,
    POLICY_HEADINGS,
    JD_HEADINGS,
    NDBG_HEADINGS,
  ].flat(),
).size;

// ---------------------------------------------------------------------------------------------------------------
// Per-document context: chosen once per document so a body keeps talking about the same district, road, parcel …

let cY = 2020;
let cDI = PRE_DAYS;
let cOffA = 5;
let cOffB = 25;
let cOffC = 35;
let cOffP = 60;
let cDist = '和平区';
let cMethod = '挂牌';
let cOrg = '我局';
let cOrgFull = '市规划和自然资源局';
let cOrgShort = '我局';
let cPrice = 1000;
let cFin = 10000;
let cSg = 50;
let cMonth = '1';
let cHalf = '上半月';
let cQuarter = '一';

const luArea = logU(800, 250_000);
const luArea2 = logU(2000, 600_000);
const luHa = logU(0.3, 250);
const luKm = logU(0.2, 900);
const luWanmu = logU(50, 600);
const luWan = logU(10, 90_000);
const luWan2 = logU(1, 5000);
const luN3 = logU(2, 1000);
const luYuan = logU(1, 800);
const luPrice = logU(300, 400_000);
const luFin = logU(2000, 200_000);
const luSg = logU(5, 300);

const BRANCH_ORG = BRANCH_SHORT.map((b) => `${b}分局`);
const BRANCH_ORG_FULL = BRANCH_ORG.map((b) => `市规划和自然资源局${b}`);

// Per-document values drawn on first use (cheaper for the many documents that never mention them): a slot made
// with perDoc() draws once per document and then repeats its value, so a body keeps to one road, parcel, topic …

/** Bumped for every document; perDoc() values drawn under an older generation are stale. */
let docGeneration = 0;

function perDoc(draw: () => string): Tpl {
  let generation = -1;
  let value = '';
  return () => {
    if (generation !== docGeneration) {
      generation = docGeneration;
      value = draw();
    }
    return value;
  };
}

function projectName(): string {
  return zipf(ROADBASE) + pick(PROJ_MID) + zipf(PROJTYPES);
}

function company(): string {
  return `${chance(0.25) ? '示例' : ''}${pick(CO_A)}${pick(CO_B)}${zipf(CO_IND)}有限公司`;
}

/** Location of a parcel or project (compiled template, set below SLOTS). */
let LOC: Tpl = () => '';

const useOf = perDoc(() => zipf(USES));
const townOf = perDoc(() => zipf(TOWNS));
const villageOf = perDoc(() => zipf(VILLAGES));
const roadOf = perDoc(() => zipf(ROADS));
const road2Of = perDoc(() => {
  const first = roadOf();
  let r = zipf(ROADS);
  while (r === first) r = zipf(ROADS);
  return r;
});
const companyOf = perDoc(company);
const projectOf = perDoc(projectName);
const mineralOf = perDoc(() => zipf(MINERALS));
const parcelOf = perDoc(
  () => `示（${cMethod[0]}）${cY}-${PAD4[1 + Math.floor(rnd() * rnd() * 150)]!.slice(1)}号`,
);
/** The document's main topic: titles and openings name it, later sentences draw other terms. */
const topicOf = perDoc(() => zipf(TERMS));
const serviceOf = perDoc(() => zipf(SERVICES));
const centerOf = perDoc(() => pick(CENTERS));
const locOf = perDoc(() => LOC());
const parcelAreaOf = perDoc(() => fixed(luArea(), 2));
const dealOf = perDoc(() => num(Math.round(cPrice * (1 + rnd() * rnd() * 0.8))));
const mineKindOf = perDoc(() => (chance(0.65) ? '采矿权' : '探矿权'));
const sloganOf = perDoc(() => pick(SLOGANS));
const portOf = perDoc(() => zipf(PORTS));
const seaProjectOf = perDoc(() => zipf(SEAPROJ));
const islandOf = perDoc(() => zipf(ISLANDS));
const applicantOf = perDoc(() => pick(SURNAMES) + (chance(0.5) ? '某' : '某某'));
const reviewedActOf = perDoc(() => zipf(FY_ACTS));
const specialPlanOf = perDoc(() => zipf(ZXNAMES));
const planUnitOf = perDoc(() => zipf(PLAN_UNITS));
/** Batch or meeting number (第X批次, 第X次). */
const batchOf = perDoc(() => CN[1 + Math.floor(rnd() * rnd() * 15)]!);

function supplyPlan(): string {
  const a = luHa();
  const b = luHa();
  const c = luHa();
  const total = a + b + c + luHa() * 0.3;
  return `计划供应国有建设用地${fixed(total, 4)}公顷，其中住宅用地${fixed(a, 4)}公顷、工业用地${fixed(b, 4)}公顷、商服用地${fixed(c, 4)}公顷`;
}

function zdAreas(): string {
  const farm = luHa();
  return `征收农用地${fixed(farm, 4)}公顷，其中耕地${fixed(farm * (0.2 + 0.7 * rnd()), 4)}公顷；征收建设用地${fixed(luHa() * 0.3, 4)}公顷，未利用地${fixed(luHa() * 0.1, 4)}公顷`;
}

function spots(): string {
  const all = 5 + Math.floor(luN3());
  return `下发图斑${num(all)}个，其中违法用地图斑${num(1 + ri(Math.ceil(all / 3)))}个`;
}

function found(): string {
  const problems = 1 + ri(12);
  return `发现问题${NUM[problems]}项，已责令整改${NUM[problems - ri(problems)]}项`;
}

function methodTime(): string {
  if (cMethod === '挂牌') {
    return `挂牌时间为${CNDATE[cDI + cOffB]}9时至${CNDATE[cDI + cOffC]}10时，挂牌期限届满，按照价高者得的原则确定竞得人。`;
  }
  if (cMethod === '拍卖')
    return `拍卖会定于${CNDATE[cDI + cOffC]}10时在${centerOf()}举行，按照价高者得的原则确定竞得人。`;
  return `投标截止时间为${CNDATE[cDI + cOffC]}10时，开标后按照综合评标结果确定中标人。`;
}

function docRef(): string {
  const year = cY - ri(8);
  if (chance(0.3)) return `${zipf(NATIONAL_CODES)}〔${year}〕${1 + ri(120)}号`;
  return `${zipf(REF_CODES)}〔${year}〕${1 + Math.floor(rnd() * rnd() * 260)}号`;
}

function usePeriod(use: string): string {
  if (use.includes('住宅')) return '70';
  if (use.includes('商') || use.includes('住宿') || use.includes('娱乐')) return '40';
  return '50';
}

function fivePeriod(): string {
  const start = 2011 + 5 * Math.round((cY - 2011) / 5);
  return `${start}—${start + 4}年`;
}

type Tpl = () => string;
type Part = string | Tpl;

const SLOTS: Record<string, Tpl> = {
  Y: () => NUM[cY]!,
  Yp: () => NUM[cY - 1]!,
  Yn: () => NUM[cY + 1]!,
  Y2: () => NUM[cY + 2]!,
  Yold: () => NUM[cY - 1 - ri(5)]!,
  month: () => cMonth,
  half: () => cHalf,
  quarter: () => cQuarter,
  cnb: batchOf,
  cnS: () => CN[2 + ri(4)]!,
  cnB: () => CN[8 + ri(40)]!,
  art: () => `第${CN[1 + Math.floor(rnd() * rnd() * 80)]}条${chance(0.3) ? `第${CN[1 + ri(4)]}款` : ''}`,
  n1: () => NUM[1 + ri(9)]!,
  n2: () => NUM[10 + ri(90)]!,
  n3: () => NUM[Math.floor(luN3())]!,
  n4: () => NUM[1000 + ri(9000)]!,
  pct: () => `${fixed(0.5 + rnd() * 35, 1)}%`,
  area: () => fixed(luArea(), 2),
  area2: () => fixed(luArea2(), 2),
  ha: () => fixed(luHa(), 4),
  km: () => fixed(luKm(), 2),
  wanmu: () => fixed(luWanmu(), 2),
  wan: () => fixed(luWan(), 2),
  wan2: () => fixed(luWan2(), 2),
  yuan: () => `${NUM[1 + Math.floor(luYuan())]}000`,
  price: () => num(cPrice),
  dep: () => num(Math.round(cPrice * 0.2)),
  deal: dealOf,
  inc: () => pick(['10', '20', '50', '100', '200']),
  flp: () => NUM[1500 + ri(30_000)]!,
  far: () => fixed(0.8 + rnd() * 3.7, 1),
  dens: () => NUM[20 + ri(40)]!,
  green: () => NUM[10 + ri(30)]!,
  h: () => NUM[18 + 3 * ri(40)]!,
  depth: () => {
    const a = 10 * ri(20);
    return `${a}米至${a + 100 + 10 * ri(60)}米`;
  },
  yrs: () => usePeriod(useOf()),
  parcel: parcelOf,
  method: () => cMethod,
  mineral: mineralOf,
  anymineral: () => zipf(MINERALS),
  date: () => CNDATE[cDI]!,
  dateA: () => CNDATE[cDI + cOffA]!,
  dateB: () => CNDATE[cDI + cOffB]!,
  dateC: () => CNDATE[cDI + cOffC]!,
  dateP: () => CNDATE[cDI - cOffP]!,
  dateP2: () => CNDATE[cDI - 1 - ri(25)]!,
  city: () => '示例市',
  benshi: () => pick(['本市', '全市', '我市']),
  dist: () => cDist,
  anydist: () => zipf(DISTRICTS),
  town: townOf,
  anytown: () => zipf(TOWNS),
  village: villageOf,
  road: roadOf,
  road2: road2Of,
  anyroad: () => zipf(ROADS),
  dir: () => pick(DIRS),
  corner: () => pick(CORNERS),
  co: companyOf,
  anyco: company,
  person: () => pick(SURNAMES) + (chance(0.5) ? '某' : '某某'),
  proj: projectOf,
  anyproj: projectName,
  applicant: applicantOf,
  projtype: () => zipf(PROJTYPES),
  use: useOf,
  use2: () => zipf(USES),
  center: centerOf,
  law: () => zipf(LAWS),
  docref: docRef,
  govref: () => `示政函〔${cY}〕${1 + ri(300)}号`,
  term: () => zipf(TERMS),
  topic: topicOf,
  ploc: locOf,
  parea: parcelAreaOf,
  mkind: mineKindOf,
  docslogan: sloganOf,
  side: () => pick(SIDES),
  supplyPlan,
  zdAreas,
  spots,
  found,
  methodTime,
  anymethod: () => pick(['挂牌', '挂牌', '拍卖', '招标', '划拨', '协议']),
  verb: () => zipf(VERBS),
  tail: () => zipf(TAILS),
  goal: () => zipf(GOALS),
  subj: () => zipf(SUBJS),
  modal: () => zipf(MODALS),
  slogan: () => pick(SLOGANS),
  auth: () => zipf(AUTHS),
  problem: () => zipf(PROBLEMS),
  handle: () => pick(HANDLES),
  did: () => zipf(DIDS),
  unitCnt: () => zipf(UNITCNT),
  dept: () => zipf(DEPTS),
  leader: () => zipf(LEADERS),
  org: () => cOrg,
  orgFull: () => cOrgFull,
  orgShort: () => cOrgShort,
  service: serviceOf,
  anyservice: () => zipf(SERVICES),
  procNo: () => `SZCG${cY}-${pad(1 + ri(9999), 4)}`,
  procMethod: () => zipf(PROC_METHODS),
  port: portOf,
  anyport: () => zipf(PORTS),
  seaproj: seaProjectOf,
  seause: () => pick(SEAUSE),
  island: islandOf,
  facility: () => zipf(FACILITIES),
  holiday: () => pick(HOLIDAYS),
  zxname: specialPlanOf,
  ghname: () => (cY >= 2019 ? '国土空间总体规划' : '土地利用总体规划'),
  ghperiod: () => (cY >= 2019 ? '2021—2035年' : '2006—2020年'),
  period5: fivePeriod,
  unitName: () => zipf(UNITS),
  unit2: planUnitOf,
  xincheng: () => zipf(XINCHENG),
  lic: () => `建字第${cY}-${pad(1 + ri(2000), 4)}号`,
  fyact: reviewedActOf,
  finT: () => fixed(cFin, 2),
  finG: () => fixed(cFin * (0.55 + rnd() * 0.4), 2),
  finD: () => fixed(cFin * (0.02 + rnd() * 0.15), 2),
  sg: () => fixed(cSg, 2),
  sgs: () => fixed(cSg * (0.05 + rnd() * 0.3), 2),
  finReason: () => pick(FIN_REASONS),
  fyart: () => (cY >= 2024 ? pick(['第六十八条', '第六十四条', '第六十五条']) : '第二十八条'),
};

/**
 * Compiles a template: `{slot}` inserts SLOTS[slot](), `[a|b|c]` picks one alternative uniformly (alternatives may
 * hold slots and nested choices; an empty alternative makes the group optional). Throws on an unknown slot, so a
 * typo fails at import time.
 */
function compile(src: string): Tpl {
  let i = 0;
  const seq = (inAlt: boolean): Tpl => {
    const parts: Part[] = [];
    let lit = '';
    while (i < src.length) {
      const c = src[i]!;
      if (c === '{') {
        const end = src.indexOf('}', i);
        const name = src.slice(i + 1, end);
        const fn = SLOTS[name];
        if (!fn || end < 0) throw new Error(`unknown slot {${name}} in template: ${src}`);
        if (lit) parts.push(lit);
        lit = '';
        parts.push(fn);
        i = end + 1;
      } else if (c === '[') {
        i++;
        const alts: Tpl[] = [];
        for (;;) {
          alts.push(seq(true));
          const d = src[i++];
          if (d === ']') break;
          if (d !== '|') throw new Error(`unclosed [ in template: ${src}`);
        }
        if (lit) parts.push(lit);
        lit = '';
        parts.push(choice(alts));
      } else if (inAlt && (c === '|' || c === ']')) {
        break;
      } else {
        lit += c;
        i++;
      }
    }
    if (lit) parts.push(lit);
    if (parts.length === 0) return () => '';
    if (parts.length === 1) {
      const p = parts[0]!;
      return typeof p === 'string' ? () => p : p;
    }
    return concat(parts);
  };
  const fn = seq(false);
  if (i < src.length) throw new Error(`stray ${src[i]} in template: ${src}`);
  return fn;
}

const T = (srcs: readonly string[]): Tpl[] => srcs.map(compile);

/**
 * Concatenation of the parts: strings as they are, functions called. Templates with up to six slots get an unrolled
 * function (no loop, no type test per part); the generator spends most of its time here.
 */
function concat(parts: Part[]): Tpl {
  const lits: string[] = [''];
  const fns: Tpl[] = [];
  for (const p of parts) {
    if (typeof p === 'string') lits[lits.length - 1] += p;
    else {
      fns.push(p);
      lits.push('');
    }
  }
  const [l0 = '', l1 = '', l2 = '', l3 = '', l4 = '', l5 = '', l6 = ''] = lits;
  const [f0, f1, f2, f3, f4, f5] = fns;
  switch (fns.length) {
    case 1:
      return () => l0 + f0!() + l1;
    case 2:
      return () => l0 + f0!() + l1 + f1!() + l2;
    case 3:
      return () => l0 + f0!() + l1 + f1!() + l2 + f2!() + l3;
    case 4:
      return () => l0 + f0!() + l1 + f1!() + l2 + f2!() + l3 + f3!() + l4;
    case 5:
      return () => l0 + f0!() + l1 + f1!() + l2 + f2!() + l3 + f3!() + l4 + f4!() + l5;
    case 6:
      return () => l0 + f0!() + l1 + f1!() + l2 + f2!() + l3 + f3!() + l4 + f4!() + l5 + f5!() + l6;
  }
  const n = parts.length;
  return () => {
    let s = '';
    for (let k = 0; k < n; k++) {
      const p = parts[k]!;
      s += typeof p === 'string' ? p : p();
    }
    return s;
  };
}

/** Calls one of `alts`, picked uniformly. */
function choice(alts: Tpl[]): Tpl {
  const n = alts.length;
  return () => alts[Math.floor(rnd() * n)]!();
}

LOC = compile('[{road}{dir}|{road}{dir}|{road}与{road2}交口{corner}|{road}以{side}、{road2}以{side}]');
SLOTS.loc = LOC;
SLOTS.result = compile(
  '[同比增长{pct}|同比下降{pct}|较上年增加{n2}{unitCnt}|完成年度目标任务的{pct}|按时办结率达到100%|群众满意度持续提升|' +
    '平均办理时限压缩至{n1}个工作日|有力保障了重点项目用地需求|各项指标均达到预期]',
);
SLOTS.geo = compile(
  '[一主两副|一主三副|双城双港|一核两翼|一城{cnS}区|多中心组团式]、[三区多廊|两带多点|{cnS}轴{cnS}带|{cnS}廊{cnS}区|网络化、开敞式]',
);
SLOTS.defn = compile('依照[法定程序|有关规定|本办法规定]{did}{term}的[行为|活动|事项]');
SLOTS.expert = compile('[本局法律顾问|高校专家|资深业务骨干|市司法局相关负责同志|{unitName}技术专家]');
SLOTS.fyout = compile(
  '[维持被申请人作出的{fyact}|撤销被申请人作出的{fyact}，责令被申请人在法定期限内重新作出答复|' +
    '确认被申请人作出的{fyact}违法|驳回申请人的行政复议请求|责令被申请人依法履行{term}职责]',
);

// ---------------------------------------------------------------------------------------------------------------
// Generic prose, usable in every column.

const GENERIC = T([
  '{subj}{modal}{verb}{term}{tail}，{goal}。',
  '为{verb}{term}{tail}，根据《{law}》{art}规定，{subj}{modal}{verb}{term}{tail}。',
  '{Yold}年以来，{benshi}累计{did}{term}相关事项{n3}{unitCnt}，{result}。',
  '围绕{term}和{term}，{subj}{modal}{verb}{tail}，{goal}。',
  '对{problem}的，由{auth}{handle}。',
  '{subj}要把{term}作为[重要工作|重点任务|重要抓手]，{verb}{term}{tail}，{goal}。',
  '按照“{slogan}”的要求，{verb}{term}{tail}，{goal}。',
  '截至{dateP}，{benshi}共{did}{term}{n3}{unitCnt}，{result}。',
  '[根据|按照]{auth}《关于{verb}{term}{tail}的[通知|意见|实施方案]》（{docref}）[要求|精神]，{subj}{modal}{verb}{term}{tail}。',
  '{subj}在{term}中发现[问题|违法线索|风险隐患]的，应当及时报告{auth}，并{verb}{tail}。',
  '[同时|此外|另外]，{subj}{modal}[加强与|做好与]{auth}的沟通衔接，{verb}{term}{tail}。',
  '[进一步|持续|不断]{verb}{term}{tail}，[切实|全面|有效]提升{term}[水平|质量|效率|能力]。',
  '[各|相关]单位[要|应]{verb}{term}[责任|主体责任]，[明确|细化]{term}[任务分工|工作目标|时间节点]，{goal}。',
  '{term}[是|作为]{term}的[重要基础|基本前提|重要内容|关键环节]，[事关|关系到]{term}和[群众切身利益|经济社会发展大局|城市长远发展]。',
  '[涉及|属于]{term}的，[应当|须]按照《{law}》规定[办理|执行]；[法律法规另有规定的|国家另有规定的]，从其规定。',
  '{auth}[负责|牵头负责]{term}{tail}，{auth}[按照职责分工|根据各自职责]做好{term}[相关工作|配合工作]。',
  '[建立|健全|完善]{term}[和|与]{term}[联动|协同|会商]机制，[定期|及时]通报{term}[进展情况|工作情况]。',
  '在{term}[过程中|工作中]，[坚持|注重]“{slogan}”，{goal}。',
  '{Yold}年，{benshi}[完成|实现]{term}{n3}{unitCnt}，涉及土地{ha}公顷，{result}。',
  '[申请人|当事人|相关权利人]对{term}[有异议的|不服的]，可以依法申请行政复议或者提起行政诉讼。',
  '请{subj}[结合实际|认真组织|抓紧]{verb}{term}{tail}，并于{dateB}前将[工作情况|落实情况|有关材料]报送{dept}。',
  '{orgFull}将对{term}[落实情况|推进情况]进行[督查|检查|通报]，[结果纳入年度考核|并适时向社会公开]。',
  '[对|针对]{term}中[存在的|暴露出的]{problem}等问题，{subj}{modal}[建立台账、限期整改|逐项核查、逐一销号|举一反三、堵塞漏洞]。',
  '{dist}[在|围绕]{term}[方面|领域][先行先试|积极探索]，形成了[一批|若干]可复制可推广的经验做法。',
]);

// ---------------------------------------------------------------------------------------------------------------
// Columns: weights, issuers, title templates (each with its genre and, for some, its own body opening and
// sentence pool), body openings, body sentence pools, closings.

interface TitleTpl {
  genre: string;
  tpl: Tpl;
  /** Document-number codes for this kind of title (default: by issuer and genre). */
  codes?: readonly string[];
  /** Body openings and sentence pool for this kind of title (default: the column's). */
  open?: Tpl[];
  pool?: Tpl[];
}

interface ColumnDef {
  code: string;
  weight: number;
  /** Share of documents with a 文号. */
  docP: number;
  /** Base share not valid (grows with age). */
  nonValid: number;
  /** Body length factor (1 = median ≈ 620 characters before the closing). */
  len: number;
  issuers: Weighted<string>;
  titles: Weighted<TitleTpl>;
  open: Tpl[];
  pool: Tpl[];
  close: Tpl[];
  /** Share of body sentences from the column pool (the rest are generic). */
  poolShare: number;
  headings?: readonly string[];
  orderedHeadings?: boolean;
  dateMode?: 'ys' | 'js' | 'ndbg';
}

interface TitleOpts {
  codes?: readonly string[];
  open?: readonly string[];
  pool?: readonly string[];
}

type TitleSpec = [genre: string, weight: number, template: string, opts?: TitleOpts];

function issuers(main: [string, number][], branchWeight: number): Weighted<string> {
  return weighted<string>([...main, ...BRANCHES.map((b): [string, number] => [b, branchWeight])]);
}

function titles(specs: TitleSpec[]): Weighted<TitleTpl> {
  return weighted(
    specs.map(([genre, w, src, opts]): [TitleTpl, number] => {
      const t: TitleTpl = { genre, tpl: compile(src) };
      if (opts?.codes) t.codes = opts.codes;
      if (opts?.open) t.open = T(opts.open);
      if (opts?.pool) t.pool = T(opts.pool);
      return [t, w];
    }),
  );
}

const C = CITY_ISSUER;
const ORG_ISSUERS = issuers([[C, 8]], 1);
const POLICY_ISSUERS = issuers(
  [
    [C, 4],
    ['法规处', 2],
    ['利用处', 2],
    ['资源处', 2],
    ['矿管处', 1],
    ['业务处', 2],
    ['财务处', 0.5],
    ['信访处', 0.5],
  ],
  0.5,
);
const PLAN_ISSUERS = issuers(
  [
    [C, 3],
    ['业务处', 3],
    ['资源处', 1],
  ],
  1,
);
const LAND_ISSUERS = issuers(
  [
    [C, 1],
    ['利用处', 5],
  ],
  1.5,
);
const PERMIT_ISSUERS = issuers(
  [
    [C, 1],
    ['业务处', 5],
  ],
  2,
);
const MINE_ISSUERS = issuers(
  [
    [C, 1],
    ['矿管处', 8],
  ],
  0,
);
const LAW_ISSUERS = issuers(
  [
    [C, 1],
    ['法规处', 6],
  ],
  1,
);
const FIN_ISSUERS = issuers(
  [
    [C, 2],
    ['财务处', 8],
  ],
  1,
);

const ORG_POOL = T([
  '负责{term}{tail}。',
  '承担{term}和{term}的[组织实施|监督管理|统筹协调]工作。',
  '拟订{term}[政策|标准|技术规范]并组织实施。',
  '{leader}：[主持全面工作|负责{term}、{term}方面工作，分管{dept}、{dept}]。',
  '办公地址：{anydist}{anyroad}{n3}号。',
  '对外办公时间：工作日上午9:00至12:00，下午13:30至17:00（法定节假日除外）。',
  '权责清单共梳理{term}等事项{n3}项，其中行政许可{n2}项、行政处罚{n2}项、行政检查{n2}项。',
  '{dept}：负责{term}{tail}，承办{term}相关[事项|工作]。',
  '{unitName}为[公益一类|公益二类]事业单位，主要承担{term}和{term}等[技术支撑|服务保障]工作。',
  '政府信息公开申请可通过[信函|当面提交|网上申请平台]方式提出，受理机构为{orgFull}[办公室|政务服务窗口]。',
  '[组织|指导]{term}和{term}工作，[监督|检查]{term}[法律法规|政策]的执行情况。',
  '完成市委、市政府和{auth}交办的其他任务。',
]);
const ORG_OPEN = T([
  '根据{auth}[批准的|印发的]《{orgFull}职能配置、内设机构和人员编制规定》，{orgFull}[是市人民政府工作部门|负责{topic}等工作]，主要职责如下：',
  '{orgFull}贯彻落实党中央关于{topic}和{term}的方针政策和决策部署，在履行职责过程中坚持和加强党的集中统一领导。',
  '为方便公众了解{orgFull}[机构设置|领导分工|办事渠道]，现将有关信息公开如下（更新日期：{date}）。',
]);

const PLAN_POOL = T([
  '规划范围为{anydist}行政辖区，总面积{km}平方公里，规划期限为{ghperiod}。',
  '规划统筹划定耕地和永久基本农田、生态保护红线、城镇开发边界三条控制线，耕地保有量不低于{wanmu}万亩。',
  '规划构建“{geo}”的国土空间开发保护格局。',
  '到{Y2}年，{benshi}建设用地总规模控制在{km}平方公里以内，{goal}。',
  '{road}{dir}地块规划用地性质由{use}调整为{use2}，容积率由{far}调整为{far}。',
  '规划单元总用地面积{ha}公顷，规划居住人口约{n2}万人，配置{facility}{n1}处、{facility}{n1}处。',
  '公示期间，利害关系人可通过[信函|现场留言|政府网站意见征集栏目]等方式提出意见建议。',
  '规划文本和图件（公开版）可在本局政府信息公开专栏查阅，涉及国家秘密的内容依法不予公开。',
  '规划明确{term}、{term}和{term}等[重点任务|管控要求]，[严格|统筹]落实{topic}。',
  '规划提出到{Y2}年{term}[面积|规模]达到{km}平方公里，{term}[覆盖率|达标率]达到{pct}。',
  '[本次|此次]规划修改涉及{unit2}{road}以{side}地块，[主要|拟]增加{facility}用地，[不涉及|未突破]{term}。',
  '规划编制过程中[征求了|听取了]{auth}、{auth}和社会公众的意见，[共收到|收集]意见建议{n3}条，[采纳|吸收]{n2}条。',
  '[严格|从严]控制{term}，[新增|存量]建设用地[优先|重点]保障{term}和{term}需求。',
  '[建立|完善]规划实施[体检评估|动态监测]机制，[每年|每五年]开展{term}[评估|体检]。',
]);
const PLAN_OPEN = T([
  '[本规划|《{city}{ghname}（{ghperiod}）》][已经{auth}批复同意|经{auth}审议通过]。根据《中华人民共和国城乡规划法》《中华人民共和国土地管理法》有关规定，现将规划主要内容予以[公布|公示]。',
  '为[落实|贯彻]{topic}要求，{orgFull}组织编制了[本规划|本专项规划]，[现予公示|现予印发]，[公示期|征求意见期]为{dateA}至{dateB}。',
  '{dist}{unit2}位于{dist}[中部|东部|西部|南部|北部]，东至{anyroad}，西至{anyroad}，南至{anyroad}，北至{anyroad}，规划面积{ha}公顷。',
]);
const PLAN_REPLY_OPEN = [
  '[{dist}人民政府|{orgFull}]：你[区|单位]《关于报请审批{anydist}[国土空间规划|控制性详细规划]的请示》收悉。经研究，批复如下：',
];

const POLICY_POOL = T([
  '{subj}应当在{n1}个工作日内完成{term}[审查|审核|核查]，[并将结果告知申请人|并报{auth}备案]。',
  '本[办法|通知|意见]所称{topic}，是指{defn}。',
  '申请办理{term}的，应当提交[申请书、权属来源证明|身份证明、不动产权证书|项目批准文件、规划条件]等材料。',
  '违反本[办法|规定]的，由{auth}[责令限期改正|依法予以处理]；构成犯罪的，依法追究刑事责任。',
  '{term}[实行|推行][告知承诺制|容缺受理|并联审批|网上办理]，[申请人|企业]可[一次性|在线]提交材料。',
  '[区分局|{dist}]应当[建立|完善]{topic}台账，[每季度|每半年|每年]向{orgFull}报送{term}[情况|数据]。',
  '{term}[涉及|占用]{term}的，[应当|须]先行[办理|完成]{term}[手续|审批]。',
  '[市|区]级[财政|自然资源]部门[按照|依据]{term}[标准|规定]安排[专项资金|工作经费]，[保障|支持]{topic}{tail}。',
  '{topic}[工作|事项]由{dept}牵头，{dept}、{dept}[配合|按职责分工负责]。',
  '[对|针对]{topic}中[涉及|发现]的[历史遗留问题|突出问题]，[坚持|按照]“[一事一议|分类处置]”原则[妥善|依法]处理。',
]);
const POLICY_OPEN = T([
  '[各区人民政府，局属各单位|各区规划资源分局，局属各单位，机关各处室|局属各单位、机关各处室|各相关单位]：为{verb}{topic}{tail}，根据《{law}》[等有关规定|及有关法律法规]，结合本市实际，[现就有关事项通知如下|制定本办法|提出如下意见|制定本方案]。',
  '[各区人民政府，局属各单位|局属各单位、机关各处室]：《{city}{topic}{tail}[办法|实施方案|工作要点]》已经[局务会议|{auth}]审议通过，现印发给你们，请认真贯彻执行。',
  '为深入贯彻《{law}》，[进一步|切实]{verb}{topic}{tail}，{goal}，[现就|经研究，现就]{topic}有关事项通知如下：',
]);
const POLICY_CLOSE = T([
  '本[办法|通知|意见]自{dateA}起施行，有效期{n1}年。',
  '本[办法|通知|意见]自印发之日起施行。《关于{verb}{topic}{tail}的通知》（{docref}）同时废止。',
  '本[办法|意见]由{orgFull}负责解释。',
  '（此件主动公开）',
  '特此通知。',
  '{orgFull}\n{date}',
]);

const JD_POOL = T([
  '近年来，{benshi}{topic}[工作取得积极成效|需求持续增长]，但[仍存在|也暴露出]{problem}等问题。',
  '为{verb}{topic}{tail}，{orgFull}[起草|研究制定]了[本办法|本通知|本意见]。',
  '[本办法|本文件]共{cnS}章{cnB}条，[主要包括|明确了]{term}、{term}和{term}等内容。',
  '与原[文件|政策]相比，[新增|调整|明确]了{term}{tail}[要求|的具体程序|的适用情形]。',
  '[本文件|本办法]适用于{benshi}[范围内|行政区域内]{topic}和{term}的[审批|管理|监督]。',
  '[已经批准|正在办理]的{term}，[按原规定执行|按本办法执行]。',
  '问：{term}[如何办理|需要提交哪些材料]？答：[申请人|企业]可通过[政务服务网|窗口]提交{term}[申请|材料]，{n1}个工作日内办结。',
  '解读机关：{orgFull}；解读人：{dept}负责同志。',
  '[执行中|实施过程中]，{term}[按照|参照]{term}有关规定执行，[具体标准|执行口径]由{dept}[另行明确|统一解释]。',
]);
const JD_OPEN = T([
  '[近日|{date}]，{orgFull}印发了《关于{verb}{topic}{tail}的[通知|意见]》（{docref}）。现就有关内容解读如下。',
  '为便于[社会公众|企业和群众]理解和执行《{city}{topic}管理办法》，现从[出台背景|制定依据]、主要内容和[适用范围|执行口径]等方面解读如下。',
]);

const FIN_POOL = T([
  '{orgFull}主要职能是{term}{tail}、{term}{tail}等。',
  '“三公”经费[预算|支出]{sg}万元，其中公务接待费{sgs}万元，公务用车购置及运行维护费{sgs}万元，因公出国（境）费{sgs}万元。',
  '[比上年增加|比上年减少]{finD}万元，主要原因是{finReason}。',
  '政府采购[预算|支出]总额{wan2}万元，其中货物{wan2}万元、服务{wan2}万元、工程{wan2}万元。',
  '[本单位|本部门]共有车辆{n2}辆，其中一般公务用车{n1}辆、执法执勤用车{n1}辆。',
  '对{n2}个[项目|二级项目]开展绩效目标管理，涉及资金{wan2}万元，[绩效自评|绩效评价]结果为[优|良]。',
  '机关运行经费[预算|支出]{wan2}万元，[比上年|较上年][增加|减少]{pct}。',
  '一般公共预算财政拨款支出{finG}万元，[主要用于|其中]{term}{wan2}万元、{term}{wan2}万元。',
  '[政府性基金预算|国有资本经营预算]财政拨款[收入|支出]{wan2}万元，[主要用于|用于]{term}。',
]);
const FIN_CLOSE = T([
  '名词解释：[一般公共预算财政拨款收入|机关运行经费|“三公”经费]，是指{defn}。',
  '[如对|对]本[预算|决算]公开内容有疑问，可[在工作日|通过政府信息公开申请渠道]向{orgFull}财务处咨询。',
]);
const YS_OPEN = [
  '{Y}年[部门|单位]预算收入{finT}万元，支出{finT}万元。其中一般公共预算财政拨款{finG}万元。',
  '[按照|根据]{auth}[关于预决算公开的统一要求|统一部署]，现将{orgFull}{Y}年部门预算情况公开如下。',
];
const JS_OPEN = [
  '{Yp}年度[部门|单位]决算收入{finT}万元，支出{finT}万元，年末结转和结余{finD}万元。',
  '[按照|根据]{auth}[关于预决算公开的统一要求|统一部署]，现将{orgFull}{Yp}年度部门决算情况公开如下。',
];

const CG_POOL = T([
  '采购需求：{term}[数据采集|成果整理|系统运维|平台建设|监测分析]及相关技术服务，服务期限{n1}年。',
  '供应商资格要求：具有独立承担民事责任的能力，[未被列入失信被执行人名单|具有良好的商业信誉和健全的财务会计制度]。',
  '中标（成交）供应商名称：{co}；中标（成交）金额：{wan}万元。',
  '获取采购文件时间：{dateA}至{dateB}，地点：{center}。',
  '提交[投标|响应]文件截止时间：{dateC}9时30分。',
  '评审专家名单：{person}、{person}、{person}、{person}、{person}。',
  '本项目[专门面向|不专门面向]中小企业采购。',
  '对本次公告内容有异议的，可在公告期限届满之日起七个工作日内以书面形式提出质疑。',
  '[本项目|该项目]采购标的[所属行业|属于]{term}相关[软件和信息技术服务业|专业技术服务业]。',
]);
const CG_OPEN = T([
  '项目编号：{procNo}。项目名称：{Y}年度{service}项目。采购方式：{procMethod}。预算金额：{wan}万元。',
  '[受{orgFull}委托|{orgFull}]，[对|就]{service}项目进行{procMethod}，[欢迎合格的供应商前来投标|现将有关事项公告如下]。',
]);
const CG_RESULT_OPEN = [
  '[现将|根据评审结果，现将]{Y}年度{service}项目[中标|成交]结果公告如下：项目编号：{procNo}。',
];
const CG_INTENT_OPEN = [
  '为便于供应商及时了解政府采购信息，根据财政部有关规定，现将{orgFull}{Y}年度{service}采购意向公开如下：',
];
const CG_INTENT_POOL = [
  '采购项目名称：{service}；采购需求概况：{term}相关[技术服务|数据处理|运行维护]；预算金额：{wan2}万元；预计采购时间：{Y}年{month}月。',
  '采购项目名称：{anyservice}；预算金额：{wan2}万元；预计采购时间：{Y}年{month}月。',
  '本次公开的采购意向是本单位政府采购工作的初步安排，具体采购项目情况以相关采购公告和采购文件为准。',
];

const ZD_POOL = T([
  '本批次征收土地涉及{town}{village}等{n1}个村（居）民委员会，涉及农户{n3}户。',
  '征地补偿费用已足额预存至专用账户，预存金额{wan}万元。',
  '被征地农民纳入社会保障，社会保障费用{wan2}万元已落实。',
  '地上附着物和青苗补偿按照{dist}现行标准执行，[果树|鱼塘|大棚|林木]按实际调查结果补偿。',
  '征收土地补偿标准：土地补偿费和安置补助费按照区片综合地价每亩{n4}0元执行。',
  '被征收土地的所有权人、使用权人应在公告之日起{n2}日内，持不动产权属证明材料到{dist}{town}人民政府办理征地补偿登记。',
  '对征地补偿安置方案有异议的，可在公告之日起{n1}个工作日内向{dist}人民政府申请听证。',
  '在征收土地预公告发布后，在拟征收范围内抢栽抢种抢建的，不予补偿。',
  '本批次征收土地用于{proj}等项目建设，[符合|已纳入]{city}国土空间规划和土地利用年度计划。',
  '{zdAreas}。',
  '拟征收土地[现状调查|权属调查]结果[已经|经]{village}村民委员会[确认|签字认可]，[地类|面积]与实地一致。',
  '[农业人口安置|被征地农民安置]采取[货币补偿|留地安置|就业培训]等方式，[保障|确保]被征地农民[原有生活水平不降低|长远生计有保障]。',
]);
const ZD_OPEN = T([
  '经{auth}《关于{dist}{Y}年第{cnb}批次城镇建设用地的批复》（{govref}）批准，征收{dist}{town}{village}集体土地{ha}公顷，用于城市建设。现将有关事项公告如下：',
  '根据《中华人民共和国土地管理法》及其实施条例规定，现将{dist}{Y}年第{cnb}批次城镇建设用地征地补偿安置方案公告如下：',
]);
const ZD_PRE_OPEN = [
  '[为了公共利益的需要|因{proj}建设需要]，拟征收{dist}{town}{village}集体土地，[拟征收范围|征收范围]为{road}以{side}、{road2}以{side}区域，面积{ha}公顷。现将有关事项预公告如下：',
];
const ZD_REPLY_OPEN = [
  '{dist}人民政府：你区《关于{dist}{Y}年第{cnb}批次城镇建设用地的请示》收悉。经研究，现批复如下：同意将{dist}{town}{village}集体农用地{ha}公顷转为建设用地并征收。',
];
const ZD_SURVEY_OPEN = [
  '根据《中华人民共和国土地管理法实施条例》规定，{dist}{town}人民政府组织对拟征收的{village}集体土地开展了土地现状调查，现将调查结果公示如下：',
];
const ZD_RISK_OPEN = [
  '{proj}拟征收土地社会稳定风险评估工作已完成，[评估结论为低风险|评估认为风险总体可控]，现予公示，公示期为{dateA}至{dateB}。',
];
const ZD_HEARING_OPEN = [
  '{village}村民委员会及有关权利人：根据《中华人民共和国土地管理法》规定，被征地农村集体经济组织、农村村民或者其他权利人对拟定的征地补偿安置方案有申请听证的权利。',
];
const ZD_SUMMARY_OPEN = [
  '现将{dist}{Y}年度征地信息公开情况汇总如下，[具体批次|各批次]征地批准文件可在征地信息公开平台查询。',
];

const LAND_COMMON = [
  '宗地编号：{parcel}；地块位置：{dist}{ploc}；出让面积：{parea}平方米；土地用途：{use}；出让年限：{yrs}年。',
  '规划指标：容积率不大于{far}，建筑密度不大于{dens}%，绿地率不小于{green}%，建筑限高{h}米。',
  '[地块|宗地]现状为[净地|已完成拆迁平整的净地]，[交地条件|土地交付条件]为现状交付，{term}相关要求在出让合同中[约定|明确]。',
  '本地块[出让|供应]须配建{facility}，建成后无偿移交{dist}人民政府。',
  '竞得人须在签订成交确认书后{n1}个工作日内签订《国有建设用地使用权出让合同》，并按约定缴纳土地出让价款。',
];
const LAND_NOTICE_POOL = T([
  ...LAND_COMMON,
  '起始价：{price}万元；竞买保证金：{dep}万元；增价幅度：{inc}万元。',
  '中华人民共和国境内外的法人、自然人和其他组织均可申请参加竞买，[本次出让不接受联合竞买|申请人可以单独申请，也可以联合申请]。',
  '竞买申请人可于{dateA}至{dateB}登录{center}获取出让文件，并于{dateB}16时前缴纳竞买保证金。',
  '{methodTime}',
  '[存在欠缴土地出让价款|存在闲置土地|有违法用地行为尚未查处完毕]等情形的[单位和个人|竞买人]，不得参加本次竞买。',
  '[地块|宗地]出让[须|应]符合{term}和{term}[相关要求|管控要求]，[竞得人|受让人]应[按照|依据]规划条件[开发建设|进行建设]。',
]);
const LAND_RESULT_POOL = T([
  ...LAND_COMMON,
  '竞得人：{co}；成交价：{deal}万元；楼面地价：{flp}元/平方米。',
  '供应方式：{method}出让；供应面积：{parea}平方米；土地用途：{use}；成交价款：{deal}万元；受让单位：{co}。',
  '本次出让起始价{price}万元，经{n2}轮竞价，最终以{deal}万元成交。',
  '对本公示内容有异议的，可在公示期内以书面形式向{orgFull}反映。',
  '{anydist}{anyroad}{dir}地块：供应方式{anymethod}；面积{area}平方米；用途{use2}；价款{wan}万元；受让单位{anyco}。',
]);
const LAND_PLAN_POOL = T([
  '{Y}年{supplyPlan}。',
  '[住宅用地|保障性住房用地]供应[重点向|优先向]{anydist}、{anydist}等区域倾斜，[严格|合理]控制{term}规模。',
  '[优先保障|重点保障]{term}、{term}等重点项目用地需求。',
  '计划执行中，[根据|结合]{term}和市场情况[适时调整|动态调整]供应时序。',
  '[存量土地|批而未供土地]供应占比不低于{pct}，[推动|促进]节约集约用地。',
  '本计划由{orgFull}负责组织实施，[并按季度|按月]向社会公开计划执行情况。',
  '各区应[落实|完善]{term}{tail}，[确保|保障]计划供应[地块|宗地][按期|如期]具备供地条件。',
]);
const LAND_CLOSE = T([
  '公示期为{dateA}至{dateB}。',
  '联系单位：{orgFull}；地址：{anydist}{anyroad}{n3}号。',
  '特此公告。',
  '{orgFull}\n{date}',
]);

const MINE_POOL = T([
  '{mineral}矿区范围由{n1}个拐点圈定，面积{km}平方公里，开采深度{depth}。',
  '竞得人应在签订出让合同后{n1}个月内申请办理[采矿许可证|勘查许可证]。',
  '矿业权出让收益按[出让金额形式|出让收益率形式]征收，首期缴纳比例{pct}。',
  '{anyco}申请{dist}{anytown}{anymineral}[采矿权|探矿权][延续|变更|新立|注销]登记，有效期{n1}年。',
  '矿区范围内[不存在重叠|无权属争议]，符合{city}矿产资源总体规划。',
  '矿业权人应当于每年6月30日前通过矿业权人勘查开采信息公示系统公示上一年度勘查开采信息。',
  '出让收益评估值{wan2}万元，评估基准日为{dateP}。',
  '[生产规模|设计生产规模]为每年{n2}万[立方米|吨]，服务年限{n1}年。',
  '[开采|勘查]过程中应当[落实|履行]{term}和{term}义务，[编制|落实]矿山地质环境保护与土地复垦方案。',
]);
const MINE_OPEN = T([
  '经{orgFull}批准，决定以[挂牌|拍卖]方式出让{dist}{town}{mineral}{mkind}。现将有关事项公告如下：',
]);
const MINE_REG_OPEN = T(['根据《{law}》有关规定，现将{Y}年{month}月矿业权登记结果公告如下：']);

const PERMIT_POOL = T([
  '{proj}位于{dist}{ploc}，建设单位为{co}。',
  '项目用地面积{parea}平方米，总建筑面积{area2}平方米，其中地上{area}平方米、地下{area}平方米。',
  '容积率{far}，建筑密度{dens}%，绿地率{green}%，建筑限高{h}米，机动车停车位{n3}个。',
  '许可证号：{lic}；建设单位：{anyco}；建设项目名称：{anyproj}；建设规模：{area}平方米。',
  '公示期自{dateA}至{dateB}，利害关系人如有意见，请在公示期内以书面形式向{orgFull}提出。',
  '本项目经[专家论证|技术审查|部门联合审查]，符合{term}和{term}相关要求。',
  '[本期|{Y}年{month}月{half}]共核发建设工程规划许可证{n2}件，总建筑面积{area2}平方米。',
  '[建设用地规划许可证|乡村建设规划许可证|规划条件核实合格证]：{anyproj}，[用地面积|建设规模]{area}平方米，发证日期{dateP2}。',
  '[方案|项目]与周边{facility}、{anyroad}等[保持|满足]规定的[建筑间距|退线距离]，日照分析满足相关标准要求。',
]);
const PERMIT_OPEN = T([
  '根据《中华人民共和国城乡规划法》[和政务公开有关要求|有关规定]，现将{proj}建设工程设计方案总平面图予以公示。',
  '{proj}位于{dist}{ploc}，建设单位为{co}，项目设计方案已经{orgFull}审查，现予公示。',
]);
const PERMIT_RESULT_OPEN = T([
  '[现将|根据《中华人民共和国行政许可法》，现将]{Y}年{month}月{half}{orgFull}[核发|办理]的规划资源行政许可结果公开如下：',
]);

const SEA_POOL = T([
  '{seaproj}位于{port}海域，申请用海面积{ha}公顷，用海方式为{seause}，用海期限{n2}年。',
  '项目用海[符合|与]{city}国土空间规划和海岸带保护与利用规划[相符|要求]，[不占用|未涉及]生态保护红线。',
  '海域使用论证报告（公开版）[结论|认为]，项目用海[选址合理|面积合理]，对周边海洋生态环境影响可控。',
  '海域使用权人：{anyco}；海域使用金征收标准按照{auth}有关规定执行。',
  '{island}面积{ha}公顷，开发利用类型为[旅游娱乐|公共服务|交通运输]用岛，用岛期限{n2}年。',
  '利害关系人对[本项目用海|海域使用论证报告]有意见的，可在{dateA}至{dateB}期间以书面形式提出。',
  '[项目|用海单位]应当[落实|采取]{term}和海洋生态[保护|修复]措施，[接受|配合]海域动态监视监测。',
]);
const SEA_APPROVAL_OPEN =
  '根据《中华人民共和国海域使用管理法》，经{city}人民政府批准，现将{port}{seaproj}海域使用权[批复|审批]情况公告如下：';
const SEA_REPORT_OPEN =
  '{anyco}申请{port}{seaproj}用海，根据海域使用论证有关规定，现将海域使用论证报告（公开版）予以公示。';
const SEA_OPEN = T([SEA_APPROVAL_OPEN, SEA_REPORT_OPEN]);

const ZF_CHECK_POOL = [
  '[本批次|本次]抽查共随机抽取检查对象{n2}家，涉及{term}、{term}等事项，{found}。',
  '{anyco}：检查事项为{term}，检查结果为[未发现问题|发现问题已责令整改|责令限期改正]。',
  '[抽查|检查]人员从执法人员名录库中随机选派，[检查对象|抽查对象]从监管对象名录库中随机抽取。',
  '对抽查发现的问题，{orgFull}已[依法|督促]{handle}，[整改情况|处理结果]将[及时|适时]向社会公开。',
];
const ZF_PENALTY_POOL = [
  '当事人{co}未经批准占用{dist}{town}{village}集体土地{parea}平方米建设[厂房|仓库|停车场|附属设施]，违反了《中华人民共和国土地管理法》{art}规定。',
  '依据《中华人民共和国土地管理法》{art}规定，决定：责令退还非法占用的土地，限期拆除新建的建筑物和其他设施，并处罚款{yuan}元。',
  '当事人如不服本处罚决定，可在收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。',
  '[上述事实有|以上事实，有]现场勘测记录、询问笔录、[卫星遥感影像|现场照片]等证据证实。',
  '{orgFull}于{dateP2}向当事人送达了《行政处罚告知书》，当事人[在法定期限内未提出陈述、申辩|提出了陈述、申辩，经复核不予采纳]。',
];
const ZF_STATS_POOL = [
  '[全年|{Yp}年]共办理行政处罚案件{n3}件，罚没款{wan2}万元；行政检查{n3}次，行政强制{n1}件。',
  '[土地卫片执法检查|年度卫片执法检查]共{spots}，[已全部整改到位|整改率{pct}]。',
  '[重大执法决定|行政处罚决定]法制审核{n2}件，[执法全过程记录|音像记录]覆盖率100%。',
  '{anyco}{problem}案：罚款{yuan}元，[已执行完毕|正在执行]。',
];
const ZF_POOL = T([...ZF_CHECK_POOL, ...ZF_STATS_POOL]);
const ZF_OPEN = T([
  '为推行行政执法公示制度，现将{orgFull}{Y}年[第{quarter}季度|{month}月]行政执法信息公示如下。',
]);

const FY_POOL = T([
  '经审理查明：申请人于{dateP}向被申请人申请公开“{topic}相关文件”，被申请人于法定期限内作出答复。',
  '申请人称：被申请人[未全面履行查找义务|答复内容不明确|适用法律错误]，请求[撤销|确认违法]该{fyact}。',
  '被申请人称：{fyact}认定事实清楚，证据确凿，适用依据正确，程序合法，请求予以维持。',
  '本机关认为：根据《中华人民共和国政府信息公开条例》{art}规定，被申请人[具有|负有]{term}的法定职责。',
  '被申请人[已|未]对申请人所申请的信息进行全面检索，[并|但]未[说明|提供]检索情况，[答复|处理][符合|不符合]法定程序。',
  '[上述事实有|以上事实，有]申请书、{fyact}、送达回证及当事人陈述等证据证明。',
  '本机关于{dateP2}向被申请人发出《行政复议答复通知书》，被申请人在法定期限内提交了书面答复及相关证据材料。',
]);
const FY_PERSON_OPEN =
  '申请人：{applicant}。被申请人：{dist}规划资源分局。申请人不服被申请人于{dateP}作出的{fyact}，于{dateP2}向本机关申请行政复议，本机关依法予以受理。';
const FY_COMPANY_OPEN =
  '申请人：{co}。被申请人：{orgFull}。申请人不服被申请人作出的{fyact}，向本机关提出行政复议申请，本机关依法已予受理，现已审理终结。';
const FY_OPEN = T([FY_PERSON_OPEN, FY_COMPANY_OPEN]);
const FY_CLOSE = T([
  '综上，根据《中华人民共和国行政复议法》{fyart}规定，本机关决定如下：{fyout}。申请人如不服本决定，可以自收到本决定书之日起十五日内向人民法院提起行政诉讼。',
  '根据《中华人民共和国行政复议法》{fyart}规定，决定：{fyout}。\n{date}',
]);

const MEET_POOL = T([
  '会议[审议|研究|听取]了{term}[有关情况的汇报|工作方案|相关议题]。',
  '会议[指出|强调|要求]，{subj}要{verb}{term}{tail}，{goal}。',
  '会议[同意|原则同意]《关于{verb}{term}{tail}的[意见|方案|通知]》，请{dept}按程序办理。',
  '[市人大代表、政协委员|公众代表]{n1}名列席会议，并就{term}提出意见建议。',
  '议题{cnS}：关于{term}{tail}[有关事项|情况]的[汇报|请示]（{dept}）。',
  '听证会定于{dateB}在{orgFull}召开，听证事项为{proj}[规划条件|设计方案]调整。',
]);
const MEET_OPEN = T([
  '{dateP2}，{leader}主持召开{Y}年第{cnb}次局务会议，[研究部署|审议]{topic}和{term}等工作。',
  '[为推进|为做好]会议公开工作，现将{orgFull}{Y}年第{cnb}次[局务会议|局长专题会议]议题公开如下。',
]);

const NDBG_POOL = T([
  '{Yp}年，{orgFull}主动公开政府信息{n4}条，其中[行政规范性文件|政策解读材料]{n2}件。',
  '全年共受理政府信息公开申请{n3}件，上年结转{n1}件，办结{n3}件，结转下年度继续办理{n1}件。',
  '因政府信息公开工作被申请行政复议{n1}件，结果维持{n1}件，结果纠正{n1}件，尚未审结{n1}件。',
  '本年度收取信息处理费{n3}元。',
  '[存在的主要问题|不足]：{term}[信息更新不够及时|公开深度有待提升|解读形式较为单一]。',
  '[改进措施|下一步]：{verb}{term}{tail}，[完善|健全]{term}[制度|机制]，{goal}。',
  '{Yp}年，{benshi}[批准|供应|登记]{term}{n3}{unitCnt}，面积{ha}公顷，{result}。',
]);
const NDBG_OPEN = T([
  '本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制，报告中所列数据统计期限自{Yp}年1月1日起至{Yp}年12月31日止。',
  '{Yp}年，{orgFull}深入贯彻落实{topic}和{term}有关要求，[扎实推进|持续深化]各项工作，现将有关情况报告如下。',
]);

const NOTICE_POOL = T([
  '征求意见时间：{dateA}至{dateB}。',
  '公众可通过[信函|现场|政府网站意见征集栏目]方式提出意见建议，[信函请注明“意见征集”字样|请注明真实姓名和联系方式]。',
  '[请|望]各[相关单位|用地单位]于{dateB}前[完成|报送]{topic}[自查|材料]。',
  '[汛期|主汛期]地质灾害[易发|风险较高]区域主要分布在{anydist}{anytown}、{anydist}{anytown}等地，请[加强巡查|提高警惕]。',
  '[活动|工作]期间，{subj}要[结合|围绕]{topic}[开展|组织]形式多样的[宣传|培训|咨询]活动。',
  '[对|针对]公告内容有疑问的，可[在工作日|于公告期内]到{orgFull}[政务服务窗口|办公室]咨询。',
]);
const NOTICE_OPEN = T(['为{verb}{topic}{tail}，[现将有关事项公告如下|现就有关事项通知如下]：']);
const NOTICE_CLOSE = T(['特此公告。', '特此通知。', '{orgFull}\n{date}', '（此件主动公开）']);

const NEWS_POOL = T([
  '{dateP2}，{leader}[带队|一行]赴{anydist}{anytown}调研{term}工作。',
  '会议[指出|强调]，{subj}要{verb}{topic}{tail}，{goal}。',
  '[培训|活动]邀请{expert}就{topic}、{term}等内容进行了讲解。',
  '[下一步|接下来]，{orgShort}将继续{verb}{topic}{tail}，{goal}。',
  '{dist}累计完成{term}{n3}{unitCnt}，{result}。',
  '[现场|调研中]，{leader}[详细了解|察看了]{proj}[建设进展|用地保障|规划实施]情况。',
  '[活动期间|此次活动]共发放宣传材料{n4}份，[解答群众咨询|接待群众]{n3}人次。',
  '[参加|参会]人员[表示|纷纷表示]，将把{topic}要求[落实到具体工作中|贯穿工作始终]。',
  '{leader}[指出|强调]，[做好|抓好]{topic}工作[事关|关系到]{term}和[群众切身利益|经济社会发展大局]。',
]);
const NEWS_OPEN = T([
  '[近日|日前]，{orgShort}[扎实推进|全力推进]{topic}工作，[取得阶段性成效|各项工作有序开展]。',
]);

interface ColumnInput {
  code: string;
  weight: number;
  docP: number;
  nonValid: number;
  len: number;
  issuers: Weighted<string>;
  titles: TitleSpec[];
  open: Tpl[];
  pool: Tpl[];
  close?: Tpl[];
  poolShare?: number;
  headings?: readonly string[];
  orderedHeadings?: boolean;
  dateMode?: 'ys' | 'js' | 'ndbg';
}

function col(input: ColumnInput): ColumnDef {
  const def: ColumnDef = {
    code: input.code,
    weight: input.weight,
    docP: input.docP,
    nonValid: input.nonValid,
    len: input.len,
    issuers: input.issuers,
    titles: titles(input.titles),
    open: input.open,
    pool: input.pool,
    close: input.close ?? [],
    poolShare: input.poolShare ?? 0.6,
  };
  if (input.headings) def.headings = input.headings;
  if (input.orderedHeadings) def.orderedHeadings = true;
  if (input.dateMode) def.dateMode = input.dateMode;
  return def;
}

const ORG_BODY = { open: ORG_OPEN, pool: ORG_POOL, poolShare: 0.8 };
const POLICY_BODY = {
  open: POLICY_OPEN,
  pool: POLICY_POOL,
  close: POLICY_CLOSE,
  headings: POLICY_HEADINGS,
  poolShare: 0.35,
};

const COLUMNS: ColumnDef[] = [
  col({
    code: 'jgzn',
    weight: 0.05,
    docP: 0.05,
    nonValid: 0.2,
    len: 0.8,
    issuers: ORG_ISSUERS,
    titles: [
      ['其他', 2, '{orgFull}主要职责'],
      ['其他', 2, '{orgFull}机构职能[|（{Y}年更新）]'],
      ['其他', 1, '{orgFull}职能配置、内设机构和人员编制规定'],
    ],
    ...ORG_BODY,
  }),
  col({
    code: 'ldxx',
    weight: 0.1,
    docP: 0,
    nonValid: 0.3,
    len: 0.5,
    issuers: ORG_ISSUERS,
    titles: [
      ['其他', 3, '{orgFull}领导信息'],
      ['其他', 2, '{orgFull}领导班子成员及分工（{Y}年{month}月更新）'],
      ['通知', 1, '关于{orgFull}领导分工调整的通知'],
    ],
    ...ORG_BODY,
  }),
  col({
    code: 'nsjg',
    weight: 0.05,
    docP: 0.1,
    nonValid: 0.2,
    len: 0.7,
    issuers: ORG_ISSUERS,
    titles: [
      ['其他', 3, '{orgFull}内设机构及职责'],
      ['其他', 2, '{orgFull}内设机构设置情况（{Y}年）'],
      ['通知', 1, '关于调整{orgFull}内设机构的通知'],
    ],
    ...ORG_BODY,
  }),
  col({
    code: 'xsdw',
    weight: 0.05,
    docP: 0,
    nonValid: 0.1,
    len: 0.7,
    issuers: ORG_ISSUERS,
    titles: [
      ['其他', 3, '{unitName}基本情况'],
      ['其他', 2, '{orgFull}所属事业单位名录（{Y}年）'],
      ['其他', 2, '{unitName}主要职责及办公地址'],
    ],
    ...ORG_BODY,
  }),
  col({
    code: 'lxfs',
    weight: 0.05,
    docP: 0,
    nonValid: 0.2,
    len: 0.4,
    issuers: ORG_ISSUERS,
    titles: [
      ['其他', 2, '{orgFull}联系方式'],
      ['其他', 2, '{orgFull}政府信息公开受理机构及办公地址'],
      ['其他', 1, '{orgFull}办公地址及对外办公时间'],
      ['公告', 1, '关于{orgFull}办公地址变更的公告'],
    ],
    ...ORG_BODY,
  }),
  col({
    code: 'qzqd',
    weight: 0.2,
    docP: 0.3,
    nonValid: 0.3,
    len: 1.2,
    issuers: ORG_ISSUERS,
    titles: [
      ['其他', 3, '{orgFull}权责清单（{Y}年版）'],
      ['其他', 1, '{orgFull}行政许可事项清单'],
      ['公告', 1, '关于调整{orgFull}权责清单的公告'],
      ['其他', 1, '{orgFull}行政处罚裁量基准'],
      ['其他', 1, '{orgFull}公共服务事项清单（{Y}年版）'],
    ],
    ...ORG_BODY,
  }),
  col({
    code: 'gtkjgh',
    weight: 0.8,
    docP: 0.6,
    nonValid: 0.15,
    len: 1.3,
    issuers: PLAN_ISSUERS,
    titles: [
      ['公告', 2, '关于公布《{city}{ghname}（{ghperiod}）》的公告', { codes: ['示规资公告'] }],
      ['公示', 2, '{dist}{ghname}（{ghperiod}）（草案）公示'],
      ['批复', 1, '关于{dist}{ghname}（{ghperiod}）的批复', { open: PLAN_REPLY_OPEN }],
      ['规划', 2, '{city}{dist}{town}{ghname}（{ghperiod}）'],
      ['方案', 1, '{city}{ghname}近期实施方案（{Y}—{Y2}年）'],
      ['报告', 1, '{city}{ghname}实施评估报告（{Y}年）'],
    ],
    open: PLAN_OPEN,
    pool: PLAN_POOL,
    poolShare: 0.75,
  }),
  col({
    code: 'zxgh',
    weight: 0.8,
    docP: 0.7,
    nonValid: 0.2,
    len: 1.3,
    issuers: PLAN_ISSUERS,
    titles: [
      ['通知', 3, '关于印发《{city}{zxname}（{period5}）》的通知'],
      ['规划', 2, '{city}{zxname}（{period5}）'],
      ['公示', 1, '{city}{zxname}（{period5}）[草案|环境影响评价]公示'],
      ['批复', 1, '关于{city}{zxname}（{period5}）的批复', { open: PLAN_REPLY_OPEN }],
    ],
    open: T([
      '《{city}{zxname}（{period5}）》[已经{auth}批复同意|经{auth}审议通过]，现[印发给你们|予以公布]，请认真贯彻执行。',
      '为[落实|贯彻]{topic}要求，{orgFull}组织编制了《{city}{zxname}（{period5}）》，[现予公示|现予印发]，[公示期|征求意见期]为{dateA}至{dateB}。',
    ]),
    pool: PLAN_POOL,
    poolShare: 0.7,
  }),
  col({
    code: 'qygh',
    weight: 1,
    docP: 0.4,
    nonValid: 0.2,
    len: 1,
    issuers: PLAN_ISSUERS,
    titles: [
      ['公示', 3, '{dist}{unit2}控制性详细规划[修改|局部调整|]批前公示'],
      ['规划', 2, '{dist}{unit2}控制性详细规划批后公布'],
      ['批复', 2, '关于批准《{dist}{unit2}控制性详细规划》的批复', { open: PLAN_REPLY_OPEN }],
      ['公告', 1, '关于公开征求《{xincheng}分区规划（2021—2035年）》意见的公告', { codes: ['示规资公告'] }],
      ['规划', 1, '{xincheng}分区规划（2021—2035年）'],
      ['公示', 1, '{dist}{town}村庄规划（{Y}—2035年）公示'],
    ],
    open: T([
      '{dist}{unit2}位于{dist}[中部|东部|西部|南部|北部]，东至{anyroad}，西至{anyroad}，南至{anyroad}，北至{anyroad}，规划面积{ha}公顷。',
      '《{dist}{unit2}控制性详细规划》[已经{auth}批准|经{auth}审查同意]，根据《中华人民共和国城乡规划法》有关规定，现予[公布|公示]。',
    ]),
    pool: PLAN_POOL,
    poolShare: 0.7,
  }),
  col({
    code: 'xzgfxwj',
    weight: 2,
    docP: 0.97,
    nonValid: 0.25,
    len: 1.5,
    issuers: POLICY_ISSUERS,
    titles: [
      ['通知', 2, '关于印发《{city}{topic}管理办法》的通知', { codes: ['示规资规'] }],
      ['办法', 2, '关于印发《{city}{topic}{tail}办法》的通知', { codes: ['示规资规'] }],
      ['办法', 2, '{city}{topic}管理办法', { codes: ['示规资规'] }],
      ['其他', 1, '{city}{topic}实施细则', { codes: ['示规资规'] }],
      ['意见', 2, '关于{verb}{topic}{tail}的意见', { codes: ['示规资规', '示规资规', '示规资发'] }],
      ['通知', 3, '关于{verb}{topic}{tail}的通知', { codes: ['示规资规', '示规资规', '示规资发'] }],
      ['方案', 1, '{city}{topic}[工作|]实施方案', { codes: ['示规资规'] }],
      ['通知', 2, '关于{topic}有关事项的通知', { codes: ['示规资规'] }],
    ],
    ...POLICY_BODY,
  }),
  col({
    code: 'qtwj',
    weight: 5,
    docP: 0.9,
    nonValid: 0.15,
    len: 1.1,
    issuers: POLICY_ISSUERS,
    titles: [
      ['通知', 2, '关于印发《{Y}年{topic}工作要点》的通知'],
      ['通知', 2, '关于开展{Y}年{topic}专项检查的通知'],
      ['通知', 2, '关于做好{Y}年{topic}工作的通知'],
      ['通知', 3, '关于{verb}{topic}{tail}的通知'],
      ['方案', 1, '{Y}年{topic}工作方案'],
      [
        '通知',
        1,
        '关于转发{auth}《关于{verb}{topic}{tail}的通知》的通知',
        { codes: ['示政办发', '示规资办'] },
      ],
      ['报告', 1, '关于{dist}{topic}工作情况的报告'],
      ['通知', 1, '关于印发{orgFull}{Y}年{topic}工作实施方案的通知'],
      ['意见', 1, '关于{verb}{topic}{tail}的实施意见'],
    ],
    ...POLICY_BODY,
  }),
  col({
    code: 'zcjd',
    weight: 3,
    docP: 0,
    nonValid: 0.15,
    len: 1,
    issuers: POLICY_ISSUERS,
    titles: [
      ['解读', 3, '《{city}{topic}管理办法》政策解读'],
      ['解读', 3, '《关于{verb}{topic}{tail}的[意见|通知]》解读'],
      ['解读', 1, '图解：《关于{verb}{topic}{tail}的通知》'],
      ['解读', 1, '一图读懂《{city}{topic}实施方案》'],
      ['解读', 1, '[专家|部门负责人]解读《{city}{topic}管理办法》'],
      ['解读', 1, '{Y}年{topic}政策问答解读'],
    ],
    open: JD_OPEN,
    pool: JD_POOL,
    headings: JD_HEADINGS,
    poolShare: 0.7,
  }),
  col({
    code: 'ys',
    weight: 0.6,
    docP: 0.05,
    nonValid: 0.02,
    len: 1.2,
    issuers: FIN_ISSUERS,
    titles: [
      ['其他', 3, '市规划和自然资源局{Y}年部门预算'],
      ['其他', 2, '{unitName}{Y}年单位预算'],
      ['其他', 1, '{orgFull}{Y}年部门预算公开说明'],
      ['其他', 1, '市规划和自然资源局{Y}年“三公”经费预算情况说明'],
    ],
    open: T(YS_OPEN),
    pool: FIN_POOL,
    close: FIN_CLOSE,
    poolShare: 0.8,
    dateMode: 'ys',
  }),
  col({
    code: 'js',
    weight: 0.6,
    docP: 0.05,
    nonValid: 0.02,
    len: 1.2,
    issuers: FIN_ISSUERS,
    titles: [
      ['其他', 3, '市规划和自然资源局{Yp}年度部门决算'],
      ['其他', 2, '{unitName}{Yp}年度单位决算'],
      ['其他', 1, '{orgFull}{Yp}年度部门决算公开说明'],
      ['其他', 1, '市规划和自然资源局{Yp}年度“三公”经费决算情况说明'],
    ],
    open: T(JS_OPEN),
    pool: FIN_POOL,
    close: FIN_CLOSE,
    poolShare: 0.8,
    dateMode: 'js',
  }),
  col({
    code: 'zfcg',
    weight: 6,
    docP: 0.3,
    nonValid: 0.02,
    len: 0.9,
    issuers: FIN_ISSUERS,
    titles: [
      ['公告', 3, '{orgFull}{Y}年度{service}项目[公开招标|竞争性磋商|询价]公告'],
      ['公告', 3, '{Y}年度{service}项目[中标|成交]结果公告', { open: CG_RESULT_OPEN }],
      ['其他', 2, '{Y}年度{service}采购意向公开', { open: CG_INTENT_OPEN, pool: CG_INTENT_POOL }],
      ['公告', 1, '{service}项目（{procNo}）[更正|废标|合同]公告'],
      ['公示', 1, '{service}项目单一来源采购公示'],
    ],
    open: CG_OPEN,
    pool: CG_POOL,
    close: NOTICE_CLOSE.slice(0, 1),
    poolShare: 0.8,
  }),
  col({
    code: 'zdxx',
    weight: 10,
    docP: 0.85,
    nonValid: 0.05,
    len: 1.1,
    issuers: issuers(
      [
        [C, 1],
        ['资源处', 6],
      ],
      2,
    ),
    titles: [
      ['公告', 3, '{dist}{Y}年第{cnb}批次城镇建设用地征收土地公告', { codes: ['示规资征告'] }],
      [
        '公告',
        2,
        '{dist}{Y}年第{cnb}批次城镇建设用地征收土地预公告',
        { codes: ['示规资征告'], open: ZD_PRE_OPEN },
      ],
      ['公告', 2, '{dist}{Y}年第{cnb}批次城镇建设用地征地补偿安置方案公告', { codes: ['示规资征告'] }],
      ['批复', 1, '关于{dist}{Y}年第{cnb}批次城镇建设用地的批复', { open: ZD_REPLY_OPEN }],
      [
        '公告',
        2,
        '{dist}{town}{village}集体土地征收[预公告|公告]',
        { codes: ['示规资征告'], open: ZD_PRE_OPEN },
      ],
      ['其他', 1, '{dist}{Y}年度征地信息公开[汇总表|情况]', { open: ZD_SUMMARY_OPEN }],
      ['公示', 1, '{proj}征收土地社会稳定风险评估公示', { open: ZD_RISK_OPEN }],
      ['公示', 1, '{dist}{town}{village}拟征收土地现状调查结果公示', { open: ZD_SURVEY_OPEN }],
      ['其他', 1, '{dist}{Y}年第{cnb}批次土地征收听证告知书', { open: ZD_HEARING_OPEN }],
    ],
    open: ZD_OPEN,
    pool: ZD_POOL,
    close: NOTICE_CLOSE.slice(0, 3),
    poolShare: 0.75,
  }),
  col({
    code: 'gyjh',
    weight: 0.4,
    docP: 0.3,
    nonValid: 0.05,
    len: 1,
    issuers: LAND_ISSUERS,
    titles: [
      ['其他', 3, '{city}{Y}年度国有建设用地供应计划'],
      ['其他', 1, '{city}{Y}—{Y2}年住宅用地供应三年滚动计划'],
      ['其他', 1, '{anydist}{Y}年度国有建设用地供应计划'],
      ['公告', 1, '关于公布{city}{Y}年度国有建设用地供应计划的公告'],
    ],
    open: T([
      '为合理安排土地供应规模、结构、布局和时序，{orgFull}编制了{city}{Y}年度国有建设用地供应计划，现予公布。',
    ]),
    pool: LAND_PLAN_POOL,
    close: LAND_CLOSE,
    poolShare: 0.7,
  }),
  col({
    code: 'crgg',
    weight: 6,
    docP: 0.9,
    nonValid: 0.03,
    len: 1.3,
    issuers: LAND_ISSUERS,
    titles: [
      ['公告', 4, '{dist}{ploc}地块国有建设用地使用权{method}出让公告', { codes: ['示规资告'] }],
      ['公告', 2, '{parcel}宗地国有建设用地使用权{method}出让公告', { codes: ['示规资告'] }],
      ['公告', 2, '{dist}{Y}年第{cnb}批国有建设用地使用权{method}出让公告', { codes: ['示规资告'] }],
      ['公告', 1, '关于{parcel}宗地{method}出让[终止|延期|补充]公告', { codes: ['示规资告'] }],
    ],
    open: T([
      '经{city}人民政府批准，{orgFull}决定以{method}方式出让{n1}宗地块的国有建设用地使用权。现将有关事项公告如下：',
    ]),
    pool: LAND_NOTICE_POOL,
    close: LAND_CLOSE,
    poolShare: 0.85,
  }),
  col({
    code: 'cjgs',
    weight: 5,
    docP: 0.6,
    nonValid: 0.02,
    len: 0.6,
    issuers: LAND_ISSUERS,
    titles: [
      ['公示', 3, '{parcel}地块国有建设用地使用权成交公示'],
      ['公示', 3, '{dist}{ploc}地块国有建设用地使用权成交公示'],
      ['公示', 1, '{dist}{Y}年{month}月国有建设用地使用权出让成交结果公示'],
    ],
    open: T(['{parcel}地块国有建设用地使用权于{dateP2}在{center}以{method}方式成交，现将结果公示如下：']),
    pool: LAND_RESULT_POOL,
    close: LAND_CLOSE,
    poolShare: 0.85,
  }),
  col({
    code: 'gyjg',
    weight: 5,
    docP: 0.35,
    nonValid: 0.02,
    len: 0.6,
    issuers: LAND_ISSUERS,
    titles: [
      ['其他', 3, '{Y}年{month}月国有建设用地供应结果'],
      ['其他', 2, '{parcel}地块国有建设用地使用权供应结果'],
      ['其他', 1, '{dist}{Y}年第{quarter}季度土地供应结果公开'],
      ['公示', 1, '{dist}{ploc}地块划拨供地结果公示'],
    ],
    open: T([
      '根据《{law}》和国有建设用地供应有关规定，现将{Y}年{month}月[国有建设用地供应结果|土地供应情况]公开如下：',
    ]),
    pool: LAND_RESULT_POOL,
    close: LAND_CLOSE,
    poolShare: 0.85,
  }),
  col({
    code: 'kyq',
    weight: 2,
    docP: 0.7,
    nonValid: 0.05,
    len: 1,
    issuers: MINE_ISSUERS,
    titles: [
      ['公告', 3, '{dist}{town}{mineral}{mkind}挂牌出让公告', { codes: ['示规资矿告'] }],
      [
        '公示',
        2,
        '{dist}{town}{mineral}{mkind}出让结果公示',
        {
          open: [
            '{dist}{town}{mineral}{mkind}于{dateP2}在{center}以挂牌方式出让，竞得人为{co}，现将结果公示如下：',
          ],
        },
      ],
      [
        '公示',
        1,
        '{co}{mineral}{mkind}转让公示',
        {
          open: [
            '{co}申请将其持有的{dist}{town}{mineral}{mkind}转让给{anyco}，经审查符合转让条件，现予公示。',
          ],
        },
      ],
      [
        '公示',
        1,
        '{Y}年度矿业权出让收益[征收情况|评估结果]公示',
        { open: ['根据矿业权出让收益征收管理有关规定，现将{Y}年度矿业权出让收益有关情况公示如下：'] },
      ],
      [
        '报告',
        1,
        '{dist}{mineral}{mkind}出让收益评估报告',
        {
          open: ['受{orgFull}委托，{anyco}对{dist}{mineral}{mkind}出让收益进行了评估，评估基准日为{dateP}。'],
        },
      ],
    ],
    open: MINE_OPEN,
    pool: MINE_POOL,
    close: LAND_CLOSE,
    poolShare: 0.8,
  }),
  col({
    code: 'zpmt',
    weight: 6,
    docP: 0.3,
    nonValid: 0.02,
    len: 0.7,
    issuers: PERMIT_ISSUERS,
    titles: [
      ['公示', 4, '{dist}{ploc}{projtype}建设工程设计方案总平面图[批前公示|批后公示]'],
      ['公示', 2, '{proj}规划设计方案[调整|变更]公示'],
      ['公示', 1, '{proj}建设工程设计方案总平面图公示'],
    ],
    open: PERMIT_OPEN,
    pool: PERMIT_POOL,
    close: LAND_CLOSE,
    poolShare: 0.8,
  }),
  col({
    code: 'ghzyxk',
    weight: 8,
    docP: 0.55,
    nonValid: 0.02,
    len: 0.8,
    issuers: PERMIT_ISSUERS,
    titles: [
      ['其他', 3, '{Y}年{month}月{half}建设工程规划许可证核发结果'],
      ['其他', 2, '{Y}年{month}月建设用地规划许可证核发情况'],
      ['其他', 1, '{Y}年第{cnb}批建设项目用地预审与选址意见书核发结果'],
      [
        '公示',
        1,
        '{proj}乡村建设规划许可证核发公示',
        {
          open: [
            '{proj}位于{dist}{town}{village}，申请办理乡村建设规划许可证，经审查符合村庄规划要求，现予公示。',
          ],
        },
      ],
      ['其他', 1, '{dist}{Y}年{month}月规划资源行政许可结果公开'],
      [
        '公告',
        1,
        '{proj}规划条件核实合格证核发公告',
        { open: ['{proj}已按规划许可内容建设完成，经现场核实符合规划条件，现核发规划条件核实合格证。'] },
      ],
    ],
    open: PERMIT_RESULT_OPEN,
    pool: PERMIT_POOL,
    poolShare: 0.85,
  }),
  col({
    code: 'kyqdj',
    weight: 2,
    docP: 0.6,
    nonValid: 0.05,
    len: 0.7,
    issuers: MINE_ISSUERS,
    titles: [
      ['公告', 3, '{Y}年{month}月矿业权登记结果公告'],
      ['其他', 2, '{Y}年第{quarter}季度[采矿权|探矿权]登记信息公开'],
      ['公告', 1, '{co}{mineral}采矿权[延续|变更|注销]登记公告'],
    ],
    open: MINE_REG_OPEN,
    pool: MINE_POOL,
    poolShare: 0.85,
  }),
  col({
    code: 'hyhdxk',
    weight: 1.5,
    docP: 0.6,
    nonValid: 0.05,
    len: 0.9,
    issuers: issuers(
      [
        [C, 2],
        ['资源处', 6],
      ],
      0,
    ),
    titles: [
      ['公告', 3, '{port}{seaproj}海域使用权批复公告', { open: [SEA_APPROVAL_OPEN] }],
      ['报告', 2, '{port}{seaproj}海域使用论证报告（公开版）', { open: [SEA_REPORT_OPEN] }],
      ['公示', 2, '{port}{seaproj}海域使用论证报告公示', { open: [SEA_REPORT_OPEN] }],
      ['批复', 1, '关于{port}{seaproj}用海的批复'],
      [
        '方案',
        1,
        '{island}无居民海岛开发利用具体方案',
        {
          open: [
            '{island}位于{port}以{side}海域，[拟|申请]开发利用，现将开发利用具体方案[予以公示|公开如下]。',
          ],
        },
      ],
      [
        '公告',
        1,
        '{Y}年{month}月海域使用权登记结果公告',
        { open: ['现将{Y}年{month}月海域使用权登记结果公告如下：'] },
      ],
    ],
    open: SEA_OPEN,
    pool: SEA_POOL,
    close: NOTICE_CLOSE.slice(0, 1),
    poolShare: 0.8,
  }),
  col({
    code: 'xzzfgs',
    weight: 4,
    docP: 0.6,
    nonValid: 0.03,
    len: 0.9,
    issuers: LAW_ISSUERS,
    titles: [
      [
        '公示',
        3,
        '{Y}年第{cnb}批“双随机、一公开”抽查结果公示',
        {
          open: [
            '根据《{law}》和“双随机、一公开”监管有关要求，{orgFull}于{dateP}至{dateP2}开展了{topic}随机抽查，现将结果公示如下：',
          ],
          pool: ZF_CHECK_POOL,
        },
      ],
      [
        '其他',
        3,
        '{co}[非法占用土地|未按规划许可建设|越界开采|擅自改变土地用途]案行政处罚决定书',
        {
          codes: ['示规资罚'],
          open: [
            '当事人：{co}。{orgFull}[接到举报|在日常巡查中发现]，当事人涉嫌{problem}，经立案调查，查明事实如下：',
          ],
          pool: ZF_PENALTY_POOL,
        },
      ],
      ['公示', 1, '{dist}{Y}年土地卫片执法检查结果公示', { pool: ZF_STATS_POOL }],
      ['报告', 1, '{orgFull}{Yp}年度行政执法工作报告', { pool: ZF_STATS_POOL }],
      ['公示', 2, '{Y}年{month}月行政处罚信息公示'],
      ['其他', 1, '{orgFull}行政执法事项清单（{Y}年版）'],
    ],
    open: ZF_OPEN,
    pool: ZF_POOL,
    poolShare: 0.8,
  }),
  col({
    code: 'xzfyjds',
    weight: 2,
    docP: 0.9,
    nonValid: 0.02,
    len: 1.1,
    issuers: LAW_ISSUERS,
    titles: [
      [
        '其他',
        4,
        '{applicant}不服{dist}规划资源分局{fyact}行政复议决定书',
        { codes: ['示规资复决'], open: [FY_PERSON_OPEN] },
      ],
      [
        '其他',
        2,
        '关于{applicant}政府信息公开答复行政复议案件的决定书',
        { codes: ['示规资复决'], open: [FY_PERSON_OPEN] },
      ],
      ['其他', 1, '{co}不服{fyact}行政复议决定书', { codes: ['示规资复决'], open: [FY_COMPANY_OPEN] }],
    ],
    open: FY_OPEN,
    pool: FY_POOL,
    close: FY_CLOSE,
    poolShare: 0.9,
  }),
  col({
    code: 'hygk',
    weight: 2,
    docP: 0.15,
    nonValid: 0.02,
    len: 0.7,
    issuers: ORG_ISSUERS,
    titles: [
      ['其他', 3, '{Y}年第{cnb}次局务会议议题公开'],
      ['其他', 2, '{Y}年第{cnb}次局长专题会议纪要（公开版）'],
      [
        '公告',
        1,
        '关于召开{proj}听证会的公告',
        {
          open: [
            '根据《{law}》有关规定，{orgFull}决定就{proj}[规划条件|设计方案]调整举行听证会，现将有关事项公告如下：',
          ],
        },
      ],
      ['其他', 1, '{orgFull}{Y}年第{cnb}次党组会议议题公开'],
      ['公示', 1, '{Y}年{month}月局务会议公众列席情况公示'],
    ],
    open: MEET_OPEN,
    pool: MEET_POOL,
    poolShare: 0.8,
  }),
  col({
    code: 'ndbg',
    weight: 0.2,
    docP: 0,
    nonValid: 0.02,
    len: 2.2,
    issuers: ORG_ISSUERS,
    titles: [
      ['报告', 4, '{orgFull}{Yp}年政府信息公开工作年度报告'],
      ['报告', 1, '{orgFull}{Yp}年法治政府建设情况报告'],
      ['报告', 1, '{city}{Yp}年度国土空间规划实施监测评估报告'],
      ['其他', 1, '{city}{Yp}年度自然资源公报'],
      ['报告', 1, '{city}{Yp}年度国土空间生态修复工作报告'],
    ],
    open: NDBG_OPEN,
    pool: NDBG_POOL,
    headings: NDBG_HEADINGS,
    orderedHeadings: true,
    poolShare: 0.7,
    dateMode: 'ndbg',
  }),
  col({
    code: 'tzgg',
    weight: 10,
    docP: 0.6,
    nonValid: 0.1,
    len: 0.9,
    issuers: issuers(
      [
        [C, 4],
        ['法规处', 1],
        ['财务处', 0.5],
        ['资源处', 1],
        ['利用处', 1],
        ['矿管处', 0.5],
        ['业务处', 1],
        ['信访处', 1],
      ],
      1,
    ),
    titles: [
      [
        '公告',
        3,
        '关于公开征求《{city}{topic}管理办法（征求意见稿）》意见的公告',
        {
          open: [
            '为[广泛听取|充分听取]社会公众意见，{orgFull}起草了《{city}{topic}管理办法（征求意见稿）》，现向社会公开征求意见。',
          ],
        },
      ],
      [
        '通知',
        2,
        '关于开展{Y}年{topic}宣传周活动的通知',
        {
          open: [
            '为{verb}{topic}{tail}，{orgFull}决定于{dateA}至{dateB}开展{Y}年{topic}宣传周活动，现将有关事项通知如下：',
          ],
        },
      ],
      [
        '公告',
        1,
        '关于{Y}年{holiday}期间不动产登记窗口服务时间调整的公告',
        {
          open: [
            '根据{Y}年部分节假日安排，现将{holiday}期间（{dateA}至{dateB}）不动产登记窗口服务时间调整如下：',
          ],
          pool: [
            '[{dateA}至{dateB}|节日期间]不动产登记窗口暂停对外办公，{dateC}起恢复正常办公。',
            '节日期间网上登记业务不受影响，[抵押登记|查询业务]可通过[政务服务网|网上办事平台]办理。',
            '[急需办理|确需办理]{term}业务的，可[提前预约|在节后优先办理]。',
          ],
        },
      ],
      [
        '公告',
        1,
        '关于公布{Y}年度{topic}检查结果的公告',
        { open: ['根据《{law}》有关规定，{orgFull}组织开展了{Y}年度{topic}检查，现将检查结果公告如下：'] },
      ],
      [
        '公告',
        2,
        '关于{dist}{town}{village}不动产首次登记的公告',
        {
          open: [
            '根据《不动产登记暂行条例实施细则》规定，{dist}{town}{village}[集体土地所有权|宅基地使用权]首次登记申请已受理，现予公告。',
          ],
          pool: [
            '[相关权利人|利害关系人]如有异议，请于公告之日起十五个工作日内提出，并提供相关证明材料。',
            '[权利人|申请人]：{village}村民委员会；[不动产单元号|宗地位置]：{dist}{town}{village}；面积：{parea}平方米。',
            '逾期无人提出异议或者异议不成立的，将予以登记。',
          ],
        },
      ],
      ['通知', 2, '关于做好{Y}年{topic}工作的通知'],
      [
        '公告',
        1,
        '关于{proj}[规划条件|设计方案]意见征集的公告',
        { open: ['{proj}[规划条件|设计方案]已经初步审查，为[听取|征求]利害关系人意见，现予公告。'] },
      ],
      [
        '公示',
        1,
        '关于{Y}年度测绘资质[复审|核查]结果的公示',
        {
          open: ['根据测绘资质管理有关规定，{orgFull}对{n2}家测绘单位进行了[复审|核查]，现将结果公示如下：'],
        },
      ],
      [
        '方案',
        1,
        '{dist}{Y}年汛期地质灾害防治工作方案',
        {
          open: [
            '为做好{dist}{Y}年汛期地质灾害防治工作，[最大限度|切实]保障人民群众生命财产安全，制定本方案。',
          ],
        },
      ],
      [
        '公告',
        1,
        '关于{anydist}{anyroad}等道路命名的公告',
        {
          open: [
            '根据《地名管理条例》和{city}地名管理有关规定，经{auth}批准，现对{anydist}{n1}条道路予以命名。',
          ],
        },
      ],
    ],
    open: NOTICE_OPEN,
    pool: NOTICE_POOL,
    close: NOTICE_CLOSE,
    poolShare: 0.45,
  }),
  col({
    code: 'gzdt',
    weight: 14,
    docP: 0,
    nonValid: 0,
    len: 0.75,
    issuers: issuers(
      [
        [C, 5],
        ['法规处', 1],
        ['财务处', 0.5],
        ['资源处', 1],
        ['利用处', 1],
        ['矿管处', 1],
        ['业务处', 1],
        ['信访处', 1],
      ],
      1.5,
    ),
    titles: [
      [
        '其他',
        3,
        '{orgShort}召开{Y}年{topic}工作会议',
        {
          open: ['{dateP2}，{orgShort}召开{Y}年{topic}工作会议，[总结|回顾]{Yp}年工作，部署{Y}年重点任务。'],
        },
      ],
      [
        '其他',
        2,
        '{leader}带队调研{dist}{topic}工作',
        {
          open: [
            '{dateP2}，{leader}带队赴{dist}{town}调研{topic}工作，[实地察看|详细了解]{proj}[建设进展|用地保障]情况。',
          ],
        },
      ],
      ['其他', 2, '{orgShort}扎实推进{topic}工作'],
      [
        '其他',
        2,
        '{orgShort}举办{Y}年{topic}业务培训班',
        {
          open: ['为{verb}{topic}{tail}，{dateP2}，{orgShort}举办{Y}年{topic}业务培训班，{n2}余人参加培训。'],
        },
      ],
      [
        '其他',
        2,
        '{orgShort}开展{topic}宣传活动',
        {
          open: [
            '{dateP2}，{orgShort}[在{anydist}{anyroad}|在政务服务大厅|在{dist}{town}]开展{topic}宣传活动。',
          ],
        },
      ],
      [
        '其他',
        1,
        '{dist}完成{Y}年{topic}年度任务',
        { open: ['[截至|到]{dateP2}，{dist}[已完成|提前完成]{Y}年{topic}年度任务，{result}。'] },
      ],
      [
        '其他',
        2,
        '{orgShort}召开{topic}工作推进会',
        {
          open: [
            '{dateP2}，{orgShort}召开{topic}工作推进会，[通报|听取]{topic}[进展情况|工作情况]，部署下一阶段工作。',
          ],
        },
      ],
      [
        '其他',
        1,
        '{orgShort}与{auth}座谈交流{topic}工作',
        {
          open: [
            '{dateP2}，{orgShort}与{auth}[召开座谈会|座谈交流]，[围绕|就]{topic}工作[深入交流|进行研讨]。',
          ],
        },
      ],
      [
        '其他',
        1,
        '{orgShort}组织开展“{docslogan}”主题活动',
        {
          open: [
            '{dateP2}，{orgShort}组织开展“{docslogan}”主题活动，[引导|推动]{subj}[进一步|切实]{verb}{topic}{tail}。',
          ],
        },
      ],
    ],
    open: NEWS_OPEN,
    pool: NEWS_POOL,
    poolShare: 0.6,
  }),
];

for (const c of COLUMNS) {
  for (const t of [{ pool: c.pool }, ...c.titles.items]) {
    if (t.pool && t.pool.length > 31)
      throw new Error(`column ${c.code}: the used-sentence bitmask holds 31 templates`);
  }
}
if (GENERIC.length > 31) throw new Error('GENERIC: the used-sentence bitmask holds 31 templates');

const COLUMN_PICK = weighted(COLUMNS.map((c): [ColumnDef, number] => [c, c.weight]));
const FALLBACK_TITLE = compile('{orgFull}{Y}年{term}工作信息');

const GENERAL_CODES = weighted<string>([
  ['示规资发', 5],
  ['示规资函', 2],
  ['示规资办', 2],
  ['示政办发', 1],
]);

function docCode(title: TitleTpl, issuer: string, branch: number): string {
  if (branch >= 0)
    return `示规资${BRANCH_SHORT[branch]}分局${title.genre === '批复' || chance(0.2) ? '函' : '发'}`;
  if (title.codes) return pick(title.codes);
  if (title.genre === '批复') return '示规资函';
  if (issuer === CITY_ISSUER && chance(0.1)) return '示政办发';
  return wpick(GENERAL_CODES);
}

function docNumberFor(code: string): string {
  const max = code === '示规资规' ? 40 : code.endsWith('告') ? 120 : 300;
  return `${code}〔${cY}〕${1 + Math.floor(rnd() * rnd() * max)}号`;
}

// ---------------------------------------------------------------------------------------------------------------
// Occasional traditional characters (≈1 % of documents): a few words of the body, sometimes the title.

const TRAD_PAIRS: [string, string][] = [
  ['土地征收', '土地徵收'],
  ['规划', '規劃'],
  ['国土', '國土'],
  ['资源', '資源'],
  ['征收', '徵收'],
  ['测绘', '測繪'],
  ['登记', '登記'],
  ['审批', '審批'],
  ['条例', '條例'],
  ['公开', '公開'],
  ['开发', '開發'],
  ['农用地', '農用地'],
  ['建设', '建設'],
  ['发展', '發展'],
  ['环境', '環境'],
  ['地质', '地質'],
  ['矿产', '礦產'],
  ['办法', '辦法'],
  ['补偿', '補償'],
  ['区域', '區域'],
  ['许可', '許可'],
  ['报告', '報告'],
  ['计划', '計劃'],
];
/** Characters that only occur in the traditional forms above. */
export const TRADITIONAL_RE = /[規劃國資徵測繪記審條開發農設環質礦產辦補償區許報計]/;
const TRAD_FALLBACK = '相關資料可至國土資源檔案館查閱。';

function toTraditional(s: string): string {
  let out = s;
  for (const [simp, trad] of TRAD_PAIRS) {
    if (chance(0.55) && out.includes(simp)) out = out.split(simp).join(trad);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

function targetLength(factor: number): number {
  const t = 620 * factor * Math.exp(0.45 * gauss());
  return Math.min(MAX_BODY, Math.max(MIN_BODY, t));
}

/** A random index below n whose bit in `used` is clear, or -1 when all are set. */
function freeIndex(n: number, used: number): number {
  let i = ri(n);
  if ((used & (1 << i)) === 0) return i;
  i = ri(n);
  if ((used & (1 << i)) === 0) return i;
  for (let k = 1; k < n; k++) {
    const j = (i + k) % n;
    if ((used & (1 << j)) === 0) return j;
  }
  return -1;
}

function buildBody(c: ColumnDef, t: TitleTpl): string {
  const target = targetLength(c.len);
  let body = pick(t.open ?? c.open)();
  const closing = c.close.length > 0 ? pick(c.close)() : '';
  const limit = MAX_BODY - (closing ? closing.length + 1 : 0);
  const headings = c.headings;
  let sec = 0;
  const secOffset = headings && !c.orderedHeadings ? ri(headings.length) : 0;
  let full = false;
  const pool = t.pool ?? c.pool;
  let usedPool = 0;
  let usedGeneric = 0;
  for (let guard = 0; body.length < target && !full && guard < 80; guard++) {
    let para = '';
    if (headings && sec < headings.length && (c.orderedHeadings || chance(0.7))) {
      sec++;
      para = `${CN[sec]}、${headings[(sec - 1 + secOffset) % headings.length]}。`;
    }
    const k = 1 + ri(4);
    for (let j = 0; j < k; j++) {
      // A sentence template this body has not used yet: from the column's pool or the generic one (whichever
      // still has one), repeating a generic sentence only when both are used up.
      let s: string;
      let p = rnd() < c.poolShare ? freeIndex(pool.length, usedPool) : -1;
      let g = -1;
      if (p < 0) {
        g = freeIndex(GENERIC.length, usedGeneric);
        if (g < 0) {
          p = freeIndex(pool.length, usedPool);
          if (p < 0) g = ri(GENERIC.length);
        }
      }
      if (p >= 0) {
        usedPool |= 1 << p;
        s = pool[p]!();
      } else {
        usedGeneric |= 1 << g;
        s = GENERIC[g]!();
      }
      if (body.length + para.length + s.length + 1 > limit) {
        full = true;
        break;
      }
      para += s;
    }
    if (para.length > 0) body += `\n${para}`;
  }
  if (closing && body.length + closing.length + 1 <= MAX_BODY) body += `\n${closing}`;
  while (body.length < MIN_BODY) body += pick(GENERIC)();
  if (body.length > MAX_BODY) {
    const cut = body.lastIndexOf('。', MAX_BODY - 1);
    body = cut >= MIN_BODY ? body.slice(0, cut + 1) : body.slice(0, MAX_BODY);
  }
  return body;
}

function pickDateIndex(mode: ColumnDef['dateMode']): number {
  const yi = wpick(YEAR_PICK);
  const start = YEAR_START[yi]!;
  const len = YEAR_LEN[yi]!;
  if (mode === 'ys') return start + 15 + ri(Math.min(80, len - 15));
  if (mode === 'js') return start + Math.min(len - 1, 180 + ri(90));
  if (mode === 'ndbg') return start + 5 + ri(25);
  return start + ri(len);
}

function validityFor(c: ColumnDef): SyntheticDocument['validity'] {
  const ageYears = (PRE_DAYS + N_DAYS - cDI) / 365;
  const p = ageYears < 1 ? c.nonValid * 0.2 : Math.min(0.6, c.nonValid * (0.6 + ageYears / 4));
  if (rnd() >= p) return 'valid';
  const x = rnd();
  return x < 0.4 ? 'expired' : x < 0.7 ? 'repealed' : 'revised';
}

function makeDocument(seed: number, n: number): SyntheticDocument {
  rs = docSeed(seed, n);
  docGeneration++;
  const c = wpick(COLUMN_PICK);
  const issuer = wpick(c.issuers);
  const branch = (BRANCHES as readonly string[]).indexOf(issuer);

  cDI = pickDateIndex(c.dateMode);
  cY = DYEAR[cDI]!;
  cOffA = 1 + ri(10);
  cOffB = cOffA + 15 + ri(10);
  cOffC = cOffB + 10 + ri(5);
  cOffP = 30 + ri(300);
  cDist = branch >= 0 ? DISTRICTS[branch]! : zipf(DISTRICTS);
  const month = Math.max(1, DMONTH[cDI]! - ri(2));
  cMonth = NUM[month]!;
  cHalf = chance(0.5) ? '上半月' : '下半月';
  cQuarter = CN[Math.ceil(month / 3)]!;
  const m = rnd();
  cMethod = m < 0.7 ? '挂牌' : m < 0.9 ? '拍卖' : '招标';
  cPrice = Math.round(luPrice());
  cFin = luFin();
  cSg = luSg();
  if (branch >= 0) {
    cOrg = BRANCH_ORG[branch]!;
    cOrgShort = cOrg;
    cOrgFull = BRANCH_ORG_FULL[branch]!;
  } else {
    cOrg = chance(0.5) ? '我局' : '市规划和自然资源局';
    cOrgShort = '我局';
    cOrgFull = '市规划和自然资源局';
  }

  let t = wpick(c.titles);
  let title = t.tpl();
  for (let tries = 0; (title.length < 12 || title.length > 60) && tries < 8; tries++) {
    t = wpick(c.titles);
    title = t.tpl();
  }
  let genre = t.genre;
  if (title.length < 12 || title.length > 60) {
    title = FALLBACK_TITLE();
    genre = '其他';
  }

  const docNumber = rnd() < c.docP ? docNumberFor(docCode(t, issuer, branch)) : null;
  const validity = validityFor(c);
  let body = buildBody(c, t);

  if (rnd() < 0.01) {
    const trad = toTraditional(body);
    body = TRADITIONAL_RE.test(trad)
      ? trad
      : body.length + TRAD_FALLBACK.length <= MAX_BODY
        ? body + TRAD_FALLBACK
        : trad;
    if (chance(0.4)) title = toTraditional(title);
  }

  return {
    externalId: `syn-${pad(n, 7)}`,
    title,
    docNumber,
    column: c.code,
    publishedAt: ISO[cDI]!,
    issuer,
    validity,
    genre,
    body,
  };
}

/**
 * Documents n = start .. start+count-1 (externalId `syn-` + n padded to 7 digits). Deterministic in (seed, n):
 * the same document comes out whatever the batch it is generated in.
 */
export function* generateDocuments(count: number, seed = 1, start = 0): Generator<SyntheticDocument> {
  if (
    !Number.isInteger(count) ||
    !Number.isInteger(start) ||
    count < 0 ||
    start < 0 ||
    start + count > 10_000_000
  ) {
    throw new RangeError('generateDocuments: need integers count, start ≥ 0 with start + count ≤ 10,000,000');
  }
  for (let n = start; n < start + count; n++) yield makeDocument(seed, n);
}

// ---------------------------------------------------------------------------------------------------------------
// Self-check (--check)

const GENRE_TITLE_RE: Record<string, RegExp> = {
  通知: /通知/,
  公告: /公告/,
  公示: /公示/,
  解读: /解读|读懂|图解/,
  批复: /批复/,
  办法: /办法/,
  意见: /意见/,
  方案: /方案/,
  规划: /规划|区划/,
  报告: /报告/,
};
const DOC_NUMBER_RE = /^(示[\u4e00-\u9fff]+)〔(\d{4})〕([1-9]\d{0,3})号$/;
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Contract violations of one document (empty when it is fine). */
export function validateDocument(d: SyntheticDocument, n?: number): string[] {
  const errs: string[] = [];
  if (!/^syn-\d{7}$/.test(d.externalId) || (n !== undefined && d.externalId !== `syn-${pad(n, 7)}`)) {
    errs.push(`bad externalId ${d.externalId}`);
  }
  if (d.title.length < 12 || d.title.length > 60) errs.push(`title length ${d.title.length}: ${d.title}`);
  if (!(COLUMN_CODES as readonly string[]).includes(d.column)) errs.push(`bad column ${d.column}`);
  if (!(ISSUERS as readonly string[]).includes(d.issuer)) errs.push(`bad issuer ${d.issuer}`);
  if (!(GENRES as readonly string[]).includes(d.genre)) errs.push(`bad genre ${d.genre}`);
  const gre = GENRE_TITLE_RE[d.genre];
  if (gre && !gre.test(d.title) && !TRADITIONAL_RE.test(d.title))
    errs.push(`genre ${d.genre} vs title ${d.title}`);
  if (!['valid', 'expired', 'repealed', 'revised'].includes(d.validity))
    errs.push(`bad validity ${d.validity}`);
  const time = Date.parse(`${d.publishedAt}T00:00:00Z`);
  const dateOk =
    ISO_DATE_RE.test(d.publishedAt) &&
    !Number.isNaN(time) &&
    new Date(time).toISOString().slice(0, 10) === d.publishedAt &&
    d.publishedAt >= FIRST_DATE &&
    d.publishedAt <= LAST_DATE;
  if (!dateOk) errs.push(`bad publishedAt ${d.publishedAt}`);
  if (d.docNumber !== null) {
    const m = DOC_NUMBER_RE.exec(d.docNumber);
    if (!m) errs.push(`bad docNumber ${d.docNumber}`);
    else {
      if (!DOC_NUMBER_CODES.includes(m[1]!)) errs.push(`unknown docNumber code ${d.docNumber}`);
      if (m[2] !== d.publishedAt.slice(0, 4)) errs.push(`docNumber year ${d.docNumber} vs ${d.publishedAt}`);
    }
  }
  if (d.body.trim().length === 0) errs.push('empty body');
  if (d.body.length < MIN_BODY || d.body.length > MAX_BODY) errs.push(`body length ${d.body.length}`);
  return errs;
}

function pctStr(x: number, total: number): string {
  return `${((100 * x) / total).toFixed(1)}%`;
}

function runCheck(seed: number, start: number): boolean {
  const N = 20_000;
  const t0 = performance.now();
  const docs = [...generateDocuments(N, seed, start)];
  const genMs = performance.now() - t0;
  let errors = 0;
  const shown: string[] = [];
  const titles = new Set<string>();
  const bodies = new Set<string>();
  const columns = new Map<string, number>();
  const genres = new Map<string, number>();
  const issuerCount = new Map<string, number>();
  const validities = new Map<string, number>();
  const years = new Map<string, number>();
  const bigrams = new Map<number, number>();
  let minLen = Number.POSITIVE_INFINITY;
  let maxLen = 0;
  let sumLen = 0;
  let withNumber = 0;
  let notValid = 0;
  let trad = 0;
  const inc = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  docs.forEach((d, i) => {
    const errs = validateDocument(d, start + i);
    if (errs.length > 0) {
      errors++;
      if (shown.length < 20) shown.push(`${d.externalId}: ${errs.join('; ')}`);
    }
    titles.add(d.title);
    bodies.add(d.body);
    inc(columns, d.column);
    inc(genres, d.genre);
    inc(issuerCount, d.issuer);
    inc(validities, d.validity);
    inc(years, d.publishedAt.slice(0, 4));
    const len = d.body.length;
    sumLen += len;
    if (len < minLen) minLen = len;
    if (len > maxLen) maxLen = len;
    if (d.docNumber) withNumber++;
    if (d.validity !== 'valid') notValid++;
    if (TRADITIONAL_RE.test(d.body) || TRADITIONAL_RE.test(d.title)) trad++;
    const b = d.body;
    let prev = b.charCodeAt(0);
    for (let j = 1; j < b.length; j++) {
      const cur = b.charCodeAt(j);
      if (prev >= 0x4e00 && prev <= 0x9fff && cur >= 0x4e00 && cur <= 0x9fff)
        inc(bigrams, prev * 65536 + cur);
      prev = cur;
    }
  });

  // Determinism: a batch started in the middle equals the same slice of the full run; a rerun is identical.
  const again = [...generateDocuments(100, seed, start + 5000)];
  const sliceOk = JSON.stringify(again) === JSON.stringify(docs.slice(5000, 5100));
  const rerunOk =
    JSON.stringify([...generateDocuments(200, seed, start)]) === JSON.stringify(docs.slice(0, 200));
  if (!sliceOk || !rerunOk) {
    errors++;
    shown.push(`determinism: batch slice ${sliceOk ? 'ok' : 'DIFFERS'}, rerun ${rerunOk ? 'ok' : 'DIFFERS'}`);
  }

  const sorted = <K>(m: Map<K, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  const fmt = (m: Map<string, number>) =>
    sorted(m)
      .map(([k, v]) => `${k} ${pctStr(v, N)}`)
      .join(', ');
  const out = process.stdout;
  out.write(
    `documents: ${N} (seed ${seed}, start ${start}), generated in ${genMs.toFixed(0)} ms (cold start, JIT warm-up included)\n`,
  );
  out.write(
    `phrase vocabulary: ${VOCABULARY_SIZE} distinct list entries (plus composed company/project names)\n`,
  );
  out.write(`distinct titles: ${titles.size} (${pctStr(titles.size, N)}), distinct bodies: ${bodies.size}\n`);
  out.write(`body length: mean ${(sumLen / N).toFixed(0)}, min ${minLen}, max ${maxLen}\n`);
  out.write(
    `with docNumber: ${pctStr(withNumber, N)}; not valid: ${pctStr(notValid, N)} (${fmt(validities)})\n`,
  );
  out.write(`with traditional characters: ${trad} (${pctStr(trad, N)})\n`);
  out.write(`columns: ${fmt(columns)}\n`);
  out.write(`genres: ${fmt(genres)}\n`);
  out.write(`issuers: ${fmt(issuerCount)}\n`);
  out.write(
    `years: ${[...years.entries()]
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n`,
  );
  const top = sorted(bigrams)
    .slice(0, 20)
    .map(([k, v]) => `${String.fromCharCode(Math.floor(k / 65536), k % 65536)} ${v}`);
  out.write(`top 20 CJK character bigrams: ${top.join(', ')}\n`);
  out.write(`distinct CJK character bigrams: ${bigrams.size}\n`);
  out.write(`determinism: batch slice ${sliceOk ? 'ok' : 'DIFFERS'}, rerun ${rerunOk ? 'ok' : 'DIFFERS'}\n`);
  for (const s of shown) out.write(`  ${s}\n`);
  out.write(errors === 0 ? 'check passed\n' : `check FAILED: ${errors} documents break the contract\n`);
  return errors === 0;
}

// ---------------------------------------------------------------------------------------------------------------
// CLI

/**
 * Writes documents start..start+count-1 as JSONL and reports to stderr the overall rate and the rate of generation
 * alone (time spent inside the generator). Each document is serialised as soon as it is made, so documents die young
 * and the garbage collector stays cheap.
 */
async function writeJsonl(
  count: number,
  seed: number,
  start: number,
  outPath: string | undefined,
): Promise<void> {
  const stream: Writable = outPath ? createWriteStream(outPath) : process.stdout;
  let failure: NodeJS.ErrnoException | null = null;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    failure = err;
  });
  const CHUNK = 500;
  let genMs = 0;
  let written = 0;
  const t0 = performance.now();
  const docs = generateDocuments(count, seed, start);
  try {
    while (written < count && !failure) {
      let chunk = '';
      const end = Math.min(count, written + CHUNK);
      for (; written < end; written++) {
        const g0 = performance.now();
        const d = docs.next().value as SyntheticDocument;
        genMs += performance.now() - g0;
        chunk += `${JSON.stringify(d)}\n`;
      }
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    if (outPath && !failure) {
      stream.end();
      await once(stream, 'finish');
    }
  } catch (err) {
    failure ??= err as NodeJS.ErrnoException;
  }
  const err = failure as NodeJS.ErrnoException | null;
  if (err && err.code !== 'EPIPE') throw err;
  const totalMs = performance.now() - t0;
  const rate = (ms: number) => Math.round(written / (ms / 1000));
  process.stderr.write(
    `generated ${written} documents in ${(totalMs / 1000).toFixed(2)} s: ${rate(totalMs)} docs/s with JSONL output; ` +
      `generation alone ${rate(genMs)} docs/s (${(genMs / 1000).toFixed(2)} s)\n`,
  );
}

function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      args.set(a.slice(2), next);
      i++;
    } else args.set(a.slice(2), 'true');
  }
  return args;
}

function intArg(args: Map<string, string>, name: string, dflt: number): number {
  const v = args.get(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${v}`);
  return n;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const seed = intArg(args, 'seed', 1);
  const start = intArg(args, 'start', 0);
  if (args.has('check')) {
    // `--check | head` closes stdout early: stop quietly.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit();
    });
    process.exitCode = runCheck(seed, start) ? 0 : 1;
    return;
  }
  if (!args.has('count')) {
    process.stderr.write(
      'usage: node --import tsx bench/search/generate.ts --count N [--seed S] [--start K] [--out file.jsonl]\n' +
        '       node --import tsx bench/search/generate.ts --check [--seed S]\n',
    );
    process.exitCode = 2;
    return;
  }
  const count = intArg(args, 'count', 0);
  if (start + count > 10_000_000)
    throw new Error('externalId has 7 digits: start + count must be ≤ 10,000,000');
  await writeJsonl(count, seed, start, args.get('out'));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
