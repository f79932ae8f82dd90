import type { Db } from '../../platform/db/index.js';
import { loadCatalogueTree, subtreeIds, visibleTree } from './catalogue.js';
import * as q from './document-query.repository.js';

/** The 通知公告 column: its own block on the home page and the target of the old /notices URLs. */
export const NOTICES_COLUMN = 'tzgg';

export interface HomeBlock {
  code: string;
  name: string;
  /** Visible sub-columns (links), for blocks such as 机构信息 whose content is generated. */
  children: { code: string; name: string }[];
  rows: q.PublicListRow[];
}

export interface HomeData {
  notices: q.PublicListRow[];
  blocks: HomeBlock[];
  policies: { policy: q.PublicListRow; interpretations: { id: number; title: string; kind: string }[] }[];
}

/**
 * What the home page shows: the latest 通知公告, a block per visible top-level column with its newest
 * published documents (drafts and withdrawn documents never), and the newest policies with their
 * 政策解读.
 */
export async function homePageData(
  db: Db,
  options: { perColumn?: number; notices?: number; policies?: number } = {},
): Promise<HomeData> {
  const perColumn = options.perColumn ?? 5;
  const { tree } = await loadCatalogueTree(db);
  const top = visibleTree(tree);
  const latest = (ids: number[], limit: number) =>
    q.pagePublicDocuments(db, { columnIds: ids, publishedOnly: true }, { limit, offset: 0 });
  const noticeNode = top.find((n) => n.code === NOTICES_COLUMN);
  const [notices, blocks, policies] = await Promise.all([
    noticeNode ? latest(subtreeIds(noticeNode), options.notices ?? 8) : Promise.resolve([]),
    Promise.all(
      top
        .filter((n) => n.code !== NOTICES_COLUMN)
        .map(async (n) => ({
          code: n.code,
          name: n.name,
          children: n.children.map((c) => ({ code: c.code, name: c.name })),
          rows: await latest(subtreeIds(n), perColumn),
        })),
    ),
    q.latestInterpretedPolicies(db, options.policies ?? 5),
  ]);
  return {
    notices,
    blocks,
    policies: await Promise.all(
      policies.map(async (policy) => ({
        policy,
        interpretations: await q.publicInterpretationsOf(db, policy.id),
      })),
    ),
  };
}

/** The id of the published document a legacy 通知公告 became (same title, in the notices column). */
export async function publishedNoticeByTitle(db: Db, title: string): Promise<number | undefined> {
  const { tree } = await loadCatalogueTree(db);
  const node = tree.find((n) => n.code === NOTICES_COLUMN);
  if (!node) return undefined;
  return q.findPublishedIdByTitle(db, subtreeIds(node), title);
}
