import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, columnIdOf, draftInput } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/index.js';
import { parseExtraFields } from './column.schema.js';
import { approveReview, createDraft, publishDocument, submitForReview } from './document.service.js';

const columnForm = (p: Record<string, string>) => ({ name: '', code: '', parent_id: '', basis: '', ...p });

const column = (db: Db, code: string) =>
  db.selectFrom('doc_columns').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

const audits = (db: Db, action: string, targetId: number) =>
  db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('target_id', '=', String(targetId))
    .execute();

const idFrom = (location: unknown) => Number(String(location).match(/\/console\/columns\/(\d+)/)?.[1]);

describe.each(dialects)('console 栏目管理 on %s', (dialect) => {
  let t: TestApp;
  let db: Db;
  let admin: Browser;
  let publisher: Actor;
  let reviewer: Actor;
  let bureauId: number;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    db = t.deps.db;
    admin = new Browser(t.app);
    await admin.login('admin');
    publisher = await actorFor(db, 'publisher', ['documents.edit', 'documents.publish']);
    reviewer = await actorFor(db, 'secrecy', ['documents.review']);
    bureauId = (
      await db.selectFrom('orgs').select('id').where('kind', '=', 'bureau').executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t?.close());

  const draft = (code: string, title: string) =>
    columnIdOf(db, code).then((column_id) =>
      createDraft(db, publisher, draftInput({ column_id, title, publisher_org_id: bureauId })),
    );
  const publish = async (code: string, title: string) => {
    const id = await draft(code, title);
    await submitForReview(db, publisher, id);
    await approveReview(db, reviewer, id);
    await publishDocument(db, publisher, id);
    return id;
  };
  const create = async (p: Record<string, string>) => {
    const res = await admin.post('/console/columns', columnForm(p), { page: '/console/columns/new' });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    return idFrom(res.headers.location);
  };

  describe('access', () => {
    it('is for columns.manage only: anonymous to login, publisher and auditor forbidden', async () => {
      expect((await t.app.inject({ url: '/console/columns' })).headers.location).toMatch(/^\/console\/login/);
      for (const user of ['publisher', 'auditor']) {
        const b = new Browser(t.app);
        await b.login(user);
        expect((await b.get('/console/columns')).statusCode).toBe(403);
        const tdgy = await column(db, 'tdgy');
        expect((await b.post(`/console/columns/${tdgy.id}/hide`, {})).statusCode).toBe(403);
      }
      expect((await column(db, 'tdgy')).hidden).toBe(0);
    });

    it('refuses a form without its CSRF token', async () => {
      const res = await admin.post('/console/columns', columnForm({ name: '无令牌', code: 'wlp' }), {
        csrf: null,
      });
      expect(res.statusCode).toBe(403);
      expect(
        await db.selectFrom('doc_columns').select('id').where('code', '=', 'wlp').executeTakeFirst(),
      ).toBeUndefined();
    });
  });

  it('shows the whole tree with codes, document counts and flags', async () => {
    const res = await admin.get('/console/columns');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    for (const name of ['机构信息', '土地供应', '出让公告', '行政规范性文件', '工作动态'])
      expect(body).toContain(name);
    expect(body.indexOf('土地供应')).toBeLessThan(body.indexOf('出让公告'));
    expect((await admin.get('/console/columns/new')).statusCode).toBe(200);
  });

  describe('create and edit', () => {
    it('creates a column under a parent, last among its siblings, audited', async () => {
      const tdgy = await column(db, 'tdgy');
      const id = await create({
        name: '协议出让（测试）',
        code: 'xycr',
        parent_id: String(tdgy.id),
        basis: '测试',
      });
      const row = await column(db, 'xycr');
      expect(row).toMatchObject({
        id,
        parent_id: tdgy.id,
        name: '协议出让（测试）',
        hidden: 0,
        needs_interpretation: 0,
      });
      const siblings = await db
        .selectFrom('doc_columns')
        .select('sort_order')
        .where('parent_id', '=', tdgy.id)
        .execute();
      expect(row.sort_order).toBe(Math.max(...siblings.map((s) => s.sort_order)));
      expect(await audits(db, 'column.created', id)).toHaveLength(1);
    });

    it('validates the code: format, uniqueness and reserved words, each in Chinese', async () => {
      const cases: [string, RegExp][] = [
        ['Bad Code', /只能使用小写字母、数字和连字符/],
        ['1abc', /以字母开头/],
        ['tdgy', /已被栏目“土地供应”使用/],
        ['guide', /系统保留/],
        ['', /栏目代码：必填/],
      ];
      for (const [code, message] of cases) {
        const res = await admin.post('/console/columns', columnForm({ name: '校验', code }), {
          page: '/console/columns/new',
        });
        expect(res.statusCode, code).toBe(400);
        expect(res.body, code).toMatch(message);
        expect(res.body).toContain('class="error-summary"');
      }
      const res = await admin.post('/console/columns', columnForm({ code: 'okcode' }), {
        page: '/console/columns/new',
      });
      expect(res.body).toContain('栏目名称：必填');
    });

    it('renames and recodes an empty column; once it holds a document its code is frozen', async () => {
      const id = await create({ name: '临时栏目', code: 'lslm' });
      let res = await admin.post(
        `/console/columns/${id}`,
        columnForm({ name: '临时栏目（改名）', code: 'lslm-2' }),
        {
          page: `/console/columns/${id}`,
        },
      );
      expect(res.statusCode).toBe(303);
      expect((await column(db, 'lslm-2')).name).toBe('临时栏目（改名）');
      await draft('lslm-2', '草稿也算文件');
      res = await admin.post(`/console/columns/${id}`, columnForm({ name: '临时栏目', code: 'lslm-3' }), {
        page: `/console/columns/${id}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('栏目下已有 1 份文件');
      expect((await column(db, 'lslm-2')).name).toBe('临时栏目（改名）');
      res = await admin.post(
        `/console/columns/${id}`,
        columnForm({ name: '临时栏目（再改名）', code: 'lslm-2' }),
        {
          page: `/console/columns/${id}`,
        },
      );
      expect(res.statusCode).toBe(303);
      expect((await column(db, 'lslm-2')).name).toBe('临时栏目（再改名）');
      expect(await audits(db, 'column.updated', id)).toHaveLength(2);
    });

    it('sets the needs-interpretation flag, which then gates publication', async () => {
      const id = await create({ name: '规范性文件（测试）', code: 'gfxwj-test', needs_interpretation: '1' });
      expect((await column(db, 'gfxwj-test')).needs_interpretation).toBe(1);
      const doc = await draft('gfxwj-test', '须解读的政策');
      await submitForReview(db, publisher, doc);
      await approveReview(db, reviewer, doc);
      await expect(publishDocument(db, publisher, doc)).rejects.toThrow(/政策解读/);
      await admin.post(
        `/console/columns/${id}`,
        columnForm({ name: '规范性文件（测试）', code: 'gfxwj-test' }),
        {
          page: `/console/columns/${id}`,
        },
      );
      expect((await column(db, 'gfxwj-test')).needs_interpretation).toBe(0);
      await publishDocument(db, publisher, doc);
    });
  });

  describe('reorder and move', () => {
    it('moves a column up and down among its siblings only', async () => {
      const order = async () =>
        (
          await db
            .selectFrom('doc_columns')
            .select('code')
            .where('parent_id', '=', (await column(db, 'ghxx')).id)
            .orderBy('sort_order')
            .orderBy('id')
            .execute()
        ).map((r) => r.code);
      expect(await order()).toEqual(['gtkjgh', 'zxgh', 'qygh']);
      const zxgh = await column(db, 'zxgh');
      let res = await admin.post(
        `/console/columns/${zxgh.id}/move`,
        { direction: 'up' },
        { page: '/console/columns' },
      );
      expect(res.statusCode).toBe(303);
      expect(await order()).toEqual(['zxgh', 'gtkjgh', 'qygh']);
      await admin.post(`/console/columns/${zxgh.id}/move`, { direction: 'up' }, { page: '/console/columns' });
      expect(await order()).toEqual(['zxgh', 'gtkjgh', 'qygh']);
      await admin.post(
        `/console/columns/${zxgh.id}/move`,
        { direction: 'down' },
        { page: '/console/columns' },
      );
      await admin.post(
        `/console/columns/${zxgh.id}/move`,
        { direction: 'down' },
        { page: '/console/columns' },
      );
      expect(await order()).toEqual(['gtkjgh', 'qygh', 'zxgh']);
      res = await admin.post(
        `/console/columns/${zxgh.id}/move`,
        { direction: 'sideways' },
        { page: '/console/columns' },
      );
      expect(res.statusCode).toBe(400);
      // The move past the top changed nothing and is not audited.
      expect(await audits(db, 'column.reordered', zxgh.id)).toHaveLength(3);
    });

    it('moves a column under another parent, and refuses itself or a descendant (no cycles)', async () => {
      const tdgy = await column(db, 'tdgy');
      const crgg = await column(db, 'crgg');
      for (const parent of [tdgy.id, crgg.id]) {
        const res = await admin.post(
          `/console/columns/${tdgy.id}`,
          columnForm({ name: '土地供应', code: 'tdgy', parent_id: String(parent) }),
          { page: `/console/columns/${tdgy.id}` },
        );
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain('上级栏目：不能选择本栏目或其下级栏目');
      }
      expect((await column(db, 'tdgy')).parent_id).toBeNull();
      const zfcg = await column(db, 'zfcg');
      const res = await admin.post(
        `/console/columns/${crgg.id}`,
        columnForm({ name: '出让公告', code: 'crgg', parent_id: String(zfcg.id) }),
        { page: `/console/columns/${crgg.id}` },
      );
      expect(res.statusCode).toBe(303);
      expect((await column(db, 'crgg')).parent_id).toBe(zfcg.id);
      expect(await audits(db, 'column.moved', crgg.id)).toHaveLength(1);
      // and back
      await admin.post(
        `/console/columns/${crgg.id}`,
        columnForm({ name: '出让公告', code: 'crgg', parent_id: String(tdgy.id) }),
        {
          page: `/console/columns/${crgg.id}`,
        },
      );
      expect((await column(db, 'crgg')).parent_id).toBe(tdgy.id);
    });
  });

  describe('hide and show', () => {
    it('takes a hidden column and its subtree out of /xxgk and /api/v1, keeping its documents', async () => {
      const docId = await publish('gyjh', '2026 年国有建设用地供应计划（测试）');
      const tdgy = await column(db, 'tdgy');
      const visible = async () => {
        const api = (await t.app.inject({ url: '/api/v1/columns' })).json() as { items: { code: string }[] };
        return api.items.map((c) => c.code);
      };
      expect(await visible()).toEqual(expect.arrayContaining(['tdgy', 'gyjh']));
      expect((await t.app.inject({ url: '/xxgk' })).body).toContain('href="/xxgk/tdgy"');

      const res = await admin.post(
        `/console/columns/${tdgy.id}/hide`,
        {},
        { page: `/console/columns/${tdgy.id}` },
      );
      expect(res.statusCode).toBe(303);
      expect((await column(db, 'gyjh')).hidden).toBe(1);
      const codes = await visible();
      expect(codes).not.toContain('tdgy');
      expect(codes).not.toContain('gyjh');
      expect(codes).not.toContain('crgg');
      expect(codes).toContain('zfcg');
      const catalogue = (await t.app.inject({ url: '/xxgk' })).body;
      expect(catalogue).not.toContain('href="/xxgk/tdgy"');
      expect(catalogue).not.toContain('href="/xxgk/gyjh"');
      expect((await t.app.inject({ url: '/xxgk/tdgy' })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/xxgk/gyjh' })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/api/v1/documents?column=gyjh' })).statusCode).toBe(400);
      // The document is kept and still has its own address.
      expect((await t.app.inject({ url: `/documents/${docId}` })).statusCode).toBe(200);
      expect(await audits(db, 'column.hidden', tdgy.id)).toHaveLength(1);

      // A child cannot be shown while its parent is hidden.
      const gyjh = await column(db, 'gyjh');
      const refused = await admin.post(
        `/console/columns/${gyjh.id}/show`,
        {},
        { page: `/console/columns/${gyjh.id}` },
      );
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('上级栏目已隐藏');
      expect((await column(db, 'gyjh')).hidden).toBe(1);

      await admin.post(`/console/columns/${tdgy.id}/show`, {}, { page: `/console/columns/${tdgy.id}` });
      expect(await visible()).toEqual(expect.arrayContaining(['tdgy', 'gyjh', 'crgg']));
      expect((await t.app.inject({ url: '/xxgk/gyjh' })).statusCode).toBe(200);
      expect(await audits(db, 'column.shown', tdgy.id)).toHaveLength(1);
    });

    it('creates a column hidden when its parent is hidden', async () => {
      const parent = await create({ name: '隐藏的上级', code: 'ycsj' });
      await admin.post(`/console/columns/${parent}/hide`, {}, { page: `/console/columns/${parent}` });
      await create({ name: '隐藏的下级', code: 'ycxj', parent_id: String(parent) });
      expect((await column(db, 'ycxj')).hidden).toBe(1);
    });
  });

  describe('delete', () => {
    it('refuses a column with children or documents, in Chinese, and deletes an empty one', async () => {
      const tdgy = await column(db, 'tdgy');
      let res = await admin.post(
        `/console/columns/${tdgy.id}/delete`,
        {},
        { page: `/console/columns/${tdgy.id}` },
      );
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('下还有 5 个下级栏目，不能删除');
      const gyjh = await column(db, 'gyjh');
      res = await admin.post(
        `/console/columns/${gyjh.id}/delete`,
        {},
        { page: `/console/columns/${gyjh.id}` },
      );
      expect(res.statusCode).toBe(409);
      expect(res.body).toMatch(/下还有 1 份文件（含草稿和已发布文件），不能删除/);
      expect(await column(db, 'gyjh')).toBeDefined();

      const id = await create({ name: '待删除', code: 'dsc' });
      res = await admin.post(`/console/columns/${id}/delete`, {}, { page: `/console/columns/${id}` });
      expect(res.statusCode).toBe(303);
      expect(
        await db.selectFrom('doc_columns').select('id').where('id', '=', id).executeTakeFirst(),
      ).toBeUndefined();
      expect(await audits(db, 'column.deleted', id)).toHaveLength(1);
      expect((await admin.get(`/console/columns/${id}`)).statusCode).toBe(404);
    });
  });

  describe('extra fields', () => {
    const row = (
      i: number,
      f: Partial<Record<'key' | 'label' | 'type' | 'required' | 'options' | 'unit', string>>,
    ) => Object.fromEntries(Object.entries(f).map(([k, v]) => [`${k}_${i}`, v]));
    const save = (id: number, rows: Record<string, string>[]) =>
      admin.post(`/console/columns/${id}/fields`, Object.assign({ rows: String(rows.length + 2) }, ...rows), {
        page: `/console/columns/${id}/fields`,
      });

    it('saves typed definitions', async () => {
      const id = await create({ name: '字段测试', code: 'zdcs' });
      expect((await admin.get(`/console/columns/${id}/fields`)).statusCode).toBe(200);
      const res = await save(id, [
        row(0, { key: 'parcel_no', label: '宗地编号', type: 'text', required: '1' }),
        row(1, { key: 'area', label: '面积', type: 'area', unit: '平方米' }),
        row(2, { key: 'land_use', label: '用途', type: 'select', options: '住宅、商服\n工业' }),
        row(3, { key: 'deal_on', label: '成交日期', type: 'date' }),
      ]);
      expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
      expect(parseExtraFields((await column(db, 'zdcs')).extra_fields)).toEqual([
        { key: 'parcel_no', label: '宗地编号', type: 'text', required: true },
        { key: 'area', label: '面积', type: 'area', unit: '平方米' },
        { key: 'land_use', label: '用途', type: 'select', options: ['住宅', '商服', '工业'] },
        { key: 'deal_on', label: '成交日期', type: 'date' },
      ]);
      expect(await audits(db, 'column.fields_changed', id)).toHaveLength(1);
      const api = (await t.app.inject({ url: '/api/v1/columns' })).json() as {
        items: { code: string; extraFields: unknown[] }[];
      };
      expect(api.items.find((c) => c.code === 'zdcs')?.extraFields).toHaveLength(4);
    });

    it('refuses bad definitions with a message per cell, saving nothing', async () => {
      const id = (await column(db, 'zdcs')).id;
      const before = (await column(db, 'zdcs')).extra_fields;
      const res = await save(id, [
        row(0, { key: '1abc', label: '坏代码', type: 'text' }),
        row(1, { key: 'dup', label: '甲', type: 'text' }),
        row(2, { key: 'dup', label: '乙', type: 'number' }),
        row(3, { key: 'kind', label: '类别', type: 'select' }),
        row(4, { key: 'note', label: '备注', type: 'text', options: '甲、乙' }),
        row(5, { key: 'day', label: '日期', type: 'date', unit: '天' }),
        row(6, { key: 'nolabel', type: 'text' }),
        row(7, { key: 'notype', label: '无类型' }),
      ]);
      expect(res.statusCode).toBe(400);
      for (const message of [
        '第 1 行字段代码：只能使用小写字母、数字和下划线',
        '第 3 行字段代码：“dup”重复',
        '第 4 行选项：下拉选择类型至少需要一个选项',
        '第 5 行选项：只有下拉选择类型可以设置选项',
        '第 6 行单位：只有数字、金额、面积类型可以设置单位',
        '第 7 行显示名称：必填',
        '第 8 行类型：请选择',
      ])
        expect(res.body).toContain(message);
      expect((await column(db, 'zdcs')).extra_fields).toBe(before);
    });

    it('keeps what documents hold: no removing a used field, changing its type or dropping a used option', async () => {
      const id = (await column(db, 'zdcs')).id;
      const doc = await draft('zdcs', '某地块出让（测试）');
      await db
        .updateTable('documents')
        .set({ extra: JSON.stringify({ parcel_no: 'A-01', land_use: '住宅', area: '' }) })
        .where('id', '=', doc)
        .execute();
      const before = (await column(db, 'zdcs')).extra_fields;
      // parcel_no removed (key renamed), land_use loses 住宅.
      let res = await save(id, [
        row(0, { key: 'parcel_code', label: '宗地编号', type: 'text' }),
        row(1, { key: 'area', label: '面积', type: 'area' }),
        row(2, { key: 'land_use', label: '用途', type: 'select', options: '商服、工业' }),
      ]);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('字段“宗地编号”（parcel_no）已有 1 份文件填写，不能删除');
      expect(res.body).toContain('已有文件使用的选项不能删除：住宅');
      // Type change of a used field.
      res = await save(id, [
        row(0, { key: 'parcel_no', label: '宗地编号', type: 'number' }),
        row(1, { key: 'land_use', label: '用途', type: 'select', options: '住宅、商服、工业' }),
      ]);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('不能修改类型');
      expect((await column(db, 'zdcs')).extra_fields).toBe(before);
      // Unused fields (area is empty, deal_on unused) may go; labels and options may change.
      res = await save(id, [
        row(0, { key: 'parcel_no', label: '宗地代码', type: 'text', required: '1' }),
        row(1, { key: 'land_use', label: '土地用途', type: 'select', options: '住宅、商服、工业、仓储' }),
      ]);
      expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
      expect(parseExtraFields((await column(db, 'zdcs')).extra_fields).map((f) => f.label)).toEqual([
        '宗地代码',
        '土地用途',
      ]);
    });
  });
});
