import type { ComponentChildren } from 'preact';
import type { Validity } from '../../platform/db/schema.js';
import { formatDate } from '../../platform/time.js';
import { VALIDITY_LABELS } from './document.status.js';
import type { PublicDocumentRow, PublicListRow } from './document-query.repository.js';
import { extraDisplayRows, parseExtraDefinitions, parseExtraValues } from './extra-fields.js';
import { RichText } from './richtext.view.js';

/**
 * View components of the public disclosure catalogue (政府信息公开目录). Everything is plain
 * server-rendered HTML: the pages work without JavaScript, and preact escapes every string.
 */

/** A column of the tree with its public document count, descendants included. */
export interface ColumnNode {
  id: number;
  code: string;
  name: string;
  basis: string;
  total: number;
  /** A 机构信息 column whose content is generated from the organisation data (never blank). */
  orgBacked: boolean;
  children: ColumnNode[];
}

export const VALIDITY_OPTIONS = (Object.keys(VALIDITY_LABELS) as Validity[]).map((v) => ({
  value: v,
  label: VALIDITY_LABELS[v],
}));

const INTERPRETATION_KINDS = { text: '文字解读', graphic: '图解', video: '视频解读', qa: '问答' } as const;

/** How a banner words a change of validity: "本文件已于 … 废止". */
const VALIDITY_VERBS: Record<Exclude<Validity, 'valid'>, string> = {
  expired: '失效',
  repealed: '废止',
  revised: '修订',
};

/** 47号: a document that was revised, repealed or has expired must be clearly marked, even in lists. */
function ListTags({ row }: { row: PublicListRow }) {
  return (
    <>
      {row.status === 'withdrawn' && <span class="badge badge-warn">已撤回</span>}
      {row.status !== 'withdrawn' && row.validity !== 'valid' && (
        <span class="badge badge-warn">{VALIDITY_LABELS[row.validity]}</span>
      )}
      {row.is_sample ? <span class="sample-tag">示例</span> : null}
    </>
  );
}

export function DocumentList({ rows }: { rows: PublicListRow[] }) {
  if (rows.length === 0) return <p>暂无符合条件的文件。</p>;
  return (
    <ul class="list">
      {rows.map((r) => (
        <li key={r.id}>
          <span>
            <a href={`/documents/${r.id}`}>{r.title}</a> <ListTags row={r} />
            {r.index_no && (
              <>
                <br />
                <span class="hint">索引号：{r.index_no}</span>
              </>
            )}
          </span>
          {r.published_at && <time dateTime={r.published_at}>{formatDate(r.published_at)}</time>}
        </li>
      ))}
    </ul>
  );
}

/** The column tree as nested lists: each column links to its page and shows its count. */
export function ColumnTree(p: { nodes: ColumnNode[]; href?: (code: string) => string; current?: string }) {
  const href = p.href ?? ((code: string) => `/xxgk/${code}`);
  return (
    <ul>
      {p.nodes.map((n) => (
        <li key={n.id}>
          <a href={href(n.code)} aria-current={n.code === p.current ? 'page' : undefined}>
            {n.name}
          </a>
          {n.total > 0 || !n.orgBacked ? <span class="hint">（{n.total} 件）</span> : null}
          {n.children.length > 0 && <ColumnTree nodes={n.children} href={href} current={p.current} />}
        </li>
      ))}
    </ul>
  );
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

const orNone = (v: string | null) => (v?.trim() ? v : '无');

/** Structured fields of the column (宗地编号, 预算金额 …) that this document filled in. */
export function extraRows(columnFields: string, docExtra: string): { label: string; value: string }[] {
  return extraDisplayRows(parseExtraDefinitions(columnFields), parseExtraValues(docExtra));
}

/** The catalogue metadata (C.4: 索引号, 主题分类, 发布机构, 成文日期, 文号, 发布日期, 主题词, 有效性 …). */
export function MetadataTable(p: { doc: PublicDocumentRow; extra: { label: string; value: string }[] }) {
  const d = p.doc;
  return (
    <table>
      <caption>文件信息</caption>
      <tbody>
        <Row label="索引号">{orNone(d.index_no)}</Row>
        <Row label="栏目">
          <a href={`/xxgk/${d.column_code}`}>{d.column_name}</a>
        </Row>
        {d.topic && <Row label="主题分类">{d.topic}</Row>}
        <Row label="发布机构">{d.publisher_name}</Row>
        {d.joint_issuers && <Row label="联合发文单位">{d.joint_issuers}</Row>}
        <Row label="成文日期">{orNone(d.written_on)}</Row>
        <Row label="发布日期">
          {d.published_at && <time dateTime={d.published_at}>{formatDate(d.published_at)}</time>}
        </Row>
        {d.effective_on && <Row label="生效日期">{d.effective_on}</Row>}
        <Row label="文号">{orNone(d.doc_number)}</Row>
        {d.genre && <Row label="体裁">{d.genre}</Row>}
        {d.keywords && <Row label="主题词">{d.keywords}</Row>}
        <Row label="有效性">
          {VALIDITY_LABELS[d.validity]}
          {d.validity !== 'valid' && d.validity_changed_on && `（${d.validity_changed_on}）`}
        </Row>
        {d.owner_name && <Row label="责任处室">{d.owner_name}</Row>}
        {p.extra.map((e) => (
          <Row key={e.label} label={e.label}>
            {e.value}
          </Row>
        ))}
        {d.version > 1 && (
          <Row label="版本">
            第 {d.version} 版（<a href="#h-corrections">见更正说明</a>）
          </Row>
        )}
      </tbody>
    </table>
  );
}

const sentence = (s: string) => s.trim().replace(/[。.;；]+$/, '');

/** "本文件已于 2026-11-24 废止：被新办法替代。替代文件：…" (47号: mark it clearly and at once). */
export function ValidityBanner(p: {
  doc: PublicDocumentRow;
  successor: { id: number; title: string } | undefined;
}) {
  const d = p.doc;
  if (d.validity === 'valid') return null;
  const verb = VALIDITY_VERBS[d.validity];
  const when = d.validity_changed_on ? `已于 ${d.validity_changed_on} ${verb}` : `已${verb}`;
  return (
    <div class="notice notice-warning" role="note">
      <p>
        <strong>
          本文件{when}
          {d.validity_reason ? `：${sentence(d.validity_reason)}。` : '。'}
        </strong>
        {p.successor && (
          <>
            {' '}
            替代文件：<a href={`/documents/${p.successor.id}`}>{p.successor.title}</a>
          </>
        )}
      </p>
    </div>
  );
}

function Section(p: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={p.id}>
      <h2 id={p.id}>{p.title}</h2>
      {p.children}
    </section>
  );
}

export interface DocumentLinks {
  interpretations: { id: number; title: string; kind: keyof typeof INTERPRETATION_KINDS }[];
  interprets: { id: number; title: string }[];
  corrections: { version: number; correction_note: string | null; created_at: string }[];
  successor: { id: number; title: string } | undefined;
}

/** The document page: banner, metadata, 内容概述, body, contact, 解读 links and 更正说明. */
export function DocumentArticle(p: {
  doc: PublicDocumentRow;
  extra: { label: string; value: string }[];
  links: DocumentLinks;
  /** The attachment list (attachment.views.tsx), shown after the body. */
  attachments?: ComponentChildren;
}) {
  const { doc: d, links } = p;
  return (
    <article aria-labelledby="doc-title">
      <h1 id="doc-title">
        {d.title}
        {d.is_sample ? <span class="sample-tag">示例</span> : null}
      </h1>
      <ValidityBanner doc={d} successor={links.successor} />
      <MetadataTable doc={d} extra={p.extra} />
      {d.summary && (
        <Section id="h-summary" title="内容概述">
          <p class="article-body">{d.summary}</p>
        </Section>
      )}
      <Section id="h-body" title="正文">
        <RichText html={d.body} class="article-body" />
      </Section>
      {p.attachments}
      {(d.contact_name || d.contact_phone) && (
        <Section id="h-contact" title="政策咨询">
          <dl class="article-meta">
            {d.contact_name && (
              <div>
                <dt>联系人：</dt>
                <dd>{d.contact_name}</dd>
              </div>
            )}
            {d.contact_phone && (
              <div>
                <dt>联系电话：</dt>
                <dd>{d.contact_phone}</dd>
              </div>
            )}
          </dl>
        </Section>
      )}
      <DocumentLinks
        id="h-interpretations"
        title="相关解读"
        items={links.interpretations.map((i) => ({ ...i, note: INTERPRETATION_KINDS[i.kind] }))}
      />
      <DocumentLinks id="h-interprets" title="解读的文件" items={links.interprets} />
      {d.version > 1 && links.corrections.length > 0 && (
        <Section id="h-corrections" title="更正说明">
          <ul>
            {links.corrections.map((c) => (
              <li key={c.version}>
                <time dateTime={c.created_at}>{formatDate(c.created_at)}</time>（第 {c.version} 版）：
                {c.correction_note}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </article>
  );
}

/** A withdrawn document: the record that it was published and withdrawn, and why; no content. */
export function Tombstone(p: { doc: PublicDocumentRow; withdrawnAt: string | null }) {
  const d = p.doc;
  return (
    <article aria-labelledby="doc-title">
      <h1 id="doc-title">
        {d.title}
        {d.is_sample ? <span class="sample-tag">示例</span> : null}
      </h1>
      <div class="notice notice-warning" role="note">
        <p>
          <strong>本文件已撤回，不再公开内容。</strong>
        </p>
      </div>
      <table>
        <caption>撤回记录</caption>
        <tbody>
          <Row label="索引号">{orNone(d.index_no)}</Row>
          <Row label="原发布日期">
            {d.published_at && <time dateTime={d.published_at}>{formatDate(d.published_at)}</time>}
          </Row>
          <Row label="撤回日期">
            {p.withdrawnAt ? <time dateTime={p.withdrawnAt}>{formatDate(p.withdrawnAt)}</time> : '无'}
          </Row>
          <Row label="撤回理由">{orNone(d.withdrawn_reason)}</Row>
        </tbody>
      </table>
    </article>
  );
}

/** A titled list of links to other documents (interpretations either way); nothing when empty. */
function DocumentLinks(p: {
  id: string;
  title: string;
  items: { id: number; title: string; note?: string }[];
}) {
  if (p.items.length === 0) return null;
  return (
    <Section id={p.id} title={p.title}>
      <ul>
        {p.items.map((i) => (
          <li key={i.id}>
            <a href={`/documents/${i.id}`}>{i.title}</a>
            {i.note && <span class="hint">（{i.note}）</span>}
          </li>
        ))}
      </ul>
    </Section>
  );
}
