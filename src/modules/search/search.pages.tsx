import type { FastifyInstance } from 'fastify';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import type { AppDeps } from '../../platform/module.js';
import { COUNT_CAP } from '../../platform/search/backend.js';
import type { SearchHit, SearchResult } from '../../platform/search/search.service.js';
import type { Segment } from '../../platform/search/snippet.js';
import { formatDate } from '../../platform/time.js';
import { type PageContext, pageContext, withQuery } from '../../web/context.js';
import { PublicPage } from '../../web/layout.js';
import { Facet, NumberedPagination, VALIDITY_LABELS } from '../documents/index.js';
import {
  type Facets,
  facetsOf,
  type Names,
  names,
  parseSearchParams,
  runSearch,
  type SearchParams,
} from './search.query.js';

/**
 * 一网通查: the portal's search page. A plain GET form and plain links (facets, sort, pages), so it
 * works without JavaScript and in both display modes; matches are marked with <mark>.
 */

function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s) => (s.hit ? <mark>{s.text}</mark> : s.text))}</>;
}

function Hit({ h, n }: { h: SearchHit; n: Names }) {
  const column = h.columnId === null ? undefined : n.columns.get(h.columnId);
  const org = h.orgId === null ? undefined : n.orgs.get(h.orgId);
  return (
    <li class="search-hit">
      <h3>
        <a href={h.url}>
          <Marked segments={h.titleSegments} />
        </a>
        {h.validity !== 'valid' && (
          <span class="badge badge-warn">{VALIDITY_LABELS[h.validity as keyof typeof VALIDITY_LABELS]}</span>
        )}
        {h.exact && <span class="badge">编号精确匹配</span>}
      </h3>
      {h.snippet.length > 0 && (
        <p class="snippet">
          <Marked segments={h.snippet} />
        </p>
      )}
      <p class="meta">
        {h.docNumber && <span>文号：{h.docNumber}</span>}
        {h.indexNo && <span>索引号：{h.indexNo}</span>}
        {org && <span>发布机构：{org}</span>}
        {column && (
          <span>
            栏目：<a href={`/xxgk/${column.code}`}>{column.name}</a>
          </span>
        )}
        <span>
          发布日期：<time dateTime={h.publishedAt}>{formatDate(h.publishedAt)}</time>
        </span>
      </p>
    </li>
  );
}

type Key = 'column' | 'org' | 'year' | 'validity' | 'type' | 'sort';

function hrefOf(p: SearchParams, change: Partial<Record<Key | 'page', string | null>>): string {
  const params: Record<string, string | null> = {
    q: p.q || null,
    column: p.column ?? null,
    org: p.org !== undefined ? String(p.org) : null,
    year: p.year !== undefined ? String(p.year) : null,
    validity: p.validity ?? null,
    type: p.type ?? null,
    sort: p.sort ?? null,
    size: p.size !== 10 ? String(p.size) : null,
    page: null,
    ...change,
  };
  return withQuery('/search', params);
}

const FACETS: Array<{ key: Exclude<Key, 'sort'>; title: string }> = [
  { key: 'column', title: '栏目' },
  { key: 'org', title: '发布机构' },
  { key: 'year', title: '发布年份' },
  { key: 'validity', title: '有效性' },
  { key: 'type', title: '体裁' },
];

function selected(p: SearchParams, key: Exclude<Key, 'sort'>): string | undefined {
  const v = p[key];
  return v === undefined || v === null ? undefined : String(v);
}

function FacetPanel({ p, facets, exact }: { p: SearchParams; facets: Facets; exact: boolean }) {
  return (
    <aside class="facets" aria-label="筛选">
      {!exact && (
        <p class="hint">结果较多，分类计数按最新的 {COUNT_CAP} 条统计；可先选择栏目或年份缩小范围。</p>
      )}
      {FACETS.map((f) => (
        <Facet
          key={f.key}
          id={`facet-${f.key}`}
          title={f.title}
          all={hrefOf(p, { [f.key]: null })}
          options={facets[f.key].slice(0, 12).map((o) => ({
            label: o.label,
            n: o.count,
            href: hrefOf(p, { [f.key]: o.value }),
            selected: selected(p, f.key) === o.value,
          }))}
        />
      ))}
    </aside>
  );
}

function SearchForm({ p }: { p: SearchParams }) {
  const sort = p.sort ?? (p.q ? 'relevance' : 'date');
  return (
    <form method="get" action="/search" role="search" class="form-inline">
      <div class="field">
        <label for="search-q">搜索词</label>
        <input
          id="search-q"
          name="q"
          type="search"
          value={p.q}
          aria-describedby="search-hint"
          placeholder="标题、文号、索引号或关键词"
        />
      </div>
      <div class="field">
        <label for="search-sort">排序</label>
        <select id="search-sort" name="sort">
          <option value="relevance" selected={sort === 'relevance'}>
            按相关度
          </option>
          <option value="date" selected={sort === 'date'}>
            按发布日期
          </option>
        </select>
      </div>
      {(['column', 'org', 'year', 'validity', 'type'] as const).map((k) =>
        selected(p, k) !== undefined ? <input key={k} type="hidden" name={k} value={selected(p, k)} /> : null,
      )}
      <button type="submit">搜索</button>
      <p id="search-hint" class="hint">
        可输入两个字以上的词语（如“征地”“测绘”）、文号（如“国办函〔2020〕109号”，括号形式不限）或索引号；繁体字亦可。
      </p>
    </form>
  );
}

function Results({ p, r, n }: { p: SearchParams; r: SearchResult; n: Names }) {
  const facets = facetsOf(r.facets, n);
  return (
    <div class="search-layout">
      <FacetPanel p={p} facets={facets} exact={r.facetsExact} />
      <section aria-labelledby="h-results" class="search-results">
        <h2 id="h-results">{p.q ? '搜索结果' : '最新公开信息'}</h2>
        <p role="status">
          {p.q ? `“${p.q}”共找到 ${r.total} 条${r.totalExact ? '' : '以上'}结果` : `共 ${r.total} 条`}
          {r.relaxed && '（未找到完整词组，以下为分别包含各个词语的结果）'}
        </p>
        {r.total > 0 && (
          <p class="sort-links">
            排序：
            {(p.sort ?? (p.q ? 'relevance' : 'date')) === 'relevance' ? (
              <>
                <span aria-current="true">相关度</span> · <a href={hrefOf(p, { sort: 'date' })}>发布日期</a>
              </>
            ) : (
              <>
                <a href={hrefOf(p, { sort: 'relevance' })}>相关度</a> ·{' '}
                <span aria-current="true">发布日期</span>
              </>
            )}
          </p>
        )}
        {r.total === 0 && p.q && (
          <div class="notice notice-info">
            <p>没有找到相关信息。建议：</p>
            <ul>
              <li>检查错别字，或换用更短、更常用的词语；</li>
              <li>去掉筛选条件再试；</li>
              <li>
                如需要的信息未主动公开，可<a href="/guide">依申请公开</a>。
              </li>
            </ul>
          </div>
        )}
        <ol class="search-list" start={(p.page - 1) * p.size + 1}>
          {r.hits.map((h) => (
            <Hit key={h.entryId} h={h} n={n} />
          ))}
        </ol>
        <NumberedPagination
          page={p.page}
          pageSize={p.size}
          total={Math.min(r.total, 5000)}
          href={(page) => hrefOf(p, { page: page > 1 ? String(page) : null })}
        />
      </section>
    </div>
  );
}

/**
 * Bad parameters: what is wrong, in a notice (the search form above is the way to fix it; the
 * parameters other than q have no field on the page, so there is nothing to link to).
 */
function ParamErrors({ errors }: { errors: Record<string, string> }) {
  return (
    <div class="notice notice-warning" role="alert">
      <p>搜索条件有误，请修改后重新搜索：</p>
      <ul>
        {Object.entries(errors).map(([field, message]) => (
          <li key={field}>{message}</li>
        ))}
      </ul>
    </div>
  );
}

function Page(p: { ctx: PageContext; params: SearchParams; children: unknown }) {
  return (
    <PublicPage
      ctx={p.ctx}
      title={p.params.q ? `${p.params.q} - 一网通查` : '一网通查'}
      column="一网通查"
      breadcrumbs={[{ label: '首页', href: '/' }, { label: '一网通查' }]}
      pubDate={new Date().toISOString()}
    >
      <h1>一网通查</h1>
      <SearchForm p={p.params} />
      {p.children as never}
    </PublicPage>
  );
}

export function searchPages(app: FastifyInstance, deps: AppDeps): void {
  const { db, dialect } = deps;
  app.get('/search', { config: { permission: 'public' } }, async (request, reply) => {
    const ctx = await pageContext(db, request);
    let params: SearchParams;
    try {
      params = parseSearchParams(request.query);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      const raw = (request.query ?? {}) as Record<string, unknown>;
      const q = typeof raw.q === 'string' ? raw.q.slice(0, 100) : '';
      return sendHtml(
        reply,
        <Page ctx={ctx} params={{ q, page: 1, size: 10 } as SearchParams}>
          <ParamErrors errors={e.fields} />
        </Page>,
        400,
      );
    }
    let result: SearchResult;
    try {
      result = await runSearch(db, dialect, params);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(
        reply,
        <Page ctx={ctx} params={{ ...params, column: null }}>
          <ParamErrors errors={e.fields} />
        </Page>,
        400,
      );
    }
    const n = await names(db);
    return sendHtml(
      reply,
      <Page ctx={ctx} params={params}>
        <Results p={params} r={result} n={n} />
      </Page>,
    );
  });
}
