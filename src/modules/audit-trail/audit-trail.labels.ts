import { ROLES } from '../accounts/index.js';

/** Chinese names of the audit action codes the platform writes; unknown codes show as themselves. */
export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.login_locked': '锁定期间尝试登录',
  'auth.lockout': '账号锁定',
  'auth.logout': '退出',
  'user.created': '创建用户',
  'user.updated': '修改用户',
  'user.password_changed': '修改密码',
  'user.password_reset': '重置密码',
  'user.unlocked': '解除锁定',
  'role.permissions_changed': '修改角色权限',
  'org.created': '新建机构',
  'org.updated': '修改机构',
  'org.leader_added': '新增领导信息',
  'org.leader_updated': '修改领导信息',
  'org.leader_removed': '删除领导信息',
  'calendar.entry_saved': '录入日历条目',
  'calendar.entry_withdrawn': '撤回日历条目',
  'calendar.year_declared': '确认日历年度',
  'settings.site_profile_changed': '修改站点设置',
  'notice.published': '发布通知公告',
  'document.created': '起草文件',
  'document.imported': '导入文件',
  'document.import_updated': '导入更新文件',
  'api_token.created': '创建 API 令牌',
  'api_token.revoked': '吊销 API 令牌',
  'document.draft_updated': '修改草稿',
  'document.submit': '送审',
  'document.reject': '审查退回',
  'document.approve': '保密审查通过',
  'document.publish': '发布文件',
  'document.scheduled': '定时发布',
  'document.revised': '更正已发布文件',
  'document.validity_changed': '变更文件有效性',
  'document.withdraw': '撤回文件',
  'document.draft_discarded': '删除草稿',
  'document.interpretation_linked': '关联政策解读',
  'document.interpretation_exempted': '登记不解读理由',
  'document.finding_masked': '遮盖个人信息',
  'document.finding_dismissed': '忽略个人信息筛查结果',
  'column.created': '新建栏目',
  'column.updated': '修改栏目',
  'column.moved': '移动栏目',
  'column.reordered': '调整栏目顺序',
  'column.hidden': '隐藏栏目',
  'column.shown': '显示栏目',
  'column.deleted': '删除栏目',
  'column.fields_changed': '修改栏目扩展字段',
  'guide.updated': '修改政府信息公开指南',
  'document.attachment_added': '上传附件',
  'document.attachment_replaced': '替换附件',
  'document.attachment_removed': '移除附件',
  'document.attachments_reordered': '调整附件顺序',
  'document.attachments_imported': '导入附件',
  'expropriation.project_created': '新建征地项目',
  'expropriation.project_updated': '修改征地项目',
  'expropriation.stage_saved': '登记征地环节',
  'expropriation.stage_cleared': '删除征地环节记录',
  'search.synonym_created': '新增搜索同义词',
  'search.synonym_updated': '修改搜索同义词',
  'search.synonym_deleted': '删除搜索同义词',
  'search.reindexed': '重建搜索索引',
  'application.register': '登记依申请公开申请',
  'application.request_supplement': '发出补正告知',
  'application.receive_supplement': '收到补正材料',
  'application.supplement_lapsed': '逾期未补正视为放弃',
  'application.assign': '分办申请',
  'application.start_consultation': '书面征求意见',
  'application.end_consultation': '征求意见结束',
  'application.issue_fee_notice': '发出收费通知',
  'application.record_payment': '登记缴费',
  'application.waive_fee': '减免信息处理费',
  'application.fee_lapsed': '逾期未缴费视为放弃',
  'application.submit_draft': '提交答复意见',
  'application.return_from_review': '法规审核退回',
  'application.pass_review': '法规审核通过',
  'application.return_from_approval': '领导退回',
  'application.approve': '核准答复',
  'application.reply': '作出答复并送达',
  'application.archive': '申请归档',
  'application.withdraw': '撤回申请',
  'application.extend': '延期答复',
  'application.personal_data.view': '查看申请人个人信息',
  'application.templates_saved': '修改依申请公开文书模板',
  'application.case_created': '登记行政复议、行政诉讼案件',
  'application.case_updated': '修改行政复议、行政诉讼案件',
  'audit.exported': '导出审计日志',
};

export const TARGET_LABELS: Record<string, string> = {
  user: '用户',
  role: '角色',
  org: '机构',
  calendar: '工作日历',
  settings: '站点设置',
  notice: '通知公告',
  expropriation_project: '征地项目',
  audit: '审计日志',
  column: '栏目',
  search_synonym: '搜索同义词',
  application: '依申请公开申请',
  application_case: '复议诉讼案件',
  search_index: '搜索索引',
  guide: '政府信息公开指南',
};

export const JOB_STATUS_LABELS: Record<string, string> = {
  queued: '排队中',
  running: '运行中',
  done: '已完成',
  dead: '已放弃',
};

const ROLE_LABELS: Record<string, string> = {
  ...Object.fromEntries(ROLES.map((r) => [r.code, r.name])),
  system: '系统',
  cli: '命令行',
};

export const actionLabel = (code: string): string => ACTION_LABELS[code] ?? code;
export const targetLabel = (type: string): string => TARGET_LABELS[type] ?? type;

/** actor_role holds role codes joined by commas ('-' for none). */
export function roleLabel(codes: string): string {
  if (codes === '-' || codes === '') return '-';
  return codes
    .split(',')
    .map((c) => ROLE_LABELS[c] ?? c)
    .join('、');
}
