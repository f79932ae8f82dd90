import type { ModuleManifest } from '../../platform/module.js';

export const auditTrailModule: ModuleManifest = {
  name: 'audit-trail',
  permissions: [
    { code: 'audit.read', name: '查阅审计日志' },
    { code: 'audit.export', name: '导出审计日志' },
    { code: 'jobs.read', name: '查看后台任务' },
  ],
};
