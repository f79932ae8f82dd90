import type { ComponentChildren } from 'preact';
import type { PageContext } from './context.js';

export type FieldErrors = Record<string, string>;

export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/** A form that always carries the CSRF token. */
export function Form(p: {
  ctx: PageContext;
  /** multipart/form-data, for forms with a file input. */
  multipart?: boolean;
  action: string;
  children: ComponentChildren;
  class?: string;
  label?: string;
}) {
  return (
    <form
      method="post"
      action={p.action}
      class={p.class ?? 'form'}
      aria-label={p.label}
      encType={p.multipart ? 'multipart/form-data' : undefined}
      noValidate
    >
      <CsrfField ctx={p.ctx} />
      {p.children}
    </form>
  );
}

/** Lists every error at the top of a form, each linking to its field (GOV.UK pattern). */
export function ErrorSummary({ errors }: { errors?: FieldErrors | undefined }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>提交的内容有误，请修改：</h2>
      <ul>
        {Object.entries(errors).map(([field, msg]) => (
          <li key={field}>
            <a href={`#f-${field}`}>{msg}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  value?: string | number | null | undefined;
  errors?: FieldErrors | undefined;
  type?: string;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  multiline?: boolean;
  options?: { value: string; label: string }[];
  /** Suggestions for a text box (datalist): offered, not enforced. */
  suggestions?: Record<string, string>;
  /** File inputs: the accepted types, and whether several files may be chosen. */
  accept?: string;
  multiple?: boolean;
  /** Extra controls under the input (e.g. a "remove current photo" checkbox). */
  children?: ComponentChildren;
}

/** One labelled field with its hint and its own error message, tied by aria-describedby. */
export function Field(p: FieldProps) {
  const id = `f-${p.name}`;
  const error = p.errors?.[p.name];
  const describedBy =
    [p.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: p.name,
    required: p.required,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
  };
  const value = p.value === null || p.value === undefined ? '' : String(p.value);
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        {p.label}
        {p.required && <span class="req"> （必填）</span>}
      </label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {p.options ? (
        <select {...common}>
          {p.options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : p.multiline ? (
        <textarea {...common} rows={4}>
          {value}
        </textarea>
      ) : p.type === 'file' ? (
        <input {...common} type="file" accept={p.accept} multiple={p.multiple} />
      ) : (
        <input
          {...common}
          type={p.type ?? 'text'}
          value={value}
          autoComplete={p.autocomplete}
          list={p.suggestions ? `${id}-list` : undefined}
        />
      )}
      {p.suggestions && (
        <datalist id={`${id}-list`}>
          {Object.entries(p.suggestions).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </datalist>
      )}
      {p.children}
    </div>
  );
}

export function Pagination(p: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="分页">
      {p.page > 1 && <a href={p.href(p.page - 1)}>上一页</a>}
      <span>
        第 {p.page} / {pages} 页，共 {p.total} 条
      </span>
      {p.page < pages && <a href={p.href(p.page + 1)}>下一页</a>}
    </nav>
  );
}

export function Notice({
  kind,
  children,
}: {
  kind: 'info' | 'warning' | 'success';
  children: ComponentChildren;
}) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'warning' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
