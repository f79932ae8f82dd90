import type { Db } from '../../platform/db/index.js';
import { isAppError } from '../../platform/errors.js';
import { parseInput } from '../../platform/http/validation.js';
import { type FieldErrors, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import type { PageContext } from '../../web/context.js';
import { orgTree } from '../orgs/index.js';
import { columnOptions, DocumentForm, orgOptions, type Values } from './document.forms.js';
import * as repo from './document.repository.js';
import { DOCUMENT_LABELS, type DraftInput, draftSchema } from './document.schema.js';
import * as q from './document-query.repository.js';
import {
  EXTRA_PREFIX,
  type ExtraValues,
  extraFromForm,
  parseExtraDefinitions,
  parseExtraValues,
  validateExtra,
} from './extra-fields.js';
import { toSafeHtml } from './richtext.js';

/**
 * The console's document editor (new draft, edit draft, correct a published document): the form,
 * its parsing into a draft with typed extra fields, and the changed fields of a correction.
 */

interface EditorState {
  values: Values;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
}

export async function editorPage(
  db: Db,
  ctx: PageContext,
  target: { id: number; title: string; published: boolean } | null,
  state: EditorState,
) {
  const [columns, orgs] = await Promise.all([q.columnsInTreeOrder(db), orgTree(db)]);
  const columnId = Number(state.values.column_id);
  const column = columns.find((c) => c.id === columnId);
  const title = target
    ? target.published
      ? `更正：${target.title}`
      : `修改草稿：${target.title}`
    : '起草文件';
  return (
    <ConsolePage ctx={ctx} title={title}>
      <p>
        <a href={target ? `/console/documents/${target.id}` : '/console/documents'}>
          {target ? '返回文件详情' : '返回文件列表'}
        </a>
      </p>
      {state.message && <Notice kind="warning">{state.message}</Notice>}
      <DocumentForm
        ctx={ctx}
        action={target ? `/console/documents/${target.id}/edit` : '/console/documents'}
        label={title}
        columns={columnOptions(columns)}
        orgs={orgOptions(orgs)}
        extraFields={parseExtraDefinitions(column?.extra_fields)}
        values={state.values}
        errors={state.errors}
        correction={target?.published}
      />
    </ConsolePage>
  );
}

/** Parse the editor form: catalogue fields and the column's extra fields, all errors at once. */
export async function parseEditor(
  db: Db,
  body: Values,
): Promise<{ input: DraftInput; extra: ExtraValues } | { errors: FieldErrors }> {
  const errors: FieldErrors = {};
  let input: DraftInput | undefined;
  try {
    input = parseInput(draftSchema, { ...body, extra: undefined, external_id: undefined }, DOCUMENT_LABELS);
  } catch (e) {
    if (!isAppError(e) || !e.fields) throw e;
    Object.assign(errors, e.fields);
  }
  const columnId = Number(body.column_id);
  const column = Number.isInteger(columnId) && columnId > 0 ? await repo.findColumn(db, columnId) : undefined;
  const checked = validateExtra(parseExtraDefinitions(column?.extra_fields), extraFromForm(body));
  if (checked.errors) Object.assign(errors, checked.errors);
  if (!input || Object.keys(errors).length > 0) return { errors };
  return { input: { ...input, extra: extraFromForm(body) }, extra: checked.values };
}

/** The form values of a stored document: its fields and extra_<key> for the extra fields. */
export function valuesOf(doc: Record<string, unknown> & { extra: string }): Values {
  const extra = Object.fromEntries(
    Object.entries(parseExtraValues(doc.extra)).map(([k, v]) => [`${EXTRA_PREFIX}${k}`, v]),
  );
  return { ...doc, ...extra };
}

const COMPARED: (keyof DraftInput)[] = [
  'column_id',
  'title',
  'doc_number',
  'publisher_org_id',
  'joint_issuers',
  'owner_org_id',
  'written_on',
  'formed_on',
  'effective_on',
  'topic',
  'genre',
  'keywords',
  'summary',
  'contact_name',
  'contact_phone',
];

/** Would saving this input change the published document at all? */
export function changes(
  doc: Record<string, unknown> & { body: string; extra: string },
  input: DraftInput,
  extra: ExtraValues,
) {
  return (
    COMPARED.some((k) => (input[k] ?? null) !== (doc[k] ?? null)) ||
    toSafeHtml(input.body) !== doc.body ||
    JSON.stringify(extra) !== JSON.stringify(parseExtraValues(doc.extra))
  );
}

/** Service refusals with field errors re-render the form; other refusals show their message. */
export async function saveOrExplain(
  fn: () => Promise<void>,
): Promise<{ status: number; state: Omit<EditorState, 'values'> } | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    if (!isAppError(e) || e.code === 'NOT_FOUND' || e.code === 'INTERNAL') throw e;
    return { status: e.status, state: e.fields ? { errors: e.fields } : { message: e.message } };
  }
}
