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
const ROW = 30;

export interface ChartImage {
  title: string;
  png: Buffer;
  width: number; // CSS pixels of the drawing; the PNG holds twice as many for print
  height: number;
}

const points = (hundredths: number) => hundredths / 100;

/** Scores of units in rank order, as horizontal bars (the bottom-statement units in red, other negatives in gold). */
export function scoreOption(rows: readonly RankedRow[], bottomIds: ReadonlySet<number>) {
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    grid: { left: 8, right: 56, top: 12, bottom: 8 },
    xAxis: { type: 'value', axisLabel: { fontSize: 14 } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => `${r.rank}. ${r.unitName}`), axisLabel: { fontSize: 16 } },
    series: [
      {
        type: 'bar',
        name: '得分',
        barMaxWidth: 16,
        data: rows.map((r) => ({ value: points(r.score), itemStyle: { color: bottomIds.has(r.unitId) ? RED : r.score < 0 ? GOLD : BLUE } })),
        label: { show: true, position: 'right', fontSize: 14, formatter: (p: { value: number }) => p.value.toFixed(2) },
      },
    ],
  };
}

/** Completion and on-time rates of units with work, side by side. */
export function rateOption(rows: readonly RankedRow[]) {
  const worked = rows.filter((r) => r.issued > 0);
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    legend: { top: 4, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 15 } },
    grid: { left: 8, right: 24, top: 36, bottom: 8 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize: 14, formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: worked.map((r) => r.unitName), axisLabel: { fontSize: 16 } },
    series: [
      { type: 'bar', name: '完成率', barMaxWidth: 12, itemStyle: { color: GREEN }, data: worked.map((r) => r.closeRate ?? 0) },
      { type: 'bar', name: '按时完成率', barMaxWidth: 12, itemStyle: { color: GOLD }, data: worked.map((r) => r.onTimeRate ?? 0) },
    ],
  };
}

export const scoreHeight = (n: number) => Math.max(120, n * ROW + 40);
export const rateHeight = (n: number) => Math.max(140, n * (ROW + 8) + 60);
// A chart taller than this many units would not fit a page: it continues in the next image.
const PER_IMAGE = 36;
const chunks = <T>(list: readonly T[]) => Array.from({ length: Math.ceil(list.length / PER_IMAGE) }, (_, i) => list.slice(i * PER_IMAGE, (i + 1) * PER_IMAGE));

/** The units a chart shows: those with work issued in the month or a score other than zero (the rest score 0 alike). */
export const charted = (rows: readonly RankedRow[]) => rows.filter((r) => r.issued > 0 || r.score !== 0);

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

/**
 * The notice's charts: per group, the scores of the charted units, then the rates of the units with work; a long
 * group goes on in further images (titled 续). A group with nothing to chart has none.
 */
export async function noticeCharts(rows: readonly RankedRow[], groups: readonly ReviewGroup[], bottomIds: ReadonlySet<number>): Promise<ChartImage[]> {
  const charts: ChartImage[] = [];
  const titled = (title: string, i: number) => (i ? `${title}（续）` : title);
  for (const g of groups) {
    const shown = charted(rows.filter((r) => r.group === g));
    for (const [i, part] of chunks(shown).entries())
      charts.push(await render(titled(`${REVIEW_GROUP_LABELS[g]}得分`, i), scoreOption(part, bottomIds), scoreHeight(part.length)));
    for (const [i, part] of chunks(shown.filter((r) => r.issued > 0)).entries())
      charts.push(await render(titled(`${REVIEW_GROUP_LABELS[g]}完成率与按时完成率`, i), rateOption(part), rateHeight(part.length)));
  }
  return charts;
}
