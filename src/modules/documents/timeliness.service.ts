import type { Db } from '../../platform/db/index.js';
import { formatDate, todayCst } from '../../platform/time.js';
import { loadCalendar } from '../calendar/index.js';
import * as repo from './document.repository.js';
import { type DisclosureStatus, disclosureStatus, onTimeRate } from './timeliness.js';

export interface TimelinessItem {
  id: number;
  title: string;
  orgName: string;
  formedOn: string;
  publishedOn: string | null;
  status: DisclosureStatus;
  due: string;
  workdaysLate?: number | undefined;
  workdaysLeft?: number | undefined;
}

/**
 * 条例第二十六条 on the platform calendar: every document's due date (20 working days after the
 * information was formed or changed), what is late or at risk now, and the on-time rate per unit.
 */
export async function timelinessReport(
  db: Db,
  options: {
    region: string;
    today?: string;
    /** Only information formed or changed on or after this day ('YYYY-MM-DD'). */
    from?: string | undefined;
    /** … and on or before this day. */
    to?: string | undefined;
  },
) {
  const today = options.today ?? todayCst();
  const cal = await loadCalendar(db, options.region);
  const rows = (await repo.timelinessRows(db)).filter(
    (r) => (!options.from || r.formed_on >= options.from) && (!options.to || r.formed_on <= options.to),
  );
  const items: TimelinessItem[] = rows.map((r) => {
    const publishedOn = r.published_at ? formatDate(r.published_at) : null;
    const s = disclosureStatus(cal, { formedOn: r.formed_on, publishedOn, today });
    return {
      id: r.id,
      title: r.title,
      orgName: r.org_name ?? '未指定',
      formedOn: r.formed_on,
      publishedOn,
      status: s.status,
      due: s.due,
      workdaysLate: s.workdaysLate,
      workdaysLeft: s.workdaysLeft,
    };
  });
  const byOrg = new Map<string, TimelinessItem[]>();
  for (const i of items) byOrg.set(i.orgName, [...(byOrg.get(i.orgName) ?? []), i]);
  return {
    today,
    items,
    attention: items.filter((i) => i.status === 'overdue' || i.status === 'at_risk'),
    perOrg: [...byOrg].map(([orgName, list]) => ({ orgName, ...onTimeRate(list) })),
    overall: onTimeRate(items),
  };
}
