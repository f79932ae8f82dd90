import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import { BOM, csvLine } from '../../platform/csv.js';
import type { Db } from '../../platform/db/index.js';
import type { DocumentStatus } from '../../platform/db/schema.js';
import { formatPubDate } from '../../platform/time.js';
import { Field, Notice, Pagination } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import type { PageContext } from '../../web/context.js';
import { looksLikeDocNumber, normaliseDocNumber } from './doc-number.js';
import { StatusBadge } from './document.detail.js';
import { columnOptions } from './document.forms.js';
import { STATUS_LABELS, VALIDITY_LABELS } from './document.status.js';
import * as cq from './document-console.repository.js';
import * as q from './document-query.repository.js';

/**
 * The console's document list (/console/documents): filters by status, column, title or 文号 and
 * "mine", paging, and the CSV export of the same selection.
 */

const PAGE_SIZE = 20;

const STATUSES = ['draft', 'in_review', 'approved', 'published', 'withdrawn'] as const;
export const listQuery = z.object({
  status: z
    .union([z.literal(''), z.enum(STATUSES)], { message: '请从列表中选择' })
    .optional()
    .transform((v) => (v ? (v as DocumentStatus) : undefined)),
  column: z
    .string()
    .trim()
    .regex(/^(|[1-9]\d{0,9})$/, '请从列表中选择')
    .optional()
    .transform((v) => (v ? Number(v) : undefined)),
  q: z
    .string()
    .trim()
    .max(100, '不能超过 100 个字符')
    .optional()
    .transform((v) => v || undefined),
  mine: z
    .string()
    .optional()
    .transform((v) => v === '1'),
  page: z.coerce
    .number({ message: '应为正整数' })
    .int('应为正整数')
    .min(1, '应为正整数')
    .max(10000, '不能超过 10000')
    .default(1),
});
export const LIST_LABELS = {
  status: '状态',
  column: '栏目',
  q: '标题或文号',
  mine: '我起草的',
  page: '页码',
};
export type ListQuery = z.infer<typeof listQuery>;

function listHref(f: ListQuery, page: number): string {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.column) p.set('column', String(f.column));
  if (f.q) p.set('q', f.q);
  if (f.mine) p.set('mine', '1');
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `/console/documents?${s}` : '/console/documents';
}

/** The CSV export of the list as filtered now (every page). */
function csvHref(f: ListQuery): string {
  const list = listHref(f, 1);
  const q = list.indexOf('?');
  return `/console/documents.csv${q >= 0 ? list.slice(q) : ''}`;
}

/** The chosen column and its descendants. */
function subtree(columns: { id: number; parent_id: number | null }[], id: number): number[] {
  const ids = [id];
  for (let i = 0; i < ids.length; i += 1)
    for (const c of columns) if (c.parent_id === ids[i] && !ids.includes(c.id)) ids.push(c.id);
  return ids;
}

function consoleFilter(columns: { id: number; parent_id: number | null }[], actor: Actor, f: ListQuery) {
  return {
    status: f.status,
    columnIds: f.column ? subtree(columns, f.column) : undefined,
    text: f.q,
    docNumberNorm: f.q && looksLikeDocNumber(f.q) ? normaliseDocNumber(f.q) : undefined,
    createdBy: f.mine ? (actor.userId ?? -1) : undefined,
  } satisfies cq.ConsoleFilter;
}

const CSV_HEADER = [
  '编号',
  '标题',
  '文号',
  '索引号',
  '栏目',
  '状态',
  '有效性',
  '起草人',
  '待处理筛查结果',
  '定时发布',
  '发布时间',
  '最近修改',
  '示例数据',
];
const CSV_MAX_ROWS = 50_000;

/** The filtered console list as CSV (every matching document, up to 50,000), times in Beijing time. */
export async function listCsv(db: Db, actor: Actor, f: ListQuery): Promise<string> {
  const filter = consoleFilter(await q.columnsInTreeOrder(db), actor, f);
  const time = (v: string | null) => (v ? formatPubDate(v) : null);
  let out = BOM + csvLine(CSV_HEADER);
  for (let offset = 0; offset < CSV_MAX_ROWS; offset += 500) {
    const rows = await cq.pageConsoleDocuments(db, filter, { limit: 500, offset });
    for (const r of rows)
      out += csvLine([
        r.id,
        r.title,
        r.doc_number,
        r.index_no,
        r.column_name,
        STATUS_LABELS[r.status],
        VALIDITY_LABELS[r.validity],
        r.author,
        r.open_findings,
        time(r.scheduled_at),
        time(r.published_at),
        time(r.updated_at),
        r.is_sample ? '是' : '',
      ]);
    if (rows.length < 500) break;
  }
  return out;
}

export async function listPage(db: Db, ctx: PageContext, actor: Actor, f: ListQuery, done?: string) {
  const columns = await q.columnsInTreeOrder(db);
  const filter = consoleFilter(columns, actor, f);
  const [rows, total] = await Promise.all([
    cq.pageConsoleDocuments(db, filter, { limit: PAGE_SIZE, offset: (f.page - 1) * PAGE_SIZE }),
    cq.countConsoleDocuments(db, filter),
  ]);
  return (
    <ConsolePage ctx={ctx} title="文件发布">
      {done && <Notice kind="success">{done}</Notice>}
      <p>
        <a class="button" href="/console/documents/new">
          起草文件
        </a>{' '}
        <a href="/xxgk">查看前台政府信息公开目录</a>
      </p>
      <form method="get" action="/console/documents" class="form-inline" aria-label="筛选文件">
        <Field
          name="status"
          label="状态"
          value={f.status ?? ''}
          options={[
            { value: '', label: '全部' },
            ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
          ]}
        />
        <Field
          name="column"
          label="栏目"
          value={f.column ? String(f.column) : ''}
          options={[{ value: '', label: '全部栏目' }, ...columnOptions(columns)]}
        />
        <Field name="q" label="标题或文号" value={f.q ?? ''} />
        <div class="field">
          <label>
            <input type="checkbox" name="mine" value="1" checked={f.mine} /> 只看我起草的
          </label>
        </div>
        <button type="submit">筛选</button>
        <a href="/console/documents">清除筛选</a>
      </form>
      {rows.length === 0 ? (
        <p>没有符合条件的文件。</p>
      ) : (
        <table>
          <caption>
            共 {total} 件，按最近修改排列（<a href={csvHref(f)}>导出 CSV</a>）
          </caption>
          <thead>
            <tr>
              <th scope="col">标题</th>
              <th scope="col">栏目</th>
              <th scope="col">状态</th>
              <th scope="col">起草人</th>
              <th scope="col">最近修改</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a href={`/console/documents/${r.id}`}>{r.title}</a>
                  {r.doc_number && <span class="hint">（{r.doc_number}）</span>}
                  {r.is_sample ? <span class="sample-tag">示例</span> : null}
                </th>
                <td>{r.column_name}</td>
                <td>
                  <StatusBadge status={r.status} />
                  {r.open_findings > 0 && (
                    <span class="badge badge-warn">{r.open_findings} 处个人信息待处理</span>
                  )}
                  {r.status === 'approved' && r.scheduled_at && (
                    <span class="hint">（定时 {formatPubDate(r.scheduled_at)}）</span>
                  )}
                </td>
                <td>{r.author ?? ''}</td>
                <td>{formatPubDate(r.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={f.page} pageSize={PAGE_SIZE} total={total} href={(p) => listHref(f, p)} />
    </ConsolePage>
  );
}
