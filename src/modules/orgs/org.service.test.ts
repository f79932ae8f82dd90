import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { SYSTEM } from '../../platform/actor.js';
import type { Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { OrgInput } from './org.schema.js';
import {
  addLeader,
  createOrg,
  getOrg,
  listLeaders,
  listOrgs,
  orgDirectory,
  orgProfile,
  removeLeader,
  updateLeader,
  updateOrg,
} from './org.service.js';

const input = (p: Partial<OrgInput> & Pick<OrgInput, 'name'>): OrgInput => ({
  parent_id: null,
  kind: 'division',
  short_name: null,
  org_code: null,
  functions: null,
  address: null,
  phone: null,
  office_hours: null,
  sort_order: 0,
  ...p,
});

const leader = { name: '测试领导', title: '处长', duties: '主持工作。', resume: null, sort_order: 1 };

async function auditRows(db: Db, action: string, targetId: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('target_id', '=', String(targetId))
    .execute();
}

/** The error a promise rejects with, or a failure when it does not reject with an AppError. */
async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe.each(dialects)('org services on %s', (dialect) => {
  let t: TestApp;
  let db: Db;
  let bureauId: number;
  let officeId: number;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    db = t.deps.db;
    const orgs = await listOrgs(db);
    bureauId = orgs.find((o) => o.kind === 'bureau')!.id;
    officeId = orgs.find((o) => o.name === '办公室')!.id;
  });
  afterAll(async () => t.close());

  describe('createOrg', () => {
    it('stores the organisation as real data and records org.created in the audit trail', async () => {
      const id = await createOrg(db, SYSTEM, input({ name: '测试处', parent_id: bureauId }));
      const org = await getOrg(db, id);
      expect(org).toMatchObject({ name: '测试处', parent_id: bureauId, is_sample: 0 });
      expect(await auditRows(db, 'org.created', id)).toHaveLength(1);
    });

    it('refuses a second organisation with the same name', async () => {
      const e = await rejection(createOrg(db, SYSTEM, input({ name: '办公室', parent_id: bureauId })));
      expect(e.fields).toEqual({ name: '名称：已存在同名单位' });
    });

    it('refuses a parent that does not exist', async () => {
      const e = await rejection(createOrg(db, SYSTEM, input({ name: '无主处', parent_id: 999999 })));
      expect(e.fields?.parent_id).toBe('上级单位：不存在');
    });
  });

  describe('updateOrg', () => {
    it('refuses to make an organisation its own parent or a child of its own unit', async () => {
      const bureau = await getOrg(db, bureauId);
      const asInput = input({ name: bureau!.name, kind: 'bureau' });
      const self = await rejection(updateOrg(db, SYSTEM, bureauId, { ...asInput, parent_id: bureauId }));
      expect(self.fields?.parent_id).toBe('上级单位：不能选择本单位或其下级单位');
      const below = await rejection(updateOrg(db, SYSTEM, bureauId, { ...asInput, parent_id: officeId }));
      expect(below.fields?.parent_id).toBe('上级单位：不能选择本单位或其下级单位');
      expect((await getOrg(db, bureauId))?.parent_id).toBeNull();
    });

    it('answers NOT_FOUND for an unknown organisation', async () => {
      const e = await rejection(updateOrg(db, SYSTEM, 999999, input({ name: '不存在' })));
      expect(e.code).toBe('NOT_FOUND');
    });
  });

  describe('leaders', () => {
    it('updates a leader and records org.leader_updated', async () => {
      const id = await addLeader(db, SYSTEM, officeId, leader);
      await updateLeader(db, SYSTEM, officeId, id, { ...leader, title: '主任' });
      const rows = await listLeaders(db, officeId);
      expect(rows.find((l) => l.id === id)?.title).toBe('主任');
      const audit = await auditRows(db, 'org.leader_updated', officeId);
      expect(audit.map((a) => JSON.parse(a.detail ?? '{}').leaderId)).toContain(id);
    });

    it('removes a leader for real, audits it and moves the organisation update time', async () => {
      const id = await addLeader(db, SYSTEM, officeId, { ...leader, name: '将调离' });
      const before = (await getOrg(db, officeId))!.updated_at;
      await new Promise((r) => setTimeout(r, 5));
      await removeLeader(db, SYSTEM, officeId, id);
      expect((await listLeaders(db, officeId)).map((l) => l.id)).not.toContain(id);
      const audit = await auditRows(db, 'org.leader_removed', officeId);
      expect(audit.some((a) => JSON.parse(a.detail ?? '{}').name === '将调离')).toBe(true);
      expect((await getOrg(db, officeId))!.updated_at > before).toBe(true);
    });

    it('will not touch a leader through another organisation', async () => {
      const id = await addLeader(db, SYSTEM, officeId, { ...leader, name: '办公室领导' });
      expect((await rejection(removeLeader(db, SYSTEM, bureauId, id))).code).toBe('NOT_FOUND');
      expect((await rejection(updateLeader(db, SYSTEM, bureauId, id, leader))).code).toBe('NOT_FOUND');
      expect((await listLeaders(db, officeId)).map((l) => l.id)).toContain(id);
    });
  });

  describe('orgProfile and orgDirectory', () => {
    it('places a unit in the tree: ancestors from the root, its children and its leaders', async () => {
      const sub = await createOrg(db, SYSTEM, input({ name: '办公室档案科', parent_id: officeId }));
      const p = await orgProfile(db, sub);
      expect(p.ancestors.map((a) => a.id)).toEqual([bureauId, officeId]);
      const office = await orgProfile(db, officeId);
      expect(office.children.map((c) => c.id)).toContain(sub);
      expect(office.leaders.every((l) => l.org_id === officeId)).toBe(true);
      expect((await rejection(orgProfile(db, 999999))).code).toBe('NOT_FOUND');
    });

    it('dates the directory by the latest change of anything it shows', async () => {
      const dir = await orgDirectory(db);
      const orgs = await listOrgs(db);
      const leaders = await listLeaders(db);
      const stamps = [...orgs.map((o) => o.updated_at), ...leaders.map((l) => l.updated_at)].sort();
      expect(dir.updatedAt).toBe(stamps.at(-1));
      expect(dir.tree.some((r) => r.id === bureauId)).toBe(true);
    });
  });
});
