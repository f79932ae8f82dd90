import { can } from '../../platform/actor.js';
import type { ModuleManifest } from '../../platform/module.js';
import { calendarApi, calendarApiDocs } from './calendar.api.js';
import { calendarPages } from './calendar.pages.js';
import { missingYears } from './calendar.service.js';

export { addWorkdaysAt, loadCalendar, workdayAt, workdaysBetweenAt } from './calendar.service.js';

export const calendarModule: ModuleManifest = {
  name: 'calendar',
  permissions: [
    { code: 'calendar.read', name: '查看工作日历' },
    { code: 'calendar.manage', name: '维护工作日历（节假日与调休）' },
  ],
  apiDocs: calendarApiDocs,
  routes(app, deps) {
    calendarApi(app, deps);
    calendarPages(app, deps);
  },
  async alerts(deps, actor) {
    if (!can(actor, 'calendar.read')) return [];
    const missing = await missingYears(deps.db, deps.config.calendarRegion);
    return missing.map((y) => ({
      level: 'warning' as const,
      text: `工作日历缺少 ${y} 年国务院节假日安排数据，涉及该年的法定期限只能按周末推算。`,
      href: '/console/calendar',
    }));
  },
};
