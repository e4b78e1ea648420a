/**
 * The WHO Child Growth Standards (2006) for 0–5 years by sex, and a child's place in them by the LMS method
 * (WHO technical report, 2006): weight-for-age, length/height-for-age and head-circumference-for-age.
 * A separate entry (`@xiaojia/shared/growth-standards`), so only the growth screen carries the tables.
 * The data is WHO's own LMS tables by month (growth-standards-data.ts, scripts/growth-standards.mjs);
 * between two months the parameters are interpolated linearly by age in days.
 */
import type { ChildSex, GrowthMeasure } from './children.js';
import { type Lms, WHO_LMS_MONTHLY } from './growth-standards-data.js';

export type { Lms };
export const WHO_SOURCE = 'WHO Child Growth Standards (2006), LMS parameters';
/** The WHO's month: 365.25 / 12 days. */
export const DAYS_PER_MONTH = 30.4375;
export const STANDARD_MONTHS_MAX = 60;
export const STANDARD_DAYS_MAX = STANDARD_MONTHS_MAX * DAYS_PER_MONTH;

/** The percentile curves a chart draws, with their z-scores (Φ⁻¹ of 3%, 15%, 50%, 85%, 97%). */
export const CURVES = [
  { percentile: 3, z: -1.880794 },
  { percentile: 15, z: -1.036433 },
  { percentile: 50, z: 0 },
  { percentile: 85, z: 1.036433 },
  { percentile: 97, z: 1.880794 },
] as const;

/** The LMS parameters at an age in days (0 to 60 months), or null outside the standards. */
export function lmsAt(sex: ChildSex, measure: GrowthMeasure, ageDays: number): Lms | null {
  if (!(ageDays >= 0 && ageDays <= STANDARD_DAYS_MAX)) return null;
  const table = WHO_LMS_MONTHLY[sex][measure];
  const months = ageDays / DAYS_PER_MONTH;
  const low = Math.min(Math.floor(months), STANDARD_MONTHS_MAX - 1);
  const f = months - low;
  const a = table[low];
  const b = table[low + 1];
  if (!a || !b) return null;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** z = ((x/M)^L − 1) / (L·S), or ln(x/M) / S when L is 0. */
export function zScore(value: number, [l, m, s]: Lms): number {
  return Math.abs(l) < 1e-9 ? Math.log(value / m) / s : ((value / m) ** l - 1) / (l * s);
}

/** The measurement at z-score `z`: M·(1 + L·S·z)^(1/L), or M·e^(S·z) when L is 0. */
export function valueAtZ(z: number, [l, m, s]: Lms): number {
  return Math.abs(l) < 1e-9 ? m * Math.exp(s * z) : m * (1 + l * s * z) ** (1 / l);
}

/** Φ(z), the standard normal distribution, to about 1e-7 (Abramowitz & Stegun 7.1.26 on erf). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface StandardPlace {
  z: number;
  /** 0–100. */
  percentile: number;
}

/** Where a measurement at an age in days falls, or null outside 0–5 years or for a non-positive value. */
export function placeInStandard(
  sex: ChildSex,
  measure: GrowthMeasure,
  ageDays: number,
  value: number,
): StandardPlace | null {
  const lms = lmsAt(sex, measure, ageDays);
  if (!lms || !(value > 0)) return null;
  const z = zScore(value, lms);
  return { z, percentile: normalCdf(z) * 100 };
}
