import { SYSTEM } from '../../platform/actor.js';
import type { ModuleManifest } from '../../platform/module.js';
import { registerSearchSource } from '../../platform/search/search.service.js';
import { attachmentRoutes } from './attachment.routes.js';
import { columnConsole } from './column.console.js';
import { documentApi, documentApiDocs } from './document.api.js';
import { documentConsole } from './document.console.js';
import { documentPages } from './document.pages.js';
import { publishDue } from './document.service.js';
import { documentWriteApi, documentWriteApiDocs } from './document.write-api.js';
import { feedRoutes } from './feed.routes.js';
import { reportPages } from './report.pages.js';
import { reviewConsole } from './review.console.js';
import { documentSearchSource } from './search.source.js';

/**
 * Proactive disclosure catalogue (issue 3): columns, the publishing workflow as services, the
 * public pages and API, and the staff console (文件发布, 保密审查).
 */
export { ATTACHMENT_MAX_BYTES, attachFile } from './attachment.service.js';
export { Facet, NumberedPagination } from './catalogue.views.js';
export { ensureDefaultColumns, findColumnByCode, listColumns } from './column.service.js';
export { normaliseDocNumber } from './doc-number.js';
export {
  type AttachHook,
  forgetImportLookups,
  type ImportOutcome,
  importActor,
  importDocument,
  OTHER_COLUMN,
} from './document.import.js';
export { type ImportAttachment, parseImportLine } from './document.import-line.js';
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
export { columnSubtreeIds, columnsInTreeOrder } from './document-query.repository.js';
export { type ExtraValues, formatExtraValue, parseExtraValues, validateExtra } from './extra-fields.js';
export {
  type HomeBlock,
  type HomeData,
  homePageData,
  NOTICES_COLUMN,
  publishedNoticeByTitle,
} from './portal.service.js';
export { htmlToText, toSafeHtml } from './richtext.js';
export { reindexDocuments } from './search.source.js';

registerSearchSource(documentSearchSource);

/** The job publishes on behalf of whoever scheduled it; the schedule itself was audited. */
const PUBLISHER_JOB = { ...SYSTEM, name: '定时发布', permissions: new Set(['public', 'documents.publish']) };

export const documentsModule: ModuleManifest = {
  name: 'documents',
  permissions: [
    { code: 'documents.edit', name: '起草、编辑主动公开文件' },
    { code: 'documents.review', name: '保密审查' },
    { code: 'documents.publish', name: '发布、更正主动公开文件，变更有效性' },
    { code: 'documents.withdraw', name: '撤回错误发布的文件' },
    { code: 'columns.manage', name: '维护信息公开目录栏目及其扩展字段' },
    { code: 'reports.read', name: '查看、导出主动公开统计报表（时效、政策解读）' },
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
    documentWriteApi(app, deps);
    documentPages(app, deps);
    columnConsole(app, deps);
    reportPages(app, deps);
    attachmentRoutes(app, deps);
    documentConsole(app, deps);
    reviewConsole(app, deps);
    feedRoutes(app, deps);
  },
  apiDocs: [...documentApiDocs, ...documentWriteApiDocs],
};
