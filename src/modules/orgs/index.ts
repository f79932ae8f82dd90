import type { ModuleManifest } from '../../platform/module.js';

export { ORG_KINDS, type OrgInput } from './org.schema.js';
export { addLeader, createOrg, getOrg, listLeaders, listOrgs, orgTree, updateOrg } from './org.service.js';

export const orgsModule: ModuleManifest = {
  name: 'orgs',
  permissions: [{ code: 'orgs.manage', name: '管理机构与领导信息' }],
};
