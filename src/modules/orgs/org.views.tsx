import type { ComponentChildren } from 'preact';
import type { Org } from '../../platform/db/schema.js';
import type { Leader } from './org.repository.js';
import { ORG_KINDS, type OrgKind } from './org.schema.js';

/** Kinds in the order the public page lists them. */
export const KIND_ORDER: OrgKind[] = ['bureau', 'division', 'unit', 'branch'];

export const kindName = (kind: OrgKind): string => ORG_KINDS[kind];

/** Invented demo data must never pass for real information: it carries a visible tag. */
export function SampleTag({ sample }: { sample: number }) {
  return sample ? <span class="sample-tag">示例</span> : null;
}

const orEmpty = (v: string | null) => (v?.trim() ? v : '暂无');

/** 职能 / 地址 / 电话 / 办公时间 of one organisation, as a definition list. */
export function OrgFacts(p: { org: Org; extra?: { term: string; value: ComponentChildren }[] }) {
  const o = p.org;
  return (
    <dl class="article-meta org-facts">
      {p.extra?.map((e) => (
        <div key={e.term}>
          <dt>{e.term}：</dt>
          <dd>{e.value}</dd>
        </div>
      ))}
      <div>
        <dt>主要职能：</dt>
        <dd>{orEmpty(o.functions)}</dd>
      </div>
      <div>
        <dt>地址：</dt>
        <dd>{orEmpty(o.address)}</dd>
      </div>
      <div>
        <dt>电话：</dt>
        <dd>{orEmpty(o.phone)}</dd>
      </div>
      <div>
        <dt>办公时间：</dt>
        <dd>{orEmpty(o.office_hours)}</dd>
      </div>
    </dl>
  );
}

/** 领导信息: name, post and duties; résumé and photo when published. */
export function LeaderList(p: { leaders: Leader[]; level: 3 | 4 }) {
  const H = p.level === 3 ? 'h3' : 'h4';
  if (p.leaders.length === 0) return <p>暂无领导信息。</p>;
  return (
    <div class="leader-list">
      {p.leaders.map((l) => (
        <article key={l.id} class="leader" aria-labelledby={`leader-${l.id}`}>
          {l.photo_path && <img src={l.photo_path} alt={`${l.name}的照片`} width={120} />}
          <H id={`leader-${l.id}`}>{l.name}</H>
          <dl class="article-meta">
            <div>
              <dt>职务：</dt>
              <dd>{l.title}</dd>
            </div>
            <div>
              <dt>分工：</dt>
              <dd>{orEmpty(l.duties)}</dd>
            </div>
            {l.resume && (
              <div>
                <dt>简历：</dt>
                <dd class="article-body">{l.resume}</dd>
              </div>
            )}
          </dl>
        </article>
      ))}
    </div>
  );
}

/** "name（title）、…" for the compact listing of a unit's leaders. */
export const leaderLine = (leaders: Leader[]): string =>
  leaders.map((l) => `${l.name}（${l.title}）`).join('、');
