import { pruneSessions } from '../../platform/http/session.js';
import type { ModuleManifest } from '../../platform/module.js';
import { authRoutes } from './auth.pages.js';
import { pruneLoginAttempts } from './auth.service.js';
import { dashboardRoutes } from './dashboard.pages.js';
import { roleRoutes } from './role.pages.js';
import { ACCOUNT_PERMISSIONS } from './roles.js';
import { tokenRoutes } from './token.pages.js';
import { userRoutes } from './user.pages.js';

export { syncAccessControl } from './access.service.js';
export { staffAddresses } from './account.repository.js';
export { login, pruneLoginAttempts } from './auth.service.js';
export { passwordProblems } from './password-policy.js';
export { ROLES } from './roles.js';
export { actorForUsername, createApiToken, listTokens, revokeToken } from './token.service.js';
export { type CreateUserInput, createUserSchema } from './user.schema.js';
export { createUser, findUserByUsername, resetPassword } from './user.service.js';

export const accountsModule: ModuleManifest = {
  name: 'accounts',
  permissions: ACCOUNT_PERMISSIONS,
  jobs: (deps) => [
    {
      name: 'prune-sessions',
      run: async () => {
        await pruneSessions(deps.db, deps.config.idleTimeoutMinutes);
      },
    },
    {
      name: 'prune-login-attempts',
      run: async () => {
        await pruneLoginAttempts(deps.db);
      },
    },
  ],
  schedules: [
    { job: 'prune-sessions', intervalSeconds: 300 },
    { job: 'prune-login-attempts', intervalSeconds: 86_400 },
  ],
  async alerts(deps, actor) {
    if (!deps.config.seedDemo || !actor.permissions.has('users.manage')) return [];
    return [
      {
        level: 'warning' as const,
        text: '示例账号使用公开的演示密码。正式上线前请设置 SEED_DEMO=false，停用示例账号并创建正式账号。',
        href: '/console/users',
      },
    ];
  },
  routes(app, deps) {
    authRoutes(app, deps);
    dashboardRoutes(app, deps);
    userRoutes(app, deps);
    roleRoutes(app, deps);
    tokenRoutes(app, deps);
  },
};
