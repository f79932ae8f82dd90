import { versionedRead } from '../../platform/db/content-version.js';
import type { Db } from '../../platform/db/index.js';
import { listLeaders, orgTree } from '../orgs/index.js';

/**
 * The 机构信息 columns (机构职能, 领导信息, 内设机构, 下属单位, 联系方式) are generated from the
 * organisation data, so they are never blank (2019 inspection indicators: 空白栏目 count against a
 * site) and never disagree with /orgs. Documents filed in these columns are listed below as usual.
 */
export type OrgColumnKind = 'functions' | 'leaders' | 'divisions' | 'units' | 'contacts';

export const ORG_COLUMNS: Record<string, OrgColumnKind> = {
  jgzn: 'functions',
  ldxx: 'leaders',
  nsjg: 'divisions',
  xsdw: 'units',
  lxfs: 'contacts',
};

export const isOrgColumn = (code: string): boolean => code in ORG_COLUMNS;

type Tree = Awaited<ReturnType<typeof orgTree>>;
type OrgNode = Tree[number];
type Leader = Awaited<ReturnType<typeof listLeaders>>[number];

export interface OrgColumnData {
  roots: Tree;
  leaders: Leader[];
}

export const orgColumnData = versionedRead(async (db: Db): Promise<OrgColumnData> => {
  const [roots, leaders] = await Promise.all([orgTree(db), listLeaders(db)]);
  return { roots, leaders };
});

function Sample({ sample }: { sample: number }) {
  return sample ? <span class="sample-tag">示例</span> : null;
}

function OrgLink({ org }: { org: OrgNode }) {
  return (
    <>
      <a href={`/orgs/${org.id}`}>{org.name}</a>
      <Sample sample={org.is_sample} />
    </>
  );
}

/** Only the facts that are filled in: a blank field is left out rather than shown as “暂无”. */
function Facts({ items }: { items: [string, string | null][] }) {
  const shown = items.filter(([, v]) => v?.trim());
  if (shown.length === 0) return null;
  return (
    <dl class="article-meta">
      {shown.map(([term, value]) => (
        <div key={term}>
          <dt>{term}：</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Units({ units, withFunctions }: { units: OrgNode[]; withFunctions: boolean }) {
  return (
    <ul class="org-units">
      {units.map((u) => (
        <li key={u.id}>
          <h2>
            <OrgLink org={u} />
          </h2>
          <Facts
            items={[
              ['主要职能', withFunctions ? u.functions : null],
              ['地址', u.address],
              ['电话', u.phone],
              ['办公时间', u.office_hours],
            ]}
          />
        </li>
      ))}
    </ul>
  );
}

/** The generated content of one 机构信息 column; null when the organisation data has nothing for it. */
export function OrgColumnContent(p: { kind: OrgColumnKind; data: OrgColumnData }) {
  const { roots, leaders } = p.data;
  const children = (kinds: string[]) =>
    roots.flatMap((r) => r.children.filter((c) => kinds.includes(c.kind)));
  let content: preact.JSX.Element | null = null;
  if (p.kind === 'functions') {
    const shown = roots.filter((r) => r.functions?.trim());
    if (shown.length)
      content = (
        <div>
          {shown.map((r) => (
            <section key={r.id} aria-labelledby={`org-fn-${r.id}`}>
              <h2 id={`org-fn-${r.id}`}>
                <OrgLink org={r} />
              </h2>
              <p class="article-body">{r.functions}</p>
            </section>
          ))}
        </div>
      );
  } else if (p.kind === 'leaders') {
    const orgName = new Map<number, OrgNode>(roots.flatMap((r) => [r, ...r.children]).map((o) => [o.id, o]));
    if (leaders.length)
      content = (
        <div class="leader-list">
          {leaders.map((l) => {
            const org = orgName.get(l.org_id);
            return (
              <article key={l.id} class="leader" aria-labelledby={`leader-${l.id}`}>
                {l.photo_path && <img src={l.photo_path} alt={`${l.name}的照片`} width={120} />}
                <h2 id={`leader-${l.id}`}>{l.name}</h2>
                <Facts
                  items={[
                    ['单位', org?.name ?? null],
                    ['职务', l.title],
                    ['分工', l.duties],
                    ['简历', l.resume],
                  ]}
                />
                {org && (
                  <p>
                    <a href={`/orgs/${org.id}`}>查看{org.name}机构信息</a>
                  </p>
                )}
              </article>
            );
          })}
        </div>
      );
  } else if (p.kind === 'divisions') {
    const units = children(['division']);
    if (units.length) content = <Units units={units} withFunctions />;
  } else if (p.kind === 'units') {
    const units = children(['unit', 'branch']);
    if (units.length) content = <Units units={units} withFunctions />;
  } else {
    const units = roots
      .flatMap((r) => [r, ...r.children])
      .filter((o) => o.phone?.trim() || o.address?.trim());
    if (units.length)
      content = (
        <table>
          <caption>联系方式</caption>
          <thead>
            <tr>
              <th scope="col">机构</th>
              <th scope="col">地址</th>
              <th scope="col">电话</th>
              <th scope="col">办公时间</th>
            </tr>
          </thead>
          <tbody>
            {units.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  <OrgLink org={o} />
                </th>
                <td>{o.address ?? (o.parent_id ? '同上级机关' : '')}</td>
                <td>{o.phone ?? ''}</td>
                <td>{o.office_hours ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
  if (!content) return null;
  return (
    <div class="org-column">
      {content}
      <p class="hint">
        以上内容根据本机关机构信息自动生成，与<a href="/orgs">机构信息</a>页面保持一致。
      </p>
    </div>
  );
}

/** Whether a 机构信息 column has generated content (otherwise it is as empty as an unfilled column). */
export function orgColumnHasContent(kind: OrgColumnKind, data: OrgColumnData): boolean {
  return OrgColumnContent({ kind, data }) !== null;
}
