import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import { sm3 } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import type { AppDeps } from '../../platform/module.js';
import { siteProfile } from '../../platform/settings/settings.js';
import { listOrgs } from '../orgs/index.js';
import { findNode, flatten, loadCatalogueTree, subtreeIds, visibleTree } from './catalogue.js';
import * as q from './document-query.repository.js';

/**
 * Machine-readable views of the catalogue: RSS 2.0 and Atom 1.0 for the whole catalogue and for each
 * column (/xxgk/feed.rss, /xxgk/feed.atom, /xxgk/:code/feed.rss, /xxgk/:code/feed.atom),
 * sitemap.xml and robots.txt. Every URL in them is absolute, built from BASE_URL. Only published
 * documents appear: drafts never, withdrawn documents no longer, hidden (empty) columns not at all.
 * Responses carry an ETag (SM3 of the body) and answer If-None-Match with 304.
 */

const FEED_SIZE = 20;
const CACHE_CONTROL = 'public, max-age=300';
const TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
} as const;

/** The feed links of a catalogue page (for <link rel="alternate"> and the visible 订阅 line). */
export function feedLinks(column?: { code: string; name: string }) {
  const base = column ? `/xxgk/${column.code}` : '/xxgk';
  const name = column ? column.name : '政府信息公开目录';
  return [
    { href: `${base}/feed.rss`, type: 'application/rss+xml', title: `${name}（RSS）`, label: 'RSS 2.0' },
    { href: `${base}/feed.atom`, type: 'application/atom+xml', title: `${name}（Atom）`, label: 'Atom' },
  ];
}

/** Characters XML 1.0 does not allow anywhere, even escaped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: this is exactly what it removes
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const clean = (s: string) => s.replace(XML_INVALID, '');

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Feed titles and summaries are HTML (Atom type="html"; RSS by convention): plain text is escaped. */
const html = (s: string) => clean(s).replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
const xmlText = (s: string) => html(s).replace(/'/g, '&apos;');

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

function sendXml(request: FastifyRequest, reply: FastifyReply, body: string, type: string) {
  const etag = `"${sm3(body)}"`;
  reply.header('ETag', etag).header('Cache-Control', CACHE_CONTROL);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type(type).send(body);
}

const EPOCH = '1970-01-01T00:00:00.000Z';
/** The latest of some ISO-8601 UTC instants (text order is time order). */
const newest = (isos: (string | null)[]): string | undefined =>
  isos
    .filter((x): x is string => !!x)
    .sort()
    .at(-1);

const summaryOf = (r: q.FeedItemRow) => {
  const text = r.summary?.trim() || r.body.replace(/<[^>]*>/g, '').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

export function feedRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const pub = { config: { permission: 'public' } };
  const abs = (path: string) => `${config.baseUrl}${path}`;

  async function feed(request: FastifyRequest, reply: FastifyReply, format: 'rss' | 'atom', code?: string) {
    const { tree } = await loadCatalogueTree(db);
    const node = code ? findNode(visibleTree(tree), code) : undefined;
    if (code && !node) throw new AppError('NOT_FOUND', { message: '栏目不存在或暂无公开信息' });
    const [items, site] = await Promise.all([
      q.feedItems(db, node ? { columnIds: subtreeIds(node) } : {}, FEED_SIZE),
      siteProfile(db),
    ]);
    const page = node ? `/xxgk/${node.code}` : '/xxgk';
    const title = `${site.siteName} - ${node ? node.name : '政府信息公开目录'}`;
    // The newest change of what is listed: a stable date keeps the ETag stable between requests.
    const updated = newest(items.flatMap((r) => [r.updated_at, r.published_at])) ?? EPOCH;
    const f = new Feed({
      id: abs(page),
      title: clean(title),
      description: clean(`${node ? node.name : '政府信息公开目录'}最新主动公开的政府信息`),
      link: abs(page),
      language: 'zh-CN',
      updated: new Date(updated),
      generator: 'Gongkai',
      copyright: clean(site.sponsor || site.siteName),
      feedLinks: { rss: abs(`${page}/feed.rss`), atom: abs(`${page}/feed.atom`) },
    });
    for (const r of items) {
      const link = abs(`/documents/${r.id}`);
      f.addItem({
        id: link,
        title: html(r.title),
        link,
        date: new Date(newest([r.updated_at, r.published_at]) ?? r.updated_at),
        published: new Date(r.published_at ?? r.updated_at),
        description: html(summaryOf(r)),
        category: [{ name: clean(r.column_name) }],
        author: [{ name: clean(r.publisher_name) }],
      });
    }
    return sendXml(request, reply, format === 'rss' ? f.rss2() : f.atom1(), TYPES[format]);
  }

  app.get('/xxgk/feed.rss', pub, (request, reply) => feed(request, reply, 'rss'));
  app.get('/xxgk/feed.atom', pub, (request, reply) => feed(request, reply, 'atom'));
  app.get('/xxgk/:code/feed.rss', pub, (request, reply) =>
    feed(request, reply, 'rss', (request.params as Record<string, string>).code),
  );
  app.get('/xxgk/:code/feed.atom', pub, (request, reply) =>
    feed(request, reply, 'atom', (request.params as Record<string, string>).code),
  );

  app.get('/sitemap.xml', pub, async (request, reply) => {
    const [{ tree }, docs, orgs] = await Promise.all([
      loadCatalogueTree(db),
      q.sitemapDocuments(db),
      listOrgs(db),
    ]);
    const url = (path: string, lastmod?: string) =>
      `<url><loc>${xmlText(abs(path))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
    const entries = [
      url('/'),
      url('/xxgk'),
      ...flatten(visibleTree(tree)).map((c) => url(`/xxgk/${c.code}`)),
      ...docs.map((d) => url(`/documents/${d.id}`, newest([d.updated_at, d.published_at]))),
      url('/orgs'),
      ...orgs.map((o) => url(`/orgs/${o.id}`, o.updated_at)),
      url('/guide'),
    ];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`;
    return sendXml(request, reply, body, TYPES.xml);
  });

  app.get('/robots.txt', pub, async (request, reply) => {
    const body = [
      'User-agent: *',
      'Disallow: /console/',
      'Allow: /',
      '',
      `Sitemap: ${abs('/sitemap.xml')}`,
      '',
    ].join('\n');
    return sendXml(request, reply, body, TYPES.text);
  });
}
