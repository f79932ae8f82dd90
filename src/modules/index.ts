import type { ModuleManifest } from '../platform/module.js';
import { accountsModule } from './accounts/index.js';
import { annualReportsModule } from './annual-reports/index.js';
import { applicationsModule } from './applications/index.js';
import { auditTrailModule } from './audit-trail/index.js';
import { calendarModule } from './calendar/index.js';
import { documentsModule } from './documents/index.js';
import { expropriationModule } from './expropriation/index.js';
import { noticesModule } from './notices/index.js';
import { orgsModule } from './orgs/index.js';
import { searchModule } from './search/index.js';
import { siteModule } from './site/index.js';

/** The module list: one line mounts a module. */
export const modules: ModuleManifest[] = [
  siteModule,
  accountsModule,
  orgsModule,
  calendarModule,
  auditTrailModule,
  noticesModule,
  documentsModule,
  expropriationModule,
  applicationsModule,
  annualReportsModule,
  searchModule,
];

export const allPermissions = () => modules.flatMap((m) => m.permissions ?? []);
