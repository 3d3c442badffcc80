import * as echarts from 'echarts';

export type ChartOption = echarts.EChartsOption;

export interface ChartSize {
  width?: number;
  height?: number;
}

/** The palette every report uses, so a provider keeps its colour from chart to chart. */
export const PROVIDER_COLORS: Record<string, string> = {
  aws: '#ff9900',
  azure: '#0078d4',
  gcp: '#34a853',
  kvm: '#7e57c2',
  openstack: '#ed1944',
  vmware: '#607d8b',
};
const FALLBACK_COLORS = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4'];

export function colorFor(key: string, index = 0): string {
  return PROVIDER_COLORS[key] ?? FALLBACK_COLORS[index % FALLBACK_COLORS.length]!;
}

/**
 * An ECharts option rendered on the server to an SVG string (no DOM, no script): the report embeds it
 * inline, so the file opens offline and looks the same in every browser.
 */
export function renderChart(option: ChartOption, size: ChartSize = {}): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width ?? 820, height: size.height ?? 340 });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, -apple-system, Segoe UI, sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface BarSeries {
  name: string;
  data: number[];
  /** Bars with the same stack sit on top of each other. */
  stack?: string;
  color?: string;
}

/** Bars per category; stacked where series share a `stack`. */
export function barChart(input: { categories: string[]; series: BarSeries[]; yName?: string; valueFormat?: (v: number) => string; integer?: boolean }, size?: ChartSize): string {
  const format = input.valueFormat ?? ((v: number) => String(v));
  return renderChart(
    {
      legend: { top: 4, itemGap: 18 },
      grid: { left: 64, right: 24, top: 44, bottom: 40 },
      xAxis: { type: 'category', data: input.categories, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: input.yName, ...(input.integer && { minInterval: 1 }), axisLabel: { formatter: (v: number) => format(v) } },
      series: input.series.map((s, i) => ({
        type: 'bar' as const,
        name: s.name,
        data: s.data,
        ...(s.stack !== undefined && { stack: s.stack }),
        itemStyle: { color: s.color ?? colorFor(s.name, i) },
        label: { show: s.stack === undefined, position: 'top' as const, formatter: (p: { value: unknown }) => (Number(p.value) ? format(Number(p.value)) : '') },
      })),
    },
    size,
  );
}

export interface TimelineRow {
  /** The row's label (a VM, a wave). */
  label: string;
  /** Epoch ms. */
  start: number;
  end: number;
  /** Colour key and legend entry: `moved`, `rolled back`, `failed`, … */
  category: string;
}

/**
 * A Gantt chart: one bar per row from its start to its end, in seconds from the first start,
 * coloured by category (stacked bars on an invisible offset, which the SVG renderer draws as is).
 */
export function timelineChart(rows: TimelineRow[], colors: Record<string, string>, size?: ChartSize, markers: Array<{ at: number; label: string }> = []): string {
  const t0 = Math.min(...rows.map((r) => r.start));
  const categories = [...new Set(rows.map((r) => r.category))];
  const seconds = (ms: number) => Math.round(ms / 10) / 100;
  return renderChart(
    {
      legend: { top: 4, data: categories, itemGap: 18 },
      // Room for the longest row label, at about 7 px a character.
      grid: { left: Math.min(320, 24 + 7 * Math.max(...rows.map((r) => r.label.length))), right: 24, top: 52, bottom: 40 },
      xAxis: { type: 'value', name: 's', axisLabel: { formatter: '{value} s' } },
      yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true },
      series: [
        {
          type: 'bar',
          name: 'offset',
          stack: 'time',
          silent: true,
          itemStyle: { color: 'transparent' },
          data: rows.map((r) => seconds(r.start - t0)),
          // The category axis is inverted (first row on top), so the line's start is at the top.
          markLine: { symbol: 'none', lineStyle: { color: '#c53030', type: 'dashed' }, label: { formatter: '{b}', position: 'start' }, data: markers.map((m) => ({ name: m.label, xAxis: seconds(m.at - t0) })) },
        },
        ...categories.map((category, i) => ({
          type: 'bar' as const,
          name: category,
          stack: 'time',
          itemStyle: { color: colors[category] ?? colorFor(category, i) },
          data: rows.map((r) => (r.category === category ? seconds(Math.max(r.end - r.start, 50)) : 0)),
        })),
      ],
    },
    { width: size?.width ?? 820, height: size?.height ?? Math.max(200, 60 + rows.length * 26) },
  );
}
