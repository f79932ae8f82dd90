import type { Config } from './config.js';
import { syncAccessControl } from './modules/accounts/index.js';
import { ensureDefaultColumns } from './modules/documents/index.js';
import { allPermissions } from './modules/index.js';
import { SYSTEM } from './platform/actor.js';
import { type DbHandle, openDatabase, refreshPlannerStatistics } from './platform/db/index.js';
import { migrateToLatest } from './platform/db/migrator.js';
import {
  hasSearchableContent,
  rebuildSearchIndex,
  recordSearchIndexFormat,
  searchIndexOutdated,
} from './platform/search/reindex.js';
import { seedDemo } from './seed/demo.js';
import { countUsers } from './seed/seed.repository.js';

/**
 * Bring a database up to date for this build: migrations, then the roles and permissions the code
 * declares, then (first start only, unless SEED_DEMO=false) the demo data.
 */
export async function prepareDatabase(
  config: Config,
  options: { seed?: boolean; demoDocuments?: boolean } = {},
): Promise<{ handle: DbHandle; migrated: string[]; seeded: boolean }> {
  const handle = openDatabase(config.databaseUrl);
  try {
    const migrated = await migrateToLatest(handle.db);
    // A search index missing (content published before migration 0011) or built by an older format
    // is rebuilt once; an empty database just records the format.
    if (await searchIndexOutdated(handle.db)) {
      if (await hasSearchableContent(handle.db)) await rebuildSearchIndex(handle.db, SYSTEM);
      else await recordSearchIndexFormat(handle.db);
    }
    await syncAccessControl(handle.db, allPermissions());
    await ensureDefaultColumns(handle.db);
    // At start-up the demo is loaded into a new database only (no accounts yet); `gongkai seed` and
    // the tests ask for it explicitly and get the idempotent top-up.
    const wanted = options.seed ?? (config.seedDemo && (await countUsers(handle.db)) === 0);
    let seeded = false;
    if (wanted)
      seeded = (await seedDemo(handle.db, config.dataKey, { documents: options.demoDocuments })).created;
    await refreshPlannerStatistics(handle.db);
    return { handle, migrated, seeded };
  } catch (e) {
    await handle.destroy();
    throw e;
  }
}
