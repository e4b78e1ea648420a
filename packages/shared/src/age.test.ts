import { describe, expect, it } from 'vitest';
import { childAge, childOccasion } from './age.js';
import { addDays, addMonths, daysBetween, localDateAt, parseLocalDate, zLocalDate } from './dates.js';

describe('childAge', () => {
  it.each([
    // birthday, on, years, months, days
    ['2024-01-15', '2024-01-15', 0, 0, 0],
    ['2024-01-15', '2024-01-16', 0, 0, 1],
    ['2024-01-15', '2024-02-14', 0, 0, 30],
    ['2024-01-15', '2024-02-15', 0, 1, 0],
    ['2024-01-15', '2024-04-27', 0, 3, 12],
    ['2024-01-15', '2025-01-14', 0, 11, 30],
    ['2024-01-15', '2025-01-15', 1, 0, 0],
    ['2024-01-15', '2025-03-20', 1, 2, 5],
    ['2024-01-15', '2026-01-15', 2, 0, 0],
    // month ends: a month-birthday on a shorter month's last day
    ['2024-01-31', '2024-02-28', 0, 0, 28],
    ['2024-01-31', '2024-02-29', 0, 1, 0],
    ['2024-01-31', '2024-03-01', 0, 1, 1],
    ['2024-01-31', '2024-03-30', 0, 1, 30],
    ['2024-01-31', '2024-03-31', 0, 2, 0],
    ['2024-01-31', '2024-04-30', 0, 3, 0],
    ['2023-01-31', '2023-02-28', 0, 1, 0],
    // leap days: born on 29 February, birthdays on 28 February in common years
    ['2024-02-29', '2025-02-27', 0, 11, 29],
    ['2024-02-29', '2025-02-28', 1, 0, 0],
    ['2024-02-29', '2025-03-01', 1, 0, 1],
    ['2024-02-29', '2028-02-29', 4, 0, 0],
    ['2024-02-29', '2024-03-29', 0, 1, 0],
    // year ends
    ['2023-12-31', '2024-01-31', 0, 1, 0],
    ['2023-12-31', '2024-02-29', 0, 2, 0],
    ['2023-12-15', '2024-01-14', 0, 0, 30],
  ])('born %s, on %s: %i years %i months %i days', (birthday, on, years, months, days) => {
    expect(childAge(birthday, on)).toEqual({
      kind: 'born',
      years,
      months,
      days,
      totalDays: daysBetween(birthday, on),
    });
  });

  it.each([
    // due date, on, week, day: 40 weeks end on the due date
    ['2025-06-01', '2025-05-31', 39, 6],
    ['2025-06-01', '2025-05-25', 39, 0],
    ['2025-06-01', '2025-04-06', 32, 0],
    ['2025-06-01', '2025-04-10', 32, 4],
    ['2025-06-01', '2024-08-25', 0, 0],
  ])('due %s, on %s: pregnancy week %i day %i', (due, on, weeks, days) => {
    expect(childAge(due, on)).toEqual({ kind: 'expecting', weeks, days });
  });

  it('shows nothing more than 40 weeks before the due date, or for a date that does not exist', () => {
    expect(childAge('2025-06-01', '2024-08-24')).toBeNull();
    expect(childAge('2025-02-29', '2025-06-01')).toBeNull();
    expect(childAge('2025-01-01', '2025-13-01')).toBeNull();
  });
});

describe('childOccasion', () => {
  it.each([
    ['2024-01-15', '2024-02-15', { kind: 'months', months: 1 }],
    ['2024-01-15', '2024-07-15', { kind: 'months', months: 6 }],
    ['2024-01-15', '2025-01-15', { kind: 'years', years: 1 }],
    ['2024-01-15', '2026-07-15', { kind: 'months', months: 30 }],
    ['2024-01-15', '2027-07-15', null],
    ['2024-01-15', '2030-01-15', { kind: 'years', years: 6 }],
    ['2024-01-15', '2024-04-24', { kind: 'days', days: 100 }],
    ['2024-01-15', '2024-01-15', null],
    ['2024-01-15', '2024-02-16', null],
    ['2024-01-31', '2024-02-29', { kind: 'months', months: 1 }],
    ['2024-02-29', '2025-02-28', { kind: 'years', years: 1 }],
    ['2025-06-01', '2025-05-01', null],
  ])('born %s, on %s', (birthday, on, occasion) => {
    expect(childOccasion(birthday, on)).toEqual(occasion);
  });
});

describe('calendar dates', () => {
  it('refuses days that do not exist', () => {
    expect(parseLocalDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29', '2024-04-31', '2024-00-10', '2024-1-1', '20240101', '', '2024-01-01T00:00']) {
      expect(parseLocalDate(bad)).toBeNull();
      expect(zLocalDate.safeParse(bad).success).toBe(false);
    }
    expect(zLocalDate.safeParse('1899-12-31').success).toBe(false);
  });

  it('adds days and months across month, year and leap boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 13)).toBe('2025-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('takes the local day of an instant at its offset', () => {
    expect(localDateAt('2024-03-01T16:30:00Z', 480)).toBe('2024-03-02');
    expect(localDateAt('2024-03-01T16:30:00Z', -300)).toBe('2024-03-01');
    expect(localDateAt('2024-03-01T03:00:00Z', -300)).toBe('2024-02-29');
    expect(localDateAt('2024-03-01T18:14:00Z', 345)).toBe('2024-03-01');
    expect(localDateAt('2024-03-01T18:15:00Z', 345)).toBe('2024-03-02');
  });
});
