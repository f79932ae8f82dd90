import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import type { Db } from '../../platform/db/index.js';
import type { Org } from '../../platform/db/schema.js';
import { listLeaders, listOrgs } from './org.service.js';

const orgForm = (p: Record<string, string>) => ({
  name: '',
  short_name: '',
  kind: 'division',
  parent_id: '',
  functions: '',
  address: '',
  phone: '',
  office_hours: '',
  org_code: '',
  sort_order: '0',
  ...p,
});

const leaderForm = (p: Record<string, string>) => ({
  name: '',
  title: '',
  duties: '',
  resume: '',
  sort_order: '0',
  ...p,
});

const auditCount = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const auditFor = (db: Db, action: string, targetId: number) =>
  db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('target_id', '=', String(targetId))
    .execute();

/** The id in a redirect to /console/orgs/:id. */
const idFrom = (location: unknown) => Number(String(location).match(/\/console\/orgs\/(\d+)/)?.[1]);

describe.each(dialects)('console 机构管理 on %s', (dialect) => {
  let t: TestApp;
  let db: Db;
  let admin: Browser;
  let bureau: Org;
  let office: Org;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    db = t.deps.db;
    admin = new Browser(t.app);
    await admin.login('admin');
    const orgs = await listOrgs(db);
    bureau = orgs.find((o) => o.kind === 'bureau') as Org;
    office = orgs.find((o) => o.name === '办公室') as Org;
  });
  afterAll(async () => t.close());

  describe('access', () => {
    it('sends an anonymous visitor to the login page', async () => {
      for (const url of ['/console/orgs', '/console/orgs/new', `/console/orgs/${office.id}`]) {
        const res = await t.app.inject({ url });
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toMatch(/^\/console\/login/);
      }
    });

    it('forbids a publisher, who lacks orgs.manage, every console route', async () => {
      const publisher = new Browser(t.app);
      await publisher.login('publisher');
      for (const url of ['/console/orgs', '/console/orgs/new', `/console/orgs/${office.id}`])
        expect((await publisher.get(url)).statusCode).toBe(403);
      const before = (await listOrgs(db)).length;
      const res = await publisher.post(
        '/console/orgs',
        orgForm({ name: '越权处', parent_id: String(bureau.id) }),
      );
      expect(res.statusCode).toBe(403);
      const leader = await publisher.post(
        `/console/orgs/${office.id}/leaders`,
        leaderForm({ name: '甲', title: '乙' }),
      );
      expect(leader.statusCode).toBe(403);
      expect((await listOrgs(db)).length).toBe(before);
    });

    it('refuses a form posted without the CSRF token and writes nothing', async () => {
      const before = await auditCount(db);
      const res = await admin.post('/console/orgs', orgForm({ name: '无令牌处' }), { csrf: null });
      expect(res.statusCode).toBe(403);
      expect((await listOrgs(db)).some((o) => o.name === '无令牌处')).toBe(false);
      expect(await auditCount(db)).toBe(before);
    });
  });

  describe('organisations', () => {
    it('lists the tree with links to each organisation', async () => {
      const res = await admin.get('/console/orgs');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`href="/console/orgs/${office.id}"`);
      expect(res.body).toContain(bureau.name);
      expect(res.body).toContain('和平分局（示例）');
      expect(res.body).toContain('<th scope="col">名称</th>');
    });

    it('creates an organisation that shows publicly and is audited as org.created', async () => {
      const form = await admin.get('/console/orgs/new');
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('<label for="f-name">');
      const res = await admin.post(
        '/console/orgs',
        orgForm({
          name: '测绘处',
          parent_id: String(bureau.id),
          functions: '承担基础测绘管理工作。',
          phone: '022-12345678',
          office_hours: '工作日 9:00–17:00',
        }),
      );
      expect(res.statusCode).toBe(303);
      const id = idFrom(res.headers.location);
      expect(id).toBeGreaterThan(0);
      const page = await admin.get(String(res.headers.location));
      expect(page.body).toContain('机构已创建。');
      const pub = (await t.app.inject({ url: '/orgs' })).body;
      expect(pub).toContain('测绘处');
      expect(pub).toContain('承担基础测绘管理工作。');
      const rows = await auditFor(db, 'org.created', id);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.actor_name).toContain('admin');
      const item = (await t.app.inject({ url: `/api/v1/orgs/${id}` })).json();
      expect(item).toMatchObject({ name: '测绘处', isSample: false, phone: '022-12345678' });
    });

    it('edits an organisation, audited as org.updated', async () => {
      const page = await admin.get(`/console/orgs/${office.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('value="办公室"');
      const res = await admin.post(
        `/console/orgs/${office.id}`,
        orgForm({
          name: '办公室',
          parent_id: String(bureau.id),
          address: '示例路 2 号 301 室',
          sort_order: '1',
        }),
      );
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/console/orgs/${office.id}?saved=updated`);
      expect((await t.app.inject({ url: `/orgs/${office.id}` })).body).toContain('示例路 2 号 301 室');
      expect(await auditFor(db, 'org.updated', office.id)).toHaveLength(1);
    });

    it('re-renders the form with Chinese field errors and writes nothing on bad input', async () => {
      const [orgsBefore, auditBefore] = [(await listOrgs(db)).length, await auditCount(db)];
      const res = await admin.post('/console/orgs', orgForm({ name: ' ', phone: 'call me', kind: 'x' }));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('名称：必填');
      expect(res.body).toContain('电话：只能包含数字、空格和 - + ( )');
      expect(res.body).toContain('类型：请选择');
      expect(res.body).toContain('href="#f-name"');
      expect(res.body).toContain('aria-invalid="true"');
      expect(res.body).toContain('value="call me"');
      expect((await listOrgs(db)).length).toBe(orgsBefore);
      expect(await auditCount(db)).toBe(auditBefore);
    });

    it('refuses to make the bureau a child of its own division', async () => {
      const auditBefore = await auditCount(db);
      const res = await admin.post(
        `/console/orgs/${bureau.id}`,
        orgForm({ name: bureau.name, kind: 'bureau', parent_id: String(office.id) }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('上级单位：不能选择本单位或其下级单位');
      expect((await listOrgs(db)).find((o) => o.id === bureau.id)?.parent_id).toBeNull();
      expect(await auditCount(db)).toBe(auditBefore);
    });

    it('answers 404 for an unknown organisation', async () => {
      expect((await admin.get('/console/orgs/999999')).statusCode).toBe(404);
    });
  });

  describe('leaders', () => {
    it('adds a leader who then shows publicly and in the API, audited as org.leader_added', async () => {
      expect((await admin.get(`/console/orgs/${office.id}/leaders/new`)).statusCode).toBe(200);
      const res = await admin.post(
        `/console/orgs/${office.id}/leaders`,
        leaderForm({ name: '陈主任', title: '办公室主任', duties: '负责办公室全面工作。', sort_order: '1' }),
      );
      expect(res.statusCode).toBe(303);
      const pub = (await t.app.inject({ url: `/orgs/${office.id}` })).body;
      expect(pub).toContain('陈主任');
      expect(pub).toContain('办公室主任');
      expect((await t.app.inject({ url: '/orgs' })).body).toContain('陈主任（办公室主任）');
      const item = (await t.app.inject({ url: `/api/v1/orgs/${office.id}` })).json() as {
        leaders: unknown[];
      };
      expect(item.leaders).toContainEqual({
        name: '陈主任',
        title: '办公室主任',
        duties: '负责办公室全面工作。',
      });
      expect(await auditFor(db, 'org.leader_added', office.id)).toHaveLength(1);
    });

    it('refuses a leader without a post, naming the field, and writes nothing', async () => {
      const before = (await listLeaders(db, office.id)).length;
      const res = await admin.post(`/console/orgs/${office.id}/leaders`, leaderForm({ name: '无职务' }));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('职务：必填');
      expect(res.body).toContain('value="无职务"');
      expect((await listLeaders(db, office.id)).length).toBe(before);
    });

    it('edits and then removes a leader, both audited', async () => {
      const id = (await listLeaders(db, office.id)).find((l) => l.name === '陈主任')?.id ?? 0;
      const page = await admin.get(`/console/orgs/${office.id}/leaders/${id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('删除该条领导信息');
      const bad = await admin.post(
        `/console/orgs/${office.id}/leaders/${id}`,
        leaderForm({ name: '', title: 'x' }),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('姓名：必填');
      const edit = await admin.post(
        `/console/orgs/${office.id}/leaders/${id}`,
        leaderForm({ name: '陈主任', title: '办公室主任（兼）', sort_order: '2' }),
      );
      expect(edit.statusCode).toBe(303);
      expect((await t.app.inject({ url: `/orgs/${office.id}` })).body).toContain('办公室主任（兼）');
      expect(await auditFor(db, 'org.leader_updated', office.id)).toHaveLength(1);

      const removed = await admin.post(`/console/orgs/${office.id}/leaders/${id}/remove`);
      expect(removed.statusCode).toBe(303);
      expect(removed.headers.location).toBe(`/console/orgs/${office.id}?saved=leader_removed`);
      expect((await listLeaders(db, office.id)).some((l) => l.id === id)).toBe(false);
      expect((await t.app.inject({ url: `/orgs/${office.id}` })).body).not.toContain('陈主任');
      expect(await auditFor(db, 'org.leader_removed', office.id)).toHaveLength(1);
    });

    it('answers 404 for a leader looked up through another organisation', async () => {
      const bureauLeader = (await listLeaders(db, bureau.id))[0]?.id ?? 0;
      expect((await admin.get(`/console/orgs/${office.id}/leaders/${bureauLeader}`)).statusCode).toBe(404);
      const res = await admin.post(`/console/orgs/${office.id}/leaders/${bureauLeader}/remove`);
      expect(res.statusCode).toBe(404);
      expect((await listLeaders(db, bureau.id)).some((l) => l.id === bureauLeader)).toBe(true);
    });
  });
});
