import type { ExtraField } from './columns.catalogue.js';

/**
 * Typed extra fields of a column (宗地编号, 面积, 起始价 …; issue 3): one set of rules for the
 * console form, the service, the portal page, the API and the CSV export. Values are stored in
 * documents.extra as a JSON object keyed by field key; numbers as canonical decimal strings so
 * amounts never pass through floating point.
 */

export type ExtraValues = Record<string, string>;

/** Form controls are named extra_<key>, so their ids (f-extra_<key>) link from the error summary. */
export const EXTRA_PREFIX = 'extra_';

const TEXT_MAX = 500;
const DECIMAL = /^\d{1,15}(\.\d{1,4})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The column's field definitions from doc_columns.extra_fields; bad JSON means no fields. */
export function parseExtraDefinitions(json: string | null | undefined): ExtraField[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return v.filter(
      (f): f is ExtraField =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as ExtraField).key === 'string' &&
        typeof (f as ExtraField).label === 'string',
    );
  } catch {
    return [];
  }
}

/** A document's stored values; anything that is not an object of strings is dropped. */
export function parseExtraValues(json: string | null | undefined): ExtraValues {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    const out: ExtraValues = {};
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string' || typeof x === 'number') out[k] = String(x);
    }
    return out;
  } catch {
    return {};
  }
}

/** The extra_<key> values of a submitted form, as { key: value }. */
export function extraFromForm(body: Record<string, unknown>): ExtraValues {
  const out: ExtraValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (!k.startsWith(EXTRA_PREFIX)) continue;
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string') out[k.slice(EXTRA_PREFIX.length)] = value;
  }
  return out;
}

function realDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** 1,234.50 / １２３４.５ → 1234.5: thousands separators and full-width digits are accepted. */
function normaliseDecimal(raw: string): string {
  const folded = raw
    .replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/,/g, '');
  if (!folded.includes('.')) return folded.replace(/^0+(?=\d)/, '');
  return folded.replace(/^0+(?=\d)/, '').replace(/\.?0+$/, '');
}

/**
 * Check submitted values against the column's definitions. Returns the cleaned values (only known
 * keys, empty values left out) or the errors keyed by form control name, each naming its field.
 */
export function validateExtra(
  definitions: ExtraField[],
  input: Record<string, unknown>,
): { values: ExtraValues; errors: Record<string, string> | null } {
  const values: ExtraValues = {};
  const errors: Record<string, string> = {};
  for (const f of definitions) {
    const raw = input[f.key];
    const v = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    const fail = (msg: string) => {
      errors[`${EXTRA_PREFIX}${f.key}`] = `${f.label}：${msg}`;
    };
    if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
      fail('格式不正确');
      continue;
    }
    if (!v) {
      if (f.required) fail('必填');
      continue;
    }
    switch (f.type) {
      case 'number':
      case 'money':
      case 'area': {
        const n = normaliseDecimal(v);
        if (!DECIMAL.test(n)) {
          fail(
            n.startsWith('-')
              ? '不能为负数'
              : `应为不小于 0 的数字，最多 4 位小数${f.unit ? `（单位：${f.unit}）` : ''}`,
          );
          break;
        }
        values[f.key] = n;
        break;
      }
      case 'date':
        if (!realDate(v)) fail('应为有效日期，格式 YYYY-MM-DD');
        else values[f.key] = v;
        break;
      case 'select':
        if (!(f.options ?? []).includes(v)) fail(`应为 ${(f.options ?? []).join('、')} 之一`);
        else values[f.key] = v;
        break;
      default:
        if (v.length > TEXT_MAX) fail(`不能超过 ${TEXT_MAX} 个字符`);
        else values[f.key] = v;
    }
  }
  return { values, errors: Object.keys(errors).length ? errors : null };
}

/** One value as shown to readers, with its unit (numbers as stored: 12000 平方米, 350.5 万元). */
export function formatExtraValue(f: ExtraField, value: string): string {
  return f.unit ? `${value} ${f.unit}` : value;
}

/** The filled-in fields of a document in definition order, as label and display value. */
export function extraDisplayRows(
  definitions: ExtraField[],
  values: ExtraValues,
): { key: string; label: string; value: string }[] {
  return definitions.flatMap((f) => {
    const v = values[f.key];
    return v === undefined || v === '' ? [] : [{ key: f.key, label: f.label, value: formatExtraValue(f, v) }];
  });
}
