import { ErrorSummary, Field, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import type { CaseListRow } from './case.repository.js';
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  CASE_LABELS,
  type CaseKind,
  DECISIONS,
  DECISIONS_BY_KIND,
  type DecisionCode,
  decisionLabel,
  inReportYear,
  outcomeOf,
  REPORT_OUTCOMES,
  SECTION_FOUR_GROUPS,
  type SectionFourRow,
} from './case.rules.js';
import { type CaseForm, facts } from './case.service.js';

/** Views of reconsideration and litigation cases: the case form, the case list and the section 四 table. */
export const CASES_BASE = '/console/applications/cases';
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export const valuesOf = (r: CaseListRow): CaseForm => ({
  applicationCode: r.application_code ?? '',
  kind: r.kind as CaseKind,
  caseNo: r.case_no,
  body: r.body,
  filedOn: r.filed_on,
  decision: r.decision ?? '',
  decidedOn: r.decided_on ?? '',
  notes: r.notes ?? '',
});

export const KIND_OPTIONS = [
  { value: '', label: '请选择' },
  ...CASE_KINDS.map((k) => ({ value: k, label: CASE_KIND_LABELS[k] })),
];
// One list for every kind: the codes are distinct, and the service refuses a decision of another kind.
const DECISION_OPTIONS = [
  { value: '', label: '尚未审结（暂不填写）' },
  ...DECISIONS_BY_KIND.reconsideration.map((c) => ({ value: c, label: `行政复议：${decisionLabel(c)}` })),
  ...DECISIONS_BY_KIND.litigation_direct.map((c) => ({ value: c, label: `行政诉讼：${decisionLabel(c)}` })),
];

export function CaseFormView(p: {
  ctx: PageContext;
  action: string;
  label: string;
  values: CaseForm;
  errors?: FieldErrors | undefined;
}) {
  const v = (k: keyof CaseForm) => str(p.values[k]);
  const e = p.errors;
  return (
    <Form ctx={p.ctx} action={p.action} label={p.label}>
      <ErrorSummary errors={e} />
      <Field
        name="applicationCode"
        label={CASE_LABELS.applicationCode}
        value={v('applicationCode')}
        errors={e}
        hint="申请的 14 位查询码；与平台上的申请无关的案件（如对未主动公开信息的投诉）可不填"
      />
      <Field
        name="kind"
        label={CASE_LABELS.kind}
        required
        value={v('kind')}
        errors={e}
        options={KIND_OPTIONS}
      />
      <Field name="caseNo" label={CASE_LABELS.caseNo} required value={v('caseNo')} errors={e} />
      <Field name="body" label={CASE_LABELS.body} required value={v('body')} errors={e} />
      <Field
        name="filedOn"
        label={CASE_LABELS.filedOn}
        required
        type="date"
        value={v('filedOn')}
        errors={e}
        hint="提出复议申请或起诉之日，不得晚于今天；决定案件计入哪一年度的年度报告"
      />
      <Field
        name="decision"
        label={CASE_LABELS.decision}
        value={v('decision')}
        errors={e}
        options={DECISION_OPTIONS}
        hint="须与案件类型对应；上诉期间或二审中的案件暂不填写，二审后按生效裁判填写"
      />
      <Field
        name="decidedOn"
        label={CASE_LABELS.decidedOn}
        type="date"
        value={v('decidedOn')}
        errors={e}
        hint="决定书、判决书或裁定书作出之日；不得早于申请复议或起诉日期"
      />
      <Field name="notes" label={CASE_LABELS.notes} multiline value={v('notes')} errors={e} />
      <button type="submit">保存</button>
    </Form>
  );
}

/** Section 四 as the annual report lays it out (C.4): three groups of five columns, one data row. */
export function SectionFourTable({ year, row }: { year: number; row: SectionFourRow }) {
  return (
    <table class="report-table">
      <caption>{year} 年度政府信息公开行政复议、行政诉讼情况（年度报告第四部分，预览）</caption>
      <colgroup span={1} />
      <colgroup span={5} />
      <colgroup span={10} />
      <thead>
        <tr>
          <th scope="col" rowSpan={3}>
            统计年度
          </th>
          <th scope="colgroup" colSpan={5} rowSpan={2}>
            {SECTION_FOUR_GROUPS.reconsideration.label}
          </th>
          <th scope="colgroup" colSpan={10}>
            行政诉讼
          </th>
        </tr>
        <tr>
          <th scope="colgroup" colSpan={5}>
            {SECTION_FOUR_GROUPS.litigation_direct.label}
          </th>
          <th scope="colgroup" colSpan={5}>
            {SECTION_FOUR_GROUPS.litigation_after.label}
          </th>
        </tr>
        <tr>
          {CASE_KINDS.flatMap((k) =>
            [...REPORT_OUTCOMES, '总计'].map((o) => (
              <th scope="col" key={`${k}-${o}`}>
                {o}
              </th>
            )),
          )}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{year} 年</th>
          {CASE_KINDS.flatMap((k) =>
            [...REPORT_OUTCOMES, '总计' as const].map((o) => <td key={`${k}-${o}`}>{row[k][o]}</td>),
          )}
        </tr>
      </tbody>
    </table>
  );
}

export function CountingNotes() {
  const byOutcome = (o: string) =>
    (Object.keys(DECISIONS) as DecisionCode[])
      .filter((c) => DECISIONS[c].outcome === o)
      .map((c) => `${c.startsWith('rec_') ? '复议' : '诉讼'}·${DECISIONS[c].name}`)
      .join('；');
  return (
    <details>
      <summary>统计口径说明</summary>
      <p>
        计入某一年度的案件：当年提出的案件，以及此前提出、当年 1 月 1 日仍未审结的案件；审结日期晚于当年 12 月
        31 日的计为“尚未审结”。总计为四项之和。
        国办公开办函〔2021〕30号对案件归属年度的规定尚未核实，此为本平台口径。
      </p>
      <p>审结结果的归类为本平台拟定口径（尚无文件明确规定），请与主管部门确认：</p>
      <ul>
        {REPORT_OUTCOMES.filter((o) => o !== '尚未审结').map((o) => (
          <li key={o}>
            {o}：{byOutcome(o)}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function CaseTable({ rows, year, caption }: { rows: CaseListRow[]; year: number; caption: string }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">案号</th>
          <th scope="col">类型</th>
          <th scope="col">复议机关或法院</th>
          <th scope="col">关联申请</th>
          <th scope="col">申请复议或起诉日期</th>
          <th scope="col">审结结果</th>
          <th scope="col">审结日期</th>
          <th scope="col">{year} 年度归类</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <a href={`${CASES_BASE}/${r.id}`}>{r.case_no}</a>
            </th>
            <td>{CASE_KIND_LABELS[r.kind as CaseKind] ?? r.kind}</td>
            <td>{r.body}</td>
            <td>
              {r.application_id ? (
                <a href={`/console/applications/${r.application_id}`}>{r.application_code}</a>
              ) : (
                '—'
              )}
            </td>
            <td>{r.filed_on}</td>
            <td>{r.decision ? decisionLabel(r.decision) : '—'}</td>
            <td>{r.decided_on ?? '—'}</td>
            <td>{inReportYear(facts(r), year) ? yearOutcome(r, year) : '不计入'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const yearOutcome = (r: CaseListRow, year: number) =>
  outcomeOf(r.kind as CaseKind, r.decision, r.decided_on, `${year}-12-31`);
