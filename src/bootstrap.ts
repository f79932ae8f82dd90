import type { Config } from './config.js';
import { syncAccessControl } from './modules/accounts/index.js';
import { ensureDefaultColumns } from './modules/documents/index.js';
import { allPermissions } from './modules/index.js';
import { type DbHandle, openDatabase } from './platform/db/index.js';
import { migrateToLatest } from './platform/db/migrator.js';
import { seedDemo } from './seed/demo.js';

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
    await syncAccessControl(handle.db, allPermissions());
    await ensureDefaultColumns(handle.db);
    let seeded = false;
    if (options.seed ?? config.seedDemo)
      seeded = (await seedDemo(handle.db, config.dataKey, undefined, { documents: options.demoDocuments }))
        .created;
    return { handle, migrated, seeded };
  } catch (e) {
    await handle.destroy();
    throw e;
  }
}
