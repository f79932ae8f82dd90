import { SYSTEM } from '../../platform/actor.js';
import type { ModuleManifest } from '../../platform/module.js';
import { documentApi, documentApiDocs } from './document.api.js';
import { documentPages } from './document.pages.js';
import { publishDue } from './document.service.js';
import { feedRoutes } from './feed.routes.js';

/**
 * Proactive disclosure catalogue (issue 3). This session built the data model and the publishing
 * workflow as services (tested on both dialects); portal pages, console and API come next.
 */
export { ensureDefaultColumns, findColumnByCode, listColumns } from './column.service.js';
export {
  approveReview,
  changeValidity,
  createDraft,
  deleteDocument,
  exemptFromInterpretation,
  getDocument,
  linkInterpretation,
  publishDocument,
  rejectReview,
  reviseDocument,
  submitForReview,
  withdrawDocument,
} from './document.service.js';
export { VALIDITY_LABELS } from './document.status.js';
export { DocumentList } from './document.views.js';
export {
  type HomeBlock,
  type HomeData,
  homePageData,
  NOTICES_COLUMN,
  publishedNoticeByTitle,
  searchDocuments,
} from './portal.service.js';

/** The job publishes on behalf of whoever scheduled it; the schedule itself was audited. */
const PUBLISHER_JOB = { ...SYSTEM, name: '定时发布', permissions: new Set(['public', 'documents.publish']) };

export const documentsModule: ModuleManifest = {
  name: 'documents',
  permissions: [
    { code: 'documents.edit', name: '起草、编辑主动公开文件' },
    { code: 'documents.review', name: '保密审查' },
    { code: 'documents.publish', name: '发布、更正主动公开文件，变更有效性' },
    { code: 'documents.withdraw', name: '撤回错误发布的文件' },
  ],
  jobs: (deps) => [
    {
      name: 'publish-scheduled-documents',
      run: async () => {
        await publishDue(deps.db, PUBLISHER_JOB);
      },
    },
  ],
  schedules: [{ job: 'publish-scheduled-documents', intervalSeconds: 60 }],
  routes(app, deps) {
    documentApi(app, deps);
    documentPages(app, deps);
    feedRoutes(app, deps);
  },
  apiDocs: documentApiDocs,
};
