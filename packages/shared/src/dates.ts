/**
 * Calendar dates without a time or a zone ("2024-02-29"): birthdays, a milestone's day, a growth record's
 * day, and the local day a photo was taken (its day header). Arithmetic is on the proleptic Gregorian
 * calendar through UTC, so no device zone or daylight saving shifts a day.
 */
import { z } from 'zod';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in month `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** The parts of a YYYY-MM-DD string, or null when it is not a real calendar day (2023-02-29, 2024-13-01). */
export function parseLocalDate(value: string): DateParts | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function formatLocalDate({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A calendar day as YYYY-MM-DD, between 1900 and 2200 (a birthday, a due date, a measurement's day). */
export const zLocalDate = z.string().refine((v) => {
  const parts = parseLocalDate(v);
  return parts !== null && parts.year >= 1900 && parts.year <= 2200;
}, 'Not a calendar date (YYYY-MM-DD)');

const DAY_MS = 86_400_000;

function dayNumber({ year, month, day }: DateParts): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Both must be valid dates. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(mustParse(to)) - dayNumber(mustParse(from));
}

/** `date` moved by `days` (may be negative). */
export function addDays(date: string, days: number): string {
  const t = new Date((dayNumber(mustParse(date)) + days) * DAY_MS);
  return formatLocalDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/**
 * The day `months` calendar months after `date`, on the same day of the month, or on the month's last
 * day when it is shorter: one month after 31 January is 28 (or 29) February, and a child born on
 * 29 February has birthdays on 28 February in common years.
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = mustParse(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const mo = (index % 12) + 1;
  return formatLocalDate({ year: y, month: mo, day: Math.min(day, daysInMonth(y, mo)) });
}

/**
 * The local calendar day of an instant, at a UTC offset in minutes (UTC+8 is 480): the day a photo's
 * day header shows.
 */
export function localDateAt(iso: string, utcOffsetMinutes: number): string {
  const t = new Date(Date.parse(iso) + utcOffsetMinutes * 60_000);
  return formatLocalDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

function mustParse(date: string): DateParts {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Not a calendar date: ${date}`);
  return parts;
}
