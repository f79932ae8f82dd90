import type { ComponentChildren } from 'preact';
import type { DocColumn } from '../../platform/db/schema.js';
import { ErrorSummary, Field, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import type { ExtraField } from './columns.catalogue.js';
import { DOCUMENT_LABELS } from './document.schema.js';
import { VALIDITY_LABELS } from './document.status.js';
import { EXTRA_PREFIX } from './extra-fields.js';

/**
 * Forms of the document console (issue 3). Plain HTML forms, no JavaScript needed: choosing a
 * column re-renders the editor with that column's typed extra fields (the 选择栏目 button).
 */

export type Values = Record<string, unknown>;

export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** Indent shown before a name to draw a tree (full-width spaces survive HTML whitespace rules). */
const indent = (depth: number): string => (depth > 0 ? `${'　'.repeat(depth - 1)}└ ` : '');

export interface Option {
  value: string;
  label: string;
}

/** Columns in tree order as select options, each indented by its depth. */
export function columnOptions(columns: DocColumn[]): Option[] {
  const depth = new Map<number, number>();
  return columns.map((c) => {
    const d = c.parent_id === null ? 0 : (depth.get(c.parent_id) ?? -1) + 1;
    depth.set(c.id, d);
    return { value: String(c.id), label: `${indent(d)}${c.name}` };
  });
}

interface OrgLike {
  id: number;
  name: string;
  children: OrgLike[];
}

export function orgOptions(tree: OrgLike[], depth = 0): Option[] {
  return tree.flatMap((o) => [
    { value: String(o.id), label: `${indent(depth)}${o.name}` },
    ...orgOptions(o.children, depth + 1),
  ]);
}

/** The typed extra fields of the chosen column as form controls named extra_<key>. */
export function ExtraFields(p: { fields: ExtraField[]; values: Values; errors?: FieldErrors | undefined }) {
  if (p.fields.length === 0) return null;
  return (
    <fieldset>
      <legend>栏目专项信息</legend>
      {p.fields.map((f) => {
        const name = `${EXTRA_PREFIX}${f.key}`;
        const value = str(p.values[name]);
        const hint =
          f.type === 'date'
            ? '格式 YYYY-MM-DD'
            : f.type === 'text'
              ? undefined
              : f.type === 'select'
                ? undefined
                : `不小于 0 的数字，最多 4 位小数${f.unit ? `；单位：${f.unit}` : ''}`;
        return (
          <Field
            key={f.key}
            name={name}
            label={f.unit ? `${f.label}（${f.unit}）` : f.label}
            value={value}
            errors={p.errors}
            required={f.required}
            type={f.type === 'date' ? 'date' : 'text'}
            hint={hint}
            options={
              f.type === 'select'
                ? [{ value: '', label: '请选择' }, ...(f.options ?? []).map((o) => ({ value: o, label: o }))]
                : undefined
            }
          />
        );
      })}
    </fieldset>
  );
}

/** The body: a large textarea taking HTML or plain text. */
function BodyField(p: { value: string; errors?: FieldErrors | undefined }) {
  const error = p.errors?.body;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for="f-body">
        {DOCUMENT_LABELS.body}
        <span class="req"> （必填）</span>
      </label>
      <p class="hint" id="f-body-hint">
        可粘贴 HTML
        或直接输入文字（空一行为一段）。保存时只保留段落、换行、二至四级标题、加粗、强调、列表、表格、引用和
        http/https/mailto 链接，脚本、样式和事件属性一律清除。
      </p>
      {error && (
        <p class="field-error" id="f-body-error">
          {error}
        </p>
      )}
      <textarea
        id="f-body"
        name="body"
        rows={16}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'f-body-hint f-body-error' : 'f-body-hint'}
      >
        {p.value}
      </textarea>
    </div>
  );
}

/**
 * The editor: every catalogue field of draftSchema, the column's extra fields and the body.
 * `correction` asks for the public 更正说明 (editing a published document creates a revision).
 */
export function DocumentForm(p: {
  ctx: PageContext;
  action: string;
  label: string;
  columns: Option[];
  orgs: Option[];
  extraFields: ExtraField[];
  values: Values;
  errors?: FieldErrors | undefined;
  correction?: boolean;
}) {
  const v = p.values;
  const text = (
    name: keyof typeof DOCUMENT_LABELS,
    extra: { required?: boolean; hint?: string; type?: string } = {},
  ) => <Field name={name} label={DOCUMENT_LABELS[name]} value={str(v[name])} errors={p.errors} {...extra} />;
  const choose = [{ value: '', label: '请选择' }];
  return (
    <Form ctx={p.ctx} action={p.action} label={p.label}>
      <ErrorSummary errors={p.errors} />
      <Field
        name="column_id"
        label={DOCUMENT_LABELS.column_id}
        value={str(v.column_id)}
        errors={p.errors}
        required
        options={[...choose, ...p.columns]}
        hint="更换栏目后请按“选择栏目”，页面会显示该栏目的专项信息字段（已填写的内容会保留）"
      >
        <button type="submit" name="_step" value="column" class="secondary">
          选择栏目
        </button>
      </Field>
      {text('title', { required: true })}
      {text('doc_number', { hint: '选填；如 津规资发〔2026〕12号，保存时同时记录规范化形式便于检索' })}
      <Field
        name="publisher_org_id"
        label={DOCUMENT_LABELS.publisher_org_id}
        value={str(v.publisher_org_id)}
        errors={p.errors}
        required
        options={[...choose, ...p.orgs]}
        hint="索引号前段码取自发布机构的组织机构代码"
      />
      {text('joint_issuers', { hint: '选填；多个单位用顿号分隔' })}
      <Field
        name="owner_org_id"
        label={DOCUMENT_LABELS.owner_org_id}
        value={str(v.owner_org_id)}
        errors={p.errors}
        options={[{ value: '', label: '（未指定）' }, ...p.orgs]}
      />
      {text('written_on', { type: 'date', hint: '选填；格式 YYYY-MM-DD' })}
      {text('formed_on', {
        type: 'date',
        required: true,
        hint: '信息形成或变更之日；条例第二十六条：应自该日起 20 个工作日内公开',
      })}
      {text('effective_on', { type: 'date', hint: '选填；格式 YYYY-MM-DD' })}
      {text('topic', { hint: '选填；如 城乡建设、环境保护' })}
      {text('genre', { hint: '选填；如 通知、公告、办法' })}
      {text('keywords', { hint: '选填；多个主题词用空格分隔' })}
      <Field
        name="summary"
        label={DOCUMENT_LABELS.summary}
        value={str(v.summary)}
        errors={p.errors}
        multiline
        hint="选填；不超过 300 个字符"
      />
      {text('contact_name', { hint: '政策性文件请填写政策咨询联系人' })}
      {text('contact_phone', { type: 'tel' })}
      <ExtraFields fields={p.extraFields} values={v} errors={p.errors} />
      <BodyField value={str(v.body)} errors={p.errors} />
      {p.correction && (
        <Field
          name="correction_note"
          label={DOCUMENT_LABELS.correction_note}
          value={str(v.correction_note)}
          errors={p.errors}
          multiline
          required
          hint="已发布文件的修改会生成新版本，更正说明将在文件页面公开"
        />
      )}
      <button type="submit">{p.correction ? '保存更正' : '保存'}</button>
    </Form>
  );
}

/** A small titled action form (送审, 撤回 …): one section per action on the detail page. */
export function ActionForm(p: {
  ctx: PageContext;
  id: string;
  title: string;
  action: string;
  children: ComponentChildren;
  errors?: FieldErrors | undefined;
}) {
  return (
    <section aria-labelledby={p.id} class="panel">
      <h3 id={p.id}>{p.title}</h3>
      <Form ctx={p.ctx} action={p.action} label={p.title}>
        <ErrorSummary errors={p.errors} />
        {p.children}
      </Form>
    </section>
  );
}

export const VALIDITY_CHOICES: Option[] = (
  Object.entries(VALIDITY_LABELS) as [keyof typeof VALIDITY_LABELS, string][]
).map(([value, label]) => ({ value, label }));

export const INTERPRETATION_KIND_OPTIONS: Option[] = [
  { value: 'text', label: '文字解读' },
  { value: 'graphic', label: '图解' },
  { value: 'video', label: '视频解读' },
  { value: 'qa', label: '问答' },
];

/** The short notice shown after a redirect (`?done=...`). Unknown keys show nothing. */
export const DONE_MESSAGES: Record<string, string> = {
  created: '草稿已保存。',
  updated: '草稿已修改。',
  revised: '更正已保存，已生成新版本。',
  submitted: '已送保密审查。',
  approved: '保密审查已通过。',
  rejected: '已退回修改。',
  published: '文件已发布。',
  scheduled: '已设置定时发布。',
  withdrawn: '文件已撤回。',
  validity: '有效性已变更。',
  linked: '已关联政策解读。',
  exempted: '已登记不解读理由。',
  masked: '已遮盖该处个人信息。',
  dismissed: '已忽略该条筛查结果。',
  deleted: '草稿已删除。',
};
