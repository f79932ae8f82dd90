import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMNS, flattenColumns } from './columns.catalogue.js';

describe('the default column tree', () => {
  const all = flattenColumns(DEFAULT_COLUMNS);
  const names = all.map((c) => c.spec.name);

  it('has every column the work plan and issue 3 name', () => {
    for (const n of [
      '机构信息',
      '机构职能',
      '领导信息',
      '内设机构',
      '下属单位',
      '联系方式',
      '权责清单',
      '规划信息',
      '国土空间规划',
      '专项规划',
      '区域规划',
      '政策文件',
      '行政规范性文件',
      '其他文件',
      '政策解读',
      '财政资金',
      '预算',
      '决算',
      '政府采购',
      '征地信息',
      '土地供应',
      '供应计划',
      '出让公告',
      '成交公示',
      '供应结果',
      '矿业权出让转让',
      '行政许可结果',
      '建设工程设计方案总平面图',
      '规划资源许可',
      '矿业权登记',
      '海域海岛许可与论证报告',
      '行政执法公示',
      '行政复议决定书',
      '会议公开',
      '年度报告',
      '通知公告',
      '工作动态',
    ])
      expect(names, n).toContain(n);
  });

  it('gives every column a unique code and a basis', () => {
    const codes = all.map((c) => c.spec.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of all) {
      expect(c.spec.code).toMatch(/^[a-z]+$/);
      expect(c.spec.basis.length).toBeGreaterThan(3);
    }
  });

  it('types the extra fields of land supply and procurement', () => {
    const crgg = all.find((c) => c.spec.code === 'crgg')!.spec;
    expect(crgg.extraFields?.map((f) => f.label)).toEqual([
      '宗地编号',
      '位置',
      '面积',
      '用途',
      '出让方式',
      '起始价',
      '成交价',
      '竞得人',
    ]);
    const zfcg = all.find((c) => c.spec.code === 'zfcg')!.spec;
    expect(zfcg.extraFields?.map((f) => f.label)).toEqual([
      '项目编号',
      '预算金额',
      '采购方式',
      '中标供应商',
      '中标价格',
    ]);
    for (const c of all)
      for (const f of c.spec.extraFields ?? []) {
        expect(f.key).toMatch(/^[a-z_]+$/);
        if (f.type === 'select') expect(f.options?.length).toBeGreaterThan(1);
      }
  });

  it('marks policy columns as needing an interpretation', () => {
    const needing = all.filter((c) => c.spec.needsInterpretation).map((c) => c.spec.name);
    expect(needing).toEqual(['行政规范性文件', '其他文件']);
  });
});
