import { SYSTEM } from '../../platform/actor.js';
import type { ModuleManifest } from '../../platform/module.js';
import { rebuildSearchIndex } from '../../platform/search/reindex.js';
import { searchApi, searchApiDocs } from './search.api.js';
import { searchConsole } from './search.console.js';
import { searchPages } from './search.pages.js';

/**
 * 一网通查 (issue 4): the portal search page, the open search API and the console's dictionary and
 * index page. The engine and the index are platform/search; modules register their content there.
 */
const REINDEX_ACTOR = { ...SYSTEM, name: '重建搜索索引' };

export const searchModule: ModuleManifest = {
  name: 'search',
  permissions: [{ code: 'search.manage', name: '维护搜索同义词、重建搜索索引' }],
  jobs: (deps) => [
    {
      name: 'search-reindex',
      maxAttempts: 1,
      run: async () => {
        await rebuildSearchIndex(deps.db, REINDEX_ACTOR);
      },
    },
  ],
  routes(app, deps) {
    searchPages(app, deps);
    searchApi(app, deps);
    searchConsole(app, deps);
  },
  apiDocs: searchApiDocs,
};
