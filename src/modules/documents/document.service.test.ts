import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, columnIdOf, draftInput } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import { DEFAULT_COLUMNS, flattenColumns } from './columns.catalogue.js';
import type { DraftInput } from './document.schema.js';
import {
  approveReview,
  changeValidity,
  createDraft,
  deleteDocument,
  documentEvents,
  documentRevisions,
  exemptFromInterpretation,
  getDocument,
  linkInterpretation,
  publishDocument,
  publishDue,
  rejectReview,
  reviseDocument,
  submitForReview,
  withdrawDocument,
} from './document.service.js';

describe.each(dialects)('the publishing workflow on %s', (dialect) => {
  let t: TestApp;
  let publisher: Actor;
  let reviewer: Actor;
  let column: (code: string) => Promise<number>;
  let orgId: number;

  const actor = (username: string, permissions: string[]) => actorFor(t.deps.db, username, permissions);

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    publisher = await actor('publisher', ['documents.edit', 'documents.publish', 'documents.withdraw']);
    reviewer = await actor('secrecy', ['documents.review']);
    column = (code) => columnIdOf(t.deps.db, code);
    const bureau = await t.deps.db
      .selectFrom('orgs')
      .select('id')
      .where('kind', '=', 'bureau')
      .executeTakeFirstOrThrow();
    orgId = bureau.id;
    // A valid GB 11714 organisation code (check character 8) as the 索引号 prefix.
    await t.deps.db.updateTable('orgs').set({ org_code: '123456788' }).where('id', '=', orgId).execute();
  });
  afterAll(async () => t?.close());

  const draft = async (overrides: Partial<DraftInput> = {}) =>
    draftInput({
      column_id: await column('tzgg'),
      title: '关于测试文件的通知（示例）',
      doc_number: '津规资发[2026]１２号',
      publisher_org_id: orgId,
      written_on: '2026-11-20',
      genre: '通知',
      summary: '测试',
      ...overrides,
    }) satisfies DraftInput;

  const publishNew = async (overrides: Partial<DraftInput> = {}) => {
    const id = await createDraft(t.deps.db, publisher, await draft(overrides));
    await submitForReview(t.deps.db, publisher, id);
    await approveReview(t.deps.db, reviewer, id);
    await publishDocument(t.deps.db, publisher, id);
    return id;
  };

  it('seeds the default column tree once', async () => {
    const cols = await t.deps.db.selectFrom('doc_columns').select(['code', 'parent_id']).execute();
    expect(cols.length).toBe(flattenColumns(DEFAULT_COLUMNS).length);
    expect(cols.find((c) => c.code === 'crgg')?.parent_id).toBe(await column('tdgy'));
  });

  it('goes 草稿 → 送审 → 保密审查 → 发布, records each step, and assigns the 索引号 once', async () => {
    const id = await createDraft(t.deps.db, publisher, await draft());
    expect((await getDocument(t.deps.db, id)).doc_number_norm).toBe('津规资发〔2026〕12号');
    await submitForReview(t.deps.db, publisher, id);
    await approveReview(t.deps.db, reviewer, id);
    await publishDocument(t.deps.db, publisher, id);
    const doc = await getDocument(t.deps.db, id);
    expect(doc.status).toBe('published');
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(doc.index_no).toMatch(new RegExp(`^123456788/${year}-\\d{5}$`));
    const events = await documentEvents(t.deps.db, id);
    expect(events.map((e) => [e.action, e.to_status])).toEqual([
      ['create', 'draft'],
      ['submit', 'in_review'],
      ['approve', 'approved'],
      ['publish', 'published'],
    ]);
    // A correction keeps the 索引号 and adds a version with its 更正说明.
    await reviseDocument(
      t.deps.db,
      publisher,
      id,
      await draft({ title: '关于测试文件的通知（更正）' }),
      '标题错字更正',
    );
    const revised = await getDocument(t.deps.db, id);
    expect(revised.index_no).toBe(doc.index_no);
    expect(revised.version).toBe(2);
    expect((await documentRevisions(t.deps.db, id)).map((r) => [r.version, r.correction_note])).toEqual([
      [1, null],
      [2, '标题错字更正'],
    ]);
  });

  it('hands out consecutive serials per prefix and year, never reusing one', async () => {
    const a = await getDocument(t.deps.db, await publishNew());
    const b = await getDocument(t.deps.db, await publishNew());
    const serial = (s: string | null) => Number(s?.split('-')[1]);
    expect(serial(b.index_no)).toBe(serial(a.index_no) + 1);
  });

  it('refuses skipped steps and states their reason in Chinese', async () => {
    const id = await createDraft(t.deps.db, publisher, await draft());
    await expect(publishDocument(t.deps.db, publisher, id)).rejects.toThrow(/不能发布/);
    await expect(approveReview(t.deps.db, reviewer, id)).rejects.toThrow(/不能保密审查通过/);
    await submitForReview(t.deps.db, publisher, id);
    await expect(rejectReview(t.deps.db, reviewer, id, '  ')).rejects.toThrow(/必须说明理由/);
    await rejectReview(t.deps.db, reviewer, id, '附件缺页');
    expect((await getDocument(t.deps.db, id)).status).toBe('draft');
    const events = await documentEvents(t.deps.db, id);
    expect(events.at(-1)).toMatchObject({ action: 'reject', reason: '附件缺页' });
  });

  it('keeps roles apart: no permission, no step; a reviewer cannot pass their own draft', async () => {
    await expect(createDraft(t.deps.db, reviewer, await draft())).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const both = await actor('admin', ['documents.edit', 'documents.review']);
    const id = await createDraft(t.deps.db, both, await draft());
    await submitForReview(t.deps.db, both, id);
    await expect(approveReview(t.deps.db, both, id)).rejects.toThrow(/不能审查自己起草的文件/);
  });

  it('never deletes a document that entered review or was published', async () => {
    const published = await publishNew();
    await expect(deleteDocument(t.deps.db, publisher, published)).rejects.toThrow(/不能删除/);
    const submitted = await createDraft(t.deps.db, publisher, await draft());
    await submitForReview(t.deps.db, publisher, submitted);
    await rejectReview(t.deps.db, reviewer, submitted, '重写');
    await expect(deleteDocument(t.deps.db, publisher, submitted)).rejects.toThrow(/不能删除/);
    const scratch = await createDraft(t.deps.db, publisher, await draft());
    await deleteDocument(t.deps.db, publisher, scratch);
    await expect(getDocument(t.deps.db, scratch)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await getDocument(t.deps.db, published)).toBeTruthy();
  });

  it('requires a 政策解读 (or a recorded exemption) before a policy document is published', async () => {
    const policy = await createDraft(
      t.deps.db,
      publisher,
      await draft({ column_id: await column('xzgfxwj'), title: '规范性文件（示例）' }),
    );
    await submitForReview(t.deps.db, publisher, policy);
    await approveReview(t.deps.db, reviewer, policy);
    await expect(publishDocument(t.deps.db, publisher, policy)).rejects.toThrow(/政策解读/);
    const interp = await publishNew({
      column_id: await column('zcjd'),
      title: '《规范性文件》政策解读（示例）',
    });
    await linkInterpretation(t.deps.db, publisher, policy, interp, 'text');
    await publishDocument(t.deps.db, publisher, policy);
    expect((await getDocument(t.deps.db, policy)).status).toBe('published');
    const other = await createDraft(
      t.deps.db,
      publisher,
      await draft({ column_id: await column('qtwj'), title: '其他文件（示例）' }),
    );
    await submitForReview(t.deps.db, publisher, other);
    await approveReview(t.deps.db, reviewer, other);
    await exemptFromInterpretation(t.deps.db, publisher, other, '内部工作安排，无需解读');
    await publishDocument(t.deps.db, publisher, other);
    expect((await getDocument(t.deps.db, other)).status).toBe('published');
  });

  it('marks validity with date, reason and successor, and withdraws with a tombstone', async () => {
    const old = await publishNew({ title: '旧办法（示例）' });
    const successor = await publishNew({ title: '新办法（示例）' });
    await changeValidity(t.deps.db, publisher, old, {
      validity: 'repealed',
      validity_changed_on: '2026-11-24',
      reason: '被新办法替代',
      successor_id: successor,
    });
    expect(await getDocument(t.deps.db, old)).toMatchObject({
      validity: 'repealed',
      successor_id: successor,
      status: 'published',
    });
    await expect(
      changeValidity(t.deps.db, publisher, old, {
        validity: 'repealed',
        validity_changed_on: '2026-11-24',
        reason: 'x',
        successor_id: old,
      }),
    ).rejects.toMatchObject({ fields: { successor_id: expect.any(String) } });
    await withdrawDocument(t.deps.db, publisher, successor, '误发');
    expect(await getDocument(t.deps.db, successor)).toMatchObject({
      status: 'withdrawn',
      withdrawn_reason: '误发',
    });
    expect((await getDocument(t.deps.db, successor)).index_no).toBeTruthy();
  });

  it('refuses to publish when the publisher has no valid 索引号 prefix', async () => {
    const division = await t.deps.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', '法规处')
      .executeTakeFirstOrThrow();
    const id = await createDraft(t.deps.db, publisher, await draft({ publisher_org_id: division.id }));
    await submitForReview(t.deps.db, publisher, id);
    await approveReview(t.deps.db, reviewer, id);
    await expect(publishDocument(t.deps.db, publisher, id)).rejects.toThrow(/索引号前段码/);
    expect((await getDocument(t.deps.db, id)).index_no).toBeNull();
  });

  it('publishes scheduled documents when their time comes, and not before', async () => {
    const id = await createDraft(t.deps.db, publisher, await draft({ title: '定时发布（示例）' }));
    await submitForReview(t.deps.db, publisher, id);
    await approveReview(t.deps.db, reviewer, id);
    const at = new Date(Date.now() + 3_600_000);
    await publishDocument(t.deps.db, publisher, id, { at });
    expect(await publishDue(t.deps.db, publisher)).toBe(0);
    expect((await getDocument(t.deps.db, id)).status).toBe('approved');
    expect(await publishDue(t.deps.db, publisher, new Date(at.getTime() + 1000))).toBe(1);
    expect((await getDocument(t.deps.db, id)).status).toBe('published');
  });

  it('rolls back the whole publication when any part fails', async () => {
    const id = await createDraft(t.deps.db, publisher, await draft());
    await submitForReview(t.deps.db, publisher, id);
    await approveReview(t.deps.db, reviewer, id);
    // Make the revision insert fail: a revision with that version already exists.
    await sql`INSERT INTO document_revisions (document_id, version, snapshot, created_at) VALUES (${id}, 1, '{}', '2026-01-01T00:00:00.000Z')`.execute(
      t.deps.db,
    );
    await expect(publishDocument(t.deps.db, publisher, id)).rejects.toThrow();
    const doc = await getDocument(t.deps.db, id);
    expect(doc.status).toBe('approved');
    expect(doc.index_no).toBeNull();
  });
});
