import type { ModuleManifest } from '../../platform/module.js';
import { noticeRoutes } from './notice.pages.js';

export { findNoticeByTitle, listNotices, publishNotice, searchNotices } from './notice.service.js';
export { NoticeList } from './notice.views.js';

export const noticesModule: ModuleManifest = {
  name: 'notices',
  routes: noticeRoutes,
};
