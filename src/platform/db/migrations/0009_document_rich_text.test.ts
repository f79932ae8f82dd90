import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/support/app.js';
import { dialects } from '../../../../test/support/db.js';
import { actorFor, columnIdOf, draftInput } from '../../../../test/support/factories.js';
import { createDraft } from '../../../modules/documents/index.js';
import { up } from './0009_document_rich_text.js';

describe.each(dialects)('migration 0009 (plain-text bodies become paragraphs) on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('converts plain-text bodies into escaped paragraphs and leaves HTML bodies alone', async () => {
    const db = t.deps.db;
    const actor = await actorFor(db, 'publisher', ['documents.edit']);
    const bureau = await db
      .selectFrom('orgs')
      .select('id')
      .where('kind', '=', 'bureau')
      .executeTakeFirstOrThrow();
    const draft = async () =>
      createDraft(
        db,
        actor,
        draftInput({ column_id: await columnIdOf(db, 'tzgg'), publisher_org_id: bureau.id, title: '旧文件' }),
      );
    const [plain, html] = [await draft(), await draft()];
    const legacy = '第一段第一行\n第一段第二行\r\n\r\n第二段：面积 < 100 & "示例"';
    await db.updateTable('documents').set({ body: legacy }).where('id', '=', plain).execute();
    await db
      .updateTable('documents')
      .set({ body: '<p>已经是 <strong>HTML</strong></p>' })
      .where('id', '=', html)
      .execute();
    await up(db as unknown as Kysely<unknown>);
    const body = async (id: number) =>
      (await db.selectFrom('documents').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body;
    expect(await body(plain)).toBe(
      '<p>第一段第一行<br />第一段第二行</p>\n<p>第二段：面积 &lt; 100 &amp; &quot;示例&quot;</p>',
    );
    expect(await body(html)).toBe('<p>已经是 <strong>HTML</strong></p>');
    // Running it again changes nothing: converted bodies have tags.
    await up(db as unknown as Kysely<unknown>);
    expect(await body(plain)).toContain('<p>第一段第一行');
  });
});
