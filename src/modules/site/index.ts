import { refreshPlannerStatistics } from '../../platform/db/index.js';
import { pruneRateLimits } from '../../platform/http/rate-limit.js';
import type { ModuleManifest } from '../../platform/module.js';
import { fileRoutes } from './files.routes.js';
import { guideRoutes } from './guide.pages.js';
import { healthRoutes } from './health.routes.js';
import { homeRoutes } from './home.pages.js';
import { settingsRoutes } from './settings.pages.js';

export type { GuideContent } from './guide.schema.js';
export { currentGuide, saveGuide } from './guide.service.js';

export const siteModule: ModuleManifest = {
  name: 'site',
  jobs: (deps) => [
    {
      // Planner statistics follow the data between restarts (platform/db: refreshPlannerStatistics).
      name: 'optimize-database',
      run: async () => {
        await refreshPlannerStatistics(deps.db);
      },
    },
    {
      name: 'prune-rate-limits',
      run: async () => {
        await pruneRateLimits(deps.db, new Date(Date.now() - 24 * 3_600_000).toISOString());
      },
    },
  ],
  schedules: [
    { job: 'prune-rate-limits', intervalSeconds: 3600 },
    { job: 'optimize-database', intervalSeconds: 3600 },
  ],
  routes(app, deps) {
    healthRoutes(app, deps);
    fileRoutes(app, deps);
    homeRoutes(app, deps);
    settingsRoutes(app, deps);
    guideRoutes(app, deps);
  },
};
