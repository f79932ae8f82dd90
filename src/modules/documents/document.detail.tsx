import type { ComponentChildren } from 'preact';
import { can } from '../../platform/actor.js';
import type { DocumentEventTable, DocumentFindingTable } from '../../platform/db/schema.js';
import { formatPubDate } from '../../platform/time.js';
import { Field, type FieldErrors, Notice } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { DocumentActions } from './document.actions.js';
import { ActionForm, INTERPRETATION_KIND_OPTIONS, type Option, str, type Values } from './document.forms.js';
import { STATUS_LABELS, TRANSITIONS, VALIDITY_LABELS } from './document.status.js';
import type { ConsoleDocumentRow } from './document-console.repository.js';
import { extraDisplayRows, parseExtraDefinitions, parseExtraValues } from './extra-fields.js';
import { RichText } from './richtext.view.js';

/**
 * The console detail page of one document (issue 3): metadata, body, screening findings, the
 * workflow actions the signed-in user may take in the document's status, interpretation links,
 * the event timeline and the revisions with their 更正说明.
 */

export interface DetailData {
  doc: ConsoleDocumentRow;
  events: (Omit<DocumentEventTable, 'id'> & { id: number })[];
  revisions: { version: number; correction_note: string | null; created_at: string }[];
  findings: (Omit<DocumentFindingTable, 'id'> & { id: number })[];
  interpretations: { id: number; title: string; status: string; kind: string }[];
  successor: { id: number; title: string } | undefined;
  interpretationChoices: Option[];
}

/** Which form failed and with which field errors, or a message for the whole page. */
export interface DetailProblem {
  message?: string | undefined;
  form?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: Values | undefined;
}

const FIELD_NAMES: Record<string, string> = { title: '标题', summary: '内容概述', body: '正文' };

/** Where a finding is: a document field, or an attachment's text or file name (`attachment:<id>[:name]`). */
function fieldName(field: string): string {
  const m = /^attachment:(\d+)(:name)?$/.exec(field);
  if (m) return `附件 ${m[1]} 的${m[2] ? '文件名' : '内容'}`;
  return FIELD_NAMES[field] ?? field;
}
const FINDING_STATUS = { open: '待处理', masked: '已遮盖', dismissed: '已忽略' } as const;
const KIND_LABELS: Record<string, string> = Object.fromEntries(
  INTERPRETATION_KIND_OPTIONS.map((o) => [o.value, o.label]),
);
const ACTION_NAMES: Record<string, string> = {
  create: '起草',
  revise: '更正',
  ...Object.fromEntries(Object.entries(TRANSITIONS).map(([k, t]) => [k, t.label])),
};

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

export function StatusBadge({ status }: { status: keyof typeof STATUS_LABELS }) {
  return <span class={status === 'withdrawn' ? 'badge badge-warn' : 'badge'}>{STATUS_LABELS[status]}</span>;
}

function Metadata({ d, successor }: { d: ConsoleDocumentRow; successor: DetailData['successor'] }) {
  const extra = extraDisplayRows(parseExtraDefinitions(d.column_extra_fields), parseExtraValues(d.extra));
  return (
    <table>
      <caption>文件信息</caption>
      <tbody>
        <Row label="状态">
          <StatusBadge status={d.status} />
          {d.scheduled_at && d.status === 'approved' && `（定时发布：${formatPubDate(d.scheduled_at)}）`}
        </Row>
        <Row label="索引号">{d.index_no ?? '发布时生成'}</Row>
        <Row label="栏目">{d.column_name}</Row>
        <Row label="文号">{d.doc_number ?? '无'}</Row>
        <Row label="发布机构">{d.publisher_name}</Row>
        {d.joint_issuers && <Row label="联合发文单位">{d.joint_issuers}</Row>}
        <Row label="责任处室">{d.owner_name ?? '未指定'}</Row>
        <Row label="成文日期">{d.written_on ?? '无'}</Row>
        <Row label="信息形成（变更）日期">{d.formed_on}</Row>
        {d.effective_on && <Row label="生效日期">{d.effective_on}</Row>}
        {d.published_at && <Row label="发布时间">{formatPubDate(d.published_at)}</Row>}
        {d.topic && <Row label="主题分类">{d.topic}</Row>}
        {d.genre && <Row label="体裁">{d.genre}</Row>}
        {d.keywords && <Row label="主题词">{d.keywords}</Row>}
        {d.summary && <Row label="内容概述">{d.summary}</Row>}
        {(d.contact_name || d.contact_phone) && (
          <Row label="政策咨询">{[d.contact_name, d.contact_phone].filter(Boolean).join('　')}</Row>
        )}
        <Row label="有效性">
          {VALIDITY_LABELS[d.validity]}
          {d.validity_changed_on && `（${d.validity_changed_on}）`}
          {d.validity_reason && `：${d.validity_reason}`}
          {successor && (
            <>
              {' '}
              替代文件：<a href={`/console/documents/${successor.id}`}>{successor.title}</a>
            </>
          )}
        </Row>
        {extra.map((e) => (
          <Row key={e.key} label={e.label}>
            {e.value}
          </Row>
        ))}
        <Row label="版本">第 {d.version} 版</Row>
        <Row label="起草人">{d.author ?? '无'}</Row>
        {d.withdrawn_reason && <Row label="撤回理由">{d.withdrawn_reason}</Row>}
        {d.is_sample ? <Row label="示例数据">是</Row> : null}
      </tbody>
    </table>
  );
}

function Findings(p: { ctx: PageContext; data: DetailData; problem: DetailProblem | undefined }) {
  const { doc, findings } = p.data;
  const actor = p.ctx.actor;
  const editable = doc.status !== 'published' && doc.status !== 'withdrawn';
  const maskBase = can(actor, 'documents.review') ? '/console/review' : '/console/documents';
  const canMask = editable && (can(actor, 'documents.review') || can(actor, 'documents.edit'));
  const canDismiss = can(actor, 'documents.review');
  const open = findings.filter((f) => f.status === 'open').length;
  return (
    <section aria-labelledby="h-findings">
      <h2 id="h-findings">个人信息筛查</h2>
      {findings.length === 0 ? (
        <p>尚未发现疑似个人信息（送审时和发布前自动筛查）。</p>
      ) : (
        <>
          <p>
            {open > 0
              ? `还有 ${open} 处待处理：每一处须遮盖，或由保密审查员说明理由后忽略，文件才能发布。`
              : '所有筛查结果均已处理。'}
          </p>
          <table>
            <caption>筛查结果（只显示遮盖后的预览，不显示原文）</caption>
            <thead>
              <tr>
                <th scope="col">位置</th>
                <th scope="col">类型</th>
                <th scope="col">预览</th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {findings.map((f) => {
                const errs = p.problem?.form === `finding-${f.id}` ? p.problem.errors : undefined;
                return (
                  <tr key={f.id}>
                    <td>{fieldName(f.field)}</td>
                    <td>{f.label}</td>
                    <td>{f.masked}</td>
                    <td>
                      {FINDING_STATUS[f.status]}
                      {f.reason && `：${f.reason}`}
                    </td>
                    <td>
                      {f.status === 'open' && canMask && f.field.startsWith('attachment:') && (
                        <a href={`/console/documents/${doc.id}/attachments`}>替换附件</a>
                      )}
                      {f.status === 'open' && canMask && !f.field.startsWith('attachment:') && (
                        <form
                          method="post"
                          action={`${maskBase}/${doc.id}/findings/${f.id}/mask`}
                          class="form-inline"
                        >
                          <input type="hidden" name="_csrf" value={p.ctx.csrfToken} />
                          <button type="submit">遮盖</button>
                        </form>
                      )}
                      {f.status === 'open' && canDismiss && (
                        <form
                          method="post"
                          action={`/console/review/${doc.id}/findings/${f.id}/dismiss`}
                          class="form-inline"
                          aria-label={`忽略第 ${f.id} 条筛查结果`}
                        >
                          <input type="hidden" name="_csrf" value={p.ctx.csrfToken} />
                          <Field
                            name={`dismiss_reason_${f.id}`}
                            label="忽略理由"
                            value={str(p.problem?.values?.[`dismiss_reason_${f.id}`])}
                            errors={errs}
                          />
                          <button type="submit" class="secondary">
                            忽略
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function Interpretations(p: { ctx: PageContext; data: DetailData; problem: DetailProblem | undefined }) {
  const { doc, interpretations, interpretationChoices } = p.data;
  if (!doc.needs_interpretation && interpretations.length === 0) return null;
  const base = `/console/documents/${doc.id}`;
  const editable = can(p.ctx.actor, 'documents.edit') && doc.status !== 'withdrawn';
  const errs = (form: string) => (p.problem?.form === form ? p.problem.errors : undefined);
  const val = (name: string) => str(p.problem?.values?.[name]);
  return (
    <section aria-labelledby="h-interpretations">
      <h2 id="h-interpretations">政策解读</h2>
      {doc.needs_interpretation ? (
        <p>本栏目的政策性文件须同步发布至少一篇政策解读，或记录不解读的理由后才能发布。</p>
      ) : null}
      {interpretations.length > 0 ? (
        <ul>
          {interpretations.map((i) => (
            <li key={i.id}>
              <a href={`/console/documents/${i.id}`}>{i.title}</a>（{KIND_LABELS[i.kind] ?? i.kind}，
              {STATUS_LABELS[i.status as keyof typeof STATUS_LABELS] ?? i.status}）
            </li>
          ))}
        </ul>
      ) : (
        <p>尚未关联解读。</p>
      )}
      {doc.interpretation_exempt_reason && <p>不解读的理由：{doc.interpretation_exempt_reason}</p>}
      {editable && (
        <>
          <ActionForm
            ctx={p.ctx}
            id="h-link"
            title="关联政策解读"
            action={`${base}/interpretations`}
            errors={errs('link')}
          >
            <Field
              name="interpretation_id"
              label="解读文件"
              value={val('interpretation_id')}
              errors={errs('link')}
              required
              options={[{ value: '', label: '请选择已发布的政策解读' }, ...interpretationChoices]}
            />
            <Field
              name="kind"
              label="解读形式"
              value={val('kind') || 'text'}
              errors={errs('link')}
              options={INTERPRETATION_KIND_OPTIONS}
            />
            <button type="submit">关联</button>
          </ActionForm>
          {doc.needs_interpretation ? (
            <ActionForm
              ctx={p.ctx}
              id="h-exempt"
              title="登记不解读的理由"
              action={`${base}/exemption`}
              errors={errs('exempt')}
            >
              <Field
                name="exempt_reason"
                label="不解读的理由"
                value={val('exempt_reason')}
                errors={errs('exempt')}
                multiline
                required
              />
              <button type="submit" class="secondary">
                登记理由
              </button>
            </ActionForm>
          ) : null}
        </>
      )}
    </section>
  );
}

export function DocumentDetail(p: {
  ctx: PageContext;
  data: DetailData;
  back: { href: string; label: string };
  done?: string | undefined;
  problem?: DetailProblem | undefined;
}) {
  const { doc, events, revisions } = p.data;
  return (
    <>
      {p.done && <Notice kind="success">{p.done}</Notice>}
      {p.problem?.message && <Notice kind="warning">{p.problem.message}</Notice>}
      <p>
        <a href={p.back.href}>{p.back.label}</a>
        {doc.status === 'published' && (
          <>
            {' · '}
            <a href={`/documents/${doc.id}`}>查看前台页面</a>
          </>
        )}
      </p>
      <Metadata d={doc} successor={p.data.successor} />
      <DocumentActions ctx={p.ctx} data={p.data} problem={p.problem} />
      <Findings ctx={p.ctx} data={p.data} problem={p.problem} />
      <Interpretations ctx={p.ctx} data={p.data} problem={p.problem} />
      <section aria-labelledby="h-body">
        <h2 id="h-body">正文</h2>
        <RichText html={doc.body} />
        <p>
          <a href={`/console/documents/${doc.id}/attachments`}>附件（上传、替换、排序）</a>
        </p>
      </section>
      <section aria-labelledby="h-timeline">
        <h2 id="h-timeline">流转记录</h2>
        <ol>
          {events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatPubDate(e.at)}</time> {e.actor_name}：
              {ACTION_NAMES[e.action] ?? e.action}（
              {e.from_status ? `${STATUS_LABELS[e.from_status]} → ` : ''}
              {STATUS_LABELS[e.to_status]}）{e.reason && `。理由：${e.reason}`}
            </li>
          ))}
        </ol>
      </section>
      {revisions.length > 0 && (
        <section aria-labelledby="h-revisions">
          <h2 id="h-revisions">版本与更正说明</h2>
          <table>
            <caption>每次发布和更正都保存一个版本</caption>
            <thead>
              <tr>
                <th scope="col">版本</th>
                <th scope="col">时间</th>
                <th scope="col">更正说明</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.version}>
                  <td>第 {r.version} 版</td>
                  <td>{formatPubDate(r.created_at)}</td>
                  <td>{r.correction_note ?? '（首次发布）'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
