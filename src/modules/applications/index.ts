import { can } from '../../platform/actor.js';
import { sendPending } from '../../platform/mail/outbox.js';
import type { ModuleManifest } from '../../platform/module.js';
import { todayCst } from '../../platform/time.js';
import { registerNavBadge } from '../../web/nav-badges.js';
import { accountPages } from './account.pages.js';
import { pruneApplicantSessions } from './account.service.js';
import { applicationApi } from './application.api.js';
import { applicationConsole } from './application.console.js';
import { applicationList } from './application.list.js';
import { applicationPages } from './application.pages.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import { caseConsole } from './case.console.js';
import { casePublishConsole } from './case.publish.console.js';
import { deadlineConsole } from './deadline.console.js';
import { deadlinePages } from './deadline.pages.js';
import { activeReminders, overdueCount, remindDeadlines } from './deadline.service.js';
import { feeApi, feeApiDocs } from './fee.api.js';
import { feePages } from './fee.pages.js';
import { letterConsole } from './letter.console.js';

export { transitionApplication } from './application.service.js';
export { OPEN_STATUSES } from './application.status.js';
export {
  CASE_KIND_LABELS,
  CASE_KINDS,
  type CaseFacts,
  type CaseKind,
  REPORT_OUTCOMES,
  type ReportOutcome,
  type SectionFourRow,
  sectionFourRow,
} from './case.rules.js';
/**
 * Disclosure on request (依申请公开, issue 5): intake (public form, staff registration per channel),
 * the workflow of application.status.ts with its statutory clock, fees (国办函〔2020〕109号), deadline
 * reminders and board, notices to the applicant through the outbox, public status pages, console and
 * staff API. Reply types and their annual-report rows live in reply.rules.ts (also used by issue 6).
 */
export {
  compareMethods,
  type FeeLine,
  type FeeQuote,
  pieceFee,
  pieceFeeInMonth,
  volumeFee,
} from './fee.rules.js';
export { resealApplicationFiles } from './file.service.js';
export { residentIdCheckChar } from './identity.rules.js';
export { applicantKey as applicantKeyOf, registerReceivedApplication } from './intake.service.js';
export * from './reply.rules.js';

// The console header shows the overdue count to everyone who works on applications.
registerNavBadge({
  href: '/console/applications',
  permission: P.read,
  async text(db) {
    const n = await overdueCount(db, todayCst());
    return n ? `超期 ${n}` : null;
  },
});

export const applicationsModule: ModuleManifest = {
  name: 'applications',
  permissions: [
    { code: P.intake, name: '依申请公开：接件、登记、补正、分办、收费与送达' },
    { code: P.handle, name: '依申请公开：承办、征求意见、拟办答复' },
    { code: P.review, name: '依申请公开：法规审核' },
    { code: P.approve, name: '依申请公开：核准答复、批准延期、减免收费' },
    { code: P.read, name: '依申请公开：查看申请和办理情况（个人信息脱敏）' },
  ],
  apiDocs: feeApiDocs,
  jobs: (deps) => [
    {
      name: 'remind-application-deadlines',
      run: async () => {
        await remindDeadlines(deps.db, deps.config);
      },
    },
    {
      name: 'prune-applicant-sessions',
      run: async () => {
        await pruneApplicantSessions(deps.db);
      },
    },
    {
      name: 'send-outbox',
      run: async () => {
        await sendPending(deps.db, deps.config);
      },
    },
  ],
  schedules: [
    { job: 'remind-application-deadlines', intervalSeconds: 3600 },
    { job: 'send-outbox', intervalSeconds: 60 },
    { job: 'prune-applicant-sessions', intervalSeconds: 24 * 3600 },
  ],
  async alerts(deps, actor) {
    if (!can(actor, P.read)) return [];
    const today = todayCst();
    const own = can(actor, P.intake) || can(actor, P.approve) ? null : actor.orgId;
    const [overdue, reminders] = await Promise.all([
      overdueCount(deps.db, today, own),
      activeReminders(deps.db, own, today),
    ]);
    const alerts = [];
    if (overdue)
      alerts.push({
        level: 'warning' as const,
        text: `${overdue} 件依申请公开申请已超过答复期限。`,
        href: '/console/applications/board',
      });
    if (reminders.length)
      alerts.push({
        level: 'info' as const,
        text: `${reminders.length} 件依申请公开申请将在 5 个工作日内到期，请及时办理。`,
        href: '/console/applications/board',
      });
    return alerts;
  },
  routes(app, deps) {
    feeApi(app);
    feePages(app, deps);
    applicationPages(app, deps);
    accountPages(app, deps);
    deadlinePages(app, deps);
    caseConsole(app, deps);
    casePublishConsole(app, deps);
    deadlineConsole(app, deps);
    letterConsole(app, deps);
    applicationList(app, deps);
    applicationConsole(app, deps);
    applicationApi(app, deps);
  },
};
