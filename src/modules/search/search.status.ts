import type { Executor } from '../../platform/db/index.js';
import { searchSources } from '../../platform/search/search.service.js';
import { entriesByKind } from './search.repository.js';

export interface IndexStatus {
  kind: string;
  label: string;
  public: number;
  indexed: number;
}

/** Per source: public items and index entries (they differ only after a failure or a direct edit). */
export async function indexStatus(db: Executor): Promise<IndexStatus[]> {
  const indexed = await entriesByKind(db);
  return Promise.all(
    searchSources().map(async (s) => ({
      kind: s.kind,
      label: s.label,
      public: await s.count(db),
      indexed: Number(indexed.find((r) => r.kind === s.kind)?.n ?? 0),
    })),
  );
}
