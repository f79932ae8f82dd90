import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import { type Db, dialectOf, inTransaction, refreshPlannerStatistics } from '../db/index.js';
import { readSetting, writeSetting } from '../settings/settings.js';
import { backendFor } from './backend.js';
import { refreshSearch, removeEntries, searchSources } from './search.service.js';

/** Whether any source has public items (a new database has none). */
export async function hasSearchableContent(db: Db): Promise<boolean> {
  for (const s of searchSources()) if ((await s.count(db)) > 0) return true;
  return false;
}

/**
 * What the index holds, as a number raised whenever that changes; a database whose index was built by
 * an older format is rebuilt at start-up (bootstrap). 1: issue 4's first index; 2: citation keys;
 * 3: SQLite's narrow filter table (migration 0013).
 */
export const SEARCH_INDEX_FORMAT = 3;
const FORMAT_SETTING = 'search.indexFormat';

export async function searchIndexOutdated(db: Db): Promise<boolean> {
  return Number((await readSetting(db, FORMAT_SETTING)) ?? 0) < SEARCH_INDEX_FORMAT;
}

export async function recordSearchIndexFormat(db: Db): Promise<void> {
  await writeSetting(db, FORMAT_SETTING, String(SEARCH_INDEX_FORMAT));
}

/** Items re-indexed per transaction. */
const BATCH = 2_000;

export interface ReindexResult {
  indexed: number;
  removed: number;
  ms: number;
}

/**
 * Rebuild the search index from the sources (`gongkai reindex`, the console's button): every public
 * item is written again in batches, entries of items no longer public are removed, and the engine's
 * index is optimised. Searches keep working meanwhile (nothing is cleared first).
 */
export async function rebuildSearchIndex(
  db: Db,
  actor: Actor,
  onProgress: (done: number, total: number) => void = () => {},
  options: { batch?: number } = {},
): Promise<ReindexResult> {
  const started = Date.now();
  const dialect = dialectOf(db);
  const batch = options.batch ?? BATCH;
  const plan: Array<{ kind: string; ids: number[] }> = [];
  for (const source of searchSources()) {
    const ids: number[] = [];
    for (let after = 0; ; ) {
      const page = await source.ids(db, after, 10_000);
      ids.push(...page);
      if (page.length < 10_000) break;
      after = page.at(-1)!;
    }
    plan.push({ kind: source.kind, ids });
  }
  const total = plan.reduce((n, p) => n + p.ids.length, 0);
  let done = 0;
  let removed = 0;
  onProgress(0, total);
  await backendFor(dialect).bulk(db, true);
  try {
    await rebuildKinds();
  } finally {
    await backendFor(dialect).bulk(db, false);
  }
  async function rebuildKinds() {
    for (const { kind, ids } of plan) {
      for (let i = 0; i < ids.length; i += batch) {
        const slice = ids.slice(i, i + batch);
        await inTransaction(db, (trx) => refreshSearch(trx, kind, slice));
        done += slice.length;
        onProgress(done, total);
      }
      const live = new Set(ids);
      for (let after = 0; ; ) {
        const rows = await db
          .selectFrom('search_entries')
          .select('ref_id')
          .where('kind', '=', kind)
          .where('ref_id', '>', after)
          .orderBy('ref_id')
          .limit(10_000)
          .execute();
        const stale = rows.map((r) => r.ref_id).filter((id) => !live.has(id));
        if (stale.length) {
          await inTransaction(db, (trx) => removeEntries(trx, dialect, kind, stale));
          removed += stale.length;
        }
        if (rows.length < 10_000) break;
        after = rows.at(-1)!.ref_id;
      }
    }
  }
  await backendFor(dialect).optimize(db);
  await refreshPlannerStatistics(db);
  await recordSearchIndexFormat(db);
  const result = { indexed: done, removed, ms: Date.now() - started };
  await recordAudit(db, actor, {
    action: 'search.reindexed',
    targetType: 'search_index',
    targetId: 'all',
    detail: result,
  });
  return result;
}
