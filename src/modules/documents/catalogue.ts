import type { Db } from '../../platform/db/index.js';
import type { DocColumn } from '../../platform/db/schema.js';
import type { ColumnNode } from './document.views.js';
import * as q from './document-query.repository.js';
import { ORG_COLUMNS, type OrgColumnData, orgColumnData, orgColumnHasContent } from './org-columns.js';

/**
 * The column tree of the public catalogue, shared by the catalogue pages, the home page, feeds and
 * sitemap.xml. A column is visible when it has public documents in its subtree or (机构信息) content
 * generated from the organisation data. Empty columns are hidden everywhere a visitor or a crawler
 * would find them: the 2019 inspection indicators count 空白栏目 against the site.
 */

/** Columns as a tree, each with the number of public documents in it and below it. */
export function buildColumnTree(
  columns: DocColumn[],
  counts: Map<number, number>,
  orgBacked: (code: string) => boolean = () => false,
): ColumnNode[] {
  const byId = new Map<number, ColumnNode>();
  const roots: ColumnNode[] = [];
  // columnsInTreeOrder puts every parent before its children, so a parent is always known here.
  for (const c of columns) {
    const node: ColumnNode = {
      id: c.id,
      code: c.code,
      name: c.name,
      basis: c.basis,
      total: 0,
      orgBacked: orgBacked(c.code),
      children: [],
    };
    byId.set(c.id, node);
    const parent = c.parent_id === null ? undefined : byId.get(c.parent_id);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sum = (n: ColumnNode): number => {
    n.total = (counts.get(n.id) ?? 0) + n.children.reduce((acc, c) => acc + sum(c), 0);
    n.orgBacked = n.orgBacked || n.children.some((c) => c.orgBacked);
    return n.total;
  };
  for (const r of roots) sum(r);
  return roots;
}

/** The tree without columns that have nothing to show (no documents, no generated content). */
export function visibleTree(nodes: ColumnNode[]): ColumnNode[] {
  return nodes
    .filter((n) => n.total > 0 || n.orgBacked)
    .map((n) => ({ ...n, children: visibleTree(n.children) }));
}

export function findNode(nodes: ColumnNode[], code: string): ColumnNode | undefined {
  for (const n of nodes) {
    const hit = n.code === code ? n : findNode(n.children, code);
    if (hit) return hit;
  }
  return undefined;
}

export const subtreeIds = (n: ColumnNode): number[] => [n.id, ...n.children.flatMap(subtreeIds)];

export const flatten = (nodes: ColumnNode[]): ColumnNode[] =>
  nodes.flatMap((n) => [n, ...flatten(n.children)]);

/** The path from the top of the tree down to (and including) the column with this id. */
export function columnPath(columns: DocColumn[], id: number): DocColumn[] {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const path: DocColumn[] = [];
  for (
    let c = byId.get(id);
    c && !path.includes(c);
    c = c.parent_id === null ? undefined : byId.get(c.parent_id)
  )
    path.unshift(c);
  return path;
}

export interface CatalogueTree {
  columns: DocColumn[];
  /** Every column, counted under the filter. */
  tree: ColumnNode[];
  orgs: OrgColumnData;
}

/** The whole tree with counts under a filter (no column restriction) and the org data it needs. */
export async function loadCatalogueTree(db: Db, filter: q.DocumentFilter = {}): Promise<CatalogueTree> {
  const [columns, counts, orgs] = await Promise.all([
    q.columnsInTreeOrder(db),
    q.publicCountsByColumn(db, filter),
    orgColumnData(db),
  ]);
  const orgBacked = (code: string) => {
    const kind = ORG_COLUMNS[code];
    return kind !== undefined && orgColumnHasContent(kind, orgs);
  };
  return { columns, tree: buildColumnTree(columns, counts, orgBacked), orgs };
}
