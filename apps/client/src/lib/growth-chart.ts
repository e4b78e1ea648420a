/**
 * The growth chart as numbers and one SVG, pure: the WHO percentile curves (P3, P15, P50, P85, P97) of one
 * measure for the child's sex, the child's records as points, the scales and tick positions, and the
 * percentile of the latest record. The SVG holds only lines, paths and circles (no text: the axis labels
 * are Text views placed at `ticks`), so every target draws the same picture: inline on H5, as an image on
 * weapp, through react-native-svg on RN.
 */
import { type ChildSex, daysBetween, type GrowthMeasure, type GrowthRecord } from '@xiaojia/shared';
import {
  CURVES,
  DAYS_PER_MONTH,
  lmsAt,
  placeInStandard,
  STANDARD_MONTHS_MAX,
  valueAtZ,
} from '@xiaojia/shared/growth-standards';

export interface ChartSize {
  width: number;
  height: number;
  /** Room left for the y labels and below for the x labels, px. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export const CHART_SIZE: ChartSize = { width: 340, height: 240, left: 36, bottom: 22, top: 8, right: 8 };

export interface ChartPoint {
  recordId: string;
  date: string;
  months: number;
  value: number;
  x: number;
  y: number;
}

export interface ChartTick {
  value: number;
  /** Position along its axis, px. */
  at: number;
}

export interface GrowthChartModel {
  measure: GrowthMeasure;
  size: ChartSize;
  months: { min: number; max: number };
  values: { min: number; max: number };
  curves: { percentile: number; path: string }[];
  points: ChartPoint[];
  xTicks: ChartTick[];
  yTicks: ChartTick[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
/** The months a chart spans: the first year, then whole years up to the standards' five. */
const SPANS = [12, 24, 36, 48, STANDARD_MONTHS_MAX] as const;

/** The record's value of `measure`, or null. */
export function measuredValue(record: GrowthRecord, measure: GrowthMeasure): number | null {
  return record[measure];
}

/** Age in WHO months (30.4375 days) on `date`. */
export function ageMonths(birthday: string, date: string): number {
  return daysBetween(birthday, date) / DAYS_PER_MONTH;
}

/** A "nice" step (1, 2, 5 × 10ⁿ) giving about `count` ticks over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

/**
 * The chart of `measure` for a child of `sex` born on `birthday`: months from birth to a little past the
 * latest record (a whole year, or 2, … 5), values spanning the P3–P97 band and the points.
 */
export function growthChart(
  sex: ChildSex,
  measure: GrowthMeasure,
  birthday: string,
  records: readonly GrowthRecord[],
  size: ChartSize = CHART_SIZE,
): GrowthChartModel {
  const measured = records.flatMap((record) => {
    const value = measuredValue(record, measure);
    const months = ageMonths(birthday, record.date);
    return value !== null && months >= 0 && months <= STANDARD_MONTHS_MAX ? [{ record, value, months }] : [];
  });
  const latest = Math.max(0, ...measured.map((m) => m.months));
  const maxMonths = SPANS.find((span) => span >= latest + 2) ?? STANDARD_MONTHS_MAX;

  // The curves sampled twice a month (their bend in the first months needs it).
  const samples = Array.from({ length: maxMonths * 2 + 1 }, (_, i) => i / 2);
  const curveValues = CURVES.map((curve) =>
    samples.map((months) => {
      const lms = lmsAt(sex, measure, months * DAYS_PER_MONTH);
      return lms ? valueAtZ(curve.z, lms) : Number.NaN;
    }),
  );
  const all = [...curveValues.flat(), ...measured.map((m) => m.value)].filter(Number.isFinite);
  const step = niceStep(Math.max(...all) - Math.min(...all), 5);
  const min = Math.floor(Math.min(...all) / step) * step;
  const max = Math.ceil(Math.max(...all) / step) * step;

  const plotWidth = size.width - size.left - size.right;
  const plotHeight = size.height - size.top - size.bottom;
  const x = (months: number) => round1(size.left + (months / maxMonths) * plotWidth);
  const y = (value: number) => round1(size.top + (1 - (value - min) / (max - min)) * plotHeight);

  const monthStep = maxMonths <= 12 ? 3 : maxMonths <= 24 ? 6 : 12;
  return {
    measure,
    size,
    months: { min: 0, max: maxMonths },
    values: { min, max },
    curves: CURVES.map((curve, i) => ({
      percentile: curve.percentile,
      path: samples.map((months, j) => `${j === 0 ? 'M' : 'L'}${x(months)} ${y(curveValues[i]?.[j] ?? 0)}`).join(' '),
    })),
    points: measured
      .sort((a, b) => a.months - b.months)
      .map(({ record, value, months }) => ({
        recordId: record.id,
        date: record.date,
        months,
        value,
        x: x(months),
        y: y(value),
      })),
    xTicks: Array.from({ length: maxMonths / monthStep + 1 }, (_, i) => ({
      value: i * monthStep,
      at: x(i * monthStep),
    })),
    yTicks: Array.from({ length: Math.round((max - min) / step) + 1 }, (_, i) => {
      const value = round1(min + i * step);
      return { value, at: y(value) };
    }),
  };
}

export interface LatestPlace {
  record: GrowthRecord;
  value: number;
  /** Rounded for people: "<1" and ">99" at the ends; null outside the standards' 0–5 years. */
  percentile: string | null;
}

/** The latest record of `measure` and its percentile among children of that sex and age. */
export function latestPlace(
  sex: ChildSex,
  measure: GrowthMeasure,
  birthday: string,
  records: readonly GrowthRecord[],
): LatestPlace | null {
  const latest = [...records]
    .filter((record) => measuredValue(record, measure) !== null)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .at(-1);
  const value = latest ? measuredValue(latest, measure) : null;
  if (!latest || value === null) return null;
  const place = placeInStandard(sex, measure, daysBetween(birthday, latest.date), value);
  return { record: latest, value, percentile: place ? formatPercentile(place.percentile) : null };
}

export function formatPercentile(percentile: number): string {
  if (percentile < 1) return '<1';
  if (percentile > 99) return '>99';
  return String(Math.round(percentile));
}

export interface ChartPalette {
  grid: string;
  curve: string;
  median: string;
  point: string;
  pointRing: string;
}

/** The chart as an SVG document (lines, paths, circles; the labels are views over it). */
export function chartSvg(model: GrowthChartModel, palette: ChartPalette): string {
  const { width, height, left, right, top, bottom } = model.size;
  const grid = [
    ...model.xTicks.map((t) => `<line x1="${t.at}" y1="${top}" x2="${t.at}" y2="${height - bottom}"/>`),
    ...model.yTicks.map((t) => `<line x1="${left}" y1="${t.at}" x2="${width - right}" y2="${t.at}"/>`),
  ].join('');
  const curves = model.curves
    .map(
      (c) =>
        `<path d="${c.path}" fill="none" stroke="${c.percentile === 50 ? palette.median : palette.curve}" stroke-width="${c.percentile === 50 ? 2 : 1.2}"/>`,
    )
    .join('');
  const line =
    model.points.length > 1
      ? `<path d="${model.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ')}" fill="none" stroke="${palette.point}" stroke-width="2"/>`
      : '';
  const points = model.points
    .map(
      (p) =>
        `<circle cx="${p.x}" cy="${p.y}" r="3.5" fill="${palette.point}" stroke="${palette.pointRing}" stroke-width="1.5"/>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><g stroke="${palette.grid}" stroke-width="0.6">${grid}</g>${curves}${line}${points}</svg>`;
}

export const CHART_PALETTES: Record<'light' | 'dark', ChartPalette> = {
  light: { grid: '#e5d9cc', curve: '#b9a995', median: '#7a6a5b', point: '#e0703a', pointRing: '#ffffff' },
  dark: { grid: '#3d332b', curve: '#6f6154', median: '#b3a394', point: '#f08a55', pointRing: '#17130f' },
};
