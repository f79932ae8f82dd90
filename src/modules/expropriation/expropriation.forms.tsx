import { ErrorSummary, Field, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { STAGES, type StageKind } from './expropriation.rules.js';
import { PROJECT_LABELS, PROJECT_STATUSES } from './expropriation.schema.js';

export type Values = Record<string, unknown>;

/** Form values are strings; rows hold numbers and nulls. */
export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export function ProjectForm(p: {
  ctx: PageContext;
  action: string;
  label: string;
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const v = p.values;
  const text = (
    name: keyof typeof PROJECT_LABELS,
    extra: { required?: boolean; hint?: string; multiline?: boolean } = {},
  ) => <Field name={name} label={PROJECT_LABELS[name]} value={str(v[name])} errors={p.errors} {...extra} />;
  const statuses = [
    { value: '', label: '请选择' },
    ...Object.entries(PROJECT_STATUSES).map(([value, label]) => ({ value, label })),
  ];
  return (
    <Form ctx={p.ctx} action={p.action} label={p.label}>
      <ErrorSummary errors={p.errors} />
      {text('name', { required: true, hint: '例如 示例区2026年第五批次城镇建设用地' })}
      {text('batch_no', { required: true, hint: '批次号或项目编号，不能与其他项目重复' })}
      {text('district', { required: true })}
      {text('township', { required: true })}
      {text('village', { required: true, hint: '涉及多个村（组）的，用顿号分隔' })}
      {text('area_ha', { required: true, hint: '单位：公顷，最多四位小数' })}
      <fieldset>
        <legend>地类构成（选填，单位：公顷）</legend>
        {text('farmland_ha')}
        {text('cultivated_ha')}
        {text('construction_ha')}
        {text('unused_ha')}
      </fieldset>
      {text('purpose', { required: true, multiline: true })}
      {text('approving_authority', { hint: '例如 省人民政府' })}
      <Field
        name="status"
        label={PROJECT_LABELS.status}
        value={str(v.status)}
        errors={p.errors}
        required
        options={statuses}
      />
      <div class="field">
        <label>
          <input
            type="checkbox"
            name="hearing_requested"
            value="1"
            checked={v.hearing_requested === true || v.hearing_requested === '1' || v.hearing_requested === 1}
          />{' '}
          多数被征地的农村集体经济组织成员认为补偿安置方案不符合法律、法规规定，要求听证
        </label>
      </div>
      <button type="submit">保存</button>
    </Form>
  );
}

export function StageForm(p: {
  ctx: PageContext;
  action: string;
  kind: StageKind;
  values: Values;
  documents: { id: number; title: string; doc_number: string | null }[];
  errors?: FieldErrors | undefined;
}) {
  const def = STAGES[p.kind];
  const v = p.values;
  const suggestions = Object.fromEntries(
    p.documents.map((d) => [String(d.id), `${d.title}${d.doc_number ? `（${d.doc_number}）` : ''}`]),
  );
  return (
    <Form ctx={p.ctx} action={p.action} label={`登记${def.name}`}>
      <ErrorSummary errors={p.errors} />
      <Field
        name="posted_on"
        label={def.dateLabel}
        type="date"
        value={str(v.posted_on)}
        errors={p.errors}
        required
        hint="格式 YYYY-MM-DD"
      />
      {def.endLabel && (
        <Field
          name="end_on"
          label={def.endLabel}
          type="date"
          value={str(v.end_on)}
          errors={p.errors}
          hint="公告（登记）的最后一天；仍在公告中的可暂不填写"
        />
      )}
      <Field
        name="document_ref"
        label="公开文件"
        value={str(v.document_ref)}
        errors={p.errors}
        suggestions={suggestions}
        hint="填写“征地信息”栏目中已发布文件的编号或文号；未关联文件的环节视为未公开"
      />
      <Field name="notes" label="备注" value={str(v.notes)} errors={p.errors} multiline />
      <button type="submit">保存</button>
    </Form>
  );
}

export const SAVED_MESSAGES: Record<string, string> = {
  created: '征地项目已创建。',
  updated: '征地项目已保存。',
  stage_saved: '环节已登记。',
  stage_cleared: '已删除该环节的记录。',
};
