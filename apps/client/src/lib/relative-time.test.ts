import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { relativeTime } from './relative-time';

const zh = (key: string, params?: Record<string, string | number>) => translate('zh-CN', key, params);
const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
/** A moment of the device's own calendar (whatever its time zone), as the API sends it. */
const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);
const iso = (date: Date) => date.toISOString();

describe('relativeTime', () => {
  const now = at(2026, 5, 3, 14, 30);

  it('says "just now" under a minute, and for a clock a little ahead', () => {
    expect(relativeTime(iso(new Date(now.getTime() - 30_000)), now, zh)).toBe('刚刚');
    expect(relativeTime(iso(new Date(now.getTime() - 59_000)), now, zh)).toBe('刚刚');
    expect(relativeTime(iso(at(2026, 5, 3, 14, 32)), now, en)).toBe('just now');
  });

  it('counts minutes within the hour, hours within the day', () => {
    expect(relativeTime(iso(at(2026, 5, 3, 14, 27)), now, zh)).toBe('3分钟前');
    expect(relativeTime(iso(at(2026, 5, 3, 14, 27)), now, en)).toBe('3 min ago');
    expect(relativeTime(iso(at(2026, 5, 3, 13, 31)), now, zh)).toBe('59分钟前');
    expect(relativeTime(iso(at(2026, 5, 3, 13, 30)), now, en)).toBe('1 hour ago');
    expect(relativeTime(iso(at(2026, 5, 3, 0, 5)), now, zh)).toBe('14小时前');
    expect(relativeTime(iso(at(2026, 5, 3, 0, 5)), now, en)).toBe('14 hours ago');
  });

  it('says yesterday by the calendar, with the time, even when it was an hour ago', () => {
    expect(relativeTime(iso(at(2026, 5, 2, 14, 2)), now, zh)).toBe('昨天 14:02');
    expect(relativeTime(iso(at(2026, 5, 2, 14, 2)), now, en)).toBe('yesterday 14:02');
    const justAfterMidnight = at(2026, 5, 3, 0, 30);
    expect(relativeTime(iso(at(2026, 5, 2, 23, 10)), justAfterMidnight, zh)).toBe('昨天 23:10');
    // Across a month's end and a year's end.
    expect(relativeTime(iso(at(2026, 4, 30, 9, 0)), at(2026, 5, 1, 8, 0), zh)).toBe('昨天 09:00');
    expect(relativeTime(iso(at(2025, 12, 31, 22, 0)), at(2026, 1, 1, 10, 0), en)).toBe('yesterday 22:00');
  });

  it('gives the date and time earlier this year, and the date alone in other years', () => {
    expect(relativeTime(iso(at(2026, 5, 1, 8, 5)), now, zh)).toBe('5月1日 08:05');
    expect(relativeTime(iso(at(2026, 5, 1, 8, 5)), now, en)).toBe('May 1, 08:05');
    expect(relativeTime(iso(at(2024, 2, 29, 8, 5)), now, zh)).toBe('2024年2月29日');
    expect(relativeTime(iso(at(2024, 2, 29, 8, 5)), now, en)).toBe('Feb 29, 2024');
  });

  it('leaves a time it cannot read as it came', () => {
    expect(relativeTime('not a time', now, zh)).toBe('not a time');
  });
});
