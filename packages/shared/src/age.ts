/**
 * A child's age on a calendar day, as the day headers and the viewer show it ("3个月12天", "1岁2个月",
 * "孕32周"). Pure date arithmetic on YYYY-MM-DD strings (see dates.ts): the day is the photo's own local
 * day, so time zones never shift an age. The client turns these numbers into words.
 */
import { addMonths, daysBetween, parseLocalDate } from './dates.js';

/** A pregnancy is counted as 40 weeks ending on the due date (the birthday given before birth). */
export const PREGNANCY_DAYS = 280;

export type ChildAge =
  /** Born: whole years, then months, then days since the last month-birthday; totalDays since birth. */
  | { kind: 'born'; years: number; months: number; days: number; totalDays: number }
  /** Before the birthday (a due date): the week of pregnancy counted back from it, and days into it. */
  | { kind: 'expecting'; weeks: number; days: number };

/**
 * The child's age on `on`, or null when `on` is more than 40 weeks before the birthday (nothing to show)
 * or either date is not a calendar day. Month-birthdays fall on the birthday's day of the month, or on
 * the month's last day when it is shorter (born 31 January: one month old on 28/29 February).
 */
export function childAge(birthday: string, on: string): ChildAge | null {
  const birth = parseLocalDate(birthday);
  const day = parseLocalDate(on);
  if (!birth || !day) return null;
  const totalDays = daysBetween(birthday, on);
  if (totalDays < 0) {
    const pregnancyDay = PREGNANCY_DAYS + totalDays;
    if (pregnancyDay < 0) return null;
    return { kind: 'expecting', weeks: Math.floor(pregnancyDay / 7), days: pregnancyDay % 7 };
  }
  // The month count is the calendar difference, less one when this month's month-birthday is still ahead.
  let months = (day.year - birth.year) * 12 + (day.month - birth.month);
  if (daysBetween(addMonths(birthday, months), on) < 0) months -= 1;
  return {
    kind: 'born',
    years: Math.floor(months / 12),
    months: months % 12,
    days: daysBetween(addMonths(birthday, months), on),
    totalDays,
  };
}

/** What a child celebrates on a day, for the "那年今日" card: a month-birthday, a birthday, or 100 days. */
export type ChildOccasion =
  | { kind: 'months'; months: number }
  | { kind: 'years'; years: number }
  | { kind: 'days'; days: 100 };

/** Month-birthdays are celebrated through the third year, birthdays every year after. */
export const MONTH_BIRTHDAYS_UNTIL_MONTHS = 36;

export function childOccasion(birthday: string, on: string): ChildOccasion | null {
  const age = childAge(birthday, on);
  if (!age || age.kind !== 'born') return null;
  if (age.totalDays === 100) return { kind: 'days', days: 100 };
  if (age.days !== 0 || age.totalDays === 0) return null;
  const months = age.years * 12 + age.months;
  if (age.months === 0) return { kind: 'years', years: age.years };
  return months < MONTH_BIRTHDAYS_UNTIL_MONTHS ? { kind: 'months', months } : null;
}
