import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';

// The smallest valid PNG: 1×1 transparent pixel.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe.each(dialects)('leader photos on %s', (dialect) => {
  let t: TestApp;
  let orgId: number;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    orgId = (
      await t.deps.db.selectFrom('orgs').select('id').where('kind', '=', 'bureau').executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t?.close());

  const leaderFields = {
    name: '照片测试（示例）',
    title: '副局长',
    duties: '分管测试',
    resume: '',
    sort_order: '9',
  };

  it('stores an uploaded photo in the database and shows it on the public page', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin');
    const res = await admin.postMultipart(
      `/console/orgs/${orgId}/leaders`,
      leaderFields,
      { photo: { filename: 'me.png', type: 'image/png', data: PNG } },
      { page: `/console/orgs/${orgId}/leaders/new` },
    );
    expect(res.statusCode).toBe(303);
    const leader = await t.deps.db
      .selectFrom('org_leaders')
      .selectAll()
      .where('name', '=', leaderFields.name)
      .executeTakeFirstOrThrow();
    expect(leader.photo_path).toMatch(/^\/files\/\d+$/);
    const page = await new Browser(t.app).get(`/orgs/${orgId}`);
    expect(page.body).toContain(`src="${leader.photo_path}"`);
    expect(page.body).toContain('alt="照片测试（示例）的照片"');
    const file = await t.app.inject({ method: 'GET', url: leader.photo_path! });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);
    const again = await t.app.inject({
      method: 'GET',
      url: leader.photo_path!,
      headers: { 'if-none-match': String(file.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('refuses a file that is not a JPG or PNG whatever its name, and writes nothing', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin');
    const before = await t.deps.db.selectFrom('files').select('id').execute();
    const res = await admin.postMultipart(
      `/console/orgs/${orgId}/leaders`,
      { ...leaderFields, name: '伪装图片' },
      { photo: { filename: 'evil.png', type: 'image/png', data: Buffer.from('<script>alert(1)</script>') } },
      { page: `/console/orgs/${orgId}/leaders/new` },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('照片：只能上传 JPG 或 PNG 图片');
    expect(await t.deps.db.selectFrom('files').select('id').execute()).toEqual(before);
    expect(
      await t.deps.db.selectFrom('org_leaders').select('id').where('name', '=', '伪装图片').execute(),
    ).toEqual([]);
  });

  it('removes a photo on request and keeps it when the form has no new file', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin');
    const leader = await t.deps.db
      .selectFrom('org_leaders')
      .selectAll()
      .where('name', '=', leaderFields.name)
      .executeTakeFirstOrThrow();
    const url = `/console/orgs/${orgId}/leaders/${leader.id}`;
    const keep = await admin.postMultipart(url, { ...leaderFields, title: '局长' }, {}, { page: url });
    expect(keep.statusCode).toBe(303);
    const kept = await t.deps.db
      .selectFrom('org_leaders')
      .select(['photo_path', 'title'])
      .where('id', '=', leader.id)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ photo_path: leader.photo_path, title: '局长' });
    const remove = await admin.postMultipart(url, { ...leaderFields, remove_photo: '1' }, {}, { page: url });
    expect(remove.statusCode).toBe(303);
    const removed = await t.deps.db
      .selectFrom('org_leaders')
      .select('photo_path')
      .where('id', '=', leader.id)
      .executeTakeFirstOrThrow();
    expect(removed.photo_path).toBeNull();
  });

  it('does not serve a file that is not public', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/files/999999' });
    expect(r.statusCode).toBe(404);
  });
});
