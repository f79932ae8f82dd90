import type { ModuleManifest } from '../../platform/module.js';
import { orgApi } from './org.api.js';
import { orgConsole } from './org.console.js';
import { orgPages } from './org.pages.js';

export { ORG_KINDS, type OrgInput } from './org.schema.js';
export {
  addLeader,
  createOrg,
  getOrg,
  listLeaders,
  listOrgs,
  orgTree,
  removeLeader,
  updateLeader,
  updateOrg,
} from './org.service.js';

export const orgsModule: ModuleManifest = {
  name: 'orgs',
  permissions: [{ code: 'orgs.manage', name: '管理机构与领导信息' }],
  routes(app, deps) {
    orgPages(app, deps);
    orgApi(app, deps);
    orgConsole(app, deps);
  },
};
