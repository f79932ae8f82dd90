/**
 * The workflow of an application (依申请公开), seed 五.1 and 六.4: 接件 (公开办) → 办件 (业务处室 or 区分局) →
 * 审件 (法规处) → 核准 (领导) → 答复, with the side paths the 条例 and 109号 open. An explicit union of states
 * and a transition table; every transition is done by a permission and writes an application_events row
 * (who, when, from, to, why), which is both the audit trail and the timeline the applicant sees.
 *
 * Legal anchors: 条例第三十条 (补正, 视为放弃), 第三十二条、第三十四条 (征求意见), 第三十三条 (答复、延期),
 * 第三十六条 (答复类型), 109号 (收费, 逾期未缴视为放弃). Extension is not a state: it is an action allowed in
 * every open state (see EXTEND_FROM) that moves the due date.
 */
export const APPLICATION_STATUSES = [
  'submitted',
  'registered',
  'supplementing',
  'assigned',
  'consulting',
  'fee_pending',
  'legal_review',
  'approval',
  'approved',
  'replied',
  'abandoned',
  'withdrawn',
  'archived',
] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '已提交待确认',
  registered: '已登记',
  supplementing: '待补正',
  assigned: '办理中',
  consulting: '征求意见中',
  fee_pending: '待缴费',
  legal_review: '法规审核中',
  approval: '待领导核准',
  approved: '已核准待答复',
  replied: '已答复',
  abandoned: '视为放弃',
  withdrawn: '申请人已撤回',
  archived: '已归档',
};

/** States in which the reply clock matters: an open application. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'registered',
  'supplementing',
  'assigned',
  'consulting',
  'fee_pending',
  'legal_review',
  'approval',
  'approved',
];

export const APPLICATION_PERMISSIONS = {
  /** 公开办: 接件、登记、补正、分办/转办、收费通知、送达答复、归档; sees contact data in full. */
  intake: 'applications.intake',
  /** 承办人 in a division or branch: 征求意见、拟办答复. */
  handle: 'applications.handle',
  /** 法规处: 审件. */
  review: 'applications.review',
  /** 领导: 核准、延期、减免. */
  approve: 'applications.approve',
  /** Everyone in the work: lists, board, timelines (contact data masked). */
  read: 'applications.read',
} as const;

/** The applicant acts through the tracking code and query password, not an account. */
export const APPLICANT = 'applicant';

export type ApplicationAction =
  | 'register'
  | 'request_supplement'
  | 'receive_supplement'
  | 'supplement_lapsed'
  | 'assign'
  | 'start_consultation'
  | 'end_consultation'
  | 'issue_fee_notice'
  | 'record_payment'
  | 'waive_fee'
  | 'fee_lapsed'
  | 'submit_draft'
  | 'return_from_review'
  | 'pass_review'
  | 'return_from_approval'
  | 'approve'
  | 'reply'
  | 'record_delivery'
  | 'archive'
  | 'withdraw';

export interface Transition {
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  label: string;
  /** A permission code, or APPLICANT for the applicant's own actions. */
  by: readonly string[];
  /** A reason must be given (returns, lapses, waivers, withdrawals). */
  reason?: boolean;
}

const P = APPLICATION_PERMISSIONS;
const WORKING: readonly ApplicationStatus[] = [
  'registered',
  'assigned',
  'consulting',
  'legal_review',
  'approval',
];

export const TRANSITIONS: Record<ApplicationAction, Transition> = {
  register: { from: ['submitted'], to: 'registered', label: '确认收到并登记', by: [P.intake] },
  // 条例第三十条: one notice only, within 7 working days of receipt (checked by the service).
  request_supplement: {
    from: ['registered', 'assigned'],
    to: 'supplementing',
    label: '发出补正告知',
    by: [P.intake],
  },
  receive_supplement: { from: ['supplementing'], to: 'registered', label: '收到补正材料', by: [P.intake] },
  supplement_lapsed: {
    from: ['supplementing'],
    to: 'abandoned',
    label: '逾期未补正，视为放弃申请',
    by: [P.intake],
    reason: true,
  },
  // Assign to a division, or forward to a district branch, with an internal deadline; also re-assign.
  assign: { from: ['registered', 'assigned'], to: 'assigned', label: '分办', by: [P.intake] },
  start_consultation: {
    from: ['assigned'],
    to: 'consulting',
    label: '书面征求意见',
    by: [P.handle, P.intake],
  },
  end_consultation: { from: ['consulting'], to: 'assigned', label: '征求意见结束', by: [P.handle, P.intake] },
  issue_fee_notice: { from: ['assigned'], to: 'fee_pending', label: '发出收费通知', by: [P.intake] },
  record_payment: { from: ['fee_pending'], to: 'assigned', label: '登记缴费', by: [P.intake] },
  waive_fee: { from: ['fee_pending'], to: 'assigned', label: '减免收费', by: [P.approve], reason: true },
  fee_lapsed: {
    from: ['fee_pending'],
    to: 'abandoned',
    label: '逾期未缴费，视为放弃申请',
    by: [P.intake],
    reason: true,
  },
  submit_draft: { from: ['assigned'], to: 'legal_review', label: '提交答复意见', by: [P.handle] },
  return_from_review: {
    from: ['legal_review'],
    to: 'assigned',
    label: '法规审核退回',
    by: [P.review],
    reason: true,
  },
  pass_review: { from: ['legal_review'], to: 'approval', label: '法规审核通过', by: [P.review] },
  return_from_approval: {
    from: ['approval'],
    to: 'assigned',
    label: '领导退回',
    by: [P.approve],
    reason: true,
  },
  approve: { from: ['approval'], to: 'approved', label: '核准答复', by: [P.approve] },
  reply: { from: ['approved'], to: 'replied', label: '作出答复并送达', by: [P.intake] },
  // 送达 is often known later than the reply (a registered letter is signed for days after posting).
  record_delivery: { from: ['replied'], to: 'replied', label: '登记送达情况', by: [P.intake] },
  archive: { from: ['replied', 'abandoned', 'withdrawn'], to: 'archived', label: '归档', by: [P.intake] },
  withdraw: {
    from: ['submitted', 'supplementing', 'fee_pending', ...WORKING, 'approved'],
    to: 'withdrawn',
    label: '撤回申请',
    by: [APPLICANT, P.intake],
    reason: true,
  },
};

/** 条例第三十三条第二款: extension is decided by the approver while the application is open. */
export const EXTEND_FROM: readonly ApplicationStatus[] = [...WORKING, 'fee_pending', 'approved'];
export const EXTEND_BY = P.approve;

export function canTransition(from: ApplicationStatus, action: ApplicationAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/** The actions a holder of these permissions (or the applicant) may take from a state. */
export function actionsFor(from: ApplicationStatus, grants: ReadonlySet<string>): ApplicationAction[] {
  return (Object.keys(TRANSITIONS) as ApplicationAction[]).filter(
    (a) => canTransition(from, a) && TRANSITIONS[a].by.some((b) => grants.has(b)),
  );
}

export function isOpen(status: ApplicationStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
