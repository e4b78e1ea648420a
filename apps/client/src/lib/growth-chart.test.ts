import { describe, expect, it } from 'vitest';
import { growthRecord } from '../../test/support/children';
import {
  CHART_PALETTES,
  CHART_SIZE,
  chartSvg,
  formatPercentile,
  growthChart,
  latestPlace,
  niceStep,
} from './growth-chart';

const BIRTHDAY = '2025-01-01';
const records = [
  growthRecord('g1', 'c', '2025-01-01', { weightKg: 3.3464, heightCm: 49.9 }),
  growthRecord('g2', 'c', '2025-07-02', { weightKg: 7.934 }),
  growthRecord('g3', 'c', '2025-04-02', { headCm: 41 }),
];

describe('the growth chart model', () => {
  it('spans birth to a little past the latest record: the first year, or whole years up to five', () => {
    const chart = growthChart('boy', 'weightKg', BIRTHDAY, records);
    expect(chart.months).toEqual({ min: 0, max: 12 });
    expect(chart.xTicks.map((t) => t.value)).toEqual([0, 3, 6, 9, 12]);
    expect(chart.xTicks[0]?.at).toBe(CHART_SIZE.left);
    expect(chart.xTicks.at(-1)?.at).toBe(CHART_SIZE.width - CHART_SIZE.right);
    const older = growthChart('boy', 'weightKg', BIRTHDAY, [growthRecord('g', 'c', '2027-02-01', { weightKg: 13 })]);
    expect(older.months.max).toBe(36);
    expect(older.xTicks.map((t) => t.value)).toEqual([0, 12, 24, 36]);
    const late = growthChart('boy', 'weightKg', BIRTHDAY, [growthRecord('g', 'c', '2031-01-01', { weightKg: 25 })]);
    // Past 5 years a record is outside the standards: not drawn, and the chart stays at its first year.
    expect(late.points).toEqual([]);
    expect(late.months.max).toBe(12);
  });

  it('draws the five curves, P50 through the WHO medians, in the value scale', () => {
    const chart = growthChart('boy', 'weightKg', BIRTHDAY, records);
    expect(chart.curves.map((c) => c.percentile)).toEqual([3, 15, 50, 85, 97]);
    const { values, size } = chart;
    const yOf = (v: number) =>
      size.top + (1 - (v - values.min) / (values.max - values.min)) * (size.height - size.top - size.bottom);
    const median = chart.curves[2]?.path.split(' L') ?? [];
    // Samples twice a month from birth: the first at the birth median 3.3464 kg, the 13th at 6 months (7.934 kg).
    expect(median).toHaveLength(25);
    expect(median[0]).toBe(`M${CHART_SIZE.left} ${Math.round(yOf(3.3464) * 10) / 10}`);
    expect(Number(median[12]?.split(' ')[1])).toBeCloseTo(yOf(7.934), 0);
    // The band and the points fit in the scale, whose ends are multiples of its step.
    expect(values.min).toBeLessThanOrEqual(2.5);
    expect(values.max).toBeGreaterThanOrEqual(11.5);
    expect(chart.yTicks[0]?.at).toBe(size.height - size.bottom);
    expect(chart.yTicks.at(-1)?.at).toBe(size.top);
  });

  it("places the child's records of that measure only, in age order", () => {
    const chart = growthChart('boy', 'weightKg', BIRTHDAY, records);
    expect(chart.points.map((p) => [p.recordId, p.value])).toEqual([
      [records[0]?.id, 3.3464],
      [records[1]?.id, 7.934],
    ]);
    expect(chart.points[1]?.months).toBeCloseTo(182 / 30.4375, 6);
    const head = growthChart('girl', 'headCm', BIRTHDAY, records);
    expect(head.points.map((p) => p.recordId)).toEqual([records[2]?.id]);
  });

  it('makes one SVG of lines, paths and circles in the palette, without text', () => {
    const svg = chartSvg(growthChart('boy', 'weightKg', BIRTHDAY, records), CHART_PALETTES.dark);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="340" height="240"')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(6);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain(CHART_PALETTES.dark.point);
    expect(svg).not.toContain('<text');
  });

  it('picks nice steps', () => {
    expect(niceStep(9, 5)).toBe(2);
    expect(niceStep(60, 5)).toBe(20);
    expect(niceStep(4, 5)).toBe(1);
    expect(niceStep(0.3, 5)).toBeCloseTo(0.1, 9);
  });
});

describe('the latest percentile', () => {
  it('takes the latest record of the measure and its WHO percentile', () => {
    const weight = latestPlace('boy', 'weightKg', BIRTHDAY, records);
    expect(weight?.record.id).toBe(records[1]?.id);
    // 7.934 kg is the 6-month median; 182 days is 5.98 months, a hair older: still the 50th.
    expect(weight?.percentile).toBe('50');
    expect(latestPlace('boy', 'headCm', BIRTHDAY, [])).toBeNull();
    // 41 cm at 91 days: z = (41 / 40.51 − 1) / 0.0292 ≈ 0.41 against the 3-month LMS.
    expect(latestPlace('boy', 'headCm', BIRTHDAY, records)?.percentile).toBe('66');
  });

  it('says nothing of a percentile past 5 years, and rounds the ends', () => {
    const late = latestPlace('girl', 'heightCm', BIRTHDAY, [growthRecord('g', 'c', '2031-01-01', { heightCm: 120 })]);
    expect(late?.value).toBe(120);
    expect(late?.percentile).toBeNull();
    expect(formatPercentile(0.4)).toBe('<1');
    expect(formatPercentile(99.6)).toBe('>99');
    expect(formatPercentile(84.5)).toBe('85');
  });
});
