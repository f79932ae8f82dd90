import type { ComponentChildren } from 'preact';
import { STAGES, type StageAssessment, type StageState } from './expropriation.rules.js';
import { m2ToHectares, PROJECT_STATUSES } from './expropriation.schema.js';
import type { ProjectView, StageView } from './expropriation.service.js';

/** Invented demo data must never pass for real information: it carries a visible tag. */
export function SampleTag({ sample }: { sample: number }) {
  return sample ? <span class="sample-tag">示例</span> : null;
}

const WARN: StageState[] = ['missing', 'out_of_period'];

export function StateBadge({ state, name }: { state: StageState; name: string }) {
  return <span class={WARN.includes(state) ? 'badge badge-warn' : 'badge'}>{name}</span>;
}

/** The project's completeness: its badge and the counts behind it. */
export function CompletenessBadge({ view }: { view: ProjectView }) {
  const a = view.assessment;
  const c = a.counts;
  return (
    <>
      <span class={a.completeness === 'issues' ? 'badge badge-warn' : 'badge'}>{a.completenessName}</span>{' '}
      <span class="hint">
        已公开 {c.published}，缺失 {c.missing}，期限不符 {c.out_of_period}，未到 {c.not_due}
        {c.not_applicable > 0 ? `，不适用 ${c.not_applicable}` : ''}
      </span>
    </>
  );
}

export const location = (p: ProjectView['project']) => `${p.district}${p.township}${p.village}`;
export const hectares = (m2: number | null) => (m2 === null ? '' : `${m2ToHectares(m2)} 公顷`);
export const statusName = (s: ProjectView['project']['status']) => PROJECT_STATUSES[s];

export function landTypes(p: ProjectView['project']): string {
  const parts: string[] = [];
  if (p.farmland_m2 !== null)
    parts.push(
      `农用地 ${hectares(p.farmland_m2)}${p.cultivated_m2 !== null ? `（其中耕地 ${hectares(p.cultivated_m2)}）` : ''}`,
    );
  if (p.construction_m2 !== null) parts.push(`建设用地 ${hectares(p.construction_m2)}`);
  if (p.unused_m2 !== null) parts.push(`未利用地 ${hectares(p.unused_m2)}`);
  return parts.join('；');
}

function DateCell({ stage }: { stage: StageView }) {
  if (!stage.postedOn) return <>—</>;
  const def = STAGES[stage.kind];
  return (
    <>
      {def.dateLabel}：{stage.postedOn}
      {stage.endOn && (
        <>
          <br />
          {def.endLabel}：{stage.endOn}
        </>
      )}
    </>
  );
}

function DocumentCell({ stage }: { stage: StageView }) {
  if (stage.document)
    return (
      <a href={`/documents/${stage.document.id}`}>
        {stage.document.title}
        {stage.document.docNumber ? `（${stage.document.docNumber}）` : ''}
      </a>
    );
  return <>{stage.documentUnavailable ? '关联文件已撤回' : '未关联'}</>;
}

/**
 * The stage table of one project: a real table with a caption, column headers and a row header per
 * stage, so every cell is announced with its stage and column.
 */
export function StageTable(p: {
  view: ProjectView;
  caption: string;
  /** Console: a link per stage to its form. */
  editHref?: (kind: string) => string;
  children?: ComponentChildren;
}) {
  const assessments = new Map<string, StageAssessment>(p.view.assessment.stages.map((s) => [s.kind, s]));
  return (
    <table class="stage-table">
      <caption>{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">环节</th>
          <th scope="col">法定要求</th>
          <th scope="col">日期</th>
          <th scope="col">公开文件</th>
          <th scope="col">状态</th>
          <th scope="col">说明</th>
          {p.editHref && <th scope="col">操作</th>}
        </tr>
      </thead>
      <tbody>
        {p.view.stages.map((s) => {
          const a = assessments.get(s.kind)!;
          return (
            <tr key={s.kind} id={`stage-${s.kind}`}>
              <th scope="row">{a.name}</th>
              <td>
                {a.rule}
                <br />
                <span class="hint">依据：{a.basis}</span>
              </td>
              <td>
                <DateCell stage={s} />
              </td>
              <td>
                <DocumentCell stage={s} />
              </td>
              <td>
                <StateBadge state={a.state} name={a.stateName} />
              </td>
              <td>
                <ul class="explain">
                  {a.explanation.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                  {s.notes && <li>备注：{s.notes}</li>}
                </ul>
              </td>
              {p.editHref && (
                <td>
                  <a href={p.editHref(s.kind)}>
                    {s.postedOn ? '修改' : '登记'}
                    <span class="sr-only">{a.name}</span>
                  </a>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Facts of a project as a definition list. */
export function ProjectFacts({ view }: { view: ProjectView }) {
  const p = view.project;
  const rows: [string, string][] = [
    ['批次/项目编号', p.batch_no],
    ['位置', location(p)],
    ['征收面积', hectares(p.area_m2)],
    ...(landTypes(p) ? [['地类构成', landTypes(p)] as [string, string]] : []),
    ['征收目的（用途）', p.purpose],
    ['批准机关', p.approving_authority ?? '暂无'],
    ['项目状态', statusName(p.status)],
    ['听证申请', p.hearing_requested ? '多数被征地集体经济组织成员要求听证' : '无'],
  ];
  return (
    <dl class="article-meta">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}：</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
