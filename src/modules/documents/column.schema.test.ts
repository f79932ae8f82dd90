import { describe, expect, it } from 'vitest';
import { parseInput } from '../../platform/http/validation.js';
import {
  COLUMN_LABELS,
  columnSchema,
  type ExtraFieldRow,
  extraFieldRows,
  splitOptions,
  validateExtraFields,
} from './column.schema.js';
import { DEFAULT_COLUMNS, flattenColumns } from './columns.catalogue.js';

const row = (r: Partial<ExtraFieldRow> & { row: number }): ExtraFieldRow => ({
  key: '',
  label: '',
  type: 'text',
  required: false,
  options: '',
  unit: '',
  ...r,
});

describe('column input', () => {
  it('accepts URL-safe lower-case codes and refuses the rest', () => {
    const parse = (code: string) => () => parseInput(columnSchema, { name: '栏目', code }, COLUMN_LABELS);
    for (const ok of ['tdgy', 'a', 'zcwj-2021', 'x1']) expect(parse(ok)().code).toBe(ok);
    for (const bad of ['TDGY', '1abc', '-abc', 'a b', 'a/b', 'a_b', '中文', 'a'.repeat(41), 'guide', 'api'])
      expect(parse(bad), bad).toThrow(/栏目代码/);
  });

  it('reads the parent and the 解读 checkbox', () => {
    const v = parseInput(
      columnSchema,
      { name: '栏目', code: 'lm', parent_id: '7', needs_interpretation: '1' },
      {},
    );
    expect(v).toMatchObject({ parent_id: 7, needs_interpretation: true, basis: '' });
    expect(parseInput(columnSchema, { name: '栏目', code: 'lm', parent_id: '' }, {})).toMatchObject({
      parent_id: null,
      needs_interpretation: false,
    });
    expect(() =>
      parseInput(columnSchema, { name: '栏目', code: 'lm', parent_id: 'x' }, COLUMN_LABELS),
    ).toThrow(/上级栏目/);
  });

  it('every default column has a code the editor would accept', () => {
    for (const { spec } of flattenColumns(DEFAULT_COLUMNS))
      expect(() => parseInput(columnSchema, { name: spec.name, code: spec.code }, {})).not.toThrow();
  });
});

describe('extra-field definitions', () => {
  it('reads positional form rows and drops blank ones', () => {
    const rows = extraFieldRows({
      rows: '4',
      key_0: ' parcel_no ',
      label_0: '宗地编号',
      type_0: 'text',
      required_0: '1',
      type_1: 'text',
      key_2: 'price',
      label_2: '价格',
      type_2: 'money',
      unit_2: '万元',
    });
    expect(rows.map((r) => [r.row, r.key, r.required])).toEqual([
      [0, 'parcel_no', true],
      [2, 'price', false],
    ]);
  });

  it('splits select options on new lines and Chinese or Latin separators', () => {
    expect(splitOptions('住宅、商服\n工业, 仓储，其他;a；b')).toEqual([
      '住宅',
      '商服',
      '工业',
      '仓储',
      '其他',
      'a',
      'b',
    ]);
  });

  it('builds typed definitions from valid rows', () => {
    const { fields, errors } = validateExtraFields([
      row({ row: 0, key: '_n', label: '甲', type: 'number', unit: '宗' }),
      row({ row: 1, key: 'use', label: '乙', type: 'select', options: '一、二', required: true }),
    ]);
    expect(errors).toEqual({});
    expect(fields).toEqual([
      { key: '_n', label: '甲', type: 'number', unit: '宗' },
      { key: 'use', label: '乙', type: 'select', options: ['一', '二'], required: true },
    ]);
  });

  it.each([
    [{ key: 'Parcel' }, 'key_0', '字段代码：只能使用小写字母'],
    [{ key: '9a' }, 'key_0', '不能以数字开头'],
    [{ key: 'a-b' }, 'key_0', '只能使用小写字母、数字和下划线'],
    [{ key: '' }, 'key_0', '字段代码：必填'],
    [{ key: 'a'.repeat(41) }, 'key_0', '不能超过 40 个字符'],
    [{ label: '' }, 'label_0', '显示名称：必填'],
    [{ type: 'blob' }, 'type_0', '类型：请选择'],
    [{ type: 'select' }, 'options_0', '至少需要一个选项'],
    [{ type: 'select', options: '甲、甲' }, 'options_0', '有重复的选项'],
    [{ type: 'date', options: '甲' }, 'options_0', '只有下拉选择类型可以设置选项'],
    [{ type: 'text', unit: '元' }, 'unit_0', '只有数字、金额、面积类型可以设置单位'],
    [{ type: 'money', unit: '元'.repeat(11) }, 'unit_0', '单位：不能超过 10 个字符'],
  ])('refuses %j', (change, cell, message) => {
    const { errors } = validateExtraFields([
      row({ row: 0, key: 'f', label: '字段', ...change } as ExtraFieldRow),
    ]);
    expect(errors[cell]).toContain(message);
    expect(errors[cell]).toMatch(/^第 1 行/);
  });

  it('refuses duplicate keys and labels, naming the later row', () => {
    const { errors } = validateExtraFields([
      row({ row: 0, key: 'a', label: '甲' }),
      row({ row: 3, key: 'a', label: '甲' }),
    ]);
    expect(errors).toEqual({ key_3: '第 4 行字段代码：“a”重复', label_3: '第 4 行显示名称：“甲”重复' });
  });

  it('allows at most 30 fields', () => {
    const many = Array.from({ length: 31 }, (_, i) => row({ row: i, key: `f${i}`, label: `字段${i}` }));
    expect(validateExtraFields(many).errors.rows).toContain('最多 30 个');
    expect(validateExtraFields(many.slice(0, 30)).errors).toEqual({});
  });
});
