import { findUserByUsername } from '../modules/accounts/index.js';
import {
  approveReview,
  changeValidity,
  createDraft,
  exemptFromInterpretation,
  findColumnByCode,
  linkInterpretation,
  publishDocument,
  submitForReview,
} from '../modules/documents/index.js';
import { listOrgs } from '../modules/orgs/index.js';
import type { Actor } from '../platform/actor.js';
import type { Db } from '../platform/db/index.js';
import { todayCst } from '../platform/time.js';
import { DEMO_DOCUMENTS, DEMO_REPEALS } from './documents.demo.data.js';
import { findDemoDocument, keepOriginalPublicationTime } from './documents-demo.repository.js';

/** external_id of the real 2021 work-plan notice in the catalogue. */
export const WORK_PLAN_ID = 'seed-2021-work-plan';

/** One invented sample document (documents.demo.data.ts). */
export interface DemoDocument {
  /** Stable key: the seeder skips documents whose external_id already exists. */
  externalId: string;
  /** Column code (modules/documents/columns.catalogue.ts). */
  column: string;
  /** Responsible division (责任处室), by its name in the demo org tree. */
  owner: string;
  title: string;
  /** 文号; a numbered 公文 also gets formedOn as its 成文日期. */
  docNumber?: string;
  genre: string;
  keywords?: string;
  /**
   * When the information was formed, in calendar days before the seed publishes it (0–14): always
   * inside the 20 working days of 条例第二十六条, so the timeliness report shows no false 逾期.
   */
  formedDaysAgo: number;
  /** 生效日期, in days after formedOn. */
  effectiveInDays?: number;
  /** Values of the column's extra fields (宗地编号, 预算金额 …), by key. */
  extra?: Record<string, string | number>;
  summary: string;
  /** Paragraphs of the body. */
  body: string[];
  /** external_id of the 政策解读 linked as kind 'text' (listed earlier). */
  interpretation?: string;
  /** Recorded reason for publishing a policy-column document without a 政策解读. */
  exemptReason?: string;
}

/** A sample marked 废止 once its successor is published (marked, never deleted), on the successor's 成文日期. */
export interface DemoRepeal {
  externalId: string;
  successor: string;
  reason: string;
}

/** 主题分类 (the gov.cn subject classification) of each column's documents; the rest are 综合政务. */
const TOPICS: [string, string[]][] = [
  ['城乡建设、环境保护', ['gtkjgh', 'qygh', 'zpmt', 'ghzyxk']],
  [
    '国土资源、能源',
    ['zxgh', 'xzgfxwj', 'zcjd', 'zdxx', 'gyjh', 'crgg', 'cjgs', 'gyjg', 'kyq', 'kyqdj', 'hyhdxk'],
  ],
  ['财政、金融、审计', ['ys', 'js', 'zfcg']],
];
const topicOf = (column: string): string =>
  TOPICS.find(([, columns]) => columns.includes(column))?.[0] ?? '综合政务';

/** Policy columns name the drafting division as 联系人 for questions (work plan 三.2). */
const CONTACT_COLUMNS = new Set(['xzgfxwj', 'qtwj']);

// The documents index exports the functions but not their input types.
type DraftInput = Parameters<typeof createDraft>[2];

/** The demo bureau (seed/demo.ts): the publisher of every sample document and its 索引号 prefix. */
const BUREAU = '市规划和自然资源局（示例）';

/** A 'YYYY-MM-DD' date moved by a number of calendar days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Appended to every body, as the demo notices do, so a sample is recognisable out of context. */
const SAMPLE_NOTE = '（本文为示例内容，不具有任何效力。）';

/** A demo account acting with exactly the permissions its step of the workflow needs. */
export async function demoActor(
  db: Db,
  username: string,
  role: string,
  permissions: string[],
): Promise<Actor> {
  const u = await findUserByUsername(db, username);
  if (!u) throw new Error(`示例账号不存在：${username}（请先运行 seedDemo）`);
  return {
    userId: u.id,
    username,
    name: u.display_name,
    orgId: u.org_id,
    roles: [role],
    permissions: new Set(permissions),
    ip: '-',
  };
}

/**
 * Sample documents in every column the work plan asks for, published through the real workflow:
 * the demo publisher drafts, submits and publishes; the demo secrecy reviewer passes the review; each
 * policy publishes with its 政策解读 (or a recorded exemption); a superseded notice is marked 废止 with
 * its successor. All are is_sample. The real 2021 work-plan notice goes the same way into 通知公告 and
 * keeps its original publication time. Idempotent by external_id: a document left half way (an earlier
 * run that failed) is taken on from where it stopped; nothing that exists is created again.
 * Needs the demo org tree and accounts (seedDemo) and the default columns.
 */
export async function seedDemoDocuments(
  db: Db,
  options: {
    today?: string;
    /** The real 2021 work-plan notice (seed/demo.ts), published as a 通知公告 with its original time. */
    workPlan?: { title: string; source: string; body: string; publishedAt: string; publishedOn: string };
    /** false: only the work-plan notice, no samples. */
    documents?: boolean;
  } = {},
): Promise<{ created: number }> {
  const publisher = await demoActor(db, 'publisher', 'publisher', [
    'documents.edit',
    'documents.publish',
    'documents.withdraw',
  ]);
  const reviewer = await demoActor(db, 'secrecy', 'secrecy_reviewer', ['documents.review']);

  const orgs = new Map((await listOrgs(db)).map((o) => [o.name, o]));
  const org = (name: string) => {
    const found = orgs.get(name);
    if (!found) throw new Error(`示例机构不存在：${name}（请先运行 seedDemo）`);
    return found;
  };
  const bureau = org(BUREAU).id;
  const columnId = async (code: string): Promise<number> => {
    const column = await findColumnByCode(db, code);
    if (!column) throw new Error(`栏目不存在：${code}`);
    return column.id;
  };

  const today = options.today ?? todayCst();
  const formedOn = (d: DemoDocument) => addDays(today, -d.formedDaysAgo);
  const draftOf = async (d: DemoDocument): Promise<DraftInput> => {
    const owner = org(d.owner);
    const contact = CONTACT_COLUMNS.has(d.column);
    const formed = formedOn(d);
    return {
      column_id: await columnId(d.column),
      title: d.title,
      doc_number: d.docNumber ?? null,
      publisher_org_id: bureau,
      joint_issuers: null,
      owner_org_id: owner.id,
      written_on: d.docNumber ? formed : null,
      formed_on: formed,
      effective_on: d.effectiveInDays === undefined ? null : addDays(formed, d.effectiveInDays),
      topic: topicOf(d.column),
      genre: d.genre,
      keywords: d.keywords ?? null,
      summary: d.summary,
      contact_name: contact ? owner.name : null,
      contact_phone: contact ? owner.phone : null,
      body: [...d.body, SAMPLE_NOTE].join('\n\n'),
      external_id: d.externalId,
    };
  };

  const ids = new Map<string, number>();
  const idOf = (externalId: string): number => {
    const id = ids.get(externalId);
    if (!id) throw new Error(`示例文件须先于引用它的文件处理：${externalId}`);
    return id;
  };

  /** Take a document through the workflow from wherever an earlier run left it. */
  const publishThrough = async (
    d: { externalId: string; exemptReason?: string; interpretation?: string; extra?: DemoDocument['extra'] },
    draft: () => Promise<DraftInput>,
    sample: boolean,
  ): Promise<{ id: number; created: boolean }> => {
    const found = await findDemoDocument(db, d.externalId);
    const input = async () => ({ ...(await draft()), ...(d.extra ? { extra: d.extra } : {}) });
    const id = found?.id ?? (await createDraft(db, publisher, await input(), { sample }));
    ids.set(d.externalId, id);
    let status = found?.status ?? 'draft';
    if (status === 'draft') {
      if (d.exemptReason && !found?.interpretation_exempt_reason)
        await exemptFromInterpretation(db, publisher, id, d.exemptReason);
      await submitForReview(db, publisher, id);
      status = 'in_review';
    }
    if (status === 'in_review') {
      await approveReview(db, reviewer, id);
      status = 'approved';
    }
    if (status === 'approved') {
      if (d.interpretation) await linkInterpretation(db, publisher, id, idOf(d.interpretation), 'text');
      await publishDocument(db, publisher, id);
    }
    return { id, created: !found };
  };

  if (options.workPlan) {
    const n = options.workPlan;
    const { id, created } = await publishThrough(
      { externalId: WORK_PLAN_ID },
      async () => ({
        column_id: await columnId('tzgg'),
        title: n.title,
        doc_number: null,
        publisher_org_id: bureau,
        joint_issuers: null,
        owner_org_id: org('办公室').id,
        written_on: n.publishedOn,
        formed_on: n.publishedOn,
        effective_on: null,
        topic: '综合政务',
        genre: '通知',
        keywords: '政务公开；工作要点',
        summary: `印发${n.source}制定的2021年政务公开工作要点，部署年度政务公开重点任务。`,
        contact_name: null,
        contact_phone: null,
        body: n.body,
        external_id: WORK_PLAN_ID,
      }),
      false,
    );
    if (created) await keepOriginalPublicationTime(db, id, n.publishedAt);
  }

  let created = 0;
  if (options.documents === false) return { created };
  for (const d of DEMO_DOCUMENTS) {
    const r = await publishThrough(d, () => draftOf(d), true);
    if (r.created) created += 1;
  }

  for (const r of DEMO_REPEALS) {
    const doc = await findDemoDocument(db, r.externalId);
    if (doc?.status !== 'published' || doc.validity !== 'valid') continue;
    const successor = DEMO_DOCUMENTS.find((d) => d.externalId === r.successor);
    await changeValidity(db, publisher, doc.id, {
      validity: 'repealed',
      validity_changed_on: successor ? formedOn(successor) : today,
      reason: r.reason,
      successor_id: idOf(r.successor),
    });
  }
  return { created };
}
