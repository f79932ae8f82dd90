import type { ModuleManifest } from '../../platform/module.js';
import { expropriationApi, expropriationApiDocs } from './expropriation.api.js';
import { expropriationConsole, MANAGE } from './expropriation.console.js';
import { expropriationPages } from './expropriation.pages.js';

/**
 * Land-expropriation (征地) project register (issue 3; work plan 二.1 "环节一步不差、文件一个不少"):
 * each project's statutory stages with their dates and documents of the 征地信息 column, checked
 * against the periods of 《土地管理法》第四十七条 and 《土地管理法实施条例》第二十六至三十一条.
 */
export { STAGE_KINDS, STAGES, type StageKind } from './expropriation.rules.js';
export type { ProjectInput, StageInput } from './expropriation.schema.js';
export {
  clearStage,
  createProject,
  getProject,
  getProjectByBatch,
  listProjectViews,
  projectView,
  saveStage,
  updateProject,
} from './expropriation.service.js';

export const expropriationModule: ModuleManifest = {
  name: 'expropriation',
  permissions: [{ code: MANAGE, name: '登记征地项目及各环节公开情况' }],
  apiDocs: expropriationApiDocs,
  routes(app, deps) {
    expropriationPages(app, deps);
    expropriationApi(app, deps);
    expropriationConsole(app, deps);
  },
};
