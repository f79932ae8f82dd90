import { describe, expect, it } from 'vitest';
import type { ExtraField } from './columns.catalogue.js';
import {
  extraDisplayRows,
  extraFromForm,
  formatExtraValue,
  parseExtraDefinitions,
  parseExtraValues,
  validateExtra,
} from './extra-fields.js';

const FIELDS: ExtraField[] = [
  { key: 'parcel_no', label: '宗地编号', type: 'text', required: true },
  { key: 'area', label: '面积', type: 'area', unit: '平方米', required: true },
  { key: 'price', label: '起始价', type: 'money', unit: '万元' },
  { key: 'floors', label: '层数', type: 'number' },
  { key: 'deal_on', label: '成交日期', type: 'date' },
  { key: 'method', label: '出让方式', type: 'select', options: ['招标', '拍卖', '挂牌'] },
];

const valid = { parcel_no: 'J2026-01', area: '12000' };

describe('validateExtra', () => {
  it('accepts valid values and keeps only known, non-empty keys', () => {
    const r = validateExtra(FIELDS, {
      ...valid,
      price: '3500.25',
      floors: '0',
      deal_on: '2024-02-29',
      method: '挂牌',
      unknown: 'x',
      winner: '',
    });
    expect(r.errors).toBeNull();
    expect(r.values).toEqual({
      parcel_no: 'J2026-01',
      area: '12000',
      price: '3500.25',
      floors: '0',
      deal_on: '2024-02-29',
      method: '挂牌',
    });
  });

  it('names each missing required field in Chinese, keyed by its form control', () => {
    expect(validateExtra(FIELDS, {}).errors).toEqual({
      extra_parcel_no: '宗地编号：必填',
      extra_area: '面积：必填',
    });
    expect(validateExtra(FIELDS, { parcel_no: '   ', area: '1' }).errors).toEqual({
      extra_parcel_no: '宗地编号：必填',
    });
  });

  it.each([
    ['1,234.5', '1234.5'],
    ['１２３４．５０', '1234.5'],
    ['007', '7'],
    ['0.0', '0'],
    ['100.00', '100'],
    ['10.0500', '10.05'],
    [' 42 ', '42'],
  ])('normalises the decimal %s to %s', (input, out) => {
    expect(validateExtra(FIELDS, { ...valid, price: input }).values.price).toBe(out);
  });

  it.each([
    ['-1', '起始价：不能为负数'],
    ['-0.5', '起始价：不能为负数'],
    ['abc', '起始价：应为不小于 0 的数字，最多 4 位小数（单位：万元）'],
    ['1.23456', '起始价：应为不小于 0 的数字，最多 4 位小数（单位：万元）'],
    ['1e5', '起始价：应为不小于 0 的数字，最多 4 位小数（单位：万元）'],
    ['12.', '起始价：应为不小于 0 的数字，最多 4 位小数（单位：万元）'],
    ['1234567890123456', '起始价：应为不小于 0 的数字，最多 4 位小数（单位：万元）'],
  ])('refuses the amount %s', (input, message) => {
    expect(validateExtra(FIELDS, { ...valid, price: input }).errors).toEqual({ extra_price: message });
  });

  it('checks areas and plain numbers the same way', () => {
    expect(validateExtra(FIELDS, { ...valid, area: '-3' }).errors).toEqual({
      extra_area: '面积：不能为负数',
    });
    expect(validateExtra(FIELDS, { ...valid, floors: '三' }).errors).toEqual({
      extra_floors: '层数：应为不小于 0 的数字，最多 4 位小数',
    });
  });

  it.each(['2025-02-29', '2026-13-01', '2026-1-1', '20260101', '2026/01/01', '2026-04-31'])(
    'refuses the date %s',
    (d) => {
      expect(validateExtra(FIELDS, { ...valid, deal_on: d }).errors).toEqual({
        extra_deal_on: '成交日期：应为有效日期，格式 YYYY-MM-DD',
      });
    },
  );

  it('accepts only the listed options of a select', () => {
    expect(validateExtra(FIELDS, { ...valid, method: '协议' }).errors).toEqual({
      extra_method: '出让方式：应为 招标、拍卖、挂牌 之一',
    });
  });

  it('limits text to 500 characters and refuses values that are not text', () => {
    expect(validateExtra(FIELDS, { ...valid, parcel_no: 'x'.repeat(501) }).errors).toEqual({
      extra_parcel_no: '宗地编号：不能超过 500 个字符',
    });
    expect(validateExtra(FIELDS, { ...valid, parcel_no: 'x'.repeat(500) }).errors).toBeNull();
    expect(validateExtra(FIELDS, { ...valid, method: ['招标'] }).errors).toEqual({
      extra_method: '出让方式：格式不正确',
    });
    expect(validateExtra(FIELDS, { ...valid, area: 12000 }).values.area).toBe('12000');
  });

  it('reports every bad field at once', () => {
    const r = validateExtra(FIELDS, { area: '-1', price: 'x', deal_on: 'y', method: 'z' });
    expect(Object.keys(r.errors ?? {}).sort()).toEqual(
      ['extra_area', 'extra_deal_on', 'extra_method', 'extra_parcel_no', 'extra_price'].sort(),
    );
  });
});

describe('parsing and display', () => {
  it('reads definitions and values defensively', () => {
    expect(parseExtraDefinitions('not json')).toEqual([]);
    expect(parseExtraDefinitions('{"key":"a"}')).toEqual([]);
    expect(parseExtraDefinitions('[{"key":"a","label":"甲","type":"text"},{"nope":1}]')).toHaveLength(1);
    expect(parseExtraValues('[1]')).toEqual({});
    expect(parseExtraValues('{"a":"1","b":2,"c":{"x":1}}')).toEqual({ a: '1', b: '2' });
    expect(parseExtraValues(null)).toEqual({});
  });

  it('collects extra_<key> form controls', () => {
    expect(extraFromForm({ extra_area: '5', extra_m: ['拍卖', 'x'], title: 't', _csrf: 'c' })).toEqual({
      area: '5',
      m: '拍卖',
    });
  });

  it('shows filled-in fields in definition order with their units', () => {
    expect(formatExtraValue(FIELDS[1]!, '12000')).toBe('12000 平方米');
    expect(formatExtraValue(FIELDS[0]!, 'J1')).toBe('J1');
    expect(extraDisplayRows(FIELDS, { price: '350.5', parcel_no: 'J1', method: '' })).toEqual([
      { key: 'parcel_no', label: '宗地编号', value: 'J1' },
      { key: 'price', label: '起始价', value: '350.5 万元' },
    ]);
  });
});
