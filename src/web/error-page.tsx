import type { PageContext } from './context.js';
import { PublicPage } from './layout.js';

export function ErrorPage(p: {
  ctx: PageContext;
  status: number;
  message: string;
  requestId?: string;
  fields?: Record<string, string>;
}) {
  const title = p.status === 404 ? '页面不存在' : p.status >= 500 ? '系统繁忙' : '无法完成请求';
  return (
    <PublicPage
      ctx={p.ctx}
      title={title}
      column="提示"
      breadcrumbs={[{ label: '首页', href: '/' }, { label: title }]}
      pubDate={new Date().toISOString()}
    >
      <h1>{title}</h1>
      <p>{p.message}</p>
      {p.fields && (
        <ul>
          {Object.values(p.fields).map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {p.requestId && <p class="hint">如需帮助，请向网站管理员提供请求编号：{p.requestId}</p>}
      <p>
        <a href="/">返回首页</a>
      </p>
    </PublicPage>
  );
}
