import { type Actor, can } from '../platform/actor.js';
import type { Db } from '../platform/db/index.js';

/**
 * Counts shown beside console navigation items (e.g. overdue applications). A module registers a
 * provider for its item; console pages ask for the badges of the items the signed-in user may open.
 */
export interface NavBadgeProvider {
  href: string;
  permission: string;
  /** The badge text for this user, or null for none (e.g. a count of 0). */
  text(db: Db, actor: Actor): Promise<string | null>;
}

const providers: NavBadgeProvider[] = [];

export function registerNavBadge(p: NavBadgeProvider): void {
  if (!providers.some((x) => x.href === p.href)) providers.push(p);
}

export async function navBadges(db: Db, actor: Actor): Promise<Record<string, string>> {
  const mine = providers.filter((p) => can(actor, p.permission));
  const texts = await Promise.all(mine.map((p) => p.text(db, actor)));
  return Object.fromEntries(mine.flatMap((p, i) => (texts[i] ? [[p.href, texts[i]!]] : [])));
}
