import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { dialects } from '../../test/support/db.js';
import { EXE, PNG, samplePdf } from '../../test/support/samples.js';
import type { AttachHook } from '../modules/documents/index.js';
import { importDocumentsFile } from './import.js';

/** `gongkai import documents` in process: outcomes, idempotency, each kind of bad line, atomicity. */

const dir = mkdtempSync(path.join(tmpdir(), 'gk-import-'));
mkdirSync(path.join(dir, 'files'));
writeFileSync(path.join(dir, 'files', 'a.pdf'), '%PDF-1.4\n');
let n = 0;

function file(lines: (object | string)[]): string {
  n += 1;
  const f = path.join(dir, `import-${n}.jsonl`);
  writeFileSync(f, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return f;
}

const base = (id: string, extra: Record<string, unknown> = {}) => ({
  externalId: id,
  title: `标题 ${id}`,
  column: 'gzdt',
  publishedAt: '2019-06-01',
  body: `<p>正文 ${id}</p>`,
  ...extra,
});

describe.each(dialects)('gongkai import documents on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  }, 120_000);
  afterAll(async () => t?.close());

  const db = () => t.deps.db;
  const run = (f: string, options: { as?: string; attach?: AttachHook } = {}) =>
    importDocumentsFile(db(), f, options);
  const doc = (externalId: string) =>
    db().selectFrom('documents').selectAll().where('external_id', '=', externalId).executeTakeFirst();
  const count = async (table: 'documents' | 'audit_log' | 'doc_columns' | 'document_revisions') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const columnOf = async (id: number) =>
    db().selectFrom('doc_columns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('publishes good lines with their historical date, column, issuer and original 索引号', async () => {
    const f = file([
      base('h-1', {
        column: '土地供应/供应计划',
        issuer: '市规划资源局',
        indexNo: '123456788/2019-00012',
        docNumber: '示规资发〔2019〕12号',
        category: '国土资源',
        summary: '概述',
        validity: '废止',
      }),
      base('h-2', { column: '出让公告' }),
      base('h-3', { column: 'crgg', publishedAt: '2019-12-31' }),
    ]);
    const { summary, errors } = await run(f);
    expect(errors).toEqual([]);
    expect(summary).toMatchObject({ created: 3, updated: 0, unchanged: 0, failed: 0, columns: [] });
    const d1 = (await doc('h-1'))!;
    expect(d1).toMatchObject({
      status: 'published',
      index_no: '123456788/2019-00012',
      published_at: '2019-05-31T16:00:00.000Z',
      formed_on: '2019-06-01',
      doc_number: '示规资发〔2019〕12号',
      topic: '国土资源',
      validity: 'repealed',
      version: 1,
    });
    expect((await columnOf(d1.column_id)).code).toBe('gyjh');
    expect((await columnOf((await doc('h-2'))!.column_id)).code).toBe('crgg');
    // Without an issuer the bureau (top of the tree) publishes; numbers continue after the imported serial.
    expect((await doc('h-2'))!.index_no).toBe('123456788/2019-00013');
    expect((await doc('h-3'))!.index_no).toBe('123456788/2019-00014');
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'document.imported')
      .where('target_id', '=', String(d1.id))
      .executeTakeFirstOrThrow();
    expect(audit.actor_name).toContain('命令行导入');
    expect(audit.actor_id).toBeNull();
    const events = await db()
      .selectFrom('document_events')
      .selectAll()
      .where('document_id', '=', d1.id)
      .execute();
    expect(events.map((e) => e.action)).toEqual(['import']);
  });

  it('changes nothing when the same file is imported again', async () => {
    const f = file([base('i-1'), base('i-2')]);
    expect((await run(f)).summary.created).toBe(2);
    const before = [await count('documents'), await count('audit_log'), await count('document_revisions')];
    const again = await run(f);
    expect(again.summary).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 0 });
    expect([await count('documents'), await count('audit_log'), await count('document_revisions')]).toEqual(
      before,
    );
  });

  it('turns a changed line into a revision and keeps the 索引号', async () => {
    await run(file([base('r-1')]));
    const first = (await doc('r-1'))!;
    const { summary } = await run(file([base('r-1', { title: '新标题', validity: 'expired' })]));
    expect(summary).toMatchObject({ updated: 1, created: 0 });
    const after = (await doc('r-1'))!;
    expect(after).toMatchObject({ id: first.id, title: '新标题', validity: 'expired', version: 2 });
    expect(after.index_no).toBe(first.index_no);
    const revisions = await db()
      .selectFrom('document_revisions')
      .selectAll()
      .where('document_id', '=', first.id)
      .orderBy('version')
      .execute();
    expect(revisions.map((r) => [r.version, r.correction_note])).toEqual([
      [1, null],
      [2, '依据原系统数据更新'],
    ]);
    const audit = await db()
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'document.import_updated')
      .where('target_id', '=', String(first.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!).fields).toEqual(['title', 'validity']);
    // A different 索引号 for the same document is refused: it is never regenerated.
    const changed = await run(file([base('r-1', { indexNo: '123456788/2019-00099' })]));
    expect(changed.errors[0]).toMatch(/^第 1 行：索引号 indexNo：与已导入的索引号 .* 不同/);
    expect((await doc('r-1'))!.index_no).toBe(first.index_no);
  });

  it('reports every bad line with its number and reason, and imports the good ones', async () => {
    await run(file([base('taken', { indexNo: '123456788/2018-00001' })]));
    const f = file([
      base('ok-1'),
      '{"externalId": "broken", ',
      { ...base('no-title'), title: undefined },
      base('bad-date', { publishedAt: '2019-02-30' }),
      base('bad-format', { publishedAt: '2019/02/01' }),
      base('bad-validity', { validity: '作废' }),
      base('long', { title: '长'.repeat(301) }),
      base('ok-1', { title: '重复' }),
      base('who', { issuer: '不存在的局' }),
      base('bad-index', { indexNo: '12345/2019-1' }),
      base('used-index', { indexNo: '123456788/2018-00001' }),
      base('no-file', { attachments: [{ name: '附件', path: 'files/missing.pdf' }] }),
      base('outside', { attachments: [{ name: '附件', path: '../secret.pdf' }] }),
      base('bad-attachments', { attachments: 'a.pdf' }),
      '[1, 2]',
      base('wrong-type', { title: 123 }),
      base('ok-2', { attachments: [{ name: '附件', path: 'files/a.pdf' }] }),
    ]);
    const { summary, errors } = await run(f);
    expect(summary).toMatchObject({ created: 2, failed: 15 });
    const expected: [number, RegExp][] = [
      [2, /不是有效的 JSON/],
      [3, /标题 title：必填/],
      [4, /发布日期 publishedAt：不是有效日期/],
      [5, /发布日期 publishedAt：格式应为 YYYY-MM-DD/],
      [6, /有效性 validity：应为 valid、有效/],
      [7, /标题 title：不能超过 300 个字符/],
      [8, /外部编号 externalId“ok-1”与第 1 行重复/],
      [9, /发布机构 issuer：机构“不存在的局”不存在/],
      [10, /索引号 indexNo：格式应为/],
      [11, /索引号 indexNo：123456788\/2018-00001 已被其他文件使用/],
      [12, /附件 attachments\[0\]：文件不存在/],
      [13, /不能指向导入文件所在目录之外/],
      [14, /附件 attachments：应为 \[\{"name","path"\}\] 数组/],
      [15, /每行应为一个 JSON 对象/],
      [16, /标题 title：应为字符串/],
    ];
    expect(errors).toHaveLength(expected.length);
    for (const [i, [line, re]] of expected.entries()) {
      expect(errors[i]).toMatch(new RegExp(`^第 ${line} 行：`));
      expect(errors[i]).toMatch(re);
    }
    expect(await doc('ok-1')).toMatchObject({ title: '标题 ok-1' });
    expect(await doc('ok-2')).toBeDefined();
    for (const id of ['no-title', 'bad-date', 'who', 'used-index', 'no-file'])
      expect(await doc(id)).toBeUndefined();
  });

  it('creates unknown columns under 其他, once, and reports them', async () => {
    const { summary } = await run(
      file([base('c-1', { column: '信访工作' }), base('c-2', { column: '信访工作' })]),
    );
    expect(summary).toMatchObject({ created: 2, columns: ['信访工作'] });
    const column = await columnOf((await doc('c-1'))!.column_id);
    expect(column.name).toBe('信访工作');
    expect((await columnOf(column.parent_id!)).name).toBe('其他');
    expect((await doc('c-2'))!.column_id).toBe(column.id);
    // Imported again, the same text finds the column it created.
    const again = await run(file([base('c-3', { column: '信访工作' })]));
    expect(again.summary.columns).toEqual([]);
    expect((await doc('c-3'))!.column_id).toBe(column.id);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'column.created')
      .execute();
    expect(audit).toHaveLength(2); // 其他 and 信访工作
  });

  it('stores attachments checked by content with their text, keeps re-imports idempotent and fails a bad file whole', async () => {
    writeFileSync(path.join(dir, 'files', 'plan.pdf'), samplePdf(['Supply plan parcel ONE']));
    writeFileSync(path.join(dir, 'files', 'plan-v2.pdf'), samplePdf(['Supply plan revised TWO']));
    writeFileSync(path.join(dir, 'files', 'site.png'), PNG);
    writeFileSync(path.join(dir, 'files', 'fake.pdf'), EXE);
    const attachmentsOf = async (externalId: string, status = 'active') =>
      db()
        .selectFrom('document_attachments')
        .selectAll()
        .where('document_id', '=', (await doc(externalId))!.id)
        .where('status', '=', status as 'active')
        .orderBy('position')
        .execute();
    const line = (files: { name: string; path: string; alt?: string }[]) =>
      base('att-1', { attachments: files });
    const first = await run(
      file([
        line([
          { name: '供应计划.pdf', path: 'files/plan.pdf' },
          { name: '宗地位置图.png', path: 'files/site.png' },
        ]),
      ]),
    );
    expect(first.errors).toEqual([]);
    const stored = await attachmentsOf('att-1');
    expect(stored.map((a) => [a.name, a.kind, a.mime, a.position])).toEqual([
      ['供应计划.pdf', 'pdf', 'application/pdf', 1],
      ['宗地位置图.png', 'image', 'image/png', 2],
    ]);
    expect(stored[0]!.extracted_text).toContain('parcel ONE');
    // No description in the source: the image is described by its name.
    expect(stored[1]!.alt_text).toBe('宗地位置图');
    // The same files again: nothing changes. Without the key: attachments are left alone.
    const again = await run(
      file([
        line([
          { name: '供应计划.pdf', path: 'files/plan.pdf' },
          { name: '宗地位置图.png', path: 'files/site.png' },
        ]),
      ]),
    );
    expect(again.summary).toMatchObject({ unchanged: 1, updated: 0 });
    expect((await run(file([base('att-1')]))).summary).toMatchObject({ unchanged: 1 });
    // A new version of the file: the document is updated, the old attachments kept but retired.
    const version = (await doc('att-1'))!.version;
    const changed = await run(file([line([{ name: '供应计划.pdf', path: 'files/plan-v2.pdf', alt: '' }])]));
    expect(changed.summary).toMatchObject({ updated: 1 });
    expect((await doc('att-1'))!.version).toBe(version + 1);
    const now = await attachmentsOf('att-1');
    expect(now.map((a) => a.extracted_text)).toEqual([expect.stringContaining('revised TWO')]);
    expect(await attachmentsOf('att-1', 'removed')).toHaveLength(2);
    // A file that is not what its name says fails the line, and the line writes nothing.
    const before = await count('documents');
    const bad = await run(
      file([base('att-2', { attachments: [{ name: '方案.pdf', path: 'files/fake.pdf' }] })]),
    );
    expect(bad.errors).toEqual([
      expect.stringMatching(/^第 1 行：附件 attachments\[0\]（方案\.pdf）：附件文件：只能上传/),
    ]);
    expect(await doc('att-2')).toBeUndefined();
    expect(await count('documents')).toBe(before);
  });

  it('leaves nothing behind when a line fails late (column, document, serial, audit all rolled back)', async () => {
    const before = {
      documents: await count('documents'),
      audit: await count('audit_log'),
      columns: await count('doc_columns'),
      revisions: await count('document_revisions'),
      serials: await db().selectFrom('index_serials').selectAll().orderBy('prefix').orderBy('year').execute(),
    };
    const failingAttach: AttachHook = async () => {
      throw Object.assign(
        new (await import('../platform/errors.js')).AppError('VALIDATION_FAILED', {
          message: '附件类型不允许',
        }),
      );
    };
    const { summary, errors } = await run(
      file([
        base('late-1', {
          column: '全新栏目',
          publishedAt: '2017-01-05',
          attachments: [{ name: '附件', path: 'files/a.pdf' }],
        }),
      ]),
      { attach: failingAttach },
    );
    expect(summary).toMatchObject({ created: 0, failed: 1, columns: [] });
    expect(errors).toEqual(['第 1 行：附件类型不允许']);
    expect({
      documents: await count('documents'),
      audit: await count('audit_log'),
      columns: await count('doc_columns'),
      revisions: await count('document_revisions'),
      serials: await db().selectFrom('index_serials').selectAll().orderBy('prefix').orderBy('year').execute(),
    }).toEqual(before);
  });

  it('imports as a named user with --as, and refuses a user who may not publish', async () => {
    const { summary } = await run(file([base('as-1')]), { as: 'publisher' });
    expect(summary.created).toBe(1);
    const publisher = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'publisher')
      .executeTakeFirstOrThrow();
    expect((await doc('as-1'))!.created_by).toBe(publisher.id);
    const denied = await run(file([base('as-2')]), { as: 'auditor' });
    expect(denied.summary.failed).toBe(1);
    expect(denied.errors[0]).toContain('发布');
    expect(await doc('as-2')).toBeUndefined();
  });
});
