import { ErrorSummary, Field, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { LEADER_LABELS, ORG_KINDS, ORG_LABELS, type OrgKind } from './org.schema.js';
import type { OrgNode } from './org.service.js';

export type Values = Record<string, unknown>;

/** Form values are strings; rows hold numbers and nulls. */
export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** The tree flattened depth-first, each node with its depth (for indented lists and options). */
export function flatten(tree: OrgNode[], depth = 0): { org: OrgNode; depth: number }[] {
  return tree.flatMap((n) => [{ org: n, depth }, ...flatten(n.children, depth + 1)]);
}

/** Ids of `id` and everything below it: none of them may become its parent. */
export function selfAndBelow(tree: OrgNode[], id: number): Set<number> {
  const out = new Set<number>();
  const mark = (n: OrgNode) => {
    out.add(n.id);
    for (const c of n.children) mark(c);
  };
  const find = (nodes: OrgNode[]): void => {
    for (const n of nodes) {
      if (n.id === id) mark(n);
      else find(n.children);
    }
  };
  find(tree);
  return out;
}

/** Indent shown before a name to draw the tree (full-width spaces survive HTML whitespace rules). */
export const indent = (depth: number): string => (depth > 0 ? `${'　'.repeat(depth - 1)}└ ` : '');

export function OrgForm(p: {
  ctx: PageContext;
  action: string;
  tree: OrgNode[];
  /** Editing: this organisation and those below it are left out of the parent choices. */
  selfId?: number;
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const v = p.values;
  const excluded = p.selfId ? selfAndBelow(p.tree, p.selfId) : new Set<number>();
  const parents = [
    { value: '', label: '（无，顶级机构）' },
    ...flatten(p.tree)
      .filter(({ org }) => !excluded.has(org.id))
      .map(({ org, depth }) => ({ value: String(org.id), label: `${indent(depth)}${org.name}` })),
  ];
  const kinds = [
    { value: '', label: '请选择' },
    ...(Object.entries(ORG_KINDS) as [OrgKind, string][]).map(([value, label]) => ({ value, label })),
  ];
  const text = (name: keyof typeof ORG_LABELS, extra: { required?: boolean; hint?: string } = {}) => (
    <Field name={name} label={ORG_LABELS[name]} value={str(v[name])} errors={p.errors} {...extra} />
  );
  return (
    <Form ctx={p.ctx} action={p.action} label={p.selfId ? '编辑机构' : '新建机构'}>
      <ErrorSummary errors={p.errors} />
      {text('name', { required: true })}
      {text('short_name')}
      <Field
        name="kind"
        label={ORG_LABELS.kind}
        value={str(v.kind)}
        errors={p.errors}
        required
        options={kinds}
      />
      <Field
        name="parent_id"
        label={ORG_LABELS.parent_id}
        value={str(v.parent_id)}
        errors={p.errors}
        options={parents}
        hint="市局为顶级机构；处室、局属单位和区分局选择所属的市局"
      />
      <Field
        name="functions"
        label={ORG_LABELS.functions}
        value={str(v.functions)}
        errors={p.errors}
        multiline
      />
      {text('address')}
      <Field
        name="phone"
        label={ORG_LABELS.phone}
        type="tel"
        value={str(v.phone)}
        errors={p.errors}
        hint="例如 022-12345678，多个号码用顿号分隔"
      />
      {text('office_hours', { hint: '例如 工作日 9:00–12:00，13:30–17:30' })}
      {text('org_code', { hint: '选填；9 位组织机构代码或 18 位统一社会信用代码，大写字母和数字' })}
      <Field
        name="sort_order"
        label={ORG_LABELS.sort_order}
        type="number"
        value={str(v.sort_order ?? 0)}
        errors={p.errors}
        hint="数字小的排在前面"
      />
      <button type="submit">保存</button>
    </Form>
  );
}

export function LeaderForm(p: {
  ctx: PageContext;
  action: string;
  label: string;
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const v = p.values;
  return (
    <Form ctx={p.ctx} action={p.action} label={p.label} multipart>
      <ErrorSummary errors={p.errors} />
      <Field name="name" label={LEADER_LABELS.name} value={str(v.name)} errors={p.errors} required />
      <Field name="title" label={LEADER_LABELS.title} value={str(v.title)} errors={p.errors} required />
      <Field
        name="duties"
        label={LEADER_LABELS.duties}
        value={str(v.duties)}
        errors={p.errors}
        multiline
        hint="例如 主持全面工作；分管办公室、法规处"
      />
      <Field
        name="resume"
        label={LEADER_LABELS.resume}
        value={str(v.resume)}
        errors={p.errors}
        multiline
        hint="选填"
      />
      <Field
        name="sort_order"
        label={LEADER_LABELS.sort_order}
        type="number"
        value={str(v.sort_order ?? 0)}
        errors={p.errors}
        hint="数字小的排在前面"
      />
      <PhotoField
        current={typeof v.photo_path === 'string' ? v.photo_path : null}
        name={str(v.name)}
        errors={p.errors}
      />
      <button type="submit">保存</button>
    </Form>
  );
}

/** The short notice shown after a redirect (`?saved=...`). Unknown keys show nothing. */
export const SAVED_MESSAGES: Record<string, string> = {
  created: '机构已创建。',
  updated: '机构信息已保存。',
  leader_added: '已添加领导信息。',
  leader_updated: '领导信息已保存。',
  leader_removed: '已删除该条领导信息。',
};

/** The leader photo: upload a new one, or remove the current one. */
function PhotoField(p: { current: string | null; name: string; errors?: FieldErrors | undefined }) {
  return (
    <Field
      name="photo"
      label={LEADER_LABELS.photo}
      type="file"
      accept="image/jpeg,image/png"
      errors={p.errors}
      hint="选填；JPG 或 PNG，不超过 2 MB，将在机构信息页面公开显示。"
    >
      {p.current && <img src={p.current} alt={`${p.name}的现有照片`} width={120} />}
      {p.current && (
        <label>
          <input type="checkbox" name="remove_photo" value="1" /> 删除现有照片
        </label>
      )}
    </Field>
  );
}
