import { describe, expect, it } from 'vitest';
import { CURVES, DAYS_PER_MONTH, lmsAt, normalCdf, placeInStandard, valueAtZ, zScore } from './growth-standards.js';
import { WHO_LMS_MONTHLY } from './growth-standards-data.js';

const atMonth = (months: number) => months * DAYS_PER_MONTH;

describe('the WHO tables', () => {
  it('hold 61 months of each measure for each sex, as the WHO published them', () => {
    for (const sex of ['boy', 'girl'] as const) {
      for (const measure of ['weightKg', 'heightCm', 'headCm'] as const) {
        expect(WHO_LMS_MONTHLY[sex][measure]).toHaveLength(61);
      }
    }
    // Head circumference at birth: boys' median 34.4618 cm, girls' 33.8787 cm (tab_hcfa_*_z_0_5).
    expect(WHO_LMS_MONTHLY.boy.headCm[0]).toEqual([1, 34.4618, 0.03686]);
    expect(WHO_LMS_MONTHLY.girl.headCm[0]).toEqual([1, 33.8787, 0.03496]);
    // Read off the daily table at 30.4375 days: the WHO's monthly table says 37.2759 / 0.03133.
    expect(WHO_LMS_MONTHLY.boy.headCm[1]?.[1]).toBeCloseTo(37.2759, 3);
    expect(WHO_LMS_MONTHLY.boy.weightKg[0]).toEqual([0.3487, 3.3464, 0.14602]);
    expect(WHO_LMS_MONTHLY.girl.weightKg[9]).toEqual([-0.1507, 8.2254, 0.12199]);
    // Length lying to 23 months, height standing from 24 (the standing table's 24 months: 85.7153).
    expect(WHO_LMS_MONTHLY.girl.heightCm[24]).toEqual([1, 85.7153, 0.03764]);
    expect(WHO_LMS_MONTHLY.girl.heightCm[12]).toEqual([1, 74.015, 0.03479]);
  });

  it('interpolate between months by age in days and stop at 5 years', () => {
    const half = lmsAt('boy', 'weightKg', atMonth(0.5));
    expect(half?.[1]).toBeCloseTo((3.3464 + 4.4709) / 2, 6);
    expect(lmsAt('boy', 'weightKg', atMonth(60))?.[1]).toBeCloseTo(18.3366, 4);
    expect(lmsAt('boy', 'weightKg', atMonth(60) + 1)).toBeNull();
    expect(lmsAt('boy', 'weightKg', -1)).toBeNull();
    expect(lmsAt('boy', 'weightKg', Number.NaN)).toBeNull();
  });
});

describe('percentiles by the LMS method', () => {
  it('give Φ to the accuracy a percentile needs', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1.880794)).toBeCloseTo(0.03, 6);
    expect(normalCdf(1.036433)).toBeCloseTo(0.85, 6);
  });

  it("draw the curves on the WHO's published percentile tables (tab_*_p_*, to 0.1)", () => {
    // [sex, measure, month, P3, P15, P50, P85, P97] as the WHO's percentile tables print them.
    const published: ['boy' | 'girl', 'weightKg' | 'heightCm' | 'headCm', number, ...number[]][] = [
      ['boy', 'weightKg', 0, 2.5, 2.9, 3.3, 3.9, 4.3],
      ['boy', 'weightKg', 6, 6.4, 7.1, 7.9, 8.9, 9.7],
      ['boy', 'weightKg', 24, 9.8, 10.8, 12.2, 13.7, 15.1],
      ['boy', 'weightKg', 60, 14.3, 16, 18.3, 21.1, 23.8],
      ['girl', 'weightKg', 9, 6.6, 7.3, 8.2, 9.3, 10.4],
      ['girl', 'heightCm', 0, 45.6, 47.2, 49.1, 51.1, 52.7],
      ['girl', 'heightCm', 12, 69.2, 71.3, 74, 76.7, 78.9],
      ['girl', 'heightCm', 24, 79.6, 82.4, 85.7, 89.1, 91.8],
      ['girl', 'heightCm', 60, 100.5, 104.5, 109.4, 114.4, 118.4],
      ['girl', 'headCm', 0, 31.7, 32.7, 33.9, 35.1, 36.1],
    ];
    for (const [sex, measure, month, ...values] of published) {
      const lms = lmsAt(sex, measure, atMonth(month));
      if (!lms) throw new Error('no LMS');
      CURVES.forEach((curve, i) => {
        expect(Math.abs(valueAtZ(curve.z, lms) - (values[i] ?? 0))).toBeLessThanOrEqual(0.051);
      });
    }
  });

  it('place a measurement back on its percentile', () => {
    const lms = lmsAt('boy', 'weightKg', atMonth(6));
    if (!lms) throw new Error('no LMS');
    expect(zScore(lms[1], lms)).toBeCloseTo(0, 9);
    expect(placeInStandard('boy', 'weightKg', atMonth(6), 7.934)?.percentile).toBeCloseTo(50, 3);
    // The 85th percentile curve's weight is at the 85th percentile.
    const p85 = valueAtZ(1.036433, lms);
    expect(placeInStandard('boy', 'weightKg', atMonth(6), p85)?.percentile).toBeCloseTo(85, 3);
    // L = 0 takes the logarithm.
    expect(zScore(Math.E * 2, [0, 2, 0.5])).toBeCloseTo(2, 9);
    expect(valueAtZ(2, [0, 2, 0.5])).toBeCloseTo(Math.E * 2, 9);
  });

  it('answer nothing outside 0–5 years or for a measurement that is no measurement', () => {
    expect(placeInStandard('girl', 'headCm', -1, 34)).toBeNull();
    expect(placeInStandard('girl', 'headCm', atMonth(61), 50)).toBeNull();
    expect(placeInStandard('girl', 'headCm', 10, 0)).toBeNull();
  });
});
