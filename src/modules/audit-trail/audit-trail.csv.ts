import type { AuditRow } from '../../platform/db/schema.js';
import { formatPubDate } from '../../platform/time.js';
import { actionLabel, roleLabel, targetLabel } from './audit-trail.labels.js';

/** UTF-8 byte order mark: without it Excel on Chinese Windows reads the file as GBK. */
export const BOM = '\uFEFF';

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would read as a formula (leading = + - @, or a tab
 * or carriage return that hides one) gets a leading apostrophe, as OWASP advises against CSV
 * injection: an audit log quotes attacker-chosen text such as failed login names.
 */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: (string | number | null | undefined)[]): string =>
  `${cells.map(csvCell).join(',')}\r\n`;

export const AUDIT_CSV_HEADER = [
  '序号',
  '时间（北京时间）',
  '时间（UTC）',
  '操作人',
  '角色',
  'IP',
  '操作代码',
  '操作',
  '对象类型',
  '对象编号',
  '变更前摘要（SM3）',
  '变更后摘要（SM3）',
  '详情',
  '记录哈希（SM3）',
];

export function auditCsvLine(r: AuditRow): string {
  return csvLine([
    r.seq,
    formatPubDate(r.at),
    r.at,
    r.actor_name,
    roleLabel(r.actor_role),
    r.ip,
    r.action,
    actionLabel(r.action),
    targetLabel(r.target_type),
    r.target_id,
    r.before_digest,
    r.after_digest,
    r.detail,
    r.hash,
  ]);
}
