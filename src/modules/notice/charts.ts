// The notice's charts, drawn on the server: ECharts renders SVG without a browser (its SSR mode), sharp turns the SVG
// into a PNG a Word document can hold. The web page draws the same figures with the browser's ECharts.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import sharp from 'sharp';
import { REVIEW_GROUP_LABELS, type ReviewGroup } from '../../shared/labels.js';
import type { RankedRow } from './rules.js';

echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

// librsvg finds these through fontconfig (fonts-noto-cjk); without a CJK face the unit names would be boxes.
const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";
const BLUE = '#1f5fbf';
const GREEN = '#2e8b57';
const GOLD = '#d48806';
const RED = '#c8161d';
export const CHART_WIDTH = 800;
const ROW = 26;

export interface ChartImage {
  title: string;
  png: Buffer;
  width: number; // CSS pixels of the drawing; the PNG holds twice as many for print
  height: number;
}

const points = (hundredths: number) => hundredths / 100;

/** Scores of one group's units in rank order, as horizontal bars (the last ones in red). */
export function scoreOption(group: ReviewGroup, rows: readonly RankedRow[], bottomIds: ReadonlySet<number>) {
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: { text: `${REVIEW_GROUP_LABELS[group]}得分`, left: 'center', top: 4, textStyle: { fontSize: 16, fontFamily: FONT } },
    grid: { left: 8, right: 48, top: 40, bottom: 8 },
    xAxis: { type: 'value', axisLabel: { fontSize: 12 } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => `${r.rank}. ${r.unitName}`), axisLabel: { fontSize: 13 } },
    series: [
      {
        type: 'bar',
        name: '得分',
        barMaxWidth: 16,
        data: rows.map((r) => ({ value: points(r.score), itemStyle: { color: bottomIds.has(r.unitId) ? RED : r.score < 0 ? GOLD : BLUE } })),
        label: { show: true, position: 'right', fontSize: 12, formatter: (p: { value: number }) => p.value.toFixed(2) },
      },
    ],
  };
}

/** Completion and on-time rates of one group's units with work, side by side. */
export function rateOption(group: ReviewGroup, rows: readonly RankedRow[]) {
  const worked = rows.filter((r) => r.issued > 0);
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: { text: `${REVIEW_GROUP_LABELS[group]}完成率与按时完成率`, left: 'center', top: 4, textStyle: { fontSize: 16, fontFamily: FONT } },
    legend: { top: 30, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 48, top: 60, bottom: 8 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize: 12, formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: worked.map((r) => r.unitName), axisLabel: { fontSize: 13 } },
    series: [
      { type: 'bar', name: '完成率', barMaxWidth: 10, itemStyle: { color: GREEN }, data: worked.map((r) => r.closeRate ?? 0) },
      { type: 'bar', name: '按时完成率', barMaxWidth: 10, itemStyle: { color: GOLD }, data: worked.map((r) => r.onTimeRate ?? 0) },
    ],
  };
}

export const scoreHeight = (n: number) => Math.max(160, n * ROW + 60);
export const rateHeight = (n: number) => Math.max(180, n * (ROW + 8) + 80);

async function render(title: string, option: echarts.EChartsCoreOption, height: number): Promise<ChartImage> {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height });
  try {
    chart.setOption(option);
    const svg = chart.renderToSVGString();
    const png = await sharp(Buffer.from(svg), { density: 192 }).flatten({ background: '#ffffff' }).png().toBuffer();
    return { title, png, width: CHART_WIDTH, height };
  } finally {
    chart.dispose();
  }
}

/** The notice's charts: per group, the scores, then the rates (a group with no units has none). */
export async function noticeCharts(rows: readonly RankedRow[], groups: readonly ReviewGroup[], bottomIds: ReadonlySet<number>): Promise<ChartImage[]> {
  const charts: ChartImage[] = [];
  for (const g of groups) {
    const own = rows.filter((r) => r.group === g);
    if (!own.length) continue;
    charts.push(await render(`${REVIEW_GROUP_LABELS[g]}得分`, scoreOption(g, own, bottomIds), scoreHeight(own.length)));
    const worked = own.filter((r) => r.issued > 0).length;
    if (worked) charts.push(await render(`${REVIEW_GROUP_LABELS[g]}完成率与按时完成率`, rateOption(g, own), rateHeight(worked)));
  }
  return charts;
}
