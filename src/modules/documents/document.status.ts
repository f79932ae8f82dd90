import type { DocumentStatus } from '../../platform/db/schema.js';

/**
 * The publishing workflow (issue 3; seed 四.1 and the 先审后发 rule of 国办发〔2018〕123号):
 * 草稿 → 送审 → 保密审查 → 发布, with rejection back to draft and withdrawal of an erroneous
 * publication. Each transition writes a document_events row (who, when, from, to, why).
 */
export const STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: '草稿',
  in_review: '待保密审查',
  approved: '审查通过待发布',
  published: '已发布',
  withdrawn: '已撤回',
};

export type DocumentAction = 'submit' | 'reject' | 'approve' | 'publish' | 'withdraw';

export const TRANSITIONS: Record<
  DocumentAction,
  { from: DocumentStatus[]; to: DocumentStatus; label: string; permission: string }
> = {
  submit: { from: ['draft'], to: 'in_review', label: '送审', permission: 'documents.edit' },
  reject: { from: ['in_review'], to: 'draft', label: '退回修改', permission: 'documents.review' },
  approve: { from: ['in_review'], to: 'approved', label: '保密审查通过', permission: 'documents.review' },
  publish: { from: ['approved'], to: 'published', label: '发布', permission: 'documents.publish' },
  withdraw: { from: ['published'], to: 'withdrawn', label: '撤回', permission: 'documents.withdraw' },
};

export function canTransition(from: DocumentStatus, action: DocumentAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}

export const VALIDITY_LABELS = {
  valid: '有效',
  expired: '失效',
  repealed: '废止',
  revised: '已修订',
} as const;
