import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUser, findUserByUsername } from '../modules/accounts/index.js';
import { addLeader, createOrg, listLeaders, listOrgs, type OrgInput } from '../modules/orgs/index.js';
import { currentGuide, saveGuide } from '../modules/site/index.js';
import { type Actor, SYSTEM } from '../platform/actor.js';
import { FieldCipher } from '../platform/crypto.js';
import type { Db } from '../platform/db/index.js';
import { readSettings, saveSiteProfile } from '../platform/settings/settings.js';
import { cstToIso, formatDate } from '../platform/time.js';
import { seedDemoAnnualReport } from './annual-report.demo.js';
import { seedDemoDocuments } from './documents.demo.js';
import { seedDemoExpropriation } from './expropriation.demo.js';
import { SAMPLE_GUIDE } from './guide.demo.js';
import { countUsers, markDemoPasswordChanged } from './seed.repository.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The password of every demo account: public on purpose, so never seed demo data in production. */
export const DEMO_PASSWORD = 'Gongkai@2026';

export const DEMO_USERS = [
  { username: 'admin', display_name: '张管理（示例）', org: '办公室', roles: ['admin'] },
  { username: 'publisher', display_name: '李发布（示例）', org: '办公室', roles: ['publisher'] },
  { username: 'secrecy', display_name: '王保密（示例）', org: '办公室', roles: ['secrecy_reviewer'] },
  { username: 'intake', display_name: '赵受理（示例）', org: '办公室', roles: ['intake'] },
  { username: 'handler', display_name: '钱承办（示例）', org: '资源处', roles: ['handler'] },
  { username: 'branch', display_name: '孙承办（示例，区分局）', org: '和平分局（示例）', roles: ['handler'] },
  { username: 'legal', display_name: '周法规（示例）', org: '法规处', roles: ['legal_reviewer'] },
  {
    username: 'approver',
    display_name: '吴核准（示例）',
    org: '市规划和自然资源局（示例）',
    roles: ['approver'],
  },
  { username: 'auditor', display_name: '郑审计（示例）', org: '办公室', roles: ['auditor'] },
] as const;

const BUREAU = '市规划和自然资源局（示例）';
const o = (p: Partial<OrgInput> & Pick<OrgInput, 'name' | 'kind'>): OrgInput => ({
  parent_id: null,
  short_name: null,
  org_code: null,
  functions: null,
  address: null,
  phone: null,
  office_hours: '工作日 9:00–12:00，13:30–17:30',
  sort_order: 0,
  ...p,
});

const DIVISIONS: [string, string][] = [
  ['办公室', '负责机关日常运转，承担政务公开、信息、督查、档案等工作；政府信息公开工作机构设在本室。'],
  ['法规处', '承担规范性文件合法性审核、行政复议和行政应诉，政府信息公开申请答复的法制审核。'],
  ['人事处', '承担机关和局属单位人事管理、机构编制工作。'],
  ['组干处', '承担干部队伍建设与组织工作。'],
  ['财务处', '承担部门预决算、政府采购、财务与资产管理。'],
  ['资源处', '承担集体土地征收有关审查报批、征地信息公开平台维护。'],
  ['利用处', '承担土地供应计划、土地市场与土地资产管理。'],
  ['矿管处', '承担矿产资源管理、矿业权出让与登记。'],
  ['业务处', '承担国土空间规划编制与实施管理。'],
  ['信访处', '承担信访工作，组织局长接待日活动。'],
  ['网信办', '承担网络安全与舆情监测、回应工作。'],
];
const UNITS: [string, string][] = [['利用中心（示例）', '承担土地和矿业权交易服务。']];
const BRANCHES = ['和平分局（示例）', '河西分局（示例）', '南开分局（示例）'];

/** The notice of the 2021 work plan (shared/seed), which is the requirement of this platform. */
export function parseSeedNotice(text: string) {
  const lines = text.split(/\r?\n/);
  const title = lines.find((l) => l.includes('关于印发') && l.endsWith('通知'))?.trim() ?? '';
  const meta = lines.find((l) => l.startsWith('来源')) ?? '';
  const source = meta.match(/来源[:：]\s*(\S+)/)?.[1] ?? '';
  const time = meta.match(/时间[:：]\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2})/)?.[1] ?? '';
  const start = lines.findIndex((l) => l.startsWith('局属各单位'));
  const end = lines.findIndex((l) => l.startsWith('附件下载'));
  const body = lines
    .slice(start, end === -1 ? undefined : end)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!title || !source || !time || start === -1) throw new Error('seed notice could not be parsed');
  return { title, source, publishedAt: cstToIso(time), body };
}

/**
 * Demo data: a bureau with divisions, a subordinate unit and district branches, one account per role,
 * the 2021 work-plan notice (a 通知公告 in the catalogue) and sample documents in every column. Everything invented is labelled 示例. Idempotent.
 */
export async function seedDemo(
  db: Db,
  dataKey: string,
  options: { documents?: boolean; actor?: Actor } = {},
): Promise<{ created: boolean }> {
  const actor = options.actor ?? SYSTEM;
  const existing = new Map((await listOrgs(db)).map((x) => [x.name, x.id]));
  const ensureOrg = async (input: OrgInput) => {
    const found = existing.get(input.name);
    if (found) return found;
    const id = await createOrg(db, actor, input, { sample: true });
    existing.set(input.name, id);
    return id;
  };
  const bureau = await ensureOrg(
    o({
      name: BUREAU,
      kind: 'bureau',
      short_name: '市规划资源局',
      // A made-up organisation code with a valid GB 11714 check character: the 索引号 prefix.
      org_code: '123456788',
      functions:
        '贯彻执行国土空间规划和自然资源管理法律法规，负责全市国土空间规划、自然资源资产管理、土地和矿产资源管理等工作。（示例数据）',
      address: '示例市示例区示例路 1 号',
      phone: '022-00000000',
    }),
  );
  if ((await listLeaders(db, bureau)).length === 0) {
    await addLeader(db, actor, bureau, {
      name: '某某（示例）',
      title: '局长',
      duties: '主持全面工作。',
      resume: null,
      sort_order: 1,
    });
    await addLeader(db, actor, bureau, {
      name: '某某某（示例）',
      title: '副局长',
      duties: '分管办公室（政务公开）、法规处。',
      resume: null,
      sort_order: 2,
    });
  }
  for (const [i, [name, functions]] of DIVISIONS.entries())
    await ensureOrg(
      o({
        name,
        kind: 'division',
        parent_id: bureau,
        functions: `${functions}（示例）`,
        phone: `022-0000${String(1001 + i)}`,
        sort_order: i + 1,
      }),
    );
  for (const [i, [name, functions]] of UNITS.entries())
    await ensureOrg(o({ name, kind: 'unit', parent_id: bureau, functions, sort_order: 100 + i }));
  for (const [i, name] of BRANCHES.entries())
    await ensureOrg(
      o({
        name,
        kind: 'branch',
        parent_id: bureau,
        functions: '负责辖区内规划和自然资源管理工作，配合办理政府信息公开申请。',
        sort_order: 200 + i,
      }),
    );

  const created = (await countUsers(db)) === 0;
  const cipher = new FieldCipher(dataKey);
  for (const u of DEMO_USERS) {
    if (await findUserByUsername(db, u.username)) continue;
    const orgId = existing.get(u.org);
    if (!orgId) throw new Error(`demo org missing: ${u.org}`);
    const { id } = await createUser(
      { db, cipher },
      actor,
      {
        username: u.username,
        display_name: u.display_name,
        org_id: orgId,
        roles: [...u.roles],
        phone: null,
        email: null,
      },
      { password: DEMO_PASSWORD },
    );
    await markDemoPasswordChanged(db, id);
  }

  // The footer of the demo site shows every profile field, visibly marked as sample values.
  if (!Object.keys(await readSettings(db, true)).some((k) => k.startsWith('site.')))
    await saveSiteProfile(db, {
      siteName: '市规划和自然资源局政务公开平台（示例）',
      siteDomain: 'localhost',
      siteIdCode: '0000000000',
      sponsor: BUREAU,
      address: '示例市示例区示例路 1 号',
      phone: '022-00000000',
      icp: '示例ICP备00000000号',
      psb: '示例公网安备00000000000000号',
    });
  if (!(await currentGuide(db))) await saveGuide(db, actor, SAMPLE_GUIDE, { sample: true });
  // The 2021 work-plan notice (a real 通知公告) and the sample documents in every column, published
  // through the real workflow; most tests skip the samples (documents: false) as they take a while.
  const notice = parseSeedNotice(readFileSync(path.join(here, '2021-work-plan-notice.txt'), 'utf8'));
  await seedDemoDocuments(db, {
    workPlan: { ...notice, publishedOn: formatDate(notice.publishedAt) },
    documents: options.documents ?? true,
  });
  if (options.documents ?? true) {
    await seedDemoExpropriation(db);
    await seedDemoAnnualReport(db, actor, BUREAU);
  }
  return { created };
}
