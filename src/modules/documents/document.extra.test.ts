import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, columnIdOf, draftInput } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import { isAppError } from '../../platform/errors.js';
import { createDraft, getDocument, reviseDocument, updateDraft } from './document.service.js';
import { screenStoredDocument } from './screening.service.js';

/** The services store typed extra fields and sanitised bodies whoever calls them (console, seed, import). */
describe.each(dialects)('extra fields and rich text in the document services on %s', (dialect) => {
  let t: TestApp;
  let author: Actor;
  let bureau: number;
  let land: number;
  let notice: number;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    author = await actorFor(t.deps.db, 'publisher', ['documents.edit', 'documents.publish']);
    bureau = (
      await t.deps.db.selectFrom('orgs').select('id').where('kind', '=', 'bureau').executeTakeFirstOrThrow()
    ).id;
    land = await columnIdOf(t.deps.db, 'crgg');
    notice = await columnIdOf(t.deps.db, 'tzgg');
  });
  afterAll(async () => t?.close());

  const input = (extra?: Record<string, unknown>, column = land) =>
    draftInput({
      column_id: column,
      publisher_org_id: bureau,
      title: '出让公告',
      ...(extra ? { extra } : {}),
    });
  const fieldsOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (isAppError(e)) return e.fields;
      throw e;
    }
    return undefined;
  };

  it('validates extra values against the column and stores them normalised', async () => {
    expect(await fieldsOf(createDraft(t.deps.db, author, input({ area: '-1' })))).toEqual({
      extra_parcel_no: '宗地编号：必填',
      extra_location: '位置：必填',
      extra_area: '面积：不能为负数',
    });
    const id = await createDraft(
      t.deps.db,
      author,
      input({ parcel_no: 'J1', location: '东', area: '１２００.50', deal_price: '', ghost: 'x' }),
    );
    expect(JSON.parse((await getDocument(t.deps.db, id)).extra)).toEqual({
      parcel_no: 'J1',
      location: '东',
      area: '1200.5',
    });
  });

  it('keeps stored extra values when a caller sends none, and drops those the new column does not define', async () => {
    const id = await createDraft(t.deps.db, author, input({ parcel_no: 'J2', location: '西', area: '10' }));
    await updateDraft(t.deps.db, author, id, { ...input(), title: '改标题' });
    expect(JSON.parse((await getDocument(t.deps.db, id)).extra)).toMatchObject({ parcel_no: 'J2' });
    await updateDraft(t.deps.db, author, id, input(undefined, notice));
    expect((await getDocument(t.deps.db, id)).extra).toBe('{}');
    // A caller that does not manage extra fields may create a draft without them (demo seed, import).
    const bare = await createDraft(t.deps.db, author, input());
    expect((await getDocument(t.deps.db, bare)).extra).toBe('{}');
  });

  it('stores bodies as sanitised HTML and screens their text and link targets, not the rest of the markup', async () => {
    const id = await createDraft(t.deps.db, author, {
      ...input(undefined, notice),
      body: '<p onclick="x()">电话 <a href="/files/13900139000">13800138000</a><script>13700137000</script></p>',
    });
    const doc = await getDocument(t.deps.db, id);
    expect(doc.body).toBe(
      '<p>电话 <a href="/files/13900139000" rel="noopener noreferrer nofollow">13800138000</a></p>',
    );
    // The link target is published too, so it is screened; the removed script is not.
    expect(await screenStoredDocument(t.deps.db, id)).toEqual({ open: 2 });
    const found = await t.deps.db
      .selectFrom('document_findings')
      .selectAll()
      .where('document_id', '=', id)
      .orderBy('start_pos')
      .execute();
    expect(found.map((f) => [f.field, f.masked])).toEqual([
      ['body', '139****9000'],
      ['body', '138****8000'],
    ]);
  });

  it('refuses a correction whose body is nothing once sanitised', async () => {
    const id = await createDraft(t.deps.db, author, input(undefined, notice));
    await t.deps.db.updateTable('documents').set({ status: 'published' }).where('id', '=', id).execute();
    expect(
      await fieldsOf(
        reviseDocument(
          t.deps.db,
          author,
          id,
          { ...input(undefined, notice), body: '<style>x</style>' },
          '改',
        ),
      ),
    ).toEqual({ body: '正文：清除不安全的内容后为空，请填写正文' });
    expect((await getDocument(t.deps.db, id)).version).toBe(1);
  });
});
