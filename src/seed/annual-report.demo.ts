import { readFileSync } from 'node:fs';
import { importReport, reportExists } from '../modules/annual-reports/index.js';
import type { Actor } from '../platform/actor.js';
import type { Db } from '../platform/db/index.js';
import { todayCst } from '../platform/time.js';

/**
 * The demo site shows last year's annual report: the example report (its figures invented, its texts
 * marked 示例) imported as the bureau's report of the previous year, as a report made before the
 * platform would be. Idempotent.
 */
export async function seedDemoAnnualReport(db: Db, actor: Actor, agency: string): Promise<void> {
  const year = Number(todayCst().slice(0, 4)) - 1;
  if (await reportExists(db, year)) return;
  const example = JSON.parse(
    readFileSync(new URL('../modules/annual-reports/fixtures/example-2025.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  await importReport(
    db,
    { ...actor, permissions: new Set([...actor.permissions, 'annual_reports.review']) },
    { ...example, year, agency },
  );
}
