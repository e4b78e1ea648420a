import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { aspectOf, formatDay, groupByDay, layoutRows, localDayKey, toggleSelected } from './layout';

const utcDay = (iso: string) => iso.slice(0, 10);
const photo = (id: string, sortAt: string, width: number | null = 400, height: number | null = 300) => ({
  id,
  sortAt,
  width,
  height,
});

describe('groupByDay', () => {
  it('groups consecutive photos of one day under one header, newest day first as listed', () => {
    const photos = [
      photo('a', '2026-05-03T18:00:00.000Z'),
      photo('b', '2026-05-03T07:00:00.000Z'),
      photo('c', '2026-05-01T12:00:00.000Z'),
      photo('d', '2025-12-31T23:59:59.000Z'),
    ];
    const groups = groupByDay(photos, utcDay);
    expect(groups.map((g) => [g.day, g.photos.map((p) => p.id)])).toEqual([
      ['2026-05-03', ['a', 'b']],
      ['2026-05-01', ['c']],
      ['2025-12-31', ['d']],
    ]);
  });

  it('joins a day that shows up again to its first group instead of repeating the header', () => {
    const groups = groupByDay(
      [photo('a', '2026-05-03T01:00:00Z'), photo('b', '2026-05-02T01:00:00Z'), photo('c', '2026-05-03T00:00:00Z')],
      utcDay,
    );
    expect(groups.map((g) => [g.day, g.photos.map((p) => p.id)])).toEqual([
      ['2026-05-03', ['a', 'c']],
      ['2026-05-02', ['b']],
    ]);
  });

  it('has no groups for no photos', () => {
    expect(groupByDay([])).toEqual([]);
  });

  it('uses the device’s local calendar day by default', () => {
    const iso = '2026-05-03T23:30:00.000Z';
    const local = new Date(iso);
    const expected = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
    expect(localDayKey(iso)).toBe(expected);
    expect(groupByDay([photo('a', iso)])[0]?.day).toBe(expected);
    expect(() => localDayKey('yesterday')).toThrow(/not a timestamp/);
  });
});

describe('formatDay', () => {
  const now = new Date(2026, 4, 3, 12); // local 3 May 2026, a Sunday
  const zh = (key: string, params?: Record<string, string | number>) => translate('zh-CN', key, params);
  const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);

  it('says today and yesterday, then the date with the weekday, adding the year only for other years', () => {
    expect(formatDay('2026-05-03', now, zh)).toBe('今天');
    expect(formatDay('2026-05-02', now, en)).toBe('Yesterday');
    expect(formatDay('2026-05-01', now, zh)).toBe('5月1日 星期五');
    expect(formatDay('2026-05-01', now, en)).toBe('Fri, May 1');
    expect(formatDay('2025-05-01', now, zh)).toBe('2025年5月1日 星期四');
    expect(formatDay('2025-05-01', now, en)).toBe('Thu, May 1, 2025');
  });

  it('has a short form without the weekday for days sharing a line', () => {
    expect(formatDay('2026-05-03', now, zh, true)).toBe('今天');
    expect(formatDay('2026-05-01', now, zh, true)).toBe('5月1日');
    expect(formatDay('2026-05-01', now, en, true)).toBe('May 1');
    expect(formatDay('2025-05-01', now, zh, true)).toBe('2025年5月1日');
    expect(formatDay('2025-05-01', now, en, true)).toBe('May 1, 2025');
  });
});

describe('layoutRows', () => {
  const options = { width: 300, targetHeight: 100, gap: 3 };

  it('fills each full row exactly to the width, keeping every photo’s aspect ratio', () => {
    const photos = [
      photo('a', 'x', 400, 300),
      photo('b', 'x', 300, 400),
      photo('c', 'x', 400, 300),
      photo('d', 'x', 100, 100),
    ];
    const rows = layoutRows(photos, options);
    const first = rows[0];
    if (!first) throw new Error('no rows');
    expect(first.cells.map((c) => c.photo.id)).toEqual(['a', 'b', 'c']);
    const widthUsed = first.cells.reduce((s, c) => s + c.width, 0) + options.gap * (first.cells.length - 1);
    expect(widthUsed).toBe(300);
    // a is 4:3 and b is 3:4 at the same row height.
    const [a, b] = first.cells;
    expect(Math.abs((a?.width ?? 0) / first.height - 4 / 3)).toBeLessThan(0.03);
    expect(Math.abs((b?.width ?? 0) / first.height - 3 / 4)).toBeLessThan(0.03);
  });

  it('leaves the last, unfilled row at the target height instead of blowing it up', () => {
    const rows = layoutRows([photo('a', 'x', 100, 100)], options);
    expect(rows).toEqual([{ height: 100, cells: [{ photo: expect.objectContaining({ id: 'a' }), width: 100 }] }]);
  });

  it('treats unknown sizes as squares and clamps extreme shapes', () => {
    expect(aspectOf(photo('a', 'x', null, null))).toBe(1);
    expect(aspectOf(photo('a', 'x', 10_000, 100))).toBe(2.5);
    expect(aspectOf(photo('a', 'x', 100, 10_000))).toBe(0.5);
  });

  it('refuses a zero width', () => {
    expect(() => layoutRows([], { width: 0, targetHeight: 100, gap: 0 })).toThrow(RangeError);
  });
});

describe('toggleSelected', () => {
  it('adds an unselected id at the end and removes a selected one', () => {
    expect(toggleSelected(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggleSelected(['a', 'b'], 'a')).toEqual(['b']);
  });
});
