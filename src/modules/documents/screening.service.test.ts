import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, draftInput } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import {
  approveReview,
  createDraft,
  getDocument,
  publishDocument,
  submitForReview,
  updateDraft,
} from './document.service.js';
import { idCardCheckDigit } from './screening.js';
import { dismissDocumentFinding, documentFindings, maskDocumentFinding } from './screening.service.js';

describe.each(dialects)('personal-data screening before publication on %s', (dialect) => {
  let t: TestApp;
  let publisher: Actor;
  let reviewer: Actor;
  let columnId: number;
  let orgId: number;
  // A valid ID number: Beijing 东城 110101, born 1980-01-01, sequence 123, check digit computed.
  const first17 = '11010119800101123';
  const idNumber = `${first17}${idCardCheckDigit(first17)}`;

  const actor = (username: string, permissions: string[]) => actorFor(t.deps.db, username, permissions);

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    publisher = await actor('publisher', ['documents.edit', 'documents.publish']);
    reviewer = await actor('secrecy', ['documents.review']);
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

  const input = (body: string) =>
    draftInput({
      column_id: columnId,
      title: '关于某项目补偿情况的公示（示例）',
      publisher_org_id: orgId,
      body,
    });

  it('blocks publication until every finding is masked or dismissed with a reason', async () => {
    const id = await createDraft(
      t.deps.db,
      publisher,
      input(`被征收人张某，身份证号${idNumber}。咨询电话：022-23456789。`),
    );
    await submitForReview(t.deps.db, publisher, id);
    const findings = await documentFindings(t.deps.db, id);
    expect(findings.map((f) => [f.kind, f.status])).toEqual([
      ['id_card', 'open'],
      ['landline', 'open'],
    ]);
    // The screening does not copy the personal data it found.
    expect(JSON.stringify(findings)).not.toContain(idNumber);
    await approveReview(t.deps.db, reviewer, id);
    await expect(publishDocument(t.deps.db, publisher, id)).rejects.toThrow(/2 处疑似个人信息/);

    const idFinding = findings.find((f) => f.kind === 'id_card')!;
    await maskDocumentFinding(t.deps.db, publisher, idFinding.id);
    const masked = await getDocument(t.deps.db, id);
    expect(masked.body).toContain('110101********');
    expect(masked.body).not.toContain(idNumber);

    const phone = (await documentFindings(t.deps.db, id)).find(
      (f) => f.kind === 'landline' && f.status === 'open',
    )!;
    await expect(dismissDocumentFinding(t.deps.db, publisher, phone.id, '办公电话')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(dismissDocumentFinding(t.deps.db, reviewer, phone.id, ' ')).rejects.toThrow(/必须说明理由/);
    await dismissDocumentFinding(t.deps.db, reviewer, phone.id, '本局公开的办公电话');

    await publishDocument(t.deps.db, publisher, id);
    expect((await getDocument(t.deps.db, id)).status).toBe('published');
    // Publication re-screened: the dismissal was kept, nothing is open.
    const after = await documentFindings(t.deps.db, id);
    expect(after.filter((f) => f.status === 'open')).toEqual([]);
    expect(after.map((f) => f.status).sort()).toEqual(['dismissed', 'masked']);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'document.finding%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'document.finding_dismissed',
      'document.finding_masked',
    ]);
  });

  it('refuses to mask text that changed since it was screened', async () => {
    const id = await createDraft(t.deps.db, publisher, input(`联系人手机13812345678。`));
    await submitForReview(t.deps.db, publisher, id);
    const [f] = await documentFindings(t.deps.db, id);
    expect(f?.kind).toBe('mobile');
    // Sent back and edited: the number moved.
    await t.deps.db.updateTable('documents').set({ status: 'draft' }).where('id', '=', id).execute();
    await updateDraft(t.deps.db, publisher, id, input(`请联系：手机13812345678。`));
    await expect(maskDocumentFinding(t.deps.db, publisher, f!.id)).rejects.toThrow(/内容已变化/);
  });

  it('lets a clean document through without any decision', async () => {
    const id = await createDraft(t.deps.db, publisher, input('本局将于下周开展机关开放日活动，欢迎报名。'));
    await submitForReview(t.deps.db, publisher, id);
    await approveReview(t.deps.db, reviewer, id);
    await publishDocument(t.deps.db, publisher, id);
    expect(await documentFindings(t.deps.db, id)).toEqual([]);
  });
});
