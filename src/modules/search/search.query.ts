import { z } from 'zod';
import { versionedRead } from '../../platform/db/content-version.js';
import type { Executor } from '../../platform/db/index.js';
import { fieldError } from '../../platform/errors.js';
import {
  optionalEnum,
  optionalIdQuery,
  optionalText,
  optionalYearQuery,
  parseInput,
} from '../../platform/http/validation.js';
import { cleanText, MAX_QUERY_LENGTH } from '../../platform/search/analyse.js';
import type { FacetRow } from '../../platform/search/backend.js';
import {
  type SearchHit,
  type SearchRequest,
  type SearchResult,
  search,
} from '../../platform/search/search.service.js';
import { segmentsToHtml } from '../../platform/search/snippet.js';
import { columnSubtreeIds, columnsInTreeOrder, VALIDITY_LABELS } from '../documents/index.js';
import { listOrgs } from '../orgs/index.js';

/**
 * What the portal page and the JSON API share: the query parameters, their validation (Chinese
 * messages naming the field) and the results with names for columns and organisations.
 */

export const VALIDITIES = ['valid', 'expired', 'repealed', 'revised'] as const;
export const SORTS = ['relevance', 'date'] as const;
export const MAX_SIZE = 50;
/** Deepest result reachable by paging (page × size). */
export const MAX_DEPTH = 5_000;

export const LABELS: Record<string, string> = {
  q: '搜索词',
  column: '栏目',
  org: '发布机构',
  year: '年份',
  validity: '有效性',
  type: '体裁',
  sort: '排序',
  page: '页码',
  size: '每页条数',
};

const positive = (max: number, fallback: number, message: string) =>
  z
    .string()
    .trim()
    .regex(/^(|\d{1,6})$/, message)
    .optional()
    .transform((v) => (v ? Number(v) : fallback))
    .refine((n) => n >= 1 && n <= max, message);

export const searchParams = z.object({
  q: z
    .string()
    .optional()
    .transform((v) => cleanText(v ?? '').trim())
    .refine((v) => [...v].length <= MAX_QUERY_LENGTH, `不能超过 ${MAX_QUERY_LENGTH} 个字符，请缩短后再搜索`),
  column: optionalText(40),
  org: optionalIdQuery('应为机构编号（正整数）'),
  year: optionalYearQuery(),
  validity: optionalEnum(VALIDITIES),
  type: optionalText(50),
  sort: optionalEnum(SORTS),
  page: positive(MAX_DEPTH, 1, `应为 1 至 ${MAX_DEPTH} 之间的整数`),
  size: positive(MAX_SIZE, 10, `应为 1 至 ${MAX_SIZE} 之间的整数`),
});
export type SearchParams = z.infer<typeof searchParams>;

/** Query parameters may repeat (?q=a&q=b); the first value counts, anything else is not text. */
function firstValues(query: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    out[k] = Array.isArray(v) ? v[0] : v;
  }
  return out;
}

export function parseSearchParams(query: unknown): SearchParams {
  const p = parseInput(searchParams, firstValues(query), LABELS);
  if (p.page * p.size > MAX_DEPTH)
    throw fieldError('page', `页码：最多显示前 ${MAX_DEPTH} 条结果，请增加筛选条件缩小范围`);
  return p;
}

export interface Names {
  columns: Map<number, { code: string; name: string }>;
  orgs: Map<number, string>;
}

const orgNames = versionedRead(
  async (db: Executor) => new Map((await listOrgs(db)).map((o) => [o.id, o.name])),
);

export async function names(db: Executor): Promise<Names> {
  const [columns, orgs] = await Promise.all([columnsInTreeOrder(db), orgNames(db)]);
  return { columns: new Map(columns.map((c) => [c.id, { code: c.code, name: c.name }])), orgs };
}

/** Run a search for validated parameters; an unknown column code is a field error. */
export async function runSearch(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  p: SearchParams,
): Promise<SearchResult> {
  let columnIds: number[] | undefined;
  if (p.column) {
    columnIds = await columnSubtreeIds(db, p.column);
    if (!columnIds) throw fieldError('column', `栏目：不存在“${p.column}”`);
  }
  const req: SearchRequest = {
    q: p.q,
    filter: {
      ...(columnIds ? { columnIds } : {}),
      ...(p.org !== undefined ? { orgId: p.org } : {}),
      ...(p.year !== undefined ? { year: p.year } : {}),
      ...(p.validity ? { validity: p.validity } : {}),
      ...(p.type ? { genre: p.type } : {}),
    },
    sort: p.sort ?? (p.q ? 'relevance' : 'date'),
    page: p.page,
    size: p.size,
  };
  return search(db, dialect, req);
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface Facets {
  column: FacetValue[];
  org: FacetValue[];
  year: FacetValue[];
  validity: FacetValue[];
  type: FacetValue[];
}

/** One collator for every facet (String#localeCompare builds its own on each call: slow). */
const byValue = new Intl.Collator('zh-Hans-CN').compare;

interface Counts {
  column: Map<number, number>;
  org: Map<number, number>;
  year: Map<number, number>;
  validity: Map<string, number>;
  type: Map<string, number>;
}

/**
 * The counts per facet value of a search's facet rows (thousands of rows for a common word), in one
 * pass, kept with the rows: the search service hands out the same rows while they are cached.
 */
const countsByRows = new WeakMap<FacetRow[], Counts>();

function countsOf(rows: FacetRow[]): Counts {
  const hit = countsByRows.get(rows);
  if (hit) return hit;
  const c: Counts = {
    column: new Map(),
    org: new Map(),
    year: new Map(),
    validity: new Map(),
    type: new Map(),
  };
  const add = <K>(m: Map<K, number>, k: K | null, n: number) => {
    if (k !== null) m.set(k, (m.get(k) ?? 0) + n);
  };
  for (const r of rows) {
    const n = Number(r.n);
    add(c.column, r.column_id, n);
    add(c.org, r.org_id, n);
    add(c.year, r.year, n);
    add(c.validity, r.validity, n);
    add(c.type, r.genre, n);
  }
  countsByRows.set(rows, c);
  return c;
}

function values<K>(counts: Map<K, number>, value: (k: K) => string | null, label: (v: string) => string) {
  const merged = new Map<string, number>();
  for (const [k, n] of counts) {
    const v = value(k);
    if (v !== null) merged.set(v, (merged.get(v) ?? 0) + n);
  }
  return [...merged]
    .map(([v, count]) => ({ value: v, label: label(v), count }))
    .sort((a, b) => b.count - a.count || byValue(a.value, b.value));
}

export function facetsOf(rows: FacetRow[], n: Names): Facets {
  const c = countsOf(rows);
  const columnNames = new Map([...n.columns.values()].map((col) => [col.code, col.name]));
  return {
    column: values(
      c.column,
      (id) => n.columns.get(id)?.code ?? null,
      (code) => columnNames.get(code) ?? code,
    ),
    org: values(
      c.org,
      (id) => String(id),
      (id) => n.orgs.get(Number(id)) ?? id,
    ),
    year: values(
      c.year,
      (y) => String(y),
      (v) => `${v}年`,
    ).sort((a, b) => byValue(b.value, a.value)),
    validity: values(
      c.validity,
      (v) => v,
      (v) => VALIDITY_LABELS[v as keyof typeof VALIDITY_LABELS] ?? v,
    ),
    type: values(
      c.type,
      (v) => v,
      (v) => v,
    ),
  };
}

export interface ApiItem {
  id: number;
  kind: string;
  externalId: string | null;
  title: string;
  titleHtml: string;
  docNumber: string | null;
  indexNo: string | null;
  publishedAt: string;
  column: string | null;
  columnName: string | null;
  org: number | null;
  orgName: string | null;
  validity: string;
  type: string | null;
  url: string;
  snippet: string;
  score: number;
  exactMatch: boolean;
}

export function apiItem(h: SearchHit, n: Names): ApiItem {
  const column = h.columnId === null ? undefined : n.columns.get(h.columnId);
  return {
    id: h.refId,
    kind: h.kind,
    externalId: h.externalId,
    title: h.title,
    titleHtml: segmentsToHtml(h.titleSegments),
    docNumber: h.docNumber,
    indexNo: h.indexNo,
    publishedAt: h.publishedAt,
    column: column?.code ?? null,
    columnName: column?.name ?? null,
    org: h.orgId,
    orgName: h.orgId === null ? null : (n.orgs.get(h.orgId) ?? null),
    validity: h.validity,
    type: h.genre,
    url: h.url,
    snippet: segmentsToHtml(h.snippet),
    score: h.score,
    exactMatch: h.exact,
  };
}
