import { type Actor, can } from '../../platform/actor.js';
import type { Db } from '../../platform/db/index.js';
import type { DocumentAttachment, DocumentRow } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { formatPubDate } from '../../platform/time.js';
import { ErrorSummary, Field, type FieldErrors, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import type { PageContext } from '../../web/context.js';
import { ACCEPT_ATTRIBUTE, describeAttachment, pageOf } from './attachment.extract.js';
import { attachmentsForStaff } from './attachment.read.js';
import { STATUS_LABELS } from './document.status.js';
import { maskText, screenText } from './screening.js';
import { documentFindings } from './screening.service.js';

/**
 * The console pages of a document's attachments (issue 3): the list with upload form, findings and
 * retired files, and the replace and remove forms. Routes: attachment.routes.tsx.
 */

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export const attachmentsBase = (id: number) => `/console/documents/${id}/attachments`;

const EXTRACTION_LABELS: Record<DocumentAttachment['extraction_status'], string> = {
  ok: '已提取',
  failed: '提取失败',
  none: '无文字',
};

/** The start of an attachment's text for staff, personal data masked as in the findings. */
function preview(text: string): string {
  const head = text.slice(0, 2000);
  return `${maskText(head, screenText(head, 'preview')).replace(/\f/g, '\n\n')}${text.length > 2000 ? '\n……' : ''}`;
}

const canChange = (actor: Actor, doc: DocumentRow) =>
  doc.status === 'published'
    ? can(actor, 'documents.publish')
    : doc.status !== 'withdrawn' && can(actor, 'documents.edit');

/** The reason field of one finding's dismiss form (ids unique per finding: several forms on a page). */
function DismissReason({ findingId, error }: { findingId: number; error?: string | undefined }) {
  const id = `reason-${findingId}`;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        忽略理由<span class="req"> （必填）</span>
      </label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        name="reason"
        type="text"
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

function CorrectionNote({
  doc,
  values,
  errors,
}: {
  doc: DocumentRow;
  values: Values;
  errors?: FieldErrors | null;
}) {
  if (doc.status !== 'published') return null;
  return (
    <Field
      name="correction_note"
      label="更正说明"
      value={str(values.correction_note)}
      errors={errors ?? undefined}
      required
      multiline
      hint="已发布文件修改附件属于更正，将生成新版本，更正说明在前台公开显示"
    />
  );
}

function FileFields(p: { values: Values; errors?: FieldErrors | null; maxMb: number; replacing?: boolean }) {
  const errors = p.errors ?? undefined;
  return (
    <>
      <Field
        name="file"
        label="附件文件"
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        errors={errors}
        required
        hint={`PDF、Word（.docx）、Excel（.xlsx）或 PNG、JPG、GIF、WebP 图片，每个不超过 ${p.maxMb} MB；类型按文件内容识别`}
      />
      <Field
        name="name"
        label="附件名称"
        value={str(p.values.name)}
        errors={errors}
        hint="选填；不填则使用上传的文件名"
      />
      <Field
        name="alt_text"
        label="图片说明"
        value={str(p.values.alt_text)}
        errors={errors}
        multiline
        hint={
          p.replacing
            ? '图片附件必填：用文字说明图片内容（不填则沿用原说明）'
            : '图片附件必填：用文字说明图片内容，供使用读屏软件的公众了解；其他类型可不填'
        }
      />
    </>
  );
}

/** The pages, for the routes of one app (its database and upload limit). */
export function attachmentPages(db: Db, maxMb: number) {
  const base = attachmentsBase;

  const listPage = async (
    ctx: PageContext,
    actor: Actor,
    id: number,
    options: {
      values?: Values;
      errors?: FieldErrors | null;
      saved?: string | undefined;
      dismiss?: { findingId: number; error: string };
    } = {},
  ) => {
    const { doc, active, retired } = await attachmentsForStaff(db, actor, id);
    const dismissError = (findingId: number) =>
      options.dismiss?.findingId === findingId ? options.dismiss.error : undefined;
    const findings = (await documentFindings(db, id)).filter(
      (f) => f.status === 'open' && f.field.startsWith('attachment:'),
    );
    const byId = new Map(active.map((a) => [a.id, a]));
    const unread = active.filter((a) => a.kind !== 'image' && a.extraction_status !== 'ok');
    const editable = canChange(actor, doc);
    const errors = options.errors ?? undefined;
    return (
      <ConsolePage ctx={ctx} title={`附件：${doc.title}`}>
        {options.saved && <Notice kind="success">{options.saved}</Notice>}
        {options.dismiss && (
          <div class="error-summary" role="alert" tabIndex={-1}>
            <h2>提交的内容有误，请修改：</h2>
            <ul>
              <li>
                <a href={`#reason-${options.dismiss.findingId}`}>{options.dismiss.error}</a>
              </li>
            </ul>
          </div>
        )}
        <p>
          <a href={`/console/documents/${id}`}>返回文件</a> · 当前状态：{STATUS_LABELS[doc.status]}
          {doc.status === 'published' && <> · 第 {doc.version} 版</>}
        </p>
        <p class="hint">
          附件的文字会被提取，用于检索和发布前的个人信息筛查。图片不做文字识别，以图片说明作为其文字。
          {doc.status === 'in_review' || doc.status === 'approved'
            ? '送审后只能替换附件（例如换成遮盖个人信息后的版本），替换后立即重新筛查。'
            : ''}
          {doc.status === 'published' ? '已发布文件的附件修改属于更正，原附件保留备查、不再公开。' : ''}
        </p>
        {findings.length > 0 && (
          <section aria-labelledby="h-findings" class="notice notice-warning">
            <h2 id="h-findings">附件中的疑似个人信息（{findings.length} 处未处理）</h2>
            <p>
              附件中的个人信息无法在原文件中遮盖：请上传遮盖后的版本替换该附件，或由保密审查员说明理由后忽略。
              {doc.status === 'published' ? '该文件已发布，请尽快核实处理。' : '处理完毕前文件不能发布。'}
            </p>
            <table>
              <caption>未处理的筛查结果</caption>
              <thead>
                <tr>
                  <th scope="col">附件</th>
                  <th scope="col">位置</th>
                  <th scope="col">类型</th>
                  <th scope="col">内容（已遮盖）</th>
                  {can(actor, 'documents.review') && <th scope="col">处理</th>}
                </tr>
              </thead>
              <tbody>
                {findings.map((f) => {
                  const [, rawId, part] = f.field.split(':');
                  const a = byId.get(Number(rawId));
                  const where =
                    part === 'name'
                      ? '附件名称'
                      : a?.kind === 'image'
                        ? '图片说明'
                        : a?.kind === 'pdf'
                          ? `第 ${pageOf(a.extracted_text ?? '', f.start_pos)} 页`
                          : a?.kind === 'xlsx'
                            ? `第 ${pageOf(a.extracted_text ?? '', f.start_pos)} 个工作表`
                            : '正文';
                  return (
                    <tr key={f.id}>
                      <td>{a?.name ?? `附件 ${rawId}`}</td>
                      <td>{where}</td>
                      <td>{f.label}</td>
                      <td>{f.masked}</td>
                      {can(actor, 'documents.review') && (
                        <td>
                          <Form
                            ctx={ctx}
                            action={`${base(id)}/findings/${f.id}/dismiss`}
                            class="form-inline"
                            label={`忽略筛查结果 ${f.masked}`}
                          >
                            <DismissReason findingId={f.id} error={dismissError(f.id)} />
                            <button type="submit" class="secondary">
                              忽略
                            </button>
                          </Form>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        )}
        {errors?._ && <Notice kind="warning">{errors._}</Notice>}
        {unread.length > 0 && (
          <Notice kind="info">
            {unread.length} 个附件未能提取文字（{unread.map((a) => a.name).join('、')}
            ），个人信息筛查无法覆盖其内容，请人工核对。
          </Notice>
        )}
        <h2>当前附件</h2>
        {active.length === 0 ? (
          <p>暂无附件。</p>
        ) : (
          <table>
            <caption>共 {active.length} 个附件，按前台显示顺序排列</caption>
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">名称</th>
                <th scope="col">类型和大小</th>
                <th scope="col">文字提取</th>
                {editable && <th scope="col">操作</th>}
              </tr>
            </thead>
            <tbody>
              {active.map((a, i) => (
                <tr key={a.id}>
                  <td>{i + 1}</td>
                  <th scope="row">
                    <a href={`${base(id)}/${a.id}/download`}>{a.name}</a>
                    {a.alt_text && <p class="hint">图片说明：{a.alt_text}</p>}
                  </th>
                  <td>
                    {describeAttachment(a)}
                    {a.page_count ? `，${a.page_count} 页` : ''}
                  </td>
                  <td>
                    <span class={a.extraction_status === 'failed' ? 'badge badge-warn' : 'badge'}>
                      {EXTRACTION_LABELS[a.extraction_status]}
                    </span>
                    {a.extraction_error && <p class="hint">{a.extraction_error}</p>}
                    {a.kind !== 'image' && a.extracted_text && (
                      <details>
                        <summary>查看提取的文字（{a.extracted_text.length} 字）</summary>
                        <pre class="text-preview">{preview(a.extracted_text)}</pre>
                      </details>
                    )}
                  </td>
                  {editable && (
                    <td>
                      <a href={`${base(id)}/${a.id}/replace`}>替换</a>
                      {doc.status !== 'in_review' && doc.status !== 'approved' && (
                        <>
                          {' · '}
                          <a href={`${base(id)}/${a.id}/remove`}>移除</a>
                        </>
                      )}
                      {doc.status === 'draft' && active.length > 1 && (
                        <Form
                          ctx={ctx}
                          action={`${base(id)}/${a.id}/move`}
                          class="form-inline"
                          label={`调整“${a.name}”的顺序`}
                        >
                          {i > 0 && (
                            <button type="submit" name="direction" value="up" class="secondary">
                              上移
                            </button>
                          )}
                          {i < active.length - 1 && (
                            <button type="submit" name="direction" value="down" class="secondary">
                              下移
                            </button>
                          )}
                        </Form>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {editable && doc.status !== 'in_review' && doc.status !== 'approved' && (
          <>
            <h2>上传附件</h2>
            <Form ctx={ctx} action={base(id)} label="上传附件" multipart>
              <ErrorSummary
                errors={errors && Object.fromEntries(Object.entries(errors).filter(([k]) => k !== '_'))}
              />
              <FileFields values={options.values ?? {}} errors={errors} maxMb={maxMb} />
              <CorrectionNote doc={doc} values={options.values ?? {}} errors={errors} />
              <button type="submit">上传</button>
            </Form>
          </>
        )}
        {retired.length > 0 && (
          <>
            <h2>已替换或移除的附件</h2>
            <p class="hint">已发布文件的附件不会删除；以下附件保留备查，不在前台公开。</p>
            <ul>
              {retired.map((a) => (
                <li key={a.id}>
                  <a href={`${base(id)}/${a.id}/download`}>{a.name}</a>（
                  {a.status === 'replaced' ? '已替换' : '已移除'}，{formatPubDate(a.updated_at)}）
                </li>
              ))}
            </ul>
          </>
        )}
      </ConsolePage>
    );
  };

  /** The document and one of its current attachments, for the replace and remove pages. */
  const activeAttachment = async (actor: Actor, id: number, attachmentId: number) => {
    const { doc, active } = await attachmentsForStaff(db, actor, id);
    const a = active.find((x) => x.id === attachmentId);
    if (!a) throw new AppError('NOT_FOUND', { message: '附件不存在或已被替换' });
    return { doc, a };
  };

  const replacePage = async (
    ctx: PageContext,
    actor: Actor,
    id: number,
    attachmentId: number,
    options: { values?: Values; errors?: FieldErrors | null } = {},
  ) => {
    const { doc, a } = await activeAttachment(actor, id, attachmentId);
    const errors = options.errors ?? undefined;
    return (
      <ConsolePage ctx={ctx} title={`替换附件：${a.name}`}>
        <p>
          <a href={base(id)}>返回附件列表</a>
        </p>
        <p>
          替换“{a.name}”（{describeAttachment(a)}）。新附件放在原位置；
          {doc.status === 'draft' ? '原附件将被删除。' : '文件将立即重新进行个人信息筛查。'}
        </p>
        {errors?._ && <Notice kind="warning">{errors._}</Notice>}
        <Form ctx={ctx} action={`${base(id)}/${a.id}/replace`} label="替换附件" multipart>
          <ErrorSummary
            errors={errors && Object.fromEntries(Object.entries(errors).filter(([k]) => k !== '_'))}
          />
          <FileFields values={options.values ?? {}} errors={errors} maxMb={maxMb} replacing />
          <CorrectionNote doc={doc} values={options.values ?? {}} errors={errors} />
          <button type="submit">替换</button>
        </Form>
      </ConsolePage>
    );
  };

  const removePage = async (
    ctx: PageContext,
    actor: Actor,
    id: number,
    attachmentId: number,
    options: { values?: Values; errors?: FieldErrors | null } = {},
  ) => {
    const { doc, a } = await activeAttachment(actor, id, attachmentId);
    const errors = options.errors ?? undefined;
    return (
      <ConsolePage ctx={ctx} title={`移除附件：${a.name}`}>
        <p>
          <a href={base(id)}>返回附件列表</a>
        </p>
        <p>
          {doc.status === 'published'
            ? `“${a.name}”将不再在前台公开，原文件保留备查。`
            : `“${a.name}”将从本文件中删除。`}
        </p>
        {errors?._ && <Notice kind="warning">{errors._}</Notice>}
        <Form ctx={ctx} action={`${base(id)}/${a.id}/remove`} label="移除附件">
          <ErrorSummary
            errors={errors && Object.fromEntries(Object.entries(errors).filter(([k]) => k !== '_'))}
          />
          <CorrectionNote doc={doc} values={options.values ?? {}} errors={errors} />
          <button type="submit">确认移除</button>
        </Form>
      </ConsolePage>
    );
  };

  return { listPage, replacePage, removePage };
}
