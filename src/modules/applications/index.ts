import type { ModuleManifest } from '../../platform/module.js';
import { applicationApi } from './application.api.js';
import { applicationConsole } from './application.console.js';
import { applicationPages } from './application.pages.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import { feeApi, feeApiDocs } from './fee.api.js';
import { feePages } from './fee.pages.js';

/**
 * Disclosure on request (依申请公开). So far: the information-processing fee (信息处理费) of
 * 国办函〔2020〕109号 as pure rules, a public JSON quote and a public calculator page.
 */
export {
  compareMethods,
  type FeeLine,
  type FeeQuote,
  pieceFee,
  pieceFeeInMonth,
  volumeFee,
} from './fee.rules.js';

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
  routes(app, deps) {
    feeApi(app);
    feePages(app, deps);
    applicationPages(app, deps);
    applicationConsole(app, deps);
    applicationApi(app, deps);
  },
};
