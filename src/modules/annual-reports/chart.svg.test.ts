import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { BarChart, MonthChart, niceScale } from './chart.svg.js';

const attr = (tag: string, name: string) => Number(new RegExp(`\\s${name}="([^"]+)"`).exec(tag)![1]);
const bars = (html: string) => [...html.matchAll(/<rect class="bar"[^>]*>/g)].map((m) => m[0]);

describe('BarChart', () => {
  const data = [
    { label: '予以公开', value: 40 },
    { label: '部分公开', value: 10 },
    { label: '不予公开', value: 20 },
  ];
  const html = render(h(BarChart, { title: '办理结果', data, unit: '件' }));

  it('draws one bar per item, lengths in proportion to the values, each value printed', () => {
    const widths = bars(html).map((b) => attr(b, 'width'));
    expect(widths).toHaveLength(3);
    expect(widths[0]! / widths[1]!).toBeCloseTo(4);
    expect(widths[2]! / widths[1]!).toBeCloseTo(2);
    for (const d of data) expect(html).toContain(`>${d.value}</text>`);
    expect(html).toContain('单位：件');
  });

  it('is a named figure with title, description and the same numbers in a data table', () => {
    expect(html).toMatch(
      /^<figure class="chart" id="chart-[a-z0-9]+"><figcaption>办理结果<\/figcaption><svg role="img"/,
    );
    const id = /id="(chart-[a-z0-9]+)"/.exec(html)![1];
    expect(html).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
    expect(html).toContain(`<title id="${id}-title">办理结果</title>`);
    expect(html).toContain('合计 70 件；最高为“予以公开”40 件，最低为“部分公开”10 件。');
    expect(html).toMatch(/<\/svg><details><summary>数据表<\/summary><table>/);
    expect(html).toContain('<th scope="col">数值（件）</th>');
    expect(html).toContain('<tr><th scope="row">部分公开</th><td>10</td></tr>');
    expect(html).toContain('fill="#0b4a8f"');
    expect(html).not.toContain('style=');
  });

  it('escapes labels', () => {
    const out = render(h(BarChart, { title: 'A & <B>', data: [{ label: '<script>"x"&', value: 1 }] }));
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<B>');
    expect(out).toContain('&lt;script>');
    expect(out).toContain('&amp;');
    expect(out).toMatch(/&lt;script>(&quot;|")x(&quot;|")&amp;/);
  });

  it('says 暂无数据 for no data and draws zero bars without dividing by zero', () => {
    const empty = render(h(BarChart, { title: '空', data: [] }));
    expect(empty).toBe('<figure class="chart"><figcaption>空</figcaption><p>暂无数据</p></figure>');
    const zero = render(
      h(BarChart, {
        title: '零',
        data: [
          { label: 'a', value: 0 },
          { label: 'b', value: 0 },
        ],
      }),
    );
    expect(zero).not.toMatch(/NaN|Infinity/);
    expect(bars(zero).map((b) => attr(b, 'width'))).toEqual([0, 0]);
    expect(zero).toContain('共 2 项，数值均为 0。');
  });

  it('cuts long labels on the chart but keeps them whole in the table', () => {
    const label = '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请';
    const out = render(h(BarChart, { title: '长', data: [{ label, value: 3 }] }));
    expect(out).toMatch(/<text[^>]*>[^<]+…<\/text>/);
    expect(out).toContain(`<th scope="row">${label}</th>`);
  });
});

describe('MonthChart', () => {
  const months = [
    { month: '2025-11', value: 12 },
    { month: '2025-12', value: 6 },
    { month: '2026-01', value: 3 },
    { month: '2026-02', value: 0 },
  ];
  const html = render(h(MonthChart, { title: '每月收到的申请', months, unit: '件' }));

  it('draws one bar per month, heights in proportion, and stands on one baseline', () => {
    const b = bars(html);
    expect(b).toHaveLength(4);
    const heights = b.map((r) => attr(r, 'height'));
    expect(heights[0]! / heights[1]!).toBeCloseTo(2);
    expect(heights[1]! / heights[2]!).toBeCloseTo(2);
    expect(heights[3]).toBe(0);
    const bottoms = b.map((r) => attr(r, 'y') + attr(r, 'height'));
    expect(new Set(bottoms).size).toBe(1);
  });

  it('labels months and years on the axis and in full in the table', () => {
    expect(html).toContain('>11月</text>');
    expect(html).toContain('>2025年</text>');
    expect(html).toContain('>2026年</text>');
    expect(html.match(/>\d{4}年<\/text>/g)).toHaveLength(2);
    expect(html).toContain('<tr><th scope="row">2026年1月</th><td>3</td></tr>');
    expect(html).toContain('<th scope="col">月份</th>');
  });

  it('handles no months and all-zero months', () => {
    expect(render(h(MonthChart, { title: '空', months: [] }))).toContain('<p>暂无数据</p>');
    const zero = render(h(MonthChart, { title: '零', months: [{ month: '2025-01', value: 0 }] }));
    expect(zero).not.toMatch(/NaN|Infinity/);
    expect(bars(zero).map((r) => attr(r, 'height'))).toEqual([0]);
  });
});

describe('niceScale', () => {
  it('rounds the axis up to steps of 1, 2 or 5 × 10ⁿ, in whole units', () => {
    expect(niceScale([40, 10])).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] });
    expect(niceScale([859])).toEqual({ max: 1000, ticks: [0, 500, 1000] });
    expect(niceScale([0.3])).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale([3])).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(niceScale([0, 0])).toEqual({ max: 1, ticks: [0] });
    expect(niceScale([])).toEqual({ max: 1, ticks: [0] });
  });
});
