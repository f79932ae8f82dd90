import type { ComponentChildren } from 'preact';
import { can } from '../platform/actor.js';
import { type PageContext, withQuery } from './context.js';

/** Console navigation: an item shows only to those who may open it. */
export const CONSOLE_NAV = [
  { href: '/console', label: '工作台', permission: 'console.access' },
  { href: '/console/documents', label: '文件发布', permission: 'documents.edit' },
  { href: '/console/review', label: '保密审查', permission: 'documents.review' },
  { href: '/console/reconsideration-decisions', label: '复议决定书', permission: 'documents.edit' },
  { href: '/console/applications', label: '依申请公开', permission: 'applications.read' },
  { href: '/console/annual-reports', label: '年度报告', permission: 'statistics.read' },
  { href: '/console/statistics', label: '统计分析', permission: 'statistics.read' },
  { href: '/console/orgs', label: '机构管理', permission: 'orgs.manage' },
  { href: '/console/columns', label: '栏目管理', permission: 'columns.manage' },
  { href: '/console/search', label: '搜索词典', permission: 'search.manage' },
  { href: '/console/reports/timeliness', label: '公开时效', permission: 'reports.read' },
  { href: '/console/reports/interpretations', label: '政策解读', permission: 'reports.read' },
  { href: '/console/users', label: '用户管理', permission: 'users.manage' },
  { href: '/console/roles', label: '角色权限', permission: 'roles.manage' },
  { href: '/console/expropriation', label: '征地项目', permission: 'expropriation.manage' },
  { href: '/console/calendar', label: '工作日历', permission: 'calendar.read' },
  { href: '/console/audit', label: '审计日志', permission: 'audit.read' },
  { href: '/console/jobs', label: '后台任务', permission: 'jobs.read' },
  { href: '/console/settings', label: '站点设置', permission: 'settings.manage' },
  { href: '/console/guide', label: '公开指南', permission: 'settings.manage' },
  { href: '/console/tokens', label: 'API 令牌', permission: 'console.access' },
];

export function ConsolePage(p: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  bare?: boolean;
}) {
  const { ctx } = p;
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${p.title} - 管理后台 - ${ctx.site.siteName}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer />
      </head>
      <body class={ctx.mode === 'care' ? `console care fs-${ctx.fontSize}` : 'console'}>
        <a class="skip-link" href="#main">
          跳到主要内容
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <p class="site-name">
              <a href="/console">{ctx.site.siteName} · 管理后台</a>
            </p>
            <p class="mode-switch">
              {ctx.mode === 'care' ? (
                <a href={withQuery(ctx.path, { mode: 'normal', fs: null })}>退出关爱版</a>
              ) : (
                <a href={withQuery(ctx.path, { mode: 'care' })}>关爱版</a>
              )}
            </p>
            {ctx.signedIn && (
              <form method="post" action="/console/logout" class="logout">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <span>
                  {ctx.actor.name}（{ctx.actor.username}）
                </span>{' '}
                <a href="/console/password">修改密码</a> <button type="submit">退出登录</button>
              </form>
            )}
          </div>
          {ctx.signedIn && !p.bare && (
            <nav class="main-nav" aria-label="后台导航">
              <ul class="wrap">
                {CONSOLE_NAV.filter((n) => can(ctx.actor, n.permission)).map((n) => (
                  <li key={n.href}>
                    <a href={n.href}>
                      {n.label}
                      {ctx.navBadges[n.href] && (
                        <span class="badge badge-danger">{ctx.navBadges[n.href]}</span>
                      )}
                    </a>
                  </li>
                ))}
                <li>
                  <a href="/">返回前台</a>
                </li>
              </ul>
            </nav>
          )}
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          <h1>{p.title}</h1>
          {p.children}
        </main>
      </body>
    </html>
  );
}
