import type { FastifyInstance } from 'fastify';
import type { Org } from '../../platform/db/schema.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import type { Leader } from './org.repository.js';
import { ORG_KINDS } from './org.schema.js';
import { orgDirectory, orgProfile } from './org.service.js';

/**
 * One organisation as the open API publishes it. This is a contract: field names stay stable, and
 * only what the public page shows is listed (no org code, sort order or internal timestamps).
 */
export interface OrgApiItem {
  id: number;
  parentId: number | null;
  kind: Org['kind'];
  kindName: string;
  name: string;
  shortName: string | null;
  functions: string | null;
  address: string | null;
  phone: string | null;
  officeHours: string | null;
  isSample: boolean;
  leaders: { name: string; title: string; duties: string | null }[];
}

export function toApiItem(org: Org, leaders: Leader[]): OrgApiItem {
  return {
    id: org.id,
    parentId: org.parent_id,
    kind: org.kind,
    kindName: ORG_KINDS[org.kind],
    name: org.name,
    shortName: org.short_name,
    functions: org.functions,
    address: org.address,
    phone: org.phone,
    officeHours: org.office_hours,
    isSample: org.is_sample === 1,
    leaders: leaders.map((l) => ({ name: l.name, title: l.title, duties: l.duties })),
  };
}

/** Open JSON API of 机构信息 (GET only, no sign-in). */
export function orgApi(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const pub = { config: { permission: 'public', kind: 'json' as const } };

  app.get('/api/v1/orgs', pub, async () => {
    const dir = await orgDirectory(db);
    const items: OrgApiItem[] = [];
    // Depth-first over the tree, so parents come before their children as on the public page.
    const walk = (nodes: typeof dir.tree) => {
      for (const n of nodes) {
        const { children, ...org } = n;
        items.push(toApiItem(org, dir.leaders.get(n.id) ?? []));
        walk(children);
      }
    };
    walk(dir.tree);
    return { items };
  });

  app.get('/api/v1/orgs/:id', pub, async (request) => {
    const id = parseInput(idParam, (request.params as Record<string, string>).id, { id: '编号', _: '编号' });
    const { org, leaders } = await orgProfile(db, id);
    return toApiItem(org, leaders);
  });
}
