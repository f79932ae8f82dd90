import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor } from '../../../test/support/factories.js';
import { EXE, PNG, samplePdf } from '../../../test/support/samples.js';
import { transitionApplication } from './application.service.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import { APPLICATION_FILE_MAX_BYTES, APPLICATION_FILES_MAX, prepareFiles } from './file.service.js';
import { residentIdCheckChar } from './identity.rules.js';

const body = '11010519800101003';
const form = {
  applicantType: 'person',
  name: '吴十',
  idType: 'resident_id',
  idNumber: body + residentIdCheckChar(body),
  phone: '13912345678',
  email: 'wu@example.com',
  subject: '某地块规划条件附图',
  formWanted: 'electronic',
  delivery: 'email',
};
const pdf = samplePdf(['身份证明复印件 110105198001010030']);

describe('prepareFiles', () => {
  it('reads the type from the bytes, names the file by it and refuses what is not accepted', async () => {
    const [a, b] = await prepareFiles([
      { data: pdf, filename: 'C:\\Users\\wu\\身份证.PDF' },
      { data: PNG, filename: null },
    ]);
    expect([a!.name, a!.mime]).toEqual(['身份证.pdf', 'application/pdf']);
    expect([b!.name, b!.mime]).toEqual(['附件2.png', 'image/png']);
    await expect(prepareFiles([{ data: EXE, filename: 'map.pdf' }])).rejects.toMatchObject({
      fields: { files: expect.stringContaining('附件“map.pdf”的类型不支持') },
    });
    await expect(
      prepareFiles([
        { data: Buffer.concat([pdf, Buffer.alloc(APPLICATION_FILE_MAX_BYTES)]), filename: 'big.pdf' },
      ]),
    ).rejects.toMatchObject({ fields: { files: expect.stringContaining('超过 10 MB') } });
    const many = Array.from({ length: APPLICATION_FILES_MAX + 1 }, () => ({ data: PNG, filename: 'a.png' }));
    await expect(prepareFiles(many)).rejects.toMatchObject({
      fields: { files: expect.stringContaining('最多 5 个') },
    });
    // An empty file input sends an empty part: ignored.
    expect(await prepareFiles([{ data: Buffer.alloc(0), filename: '' }])).toEqual([]);
  });
});

describe.each(dialects)('files attached to applications on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  const count = async (table: 'applications' | 'application_files') =>
    Number(
      (
        await t.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('takes attachments with the public form, sealed at rest, and refuses a bad one without keeping anything', async () => {
    const b = new Browser(t.app);
    expect((await b.get('/apply/form')).body).toContain('enctype="multipart/form-data"');
    const before = [await count('applications'), await count('application_files')];
    const bad = await b.postMultipart(
      '/apply/form',
      form,
      {
        files: [
          { filename: '身份证.pdf', type: 'application/pdf', data: pdf },
          { filename: 'x.pdf', type: 'application/pdf', data: EXE },
        ],
      },
      { page: '/apply/form' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('附件“x.pdf”的类型不支持');
    expect(bad.body).toContain('value="某地块规划条件附图"');
    expect([await count('applications'), await count('application_files')]).toEqual(before);

    const ok = await b.postMultipart(
      '/apply/form',
      form,
      {
        files: [
          { filename: '身份证.pdf', type: 'application/pdf', data: pdf },
          { filename: '位置图.png', type: 'image/png', data: PNG },
        ],
      },
      { page: '/apply/form' },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('2 个（身份证.pdf、位置图.png）');
    const rows = await t.deps.db
      .selectFrom('application_files as af')
      .innerJoin('files as f', 'f.id', 'af.file_id')
      .select(['af.application_id', 'af.name', 'af.source', 'f.data', 'f.visibility'])
      .orderBy('af.id')
      .execute();
    const mine = rows.slice(-2);
    expect(mine.map((r) => [r.name, r.source, r.visibility])).toEqual([
      ['身份证.pdf', 'applicant', 'private'],
      ['位置图.png', 'applicant', 'private'],
    ]);
    // Sealed: the identity number in the PDF is not in the stored bytes.
    expect(Buffer.from(mine[0]!.data).includes(Buffer.from('110105198001010030'))).toBe(false);
  });

  it('lets the intake office and the assigned unit download them (audited), and nobody else', async () => {
    const app = await t.deps.db
      .selectFrom('applications')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const files = await t.deps.db
      .selectFrom('application_files')
      .select('id')
      .where('application_id', '=', app.id)
      .orderBy('id')
      .execute();
    const url = `/console/applications/${app.id}/files/${files[0]!.id}`;

    const intake = new Browser(t.app);
    await intake.login('intake');
    const page = await intake.get(`/console/applications/${app.id}`);
    expect(page.body).toContain('身份证.pdf（PDF');
    expect(page.body).toContain(`href="${url}"`);
    const got = await intake.get(url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toContain("filename*=UTF-8''%E8%BA%AB");
    expect(got.rawPayload.equals(pdf)).toBe(true);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'application.file.view')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);

    // A handler reads applications but opens the files only once it is assigned to their unit.
    const handler = new Browser(t.app);
    await handler.login('handler');
    const seen = await handler.get(`/console/applications/${app.id}`);
    expect(seen.body).toContain('身份证.pdf（PDF');
    expect(seen.body).not.toContain(`href="${url}"`);
    expect((await handler.get(url)).statusCode).toBe(403);
    const publisher = new Browser(t.app);
    await publisher.login('publisher');
    expect((await publisher.get(url)).statusCode).toBe(403);
    const all = await actorFor(t.deps.db, 'intake', Object.values(P));
    const wf = { db: t.deps.db, config: t.config };
    await transitionApplication(wf, all, app.id, 'register', {});
    await transitionApplication(wf, all, app.id, 'assign', {
      orgId: (await actorFor(t.deps.db, 'handler', [])).orgId,
    });
    expect((await handler.get(url)).statusCode).toBe(200);
  });

  it('lets the intake office add scanned pages, within the limit of five', async () => {
    const app = await t.deps.db
      .selectFrom('applications')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const intake = new Browser(t.app);
    await intake.login('intake');
    const page = `/console/applications/${app.id}`;
    const res = await intake.postMultipart(
      `${page}/files`,
      {},
      { files: [{ filename: '扫描件.pdf', type: 'application/pdf', data: pdf }] },
      { page },
    );
    expect(res.statusCode).toBe(303);
    expect((await intake.get(page)).body).toContain('扫描件.pdf（PDF');
    const tooMany = await intake.postMultipart(
      `${page}/files`,
      {},
      { files: [1, 2, 3].map((i) => ({ filename: `${i}.png`, type: 'image/png', data: PNG })) },
      { page },
    );
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('每件申请最多 5 个文件');
    const handler = new Browser(t.app);
    await handler.login('handler');
    const denied = await handler.postMultipart(
      `${page}/files`,
      {},
      { files: [{ filename: 'x.png', type: 'image/png', data: PNG }] },
      { page },
    );
    expect(denied.statusCode).toBe(403);
  });
});
