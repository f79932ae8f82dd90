import { can } from '../../platform/actor.js';
import { formatPubDate } from '../../platform/time.js';
import { ErrorSummary, Field, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { cellValue, parseCellKey } from './report.cells.js';
import { explainableViolationKey } from './report.check.js';
import { cellName } from './report.labels.js';
import { REPORT_PERMISSIONS as P, type ReportState } from './report.service.js';

/** Parts of a report's console page: the check with its explanations, the overrides, the workflow. */

export function CheckSection(p: {
  ctx: PageContext;
  s: ReportState;
  year: number;
  editable: boolean;
  errors?: FieldErrors | undefined;
}) {
  const { s } = p;
  return (
    <section aria-labelledby="h-check">
      <h2 id="h-check">核对结果</h2>
      {!s.check.carryOverChecked && <p>未核对上年结转：没有上一年度已发布的报告（可导入往年报告）。</p>}
      {s.check.carryOverChecked && <p>已与 {p.year - 1} 年度已发布的报告核对上年结转。</p>}
      {s.check.violations.length === 0 ? (
        <p role="status">通过：表格的勾稽关系和上年结转均无问题。</p>
      ) : (
        <>
          <p role="status">
            发现 {s.check.violations.length} 处问题，其中 {s.unexplained.length}{' '}
            处尚未说明；全部说明后方可发布。
          </p>
          <ErrorSummary errors={p.errors} />
          <ol class="findings">
            {s.check.violations.map((v) => {
              const key = explainableViolationKey(v);
              const ex = s.explanations[key];
              return (
                <li key={key}>
                  <p>
                    <strong>{v.code}</strong> {v.message}
                  </p>
                  {ex && (
                    <p>
                      说明：{ex.text}（{ex.by}，{formatPubDate(ex.at)}）
                    </p>
                  )}
                  {p.editable && (
                    <Form
                      ctx={p.ctx}
                      action={`/console/annual-reports/${p.year}/explain`}
                      label={`说明问题 ${v.code}`}
                      class="form-inline"
                    >
                      <input type="hidden" name="key" value={key} />
                      <Field
                        name="text"
                        label={`对 ${v.code} 问题的说明`}
                        value={ex?.text ?? ''}
                        errors={undefined}
                      />
                      <button type="submit">保存说明</button>
                    </Form>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

export function OverridesSection({ s }: { s: ReportState }) {
  const entries = Object.entries(s.overrides);
  if (!entries.length) return null;
  return (
    <section aria-labelledby="h-overrides">
      <h2 id="h-overrides">人工修改的数据（{entries.length} 处）</h2>
      <table class="data">
        <caption>修改前后及理由</caption>
        <thead>
          <tr>
            <th scope="col">单元格</th>
            <th scope="col">计算值</th>
            <th scope="col">修改为</th>
            <th scope="col">理由</th>
            <th scope="col">修改人</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([key, o]) => {
            const cell = parseCellKey(key);
            if (!cell) return null;
            return (
              <tr key={key}>
                <th scope="row">{cellName(cell)}</th>
                <td>{s.computed ? cellValue(s.computed, cell) : '—'}</td>
                <td>{o.value}</td>
                <td>{o.reason}</td>
                <td>
                  {o.by}，{formatPubDate(o.at)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function Workflow(p: {
  ctx: PageContext;
  s: ReportState;
  year: number;
  errors?: FieldErrors | undefined;
}) {
  const { s, ctx, year } = p;
  const status = s.row.status;
  const canEdit = can(ctx.actor, P.edit);
  const canReview = can(ctx.actor, P.review);
  if (status === 'published') return null;
  return (
    <section aria-labelledby="h-workflow">
      <h2 id="h-workflow">审核与发布</h2>
      {status === 'draft' && canEdit && (
        <Form
          ctx={ctx}
          action={`/console/annual-reports/${year}/submit`}
          label="提交审核"
          class="form-inline"
        >
          <button type="submit">提交审核</button>
        </Form>
      )}
      {status === 'review' && canReview && (
        <>
          {s.unexplained.length > 0 && (
            <p>核对发现的问题尚有 {s.unexplained.length} 处未说明，不能发布，请退回编制人员说明或修改。</p>
          )}
          <Form
            ctx={ctx}
            action={`/console/annual-reports/${year}/publish`}
            label="审核通过并发布"
            class="form-inline"
          >
            <button type="submit">审核通过并发布</button>
          </Form>
          <Form ctx={ctx} action={`/console/annual-reports/${year}/return`} label="退回" class="form">
            <Field name="reason" label="退回理由" multiline required errors={p.errors} />
            <button type="submit">退回编制</button>
          </Form>
        </>
      )}
      {status === 'review' && !canReview && <p>报告正在审核中。</p>}
    </section>
  );
}
