import { can } from '../../platform/actor.js';
import type { ModuleManifest } from '../../platform/module.js';
import { registerNavBadge } from '../../web/nav-badges.js';
import { reportApi, reportApiDocs } from './report.api.js';
import { reportConsole } from './report.console.js';
import { reportPages } from './report.pages.js';
import { remindAnnualReport, reportDue } from './report.reminder.js';
import { REPORT_PERMISSIONS as P } from './report.service.js';
import { statsConsole } from './stats.console.js';

/**
 * The annual report (年度报告, issue 6; 国办公开办函〔2021〕30号): computed from the records
 * (report.compute.ts), checked (report.check.ts: I1–I6 and carry-over), edited with reasons,
 * reviewed and published (report.service.ts) as HTML, Word, JSON and CSV; the JSON form and the
 * public check API (report.json.ts, report.api.ts); the statistics dashboard for staff (stats.*).
 */
export { checkReport } from './report.check.js';
export { parseReportJson, toReportJson } from './report.json.js';
export { importReport, reportExists } from './report.publish.js';

registerNavBadge({
  href: '/console/annual-reports',
  permission: P.read,
  async text(db) {
    const due = await reportDue(db);
    if (!due) return null;
    return due.phase === 'overdue' ? `${due.year}年报逾期` : `${due.year}年报待发布`;
  },
});

export const annualReportsModule: ModuleManifest = {
  name: 'annual-reports',
  permissions: [
    { code: P.edit, name: '年度报告：编制、填报、修改数据（须说明理由）、说明核对问题、提交审核' },
    { code: P.review, name: '年度报告：审核、退回、发布，导入往年报告' },
    { code: P.read, name: '统计分析与年度报告：查看' },
  ],
  apiDocs: reportApiDocs,
  jobs: (deps) => [
    {
      name: 'remind-annual-report',
      run: async () => {
        await remindAnnualReport(deps.db, deps.config);
      },
    },
  ],
  schedules: [{ job: 'remind-annual-report', intervalSeconds: 6 * 3600 }],
  async alerts(deps, actor) {
    if (!can(actor, P.read)) return [];
    const due = await reportDue(deps.db);
    if (!due) return [];
    return [
      {
        level: due.phase === 'open' ? ('info' as const) : ('warning' as const),
        text: due.text,
        href: '/console/annual-reports',
      },
    ];
  },
  routes(app, deps) {
    reportApi(app, deps);
    reportPages(app, deps);
    reportConsole(app, deps);
    statsConsole(app, deps);
  },
};
