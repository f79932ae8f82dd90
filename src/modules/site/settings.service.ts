import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type Db, inTransaction } from '../../platform/db/index.js';
import { type SiteProfile, saveSiteProfile, siteProfile } from '../../platform/settings/settings.js';

/** Change the site profile (footer, page meta tags), audited with before and after. */
export async function updateSiteProfile(db: Db, actor: Actor, input: SiteProfile): Promise<void> {
  const before = await siteProfile(db);
  await inTransaction(db, async (trx) => {
    await saveSiteProfile(trx, input);
    await recordAudit(trx, actor, {
      action: 'settings.site_profile_changed',
      targetType: 'settings',
      targetId: 'site',
      before,
      after: input,
    });
  });
}
