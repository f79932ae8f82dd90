import type { FastifyInstance } from 'fastify';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { pageContext } from '../../web/context.js';
import { PublicPage } from '../../web/layout.js';
import type { Leader } from './org.repository.js';
import { type OrgNode, orgDirectory, orgProfile } from './org.service.js';
import { KIND_ORDER, kindName, LeaderList, leaderLine, OrgFacts, SampleTag } from './org.views.js';

const COLUMN = '机构信息';

/** One unit in its kind group: name, facts, its leaders in a line and links to what it oversees. */
function UnitEntry(p: { node: OrgNode; leaders: Leader[] }) {
  const n = p.node;
  return (
    <li>
      <article aria-labelledby={`org-${n.id}`}>
        <h4 id={`org-${n.id}`}>
          <a href={`/orgs/${n.id}`}>{n.name}</a>
          <SampleTag sample={n.is_sample} />
        </h4>
        <OrgFacts
          org={n}
          extra={p.leaders.length > 0 ? [{ term: '负责人', value: leaderLine(p.leaders) }] : []}
        />
        {n.children.length > 0 && (
          <p>
            下设机构：
            {n.children.map((c, i) => (
              <span key={c.id}>
                {i > 0 && '、'}
                <a href={`/orgs/${c.id}`}>{c.name}</a>
                <SampleTag sample={c.is_sample} />
              </span>
            ))}
          </p>
        )}
      </article>
    </li>
  );
}

/** A top-level organisation (the bureau): profile, leaders, then its units grouped by kind. */
function RootSection(p: { root: OrgNode; leaders: Map<number, Leader[]> }) {
  const r = p.root;
  const groups = KIND_ORDER.map((kind) => ({
    kind,
    nodes: r.children.filter((c) => c.kind === kind),
  })).filter((g) => g.nodes.length > 0);
  return (
    <section aria-labelledby={`org-${r.id}`}>
      <h2 id={`org-${r.id}`}>
        {r.name}
        <SampleTag sample={r.is_sample} />
      </h2>
      <OrgFacts org={r} />
      <section aria-labelledby={`leaders-${r.id}`}>
        <h3 id={`leaders-${r.id}`}>领导信息</h3>
        <LeaderList leaders={p.leaders.get(r.id) ?? []} level={4} />
      </section>
      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`kind-${r.id}-${g.kind}`}>
          <h3 id={`kind-${r.id}-${g.kind}`}>{kindName(g.kind)}</h3>
          <ul class="org-units">
            {g.nodes.map((n) => (
              <UnitEntry key={n.id} node={n} leaders={p.leaders.get(n.id) ?? []} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

export function orgPages(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const pub = { config: { permission: 'public' } };

  app.get('/orgs', pub, async (request, reply) => {
    const [dir, ctx] = await Promise.all([orgDirectory(db), pageContext(db, request)]);
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title={COLUMN}
        column={COLUMN}
        breadcrumbs={[{ label: '首页', href: '/' }, { label: COLUMN }]}
        pubDate={dir.updatedAt}
      >
        <h1>{COLUMN}</h1>
        <p>本栏目公开本机关的机构职能、机构设置、办公地址、办公时间、联系电话和领导信息。</p>
        {dir.tree.length === 0 && <p>暂无内容。</p>}
        {dir.tree.map((root) => (
          <RootSection key={root.id} root={root} leaders={dir.leaders} />
        ))}
      </PublicPage>,
    );
  });

  app.get('/orgs/:id', pub, async (request, reply) => {
    const id = parseInput(idParam, (request.params as Record<string, string>).id, { _: '编号' });
    const [profile, ctx] = await Promise.all([orgProfile(db, id), pageContext(db, request)]);
    const { org, ancestors, children, leaders } = profile;
    const parent = ancestors.at(-1);
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title={org.name}
        column={COLUMN}
        breadcrumbs={[
          { label: '首页', href: '/' },
          { label: COLUMN, href: '/orgs' },
          ...ancestors.map((a) => ({ label: a.name, href: `/orgs/${a.id}` })),
          { label: org.name },
        ]}
        pubDate={profile.updatedAt}
      >
        <article aria-labelledby="org-title">
          <h1 id="org-title">
            {org.name}
            <SampleTag sample={org.is_sample} />
          </h1>
          <OrgFacts
            org={org}
            extra={[
              { term: '机构类型', value: kindName(org.kind) },
              ...(org.short_name ? [{ term: '简称', value: org.short_name }] : []),
              ...(parent
                ? [
                    {
                      term: '上级单位',
                      value: <a href={`/orgs/${parent.id}`}>{parent.name}</a>,
                    },
                  ]
                : []),
            ]}
          />
          <section aria-labelledby="leaders-title">
            <h2 id="leaders-title">领导信息</h2>
            <LeaderList leaders={leaders} level={3} />
          </section>
          {children.length > 0 && (
            <section aria-labelledby="children-title">
              <h2 id="children-title">下设机构</h2>
              <ul>
                {children.map((c) => (
                  <li key={c.id}>
                    <a href={`/orgs/${c.id}`}>{c.name}</a>
                    <SampleTag sample={c.is_sample} />
                    <span class="hint">（{kindName(c.kind)}）</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </article>
      </PublicPage>,
    );
  });
}
