import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, draftInput } from '../../../test/support/factories.js';
import { BROKEN_PDF, EXE, PNG, sampleDocx, samplePdf, sampleXlsx } from '../../../test/support/samples.js';
import type { Actor } from '../../platform/actor.js';
import type { AppError } from '../../platform/errors.js';
import * as repo from './attachment.repository.js';
import {
  addAttachment,
  attachFile,
  moveAttachment,
  removeAttachment,
  reorderAttachments,
  replaceAttachment,
} from './attachment.service.js';
import {
  approveReview,
  createDraft,
  deleteDocument,
  documentRevisions,
  getDocument,
  publishDocument,
  submitForReview,
  withdrawDocument,
} from './document.service.js';
import { idCardCheckDigit } from './screening.js';
import { dismissDocumentFinding, documentFindings, maskDocumentFinding } from './screening.service.js';

/** The error a promise rejects with (fails the test when it resolves). */
async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

describe.each(dialects)('document attachments on %s', (dialect) => {
  let t: TestApp;
  let editor: Actor;
  let publisher: Actor;
  let reviewer: Actor;
  let columnId: number;
  let orgId: number;
  const first17 = '11010119800101123';
  const idNumber = `${first17}${idCardCheckDigit(first17)}`;

  const actor = (username: string, permissions: string[]) => actorFor(t.deps.db, username, permissions);
  const db = () => t.deps.db;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    editor = await actor('publisher', ['documents.edit']);
    publisher = await actor('publisher', ['documents.edit', 'documents.publish', 'documents.withdraw']);
    reviewer = await actor('secrecy', ['documents.review']);
    columnId = (
      await db().selectFrom('doc_columns').select('id').where('code', '=', 'gzdt').executeTakeFirstOrThrow()
    ).id;
    orgId = (
      await db().selectFrom('orgs').select('id').where('kind', '=', 'bureau').executeTakeFirstOrThrow()
    ).id;
    await db().updateTable('orgs').set({ org_code: '123456788' }).where('id', '=', orgId).execute();
  });
  afterAll(async () => t?.close());

  const newDraft = () =>
    createDraft(
      db(),
      publisher,
      draftInput({ column_id: columnId, title: '关于附件测试的通知（示例）', publisher_org_id: orgId }),
    );
  const publishNew = async () => {
    const id = await newDraft();
    await submitForReview(db(), publisher, id);
    await approveReview(db(), reviewer, id);
    await publishDocument(db(), publisher, id);
    return id;
  };
  const audits = (action: string) =>
    db().selectFrom('audit_log').select(['target_id', 'detail']).where('action', '=', action).execute();

  it('accepts each type, extracts its text, and stores the bytes privately in files', async () => {
    const id = await newDraft();
    const pdf = samplePdf(['Annual report 2026']);
    const a = await addAttachment(db(), editor, id, { data: pdf, filename: '年度报告.pdf' });
    const d = await addAttachment(db(), editor, id, {
      data: await sampleDocx(['附件说明']),
      filename: 'x.docx',
    });
    const x = await addAttachment(db(), editor, id, {
      data: await sampleXlsx({
        名单: [
          ['项目', '金额'],
          ['道路', 100],
        ],
      }),
      filename: '名单.xlsx',
    });
    const img = await addAttachment(db(), editor, id, {
      data: PNG,
      filename: 'flow.png',
      altText: '行政审批流程图：受理、审查、决定三个环节',
    });
    const rows = await repo.activeAttachments(db(), id);
    expect(rows.map((r) => [r.id, r.kind, r.position, r.extraction_status])).toEqual([
      [a, 'pdf', 1, 'ok'],
      [d, 'docx', 2, 'ok'],
      [x, 'xlsx', 3, 'ok'],
      [img, 'image', 4, 'ok'],
    ]);
    expect(rows[0]).toMatchObject({
      name: '年度报告.pdf',
      mime: 'application/pdf',
      size: pdf.length,
      page_count: 1,
      extracted_text: 'Annual report 2026',
    });
    expect(rows[1]!.extracted_text).toContain('附件说明');
    expect(rows[2]!.extracted_text).toContain('道路\t100');
    // No OCR: an image's description is its text, for search and screening alike.
    expect(rows[3]!.extracted_text).toBe(rows[3]!.alt_text);
    expect(rows[3]!.alt_text).toBe('行政审批流程图：受理、审查、决定三个环节');
    const file = await db()
      .selectFrom('files')
      .selectAll()
      .where('id', '=', rows[0]!.file_id)
      .executeTakeFirstOrThrow();
    expect(file.visibility).toBe('private');
    expect(Buffer.from(file.data).equals(pdf)).toBe(true);
    expect(file.sha).toBe(rows[0]!.sha);
    expect(
      (await audits('document.attachment_added')).filter((r) => r.target_id === String(id)),
    ).toHaveLength(4);
  });

  it('refuses disguised and unsupported files, oversize files and images without a description, writing nothing', async () => {
    const id = await newDraft();
    const files = await db().selectFrom('files').select('id').execute();
    const cases: [() => Promise<unknown>, string, string][] = [
      [
        () => addAttachment(db(), editor, id, { data: EXE, filename: '通知.pdf' }),
        'file',
        '类型按文件内容识别',
      ],
      [
        () =>
          addAttachment(db(), editor, id, {
            data: Buffer.from('<html><body>x</body></html>'),
            filename: 'a.pdf',
          }),
        'file',
        '只能上传 PDF',
      ],
      [
        () =>
          addAttachment(db(), editor, id, {
            data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
            filename: 'a.svg',
          }),
        'file',
        '只能上传 PDF',
      ],
      [
        () => addAttachment(db(), editor, id, { data: undefined, filename: null }),
        'file',
        '请选择要上传的文件',
      ],
      [
        () =>
          addAttachment(db(), editor, id, { data: samplePdf(['x']), filename: 'a.pdf' }, { maxBytes: 100 }),
        'file',
        '附件文件：不能超过',
      ],
      [
        () => addAttachment(db(), editor, id, { data: PNG, filename: 'a.png', altText: ' ' }),
        'alt_text',
        '图片说明：',
      ],
    ];
    for (const [p, field, text] of cases) {
      const e = await failure(p());
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.fields?.[field]).toContain(text);
    }
    expect(await db().selectFrom('files').select('id').execute()).toEqual(files);
    expect(await repo.activeAttachments(db(), id)).toEqual([]);
  });

  it('keeps a broken PDF with its extraction failure recorded', async () => {
    const id = await newDraft();
    const a = await addAttachment(db(), editor, id, { data: BROKEN_PDF, filename: 'broken.pdf' });
    expect(await repo.findAttachment(db(), a)).toMatchObject({
      kind: 'pdf',
      extraction_status: 'failed',
      extracted_text: null,
      extraction_error: expect.stringContaining('无法读取 PDF'),
    });
  });

  it('replaces, reorders and removes a draft’s attachments, deleting files that were never public', async () => {
    const id = await newDraft();
    const a = await addAttachment(db(), editor, id, { data: samplePdf(['A']), filename: 'a.pdf' });
    const b = await addAttachment(db(), editor, id, { data: samplePdf(['B']), filename: 'b.pdf' });
    const c = await addAttachment(db(), editor, id, { data: samplePdf(['C']), filename: 'c.pdf' });
    await moveAttachment(db(), editor, id, c, 'up');
    const order = async () => (await repo.activeAttachments(db(), id)).map((r) => r.name);
    expect(await order()).toEqual(['a.pdf', 'c.pdf', 'b.pdf']);
    await reorderAttachments(db(), editor, id, [b, a, c]);
    expect(await order()).toEqual(['b.pdf', 'a.pdf', 'c.pdf']);
    expect((await failure(reorderAttachments(db(), editor, id, [a, b]))).code).toBe('CONFLICT');

    const oldFile = (await repo.findAttachment(db(), a))!.file_id;
    const a2 = await replaceAttachment(db(), editor, id, a, {
      data: await sampleDocx(['A2']),
      filename: 'a2.docx',
    });
    expect(await order()).toEqual(['b.pdf', 'a2.docx', 'c.pdf']);
    expect(await repo.findAttachment(db(), a)).toBeUndefined();
    expect(await db().selectFrom('files').select('id').where('id', '=', oldFile).execute()).toEqual([]);
    await removeAttachment(db(), editor, id, a2);
    expect(await order()).toEqual(['b.pdf', 'c.pdf']);
    expect(await audits('document.attachment_replaced')).not.toHaveLength(0);
    expect(await audits('document.attachment_removed')).not.toHaveLength(0);
    expect(await audits('document.attachments_reordered')).not.toHaveLength(0);
  });

  it('needs documents.edit, and only allows replacing once the document is in review', async () => {
    const id = await newDraft();
    expect((await failure(addAttachment(db(), reviewer, id, { data: samplePdf(['x']) }))).code).toBe(
      'FORBIDDEN',
    );
    const a = await addAttachment(db(), editor, id, { data: samplePdf(['x']), filename: 'x.pdf' });
    await submitForReview(db(), publisher, id);
    const add = await failure(addAttachment(db(), editor, id, { data: samplePdf(['y']) }));
    expect(add.code).toBe('CONFLICT');
    expect(add.message).toContain('只能替换附件');
    expect((await failure(removeAttachment(db(), editor, id, a))).code).toBe('CONFLICT');
    expect((await failure(reorderAttachments(db(), editor, id, [a]))).code).toBe('CONFLICT');
    await replaceAttachment(db(), editor, id, a, { data: samplePdf(['z']), filename: 'z.pdf' });
    expect((await repo.activeAttachments(db(), id)).map((r) => r.name)).toEqual(['z.pdf']);
  });

  it('blocks publication while an ID number in a DOCX is open, until the attachment is replaced', async () => {
    const id = await newDraft();
    const a = await addAttachment(db(), editor, id, {
      data: await sampleDocx(['补偿名单', `张某，身份证号${idNumber}`]),
      filename: '名单.docx',
    });
    await submitForReview(db(), publisher, id);
    const open = (await documentFindings(db(), id)).filter((f) => f.status === 'open');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ field: `attachment:${a}`, kind: 'id_card', severity: 'high' });
    expect(open[0]!.masked).toMatch(/^110101\*{8}\d{3}[\dX]$/);
    // The finding stores a digest and a masked preview, never the number itself.
    expect(JSON.stringify(open)).not.toContain(idNumber);
    // It cannot be masked in place inside the file.
    const mask = await failure(maskDocumentFinding(db(), reviewer, open[0]!.id));
    expect(mask.message).toContain('请上传遮盖后的附件');
    await approveReview(db(), reviewer, id);
    const blocked = await failure(publishDocument(db(), publisher, id));
    expect(blocked.code).toBe('CONFLICT');
    expect(blocked.message).toContain('个人信息');
    expect((await getDocument(db(), id)).status).toBe('approved');

    await replaceAttachment(db(), editor, id, a, {
      data: await sampleDocx(['补偿名单', '张某，身份证号110101********123X']),
      filename: '名单（遮盖后）.docx',
    });
    expect((await documentFindings(db(), id)).filter((f) => f.status === 'open')).toEqual([]);
    await publishDocument(db(), publisher, id);
    expect((await getDocument(db(), id)).status).toBe('published');
  });

  it('blocks publication while an ID number on a PDF page is open, until the reviewer dismisses it', async () => {
    const id = await newDraft();
    const a = await addAttachment(db(), editor, id, {
      data: samplePdf(['Cover', `Applicant ID ${idNumber}`]),
      filename: 'scan.pdf',
    });
    await submitForReview(db(), publisher, id);
    await approveReview(db(), reviewer, id);
    expect((await failure(publishDocument(db(), publisher, id))).code).toBe('CONFLICT');
    const [f] = (await documentFindings(db(), id)).filter((x) => x.status === 'open');
    expect(f!.field).toBe(`attachment:${a}`);
    const text = (await repo.findAttachment(db(), a))!.extracted_text!;
    expect(text.slice(0, f!.start_pos)).toContain('\f');
    await dismissDocumentFinding(db(), reviewer, f!.id, '示例号码，非真实个人信息');
    await publishDocument(db(), publisher, id);
    expect((await getDocument(db(), id)).status).toBe('published');
  });

  it('screens image descriptions and attachment names too', async () => {
    const id = await newDraft();
    const img = await addAttachment(db(), editor, id, {
      data: PNG,
      filename: '13812345678.png',
      altText: `证件照片，号码${idNumber}`,
    });
    await submitForReview(db(), publisher, id);
    const fields = (await documentFindings(db(), id)).map((f) => f.field).sort();
    expect(fields).toEqual([`attachment:${img}`, `attachment:${img}:name`]);
  });

  it('changes a published document only by a correction, keeping every published file', async () => {
    const id = await newDraft();
    const a = await addAttachment(db(), editor, id, { data: samplePdf(['v1']), filename: 'v1.pdf' });
    await submitForReview(db(), publisher, id);
    await approveReview(db(), reviewer, id);
    await publishDocument(db(), publisher, id);

    expect(
      (await failure(addAttachment(db(), editor, id, { data: samplePdf(['x']) }, { correctionNote: '补充' })))
        .code,
    ).toBe('FORBIDDEN');
    const noNote = await failure(addAttachment(db(), publisher, id, { data: samplePdf(['x']) }));
    expect(noNote.fields?.correction_note).toContain('更正说明');
    const withId = await failure(
      addAttachment(
        db(),
        publisher,
        id,
        { data: await sampleDocx([`身份证号${idNumber}`]) },
        { correctionNote: '补充' },
      ),
    );
    expect(withId.code).toBe('CONFLICT');
    expect(withId.message).toContain('疑似个人信息');

    const a2 = await replaceAttachment(
      db(),
      publisher,
      id,
      a,
      { data: samplePdf(['v2']), filename: 'v2.pdf' },
      { correctionNote: '更正附件中的数据' },
    );
    const old = await repo.findAttachment(db(), a);
    expect(old).toMatchObject({ status: 'replaced', replaced_by: a2 });
    expect(await db().selectFrom('files').select('id').where('id', '=', old!.file_id).execute()).toHaveLength(
      1,
    );
    await removeAttachment(db(), publisher, id, a2, { correctionNote: '附件有误，撤下' });
    expect(await repo.findAttachment(db(), a2)).toMatchObject({ status: 'removed' });
    expect(await repo.activeAttachments(db(), id)).toEqual([]);
    const revisions = await documentRevisions(db(), id);
    expect(revisions.map((r) => [r.version, r.correction_note])).toEqual([
      [1, null],
      [2, '更正附件中的数据'],
      [3, '附件有误，撤下'],
    ]);
    expect(JSON.parse(revisions[1]!.snapshot).attachments.map((x: { id: number }) => x.id)).toEqual([a2]);
    expect((await getDocument(db(), id)).version).toBe(3);

    await withdrawDocument(db(), publisher, id, '发布有误');
    expect(
      (await failure(addAttachment(db(), publisher, id, { data: samplePdf(['x']) }, { correctionNote: 'x' })))
        .message,
    ).toContain('已撤回');
  });

  it('discards a never-submitted draft together with its attachments and their files', async () => {
    const id = await newDraft();
    const a = await addAttachment(db(), editor, id, { data: samplePdf(['x']), filename: 'x.pdf' });
    const fileId = (await repo.findAttachment(db(), a))!.file_id;
    await deleteDocument(db(), publisher, id);
    expect(await repo.findAttachment(db(), a)).toBeUndefined();
    expect(await db().selectFrom('files').select('id').where('id', '=', fileId).execute()).toEqual([]);
  });

  it('lets the importer attach a file from bytes and a name', async () => {
    const id = await newDraft();
    const a = await attachFile(db(), editor, id, {
      data: await sampleXlsx({ S: [['a']] }),
      name: 'imported',
    });
    expect(await repo.findAttachment(db(), a)).toMatchObject({ name: 'imported.xlsx', kind: 'xlsx' });
  });

  it('shows only a published document’s current attachments to the public, and finds them by their text', async () => {
    const draft = await newDraft();
    await addAttachment(db(), editor, draft, { data: samplePdf(['Zebra crossing plan']), filename: 'x.pdf' });
    expect(await repo.publicAttachments(db(), draft)).toEqual([]);
    expect(await repo.searchPublicAttachments(db(), 'zebra', 10)).toEqual([]);
    const published = await publishNew();
    expect(await repo.publicAttachments(db(), published)).toEqual([]);
    const a = await addAttachment(
      db(),
      publisher,
      published,
      { data: await sampleDocx(['斑马线改造计划 Zebra']), filename: '计划.docx' },
      { correctionNote: '补充附件' },
    );
    expect((await repo.publicAttachments(db(), published)).map((x) => x.id)).toEqual([a]);
    const hits = await repo.searchPublicAttachments(db(), '斑马线', 10);
    expect(hits).toEqual([
      { document_id: published, title: '关于附件测试的通知（示例）', attachment_id: a, name: '计划.docx' },
    ]);
    expect(await repo.searchPublicAttachments(db(), '100%', 10)).toEqual([]);
  });
});
