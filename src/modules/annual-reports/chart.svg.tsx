/**
 * Small charts for the statistics pages, drawn on the server as inline SVG: no script, no library, no
 * inline style (the CSP has style-src 'self'; SVG presentation attributes are not styles).
 *
 * Accessibility: each chart is a <figure> with a <figcaption>; the <svg> is role="img" named by its
 * <title> and described by a <desc> that states the extremes; the same numbers follow in a data table
 * inside <details> (WCAG 1.1.1). Bars are #0b4a8f (8.6:1 on white, over the 3:1 of WCAG 1.4.11) and every
 * bar carries its value in text (#1a1a1a), so no reading depends on colour or on judging lengths.
 */

import type { ComponentChildren } from 'preact';

export interface ChartDatum {
  label: string;
  value: number;
}

const BAR = '#0b4a8f';
const TEXT = '#1a1a1a';
const AXIS = '#4a4a4a';
const GRID = '#c8c8c8';
const FONT = 13;

const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const fmt = (v: number): string => (Number.isFinite(v) ? numberFormat.format(v) : '—');
const withUnit = (v: number, unit: string | undefined) => (unit ? `${fmt(v)} ${unit}` : fmt(v));

/** The axis: 0 to a round maximum in steps of 1, 2 or 5 × 10ⁿ (at least 1). All zero gives 0–1. */
export function niceScale(values: number[], steps = 4): { max: number; ticks: number[] } {
  const top = Math.max(0, ...values.filter(Number.isFinite));
  if (top === 0) return { max: 1, ticks: [0] };
  const raw = top / steps;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow);
  const max = Math.ceil(top / step) * step;
  return { max, ticks: Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step) };
}

/** Approximate text width: CJK and full-width characters 1 em, others 0.6 em. */
const textWidth = (s: string): number =>
  [...s].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? FONT : FONT * 0.6), 0);

/** A label cut to a width, ending in '…' when cut (the table keeps it whole). */
function truncate(s: string, width: number): string {
  if (textWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (textWidth(`${out + ch}…`) > width) break;
    out += ch;
  }
  return `${out}…`;
}

/** A stable id from the title, so that the same chart renders the same markup. */
function chartId(title: string): string {
  let h = 5381;
  for (const ch of title) h = ((h * 33) ^ ch.codePointAt(0)!) >>> 0;
  return `chart-${h.toString(36)}`;
}

function describe(data: ChartDatum[], unit: string | undefined): string {
  const finite = data.filter((d) => Number.isFinite(d.value));
  if (finite.every((d) => d.value === 0)) return `共 ${data.length} 项，数值均为 0。`;
  const max = finite.reduce((a, b) => (b.value > a.value ? b : a));
  const min = finite.reduce((a, b) => (b.value < a.value ? b : a));
  const sum = finite.reduce((s, d) => s + d.value, 0);
  return `共 ${data.length} 项，合计 ${withUnit(sum, unit)}；最高为“${max.label}”${withUnit(max.value, unit)}，最低为“${min.label}”${withUnit(min.value, unit)}。`;
}

interface FrameProps {
  id: string;
  title: string;
  data: ChartDatum[];
  unit: string | undefined;
  headLabel: string;
  width: number;
  height: number;
  children: ComponentChildren;
}

function Frame(p: FrameProps) {
  return (
    <figure class="chart" id={p.id}>
      <figcaption>{p.title}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${p.id}-title ${p.id}-desc`}
        viewBox={`0 0 ${p.width} ${p.height}`}
        width={p.width}
        height={p.height}
        font-size={FONT}
      >
        <title id={`${p.id}-title`}>{p.title}</title>
        <desc id={`${p.id}-desc`}>{describe(p.data, p.unit)}</desc>
        {p.children}
      </svg>
      <details>
        <summary>数据表</summary>
        <table>
          <caption>{p.title}</caption>
          <thead>
            <tr>
              <th scope="col">{p.headLabel}</th>
              <th scope="col">{p.unit ? `数值（${p.unit}）` : '数值'}</th>
            </tr>
          </thead>
          <tbody>
            {p.data.map((d, i) => (
              <tr key={i}>
                <th scope="row">{d.label}</th>
                <td>{fmt(d.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function Empty({ title }: { title: string }) {
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <p>暂无数据</p>
    </figure>
  );
}

/** Horizontal bars, one per category, labels on the left and values at the bar ends. */
export function BarChart(p: { title: string; data: ChartDatum[]; unit?: string; id?: string }) {
  if (!p.data.length) return <Empty title={p.title} />;
  const id = p.id ?? chartId(p.title);
  const scale = niceScale(p.data.map((d) => d.value));
  const labelW = Math.min(220, Math.max(56, ...p.data.map((d) => textWidth(d.label)))) + 8;
  const plotW = 360;
  const rowH = 28;
  const top = 8;
  const plotH = p.data.length * rowH;
  const width = labelW + plotW + 80;
  const height = top + plotH + 40;
  const x = (v: number) => labelW + (Math.max(0, v) / scale.max) * plotW;
  return (
    <Frame id={id} title={p.title} data={p.data} unit={p.unit} headLabel="项目" width={width} height={height}>
      {scale.ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={top} y2={top + plotH} stroke={GRID} />
          <text x={x(t)} y={top + plotH + 16} text-anchor="middle" fill={TEXT}>
            {fmt(t)}
          </text>
        </g>
      ))}
      <line x1={labelW} x2={labelW} y1={top} y2={top + plotH} stroke={AXIS} />
      <line x1={labelW} x2={labelW + plotW} y1={top + plotH} y2={top + plotH} stroke={AXIS} />
      {p.unit && (
        <text x={labelW + plotW} y={top + plotH + 34} text-anchor="end" fill={TEXT}>
          单位：{p.unit}
        </text>
      )}
      {p.data.map((d, i) => {
        const y = top + i * rowH;
        return (
          <g key={i}>
            <text x={labelW - 6} y={y + rowH / 2 + 4} text-anchor="end" fill={TEXT}>
              {truncate(d.label, labelW - 8)}
            </text>
            <rect
              class="bar"
              x={labelW}
              y={y + 5}
              width={x(d.value) - labelW}
              height={rowH - 10}
              fill={BAR}
            />
            <text x={x(d.value) + 4} y={y + rowH / 2 + 4} fill={TEXT}>
              {fmt(d.value)}
            </text>
          </g>
        );
      })}
    </Frame>
  );
}

/** '2025-03' → '2025年3月' (the table) and '3月' (the axis). */
const monthName = (m: string) => {
  const match = /^(\d{4})-(\d{2})$/.exec(m);
  return match
    ? { full: `${match[1]}年${Number(match[2])}月`, short: `${Number(match[2])}月`, year: match[1]! }
    : null;
};

/** Vertical bars for a series of months; the year is printed under the first month and each January. */
export function MonthChart(p: {
  title: string;
  months: { month: string; value: number }[];
  unit?: string;
  id?: string;
}) {
  if (!p.months.length) return <Empty title={p.title} />;
  const id = p.id ?? chartId(p.title);
  const data = p.months.map((m) => ({ label: monthName(m.month)?.full ?? m.month, value: m.value }));
  const scale = niceScale(data.map((d) => d.value));
  const left = Math.max(...scale.ticks.map((t) => textWidth(fmt(t)))) + 14;
  const colW = 44;
  const top = 30;
  const plotH = 180;
  const width = left + p.months.length * colW + 8;
  const height = top + plotH + 44;
  const y = (v: number) => top + plotH - (Math.max(0, v) / scale.max) * plotH;
  return (
    <Frame id={id} title={p.title} data={data} unit={p.unit} headLabel="月份" width={width} height={height}>
      {scale.ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={width - 8} y1={y(t)} y2={y(t)} stroke={GRID} />
          <text x={left - 6} y={y(t) + 4} text-anchor="end" fill={TEXT}>
            {fmt(t)}
          </text>
        </g>
      ))}
      <line x1={left} x2={left} y1={top} y2={top + plotH} stroke={AXIS} />
      <line x1={left} x2={width - 8} y1={top + plotH} y2={top + plotH} stroke={AXIS} />
      {p.unit && (
        <text x={4} y={12} fill={TEXT}>
          单位：{p.unit}
        </text>
      )}
      {p.months.map((m, i) => {
        const name = monthName(m.month);
        const cx = left + i * colW + colW / 2;
        const showYear = name && (i === 0 || name.short === '1月');
        return (
          <g key={m.month}>
            <rect
              class="bar"
              x={cx - 13}
              y={y(m.value)}
              width={26}
              height={top + plotH - y(m.value)}
              fill={BAR}
            />
            <text x={cx} y={y(m.value) - 4} text-anchor="middle" fill={TEXT}>
              {fmt(m.value)}
            </text>
            <text x={cx} y={top + plotH + 16} text-anchor="middle" fill={TEXT}>
              {name?.short ?? truncate(m.month, colW)}
            </text>
            {showYear && (
              <text x={cx} y={top + plotH + 34} text-anchor="middle" fill={TEXT}>
                {name.year}年
              </text>
            )}
          </g>
        );
      })}
    </Frame>
  );
}
