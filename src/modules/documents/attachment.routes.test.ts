import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, draftInput } from '../../../test/support/factories.js';
import { BROKEN_PDF, EXE, PNG, sampleDocx, samplePdf } from '../../../test/support/samples.js';
import type { Actor } from '../../platform/actor.js';
import * as repo from './attachment.repository.js';
import { contentDisposition } from './attachment.routes.js';
import { addAttachment } from './attachment.service.js';
import {
  approveReview,
  createDraft,
  publishDocument,
  submitForReview,
  withdrawDocument,
} from './document.service.js';
import { idCardCheckDigit } from './screening.js';

describe.each(dialects)('attachment pages and downloads on %s', (dialect) => {
  let t: TestApp;
  let publisher: Actor;
  let reviewer: Actor;
  let columnId: number;
  let orgId: number;
  const first17 = '11010119800101123';
  const idNumber = `${first17}${idCardCheckDigit(first17)}`;

  beforeAll(async () => {
    // A 3 MB limit: above the 2 MB of other forms, and the oversize test need not build 20 MB.
    t = await buildTestApp(dialect, { env: { ATTACHMENT_MAX_MB: '3' } });
    publisher = await actorFor(t.deps.db, 'publisher', [
      'documents.edit',
      'documents.publish',
      'documents.withdraw',
    ]);
    reviewer = await actorFor(t.deps.db, 'secrecy', ['documents.review']);
    columnId = (
      await t.deps.db
        .selectFrom('doc_columns')
        .select('id')
        .where('code', '=', 'gzdt')
        .executeTakeFirstOrThrow()
    ).id;
    orgId = (
      await t.deps.db.selectFrom('orgs').select('id').where('kind', '=', 'bureau').executeTakeFirstOrThrow()
    ).id;
    await t.deps.db.updateTable('orgs').set({ org_code: '123456788' }).where('id', '=', orgId).execute();
  });
  afterAll(async () => t?.close());

  const newDraft = () =>
    createDraft(
      t.deps.db,
      publisher,
      draftInput({ column_id: columnId, title: '关于附件页面测试的通知（示例）', publisher_org_id: orgId }),
    );
  const page = (id: number) => `/console/documents/${id}/attachments`;
  const signedIn = async (user: string) => {
    const b = new Browser(t.app);
    await b.login(user);
    return b;
  };

  it('uploads through the console form, showing type, size, extraction status and text preview', async () => {
    const id = await newDraft();
    const b = await signedIn('publisher');
    const docx = await sampleDocx(['第一章 总则', '本办法自发布之日起施行。']);
    const res = await b.postMultipart(
      page(id),
      { name: '' },
      { file: { filename: '实施办法.docx', type: 'application/octet-stream', data: docx } },
      { page: page(id) },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${page(id)}?saved=added`);
    const html = (await b.get(`${page(id)}?saved=added`)).body;
    expect(html).toContain('附件已上传');
    expect(html).toContain('实施办法.docx');
    expect(html).toContain('Word 文档，');
    expect(html).toContain('已提取');
    expect(html).toContain('本办法自发布之日起施行。');
    expect(html).toContain('enctype="multipart/form-data"');

    const img = await b.postMultipart(
      page(id),
      { name: '流程图', alt_text: '办理流程：申请、受理、办结' },
      { file: { filename: 'x.png', type: 'image/png', data: PNG } },
      { page: page(id) },
    );
    expect(img.statusCode).toBe(303);
    expect((await repo.activeAttachments(t.deps.db, id)).map((a) => a.name)).toEqual([
      '实施办法.docx',
      '流程图.png',
    ]);
  });

  it('refuses a disguised file, an unsupported one and an oversize one with a Chinese message on the form', async () => {
    const id = await newDraft();
    const b = await signedIn('publisher');
    const post = (filename: string, data: Buffer) =>
      b.postMultipart(
        page(id),
        {},
        { file: { filename, type: 'application/pdf', data } },
        { page: page(id) },
      );
    const exe = await post('通知.pdf', EXE);
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain('附件文件：只能上传 PDF、Word（.docx）、Excel（.xlsx）');
    expect(exe.body).toContain('aria-invalid="true"');
    const html = await post('page.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.statusCode).toBe(400);
    const over = await post('big.pdf', samplePdf(['big'], 3 * 1024 * 1024));
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain('附件文件：不能超过 3 MB');
    const noAlt = await b.postMultipart(
      page(id),
      {},
      { file: { filename: 'a.png', type: 'image/png', data: PNG } },
      { page: page(id) },
    );
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.body).toContain('图片说明：图片附件必须填写说明文字');
    expect(await repo.activeAttachments(t.deps.db, id)).toEqual([]);
  });

  it('accepts files larger than the 2 MB of other forms, up to ATTACHMENT_MAX_MB', async () => {
    const id = await newDraft();
    const b = await signedIn('publisher');
    const pdf = samplePdf(['Large scan'], Math.floor(2.5 * 1024 * 1024));
    const res = await b.postMultipart(
      page(id),
      {},
      { file: { filename: 'large.pdf', type: 'application/pdf', data: pdf } },
      { page: page(id) },
    );
    expect(res.statusCode).toBe(303);
    const [a] = await repo.activeAttachments(t.deps.db, id);
    expect(a).toMatchObject({ size: pdf.length, extraction_status: 'ok', extracted_text: 'Large scan' });
  });

  it('keeps a broken PDF and shows the extraction failure to staff instead of failing', async () => {
    const id = await newDraft();
    const b = await signedIn('publisher');
    const res = await b.postMultipart(
      page(id),
      {},
      { file: { filename: 'broken.pdf', type: 'application/pdf', data: BROKEN_PDF } },
      { page: page(id) },
    );
    expect(res.statusCode).toBe(303);
    const html = (await b.get(page(id))).body;
    expect(html).toContain('提取失败');
    expect(html).toContain('无法读取 PDF 中的文字');
    expect(html).toContain('1 个附件未能提取文字（broken.pdf），个人信息筛查无法覆盖其内容，请人工核对。');
  });

  it('replaces, reorders and removes through the console', async () => {
    const id = await newDraft();
    const a = await addAttachment(t.deps.db, publisher, id, { data: samplePdf(['A']), filename: 'a.pdf' });
    const c = await addAttachment(t.deps.db, publisher, id, { data: samplePdf(['C']), filename: 'c.pdf' });
    const b = await signedIn('publisher');
    const names = async () => (await repo.activeAttachments(t.deps.db, id)).map((x) => x.name);
    expect((await b.post(`${page(id)}/${c}/move`, { direction: 'up' }, { page: page(id) })).statusCode).toBe(
      303,
    );
    expect(await names()).toEqual(['c.pdf', 'a.pdf']);
    const replace = `${page(id)}/${a}/replace`;
    expect((await b.get(replace)).statusCode).toBe(200);
    const r = await b.postMultipart(
      replace,
      {},
      { file: { filename: 'b.pdf', type: 'application/pdf', data: samplePdf(['B']) } },
      { page: replace },
    );
    expect(r.statusCode).toBe(303);
    expect(await names()).toEqual(['c.pdf', 'b.pdf']);
    const remove = `${page(id)}/${c}/remove`;
    expect((await b.get(remove)).body).toContain('确认移除');
    expect((await b.post(remove, {}, { page: remove })).statusCode).toBe(303);
    expect(await names()).toEqual(['b.pdf']);
  });

  it('lets the reviewer view and dismiss findings but not change files; others may not view', async () => {
    const id = await newDraft();
    await addAttachment(t.deps.db, publisher, id, {
      data: await sampleDocx([`申请人身份证号${idNumber}`]),
      filename: '申请表.docx',
    });
    await submitForReview(t.deps.db, publisher, id);
    const secrecy = await signedIn('secrecy');
    const view = await secrecy.get(page(id));
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('附件中的疑似个人信息（1 处未处理）');
    expect(view.body).toContain('110101********');
    // Neither the findings nor the text preview show the number itself.
    expect(view.body).not.toContain(idNumber);
    expect(view.body).toContain('申请人身份证号110101********');
    const upload = await secrecy.postMultipart(
      page(id),
      {},
      { file: { filename: 'a.pdf', type: 'application/pdf', data: samplePdf(['x']) } },
      { page: page(id) },
    );
    expect(upload.statusCode).toBe(403);
    const finding = await t.deps.db
      .selectFrom('document_findings')
      .select('id')
      .where('document_id', '=', id)
      .executeTakeFirstOrThrow();
    const dismiss = `${page(id)}/findings/${finding.id}/dismiss`;
    const empty = await secrecy.post(dismiss, { reason: '' }, { page: page(id) });
    expect(empty.statusCode, empty.body.slice(-1500)).toBe(400);
    expect(empty.body).toContain('理由：忽略时必须说明理由');
    const ok = await secrecy.post(dismiss, { reason: '样例数据' }, { page: page(id) });
    expect(ok.statusCode).toBe(303);
    expect((await secrecy.get(page(id))).body).not.toContain('未处理）');

    const handler = await signedIn('handler');
    expect((await handler.get(page(id))).statusCode).toBe(403);
    expect((await new Browser(t.app).get(page(id))).statusCode).toBe(303);
  });

  it('serves a published attachment with type, RFC 5987 name, nosniff and ETag; drafts’ attachments are not public', async () => {
    const id = await newDraft();
    const pdf = samplePdf(['Public notice']);
    const att = await addAttachment(t.deps.db, publisher, id, { data: pdf, filename: '公告 附件(1).pdf' });
    const url = `/documents/${id}/attachments/${att}`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    const api = async () =>
      JSON.parse((await t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}` })).body);
    // Staff can download the draft's file from the console.
    const b = await signedIn('publisher');
    const staff = await b.get(`${page(id)}/${att}/download`);
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['cache-control']).toBe('private, no-store');

    await submitForReview(t.deps.db, publisher, id);
    await approveReview(t.deps.db, reviewer, id);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    await publishDocument(t.deps.db, publisher, id);

    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="__ __(1).pdf"; filename*=UTF-8''%E5%85%AC%E5%91%8A%20%E9%99%84%E4%BB%B6%281%29.pdf`,
    );
    expect(res.rawPayload.equals(pdf)).toBe(true);
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    // Another document's id in the path does not reach it.
    expect(
      (await t.app.inject({ method: 'GET', url: `/documents/${id + 1000}/attachments/${att}` })).statusCode,
    ).toBe(404);

    const doc = await api();
    expect(doc.attachments).toEqual([
      { id: att, name: '公告 附件(1).pdf', type: 'application/pdf', size: pdf.length, url },
    ]);
    const portal = await t.app.inject({ method: 'GET', url: `/documents/${id}` });
    expect(portal.body).toContain('<h2 id="h-attachments">附件</h2>');
    expect(portal.body).toContain(`href="${url}"`);
    expect(portal.body).toContain('（PDF，');

    // A withdrawn document's attachments are no longer served.
    await withdrawDocument(t.deps.db, publisher, id, '发布有误');
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
  });

  it('needs a correction note and documents.publish to change a published document’s attachments', async () => {
    const id = await newDraft();
    await submitForReview(t.deps.db, publisher, id);
    await approveReview(t.deps.db, reviewer, id);
    await publishDocument(t.deps.db, publisher, id);
    const b = await signedIn('publisher');
    const html = (await b.get(page(id))).body;
    expect(html).toContain('更正说明');
    const file = { file: { filename: 'a.pdf', type: 'application/pdf', data: samplePdf(['Errata']) } };
    const noNote = await b.postMultipart(page(id), {}, file, { page: page(id) });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('更正说明：修改已发布文件的附件须填写更正说明');
    const ok = await b.postMultipart(page(id), { correction_note: '补充附件' }, file, { page: page(id) });
    expect(ok.statusCode).toBe(303);
    const [a] = await repo.publicAttachments(t.deps.db, id);
    expect(a?.name).toBe('a.pdf');
  });

  it('encodes download names per RFC 5987 with a safe ASCII fallback', () => {
    expect(contentDisposition('report.pdf')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(contentDisposition('a"b\\c%.pdf')).toBe(
      `attachment; filename="a_b_c_.pdf"; filename*=UTF-8''a%22b%5Cc%25.pdf`,
    );
    expect(contentDisposition("名单's.xlsx")).toContain(`filename*=UTF-8''%E5%90%8D%E5%8D%95%27s.xlsx`);
  });
});
