import { ErrorSummary, Field, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { COLUMN_LABELS, EXTRA_FIELD_TYPES } from './column.schema.js';
import { type ColumnNode, flattenTree } from './column.service.js';
import type { ExtraField } from './columns.catalogue.js';

export type Values = Record<string, unknown>;

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** Indent shown before a name to draw the tree (full-width spaces survive HTML whitespace rules). */
export const indent = (depth: number): string => (depth > 0 ? `${'　'.repeat(depth - 1)}└ ` : '');

/** Ids of `id` and everything below it: none of them may become its parent. */
function selfAndBelow(tree: ColumnNode[], id: number): Set<number> {
  const out = new Set<number>();
  for (const { column } of flattenTree(tree)) {
    if (column.id === id || (column.parent_id !== null && out.has(column.parent_id))) out.add(column.id);
  }
  return out;
}

export function ColumnForm(p: {
  ctx: PageContext;
  action: string;
  tree: ColumnNode[];
  /** Editing: this column and those below it are left out of the parent choices. */
  selfId?: number;
  /** Editing a column that holds documents: its code is its public address and cannot change. */
  codeFrozen?: boolean;
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const v = p.values;
  const excluded = p.selfId ? selfAndBelow(p.tree, p.selfId) : new Set<number>();
  const parents = [
    { value: '', label: '（无，顶级栏目）' },
    ...flattenTree(p.tree)
      .filter(({ column }) => !excluded.has(column.id))
      .map(({ column, depth }) => ({
        value: String(column.id),
        label: `${indent(depth)}${column.name}${column.hidden ? '（已隐藏）' : ''}`,
      })),
  ];
  return (
    <Form ctx={p.ctx} action={p.action} label={p.selfId ? '编辑栏目' : '新建栏目'}>
      <ErrorSummary errors={p.errors} />
      <Field name="name" label={COLUMN_LABELS.name} value={str(v.name)} errors={p.errors} required />
      <Field
        name="code"
        label={COLUMN_LABELS.code}
        value={str(v.code)}
        errors={p.errors}
        required
        hint={
          p.codeFrozen
            ? '栏目下已有文件，代码是栏目的公开网址，不能再修改。'
            : '栏目的公开网址 /xxgk/代码；小写字母、数字和连字符，以字母开头。栏目下有文件后不能再修改。'
        }
      />
      <Field
        name="parent_id"
        label={COLUMN_LABELS.parent_id}
        value={str(v.parent_id)}
        errors={p.errors}
        options={parents}
        hint="移到其他栏目下时排在末尾；不能移到本栏目或其下级栏目下。"
      />
      <Field
        name="basis"
        label={COLUMN_LABELS.basis}
        value={str(v.basis)}
        errors={p.errors}
        hint="例如 条例第二十条（一）"
      />
      <div class="field">
        <label>
          <input
            type="checkbox"
            name="needs_interpretation"
            value="1"
            checked={
              v.needs_interpretation === true ||
              v.needs_interpretation === 1 ||
              v.needs_interpretation === '1'
            }
          />{' '}
          {COLUMN_LABELS.needs_interpretation}（本栏目的政策文件发布时须关联政策解读或登记不解读理由）
        </label>
      </div>
      <button type="submit">保存</button>
    </Form>
  );
}

/** Blank rows offered under the existing fields for new ones. */
export const BLANK_ROWS = 3;

/** The extra-field editor: one table row per field, plain form controls (works without JavaScript). */
export function ExtraFieldsForm(p: {
  ctx: PageContext;
  action: string;
  /** One entry per row: existing fields, or the submitted rows when re-showing with errors. */
  rows: Values[];
  errors?: FieldErrors | undefined;
}) {
  const rows: Values[] = [...p.rows, ...Array.from({ length: BLANK_ROWS }, () => ({}))];
  const types = [
    { value: '', label: '请选择' },
    ...Object.entries(EXTRA_FIELD_TYPES).map(([value, label]) => ({ value, label })),
  ];
  const cell = (name: string, i: number, label: string, value: unknown) => {
    const id = `f-${name}_${i}`;
    const error = p.errors?.[`${name}_${i}`];
    return (
      <td class={error ? 'has-error' : undefined}>
        <label for={id} class="sr-only">
          第 {i + 1} 行{label}
        </label>
        {name === 'type' ? (
          <select id={id} name={`${name}_${i}`} aria-invalid={error ? 'true' : undefined}>
            {types.map((o) => (
              <option key={o.value} value={o.value} selected={o.value === str(value)}>
                {o.label}
              </option>
            ))}
          </select>
        ) : name === 'options' ? (
          <textarea id={id} name={`${name}_${i}`} rows={2} aria-invalid={error ? 'true' : undefined}>
            {str(value)}
          </textarea>
        ) : (
          <input
            id={id}
            name={`${name}_${i}`}
            type="text"
            value={str(value)}
            aria-invalid={error ? 'true' : undefined}
          />
        )}
        {error && <p class="field-error">{error}</p>}
      </td>
    );
  };
  return (
    <Form ctx={p.ctx} action={p.action} label="扩展字段">
      <ErrorSummary errors={p.errors} />
      <input type="hidden" name="rows" value={String(rows.length)} />
      <table>
        <caption>
          每行一个字段；清空一行的代码、名称、选项和单位即删除该字段。下拉选项每行一个或用顿号分隔。
        </caption>
        <thead>
          <tr>
            <th scope="col">字段代码</th>
            <th scope="col">显示名称</th>
            <th scope="col">类型</th>
            <th scope="col">必填</th>
            <th scope="col">选项</th>
            <th scope="col">单位</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {cell('key', i, '字段代码', r.key)}
              {cell('label', i, '显示名称', r.label)}
              {cell('type', i, '类型', r.type)}
              <td>
                <label>
                  <input
                    type="checkbox"
                    name={`required_${i}`}
                    value="1"
                    checked={r.required === true || r.required === '1'}
                  />
                  <span class="sr-only">第 {i + 1} 行</span>必填
                </label>
              </td>
              {cell('options', i, '选项', Array.isArray(r.options) ? r.options.join('、') : r.options)}
              {cell('unit', i, '单位', r.unit)}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit">保存扩展字段</button>
    </Form>
  );
}

/** Existing definitions as editor rows. */
export const fieldRows = (fields: ExtraField[]): Values[] =>
  fields.map((f) => ({ ...f, options: f.options?.join('、') ?? '' }));

/** Submitted cells as editor rows, in their places (errors name rows), up to the last filled one. */
export function submittedRows(body: Values): Values[] {
  const n = Math.min(Number(body.rows) || 0, 40);
  const rows = Array.from({ length: n }, (_, i) => ({
    key: body[`key_${i}`],
    label: body[`label_${i}`],
    type: body[`type_${i}`],
    required: body[`required_${i}`],
    options: body[`options_${i}`],
    unit: body[`unit_${i}`],
  }));
  while (rows.length > 0) {
    const last = rows[rows.length - 1];
    if (last && (last.key || last.label || last.options || last.unit)) break;
    rows.pop();
  }
  return rows;
}

export const SAVED_MESSAGES: Record<string, string> = {
  created: '栏目已创建。',
  updated: '栏目已保存。',
  moved: '栏目顺序已调整。',
  hidden: '栏目已隐藏：该栏目及其下级栏目已从前台和开放接口中移除，文件仍保留。',
  shown: '栏目已恢复显示。',
  deleted: '栏目已删除。',
  fields: '扩展字段已保存。',
};
