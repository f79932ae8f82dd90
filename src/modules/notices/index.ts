import type { ModuleManifest } from '../../platform/module.js';
import { noticeRoutes } from './notice.routes.js';

/** The old 通知公告 URLs, now redirects into the catalogue's 通知公告 column (documents module). */
export const noticesModule: ModuleManifest = {
  name: 'notices',
  routes: noticeRoutes,
};
