/**
 * View components of the catalogue's browsing (政府信息公开目录): facets as links with counts and
 * numbered pages. Plain links, so everything works without JavaScript and in both display modes.
 */

export interface FacetOption {
  label: string;
  n: number;
  href: string;
  selected: boolean;
}

/** One facet of the catalogue as plain links with counts; “全部” clears it. Works without JavaScript. */
export function Facet(p: { id: string; title: string; all: string; options: FacetOption[] }) {
  if (p.options.length === 0) return null;
  const anySelected = p.options.some((o) => o.selected);
  return (
    <section aria-labelledby={p.id} class="facet">
      <h3 id={p.id}>{p.title}</h3>
      <ul>
        <li>
          <a href={p.all} aria-current={anySelected ? undefined : 'true'}>
            全部
          </a>
        </li>
        {p.options.map((o) => (
          <li key={o.href}>
            <a href={o.href} aria-current={o.selected ? 'true' : undefined}>
              {o.label}
            </a>
            <span class="hint">（{o.n}）</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Page numbers around the current page, with the first and last always shown. */
export function pageWindow(page: number, pages: number, radius = 2): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 1; i <= pages; i += 1) {
    if (i === 1 || i === pages || Math.abs(i - page) <= radius) out.push(i);
    else if (out.at(-1) !== null) out.push(null);
  }
  return out;
}

/** Numbered pagination: 上一页, page numbers (… for gaps), 下一页; plain links. */
export function NumberedPagination(p: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="分页">
      <ul>
        {p.page > 1 && (
          <li>
            <a href={p.href(p.page - 1)} rel="prev">
              上一页
            </a>
          </li>
        )}
        {pageWindow(p.page, pages).map((n, i) =>
          n === null ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              {n === p.page ? <span aria-current="page">{n}</span> : <a href={p.href(n)}>{n}</a>}
            </li>
          ),
        )}
        {p.page < pages && (
          <li>
            <a href={p.href(p.page + 1)} rel="next">
              下一页
            </a>
          </li>
        )}
      </ul>
      <p class="hint">
        第 {p.page} / {pages} 页，共 {p.total} 条
      </p>
    </nav>
  );
}
