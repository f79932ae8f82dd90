import type { ModuleManifest } from '../../platform/module.js';
import { auditLogRoutes } from './audit-trail.pages.js';
import { jobRoutes } from './job.pages.js';

export const auditTrailModule: ModuleManifest = {
  name: 'audit-trail',
  permissions: [
    { code: 'audit.read', name: '查阅审计日志' },
    { code: 'audit.export', name: '导出审计日志' },
    { code: 'jobs.read', name: '查看后台任务' },
  ],
  routes(app, deps) {
    auditLogRoutes(app, deps);
    jobRoutes(app, deps);
  },
};
