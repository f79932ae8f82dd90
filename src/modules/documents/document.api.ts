import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sm3 } from '../../platform/crypto.js';
import { BOM, csvLine } from '../../platform/csv.js';
import type { Executor } from '../../platform/db/index.js';
import type { DocColumn } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import type { ApiDoc } from '../../platform/http/openapi.js';
import {
  idParam,
  optionalEnum,
  optionalIdQuery,
  optionalYearQuery,
  parseInput,
} from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { formatPubDate } from '../../platform/time.js';
import { publicAttachments } from './attachment.read.js';
import { attachmentUrl } from './attachment.views.js';
import type { ExtraField } from './columns.catalogue.js';
import { STATUS_LABELS, VALIDITY_LABELS } from './document.status.js';
import * as q from './document-query.repository.js';
import { type ExtraValues, parseExtraDefinitions, parseExtraValues } from './extra-fields.js';

/**
 * Open JSON API of the proactive-disclosure catalogue (issue 3). Paths and camelCase field names
 * are a public contract. Only published documents are shown in full; withdrawn ones appear as
 * tombstones; anything else does not exist for the public (404, never 403).
 */

const VALIDITIES = ['valid', 'expired', 'repealed', 'revised'] as const;
const CACHE_CONTROL = 'public, max-age=60';
const CSV_PAGE = 500;
/** UTF-8 byte order mark: without it Excel on Chinese Windows reads the file as GBK. */

export const DOCUMENT_QUERY_LABELS: Record<string, string> = {
  column: '栏目',
  org: '发布机构',
  year: '发布年份',
  validity: '有效性',
  type: '体裁',
  externalId: '外部编号',
  limit: '每页条数',
  cursor: '分页游标',
  format: '导出格式',
  id: '文件编号',
  _: '文件编号',
};

/** Query strings arrive as text; an empty value means "not given". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过 ${max} 个字符`)
    .optional()
    .transform((v) => v || undefined);

const cursorShape = z.object({
  publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
  id: z.number().int().positive(),
});

export function encodeCursor(c: q.Cursor): string {
  return Buffer.from(JSON.stringify({ publishedAt: c.publishedAt, id: c.id })).toString('base64url');
}

function decodeCursor(raw: string): q.Cursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const documentListQuery = z.object({
  column: optionalText(40),
  org: optionalIdQuery('应为机构编号（正整数）'),
  year: optionalYearQuery(),
  validity: optionalEnum(VALIDITIES),
  type: optionalText(50),
  externalId: optionalText(100),
  limit: z
    .string()
    .trim()
    .regex(/^(|\d{1,3})$/, '应为 1 至 100 之间的整数')
    .optional()
    .transform((v) => (v ? Number(v) : 20))
    .refine((n) => n >= 1 && n <= 100, '应为 1 至 100 之间的整数'),
  cursor: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const c = decodeCursor(v);
      if (!c) ctx.issues.push({ code: 'custom', message: '无效，请使用上一页返回的 nextCursor', input: v });
      return c;
    }),
  format: optionalEnum(['json', 'csv'] as const),
});
export type DocumentListQuery = z.infer<typeof documentListQuery>;

export interface ColumnApiItem {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  basis: string;
  needsInterpretation: boolean;
  extraFields: ExtraField[];
}

export interface DocumentListItem {
  id: number;
  indexNo: string | null;
  title: string;
  docNumber: string | null;
  columnCode: string;
  publisherId: number;
  publishedAt: string | null;
  validity: q.PublicListRow['validity'];
  genre: string | null;
  isSample: boolean;
  status: q.PublicListRow['status'];
  /** Set on tombstones (status 'withdrawn'). */
  withdrawnReason: string | null;
  /** 信息形成（变更）日期 (条例第二十六条), YYYY-MM-DD. */
  formedOn: string | null;
  /** The column's typed extra fields (宗地编号, 成交价 …) keyed by field key; numbers as decimal strings. */
  extra: ExtraValues;
}

function parseExtraFields(json: string): ExtraField[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as ExtraField[]) : [];
  } catch {
    return [];
  }
}

function toColumnItem(c: DocColumn): ColumnApiItem {
  return {
    id: c.id,
    parentId: c.parent_id,
    code: c.code,
    name: c.name,
    basis: c.basis,
    needsInterpretation: c.needs_interpretation === 1,
    extraFields: parseExtraFields(c.extra_fields),
  };
}

function toListItem(r: q.PublicListRow): DocumentListItem {
  return {
    id: r.id,
    indexNo: r.index_no,
    title: r.title,
    docNumber: r.doc_number,
    columnCode: r.column_code,
    publisherId: r.publisher_org_id,
    publishedAt: r.published_at,
    validity: r.validity,
    genre: r.genre,
    isSample: r.is_sample === 1,
    status: r.status,
    withdrawnReason: r.status === 'withdrawn' ? r.withdrawn_reason : null,
    formedOn: r.status === 'withdrawn' ? null : r.formed_on,
    extra: r.status === 'withdrawn' ? {} : parseExtraValues(r.extra),
  };
}

const CSV_HEADER =
  '编号 索引号 标题 文号 栏目代码 栏目 发布机构编号 发布机构 发布时间（北京时间） 有效性 体裁 状态 撤回理由 示例数据'.split(
    ' ',
  );

function csvRow(r: q.PublicListRow, extraFields: ExtraField[]): string {
  const extra = r.status === 'withdrawn' ? {} : parseExtraValues(r.extra);
  return csvLine([
    r.id,
    r.index_no,
    r.title,
    r.doc_number,
    r.column_code,
    r.column_name,
    r.publisher_org_id,
    r.publisher_name,
    r.published_at ? formatPubDate(r.published_at) : null,
    VALIDITY_LABELS[r.validity],
    r.genre,
    STATUS_LABELS[r.status],
    r.status === 'withdrawn' ? r.withdrawn_reason : null,
    r.is_sample === 1 ? '是' : '否',
    ...extraFields.map((f) => extra[f.key] ?? null),
  ]);
}

/**
 * The typed extra fields of the chosen column and the columns below it (土地供应's children share
 * one set), each key once, in tree order: the CSV of one column carries them as extra columns.
 */
async function extraFieldsOf(db: Executor, columnIds: number[] | undefined): Promise<ExtraField[]> {
  if (!columnIds) return [];
  const wanted = new Set(columnIds);
  const seen = new Set<string>();
  const out: ExtraField[] = [];
  for (const c of await q.columnsInTreeOrder(db)) {
    if (!wanted.has(c.id)) continue;
    for (const f of parseExtraDefinitions(c.extra_fields)) {
      if (seen.has(f.key)) continue;
      seen.add(f.key);
      out.push(f);
    }
  }
  return out;
}

/** Every matching row, read page by page along the keyset so no page is skipped or repeated. */
async function exportCsv(db: Executor, filter: q.DocumentFilter): Promise<string> {
  const extraFields = await extraFieldsOf(db, filter.columnIds);
  const header = [...CSV_HEADER, ...extraFields.map((f) => (f.unit ? `${f.label}（${f.unit}）` : f.label))];
  let out = BOM + csvLine(header);
  let after: q.Cursor | undefined;
  for (;;) {
    const rows = await q.listPublicDocuments(db, filter, { limit: CSV_PAGE, after });
    for (const r of rows) out += csvRow(r, extraFields);
    const last = rows.at(-1);
    if (rows.length < CSV_PAGE || !last?.published_at) return out;
    after = { publishedAt: last.published_at, id: last.id };
  }
}

/** Does an If-None-Match header (a list, possibly weak validators or *) match our ETag? */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/** Public reads: the ETag is the SM3 of the exact body, so any change to the data changes it. */
function sendCached(request: FastifyRequest, reply: FastifyReply, body: string, type: string) {
  const etag = `"${sm3(body)}"`;
  reply.header('ETag', etag).header('Cache-Control', CACHE_CONTROL);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type(type).send(body);
}

const sendJson = (request: FastifyRequest, reply: FastifyReply, value: unknown) =>
  sendCached(request, reply, JSON.stringify(value), 'application/json; charset=utf-8');

async function toFilter(db: Executor, input: DocumentListQuery): Promise<q.DocumentFilter> {
  const filter: q.DocumentFilter = {};
  if (input.column) {
    const ids = await q.columnSubtreeIds(db, input.column);
    if (!ids) throw fieldError('column', '栏目：不存在，请使用 /api/v1/columns 中的栏目代码');
    filter.columnIds = ids;
  }
  if (input.org !== undefined) filter.orgId = input.org;
  if (input.year !== undefined) filter.year = input.year;
  if (input.validity) filter.validity = input.validity;
  if (input.type) filter.genre = input.type;
  if (input.externalId) filter.externalId = input.externalId;
  return filter;
}

async function documentDetail(db: Executor, id: number) {
  const d = await q.findPublicDocument(db, id);
  if (!d) throw new AppError('NOT_FOUND', { message: '文件不存在或尚未公开' });
  if (d.status === 'withdrawn') {
    // A tombstone: the record that something was published and withdrawn, and why; no content.
    return {
      id: d.id,
      indexNo: d.index_no,
      title: d.title,
      status: d.status,
      publishedAt: d.published_at,
      withdrawnAt: await q.withdrawnAt(db, d.id),
      withdrawnReason: d.withdrawn_reason,
      isSample: d.is_sample === 1,
    };
  }
  const [interpretations, interprets, attachments] = await Promise.all([
    q.publicInterpretationsOf(db, d.id),
    q.publicPoliciesInterpretedBy(db, d.id),
    publicAttachments(db, d.id),
  ]);
  return {
    id: d.id,
    indexNo: d.index_no,
    title: d.title,
    docNumber: d.doc_number,
    status: d.status,
    column: { code: d.column_code, name: d.column_name },
    publisher: { id: d.publisher_org_id, name: d.publisher_name },
    jointIssuers: d.joint_issuers,
    owner: d.owner_org_id !== null && d.owner_name ? { id: d.owner_org_id, name: d.owner_name } : null,
    writtenOn: d.written_on,
    formedOn: d.formed_on,
    publishedAt: d.published_at,
    effectiveOn: d.effective_on,
    topic: d.topic,
    genre: d.genre,
    keywords: d.keywords,
    summary: d.summary,
    validity: {
      code: d.validity,
      label: VALIDITY_LABELS[d.validity],
      changedOn: d.validity_changed_on,
      reason: d.validity_reason,
      successorId: d.successor_id,
    },
    contact: { name: d.contact_name, phone: d.contact_phone },
    body: d.body,
    extra: parseExtraValues(d.extra),
    version: d.version,
    interpretations: interpretations.map((i) => ({ id: i.id, title: i.title, kind: i.kind })),
    interprets: interprets.map((p) => ({ id: p.id, title: p.title })),
    attachments: attachments.map((a) => ({
      id: a.id,
      name: a.name,
      type: a.mime,
      size: a.size,
      url: attachmentUrl(d.id, a.id),
    })),
    isSample: d.is_sample === 1,
  };
}

export function documentApi(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const pub = { config: { permission: 'public', kind: 'json' as const } };

  app.get('/api/v1/columns', pub, async (request, reply) => {
    const columns = await q.columnsInTreeOrder(db);
    return sendJson(request, reply, { items: columns.map(toColumnItem) });
  });

  app.get('/api/v1/documents', pub, async (request, reply) => {
    const input = parseInput(documentListQuery, request.query, DOCUMENT_QUERY_LABELS);
    const filter = await toFilter(db, input);
    if (input.format === 'csv') {
      const csv = await exportCsv(db, filter);
      reply.header('Content-Disposition', 'attachment; filename="documents.csv"');
      return sendCached(request, reply, csv, 'text/csv; charset=utf-8');
    }
    const rows = await q.listPublicDocuments(db, filter, { limit: input.limit + 1, after: input.cursor });
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > input.limit && last?.published_at
        ? encodeCursor({ publishedAt: last.published_at, id: last.id })
        : null;
    return sendJson(request, reply, { items: page.map(toListItem), nextCursor });
  });

  app.get('/api/v1/documents/:id', pub, async (request, reply) => {
    const id = parseInput(idParam, (request.params as Record<string, string>).id, DOCUMENT_QUERY_LABELS);
    return sendJson(request, reply, await documentDetail(db, id));
  });
}

const TAG = '主动公开目录';

export const documentApiDocs: ApiDoc[] = [
  {
    method: 'get',
    path: '/api/v1/columns',
    summary: '公开栏目树（按树形顺序，父栏目在前），含栏目依据与结构化字段',
    tag: TAG,
    example: {
      items: [
        {
          id: 30,
          parentId: null,
          code: 'tdgy',
          name: '土地供应',
          basis: '工作要点二.2',
          needsInterpretation: false,
          extraFields: [],
        },
      ],
    },
  },
  {
    method: 'get',
    path: '/api/v1/documents',
    summary:
      '已公开文件列表（按发布时间倒序，游标分页；已撤回文件只列出撤回记录）。format=csv 导出全部符合条件的文件',
    tag: TAG,
    query: documentListQuery,
    labels: DOCUMENT_QUERY_LABELS,
    example: {
      items: [
        {
          id: 12,
          indexNo: '123456788/2026-00012',
          title: '关于2026年度国有建设用地供应计划的公告（示例）',
          docNumber: '津规资发〔2026〕12号',
          columnCode: 'gyjh',
          publisherId: 1,
          publishedAt: '2026-03-02T01:30:00.000Z',
          validity: 'valid',
          genre: '公告',
          isSample: true,
          status: 'published',
          withdrawnReason: null,
          formedOn: '2026-02-27',
          extra: {},
        },
      ],
      nextCursor: 'eyJwdWJsaXNoZWRBdCI6IjIwMjYtMDMtMDJUMDE6MzA6MDAuMDAwWiIsImlkIjoxMn0',
    },
  },
  {
    method: 'get',
    path: '/api/v1/documents/{id}',
    summary:
      '单个已公开文件的完整目录信息与正文，附件列表（attachments：名称、类型、字节数、下载地址）；已撤回文件只返回撤回记录；未公开的文件返回 404',
    tag: TAG,
  },
];
