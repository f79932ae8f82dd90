import type { PermissionDef } from '../../platform/module.js';

/** Permissions this module owns. */
export const ACCOUNT_PERMISSIONS: PermissionDef[] = [
  { code: 'console.access', name: '进入管理后台' },
  { code: 'users.manage', name: '管理用户账号' },
  { code: 'roles.manage', name: '管理角色与权限' },
  { code: 'settings.manage', name: '维护站点设置' },
];

/**
 * The eight roles of the bureau's disclosure work (工作流程: 接件 → 办件 → 审件 → 核准, plus
 * publishing, secrecy review, administration and audit). Administration and audit are separate
 * (等保 三员分立): the system administrator does not read the audit trail; the auditor changes nothing.
 * `grants` are the defaults given when a permission first appears; admins may change them later.
 */
export const ROLES: { code: string; name: string; description: string; grants: string[] }[] = [
  {
    code: 'admin',
    name: '系统管理员',
    description: '管理机构、用户、角色权限、工作日历和站点设置',
    grants: [
      'console.access',
      'orgs.manage',
      'users.manage',
      'roles.manage',
      'calendar.read',
      'calendar.manage',
      'settings.manage',
      'jobs.read',
      'columns.manage',
      'reports.read',
      'expropriation.manage',
      'search.manage',
    ],
  },
  {
    code: 'publisher',
    name: '信息发布员',
    description: '录入、发布主动公开信息',
    grants: [
      'console.access',
      'calendar.read',
      'documents.edit',
      'documents.publish',
      'documents.withdraw',
      'reports.read',
      'expropriation.manage',
      'search.manage',
    ],
  },
  {
    code: 'secrecy_reviewer',
    name: '保密审查员',
    description: '发布前保密审查',
    grants: ['console.access', 'calendar.read', 'documents.review'],
  },
  {
    code: 'intake',
    name: '公开办受理员',
    description: '依申请公开接件、登记、补正、答复送达',
    grants: [
      'console.access',
      'calendar.read',
      'applications.intake',
      'applications.read',
      'annual_reports.edit',
      'statistics.read',
    ],
  },
  {
    code: 'handler',
    name: '承办人',
    description: '业务处室及区分局办件、提出答复意见',
    grants: ['console.access', 'calendar.read', 'applications.handle', 'applications.read'],
  },
  {
    code: 'legal_reviewer',
    name: '法规审核员',
    description: '法规处（法律顾问）审件',
    grants: ['console.access', 'calendar.read', 'applications.review', 'applications.read'],
  },
  {
    code: 'approver',
    name: '核准领导',
    description: '主管领导核准答复',
    grants: [
      'console.access',
      'calendar.read',
      'applications.approve',
      'applications.read',
      'annual_reports.review',
      'statistics.read',
    ],
  },
  {
    code: 'auditor',
    name: '只读审计员',
    description: '查阅、导出审计日志；不能修改任何数据',
    grants: [
      'console.access',
      'audit.read',
      'audit.export',
      'calendar.read',
      'jobs.read',
      'reports.read',
      'statistics.read',
    ],
  },
];
