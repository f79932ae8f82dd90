import type { ComponentChildren } from 'preact';
import { formatPubDate } from '../platform/time.js';
import { FONT_SIZES, type PageContext, withQuery } from './context.js';

export interface Crumb {
  label: string;
  href?: string;
}

export interface PublicPageProps {
  ctx: PageContext;
  title: string;
  /** Column (栏目) the page belongs to: the ColumnName meta tag. */
  column: string;
  breadcrumbs: Crumb[];
  /** Publication (or last update) time of what the page shows; every page shows one. */
  pubDate: string;
  /** Set on article pages: the ArticleTitle and ContentSource meta tags. */
  article?: { title: string; source: string };
  /** Extra <link> elements in the head: rel="canonical", rel="alternate" feeds. */
  links?: { rel: 'canonical' | 'alternate'; href: string; type?: string; title?: string }[];
  children: ComponentChildren;
}

const NAV = [
  { href: '/', label: '首页' },
  { href: '/xxgk', label: '政府信息公开' },
  { href: '/guide', label: '公开指南' },
  { href: '/xxgk/tzgg', label: '通知公告' },
  { href: '/orgs', label: '机构信息' },
  { href: '/search', label: '一网通查' },
];

export function PublicPage(p: PublicPageProps) {
  const { ctx } = p;
  const care = ctx.mode === 'care';
  const bodyClass = care ? `care fs-${ctx.fontSize}` : 'normal';
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${p.title} - ${ctx.site.siteName}`}</title>
        <meta name="SiteName" content={ctx.site.siteName} />
        <meta name="SiteDomain" content={ctx.site.siteDomain} />
        <meta name="SiteIDCode" content={ctx.site.siteIdCode} />
        <meta name="ColumnName" content={p.column} />
        {p.article && <meta name="ArticleTitle" content={p.article.title} />}
        <meta name="PubDate" content={formatPubDate(p.pubDate)} />
        {p.article && <meta name="ContentSource" content={p.article.source} />}
        {p.links?.map((l) => (
          <link key={`${l.rel} ${l.href}`} rel={l.rel} href={l.href} type={l.type} title={l.title} />
        ))}
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="stylesheet" href="/static/print.css" media="print" />
        <script src="/static/app.js" defer />
      </head>
      <body class={bodyClass}>
        <a class="skip-link" href="#main">
          跳到主要内容
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <p class="site-name">
              <a href="/">{ctx.site.siteName}</a>
            </p>
            <form class="search-box" role="search" action="/search" method="get">
              <label for="site-q">站内搜索</label>
              <input id="site-q" name="q" type="search" placeholder="输入标题、文号或关键词" />
              <button type="submit">搜索</button>
            </form>
            <p class="mode-switch">
              {care ? (
                <a href={withQuery(ctx.path, { mode: 'normal', fs: null })}>退出关爱版</a>
              ) : (
                <a href={withQuery(ctx.path, { mode: 'care' })}>关爱版</a>
              )}
            </p>
          </div>
          <nav class="main-nav" aria-label="主导航">
            <ul class="wrap">
              {NAV.map((n) => (
                <li key={n.href}>
                  <a href={n.href}>{n.label}</a>
                </li>
              ))}
            </ul>
          </nav>
          {care && (
            <nav class="font-size wrap" aria-label="字号调整">
              <span>字号：</span>
              {FONT_SIZES.map((s) => (
                <a
                  key={s}
                  href={withQuery(ctx.path, { fs: String(s) })}
                  aria-current={s === ctx.fontSize ? 'true' : undefined}
                  aria-label={`字号 ${s} 像素`}
                >
                  {s}
                </a>
              ))}
            </nav>
          )}
        </header>
        <nav class="breadcrumbs wrap" aria-label="当前位置">
          <span>当前位置：</span>
          <ol>
            {p.breadcrumbs.map((c, i) => (
              <li key={c.label}>
                {c.href && i < p.breadcrumbs.length - 1 ? (
                  <a href={c.href}>{c.label}</a>
                ) : (
                  <span aria-current="page">{c.label}</span>
                )}
              </li>
            ))}
          </ol>
        </nav>
        <main id="main" class="wrap" tabIndex={-1}>
          {p.children}
          <p class="pub-time">
            {p.article ? '发布时间：' : '更新时间：'}
            <time dateTime={p.pubDate}>{formatPubDate(p.pubDate)}</time>
          </p>
        </main>
        <SiteFooter ctx={ctx} />
      </body>
    </html>
  );
}

export function SiteFooter({ ctx }: { ctx: PageContext }) {
  const s = ctx.site;
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>
          主办单位：{s.sponsor}
          {s.address && <> 地址：{s.address}</>}
          {s.phone && <> 电话：{s.phone}</>}
        </p>
        <p>
          {s.siteIdCode && <>网站标识码：{s.siteIdCode} </>}
          {s.icp && <>ICP备案号：{s.icp} </>}
          {s.psb && <>公安备案号：{s.psb}</>}
        </p>
        <p>
          <a href="/guide">政府信息公开指南</a> · <a href="/api/v1">开放接口</a> ·{' '}
          <a href="/console">工作人员登录</a>
        </p>
      </div>
    </footer>
  );
}
