import { csvLine } from '../../platform/csv.js';
import type { AuditRow } from '../../platform/db/schema.js';
import { formatPubDate } from '../../platform/time.js';
import { actionLabel, roleLabel, targetLabel } from './audit-trail.labels.js';

export { BOM, csvCell, csvLine } from '../../platform/csv.js';

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
