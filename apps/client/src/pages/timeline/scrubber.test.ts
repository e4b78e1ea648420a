import { describe, expect, it } from 'vitest';
import { fractionAt, gridYAt, monthAt, yearMarks } from './scrubber';

const months = ['2026-12', '2026-03', '2025-07', '2016-03'];
const tops = [0, 4000, 8000, 9000];
const height = 10_800;
const screen = 800;

describe('scrubber', () => {
  it('maps the track to the scroll range and back', () => {
    expect(gridYAt(0, height, screen)).toBe(0);
    expect(gridYAt(1, height, screen)).toBe(10_000);
    expect(gridYAt(2, height, screen)).toBe(10_000);
    expect(fractionAt(gridYAt(0.37, height, screen), height, screen)).toBeCloseTo(0.37, 3);
    expect(fractionAt(500, 600, screen)).toBe(0);
  });

  it('names the month at a point of the track', () => {
    expect(monthAt(months, tops, gridYAt(0.5, height, screen))).toBe('2026-03');
    expect(monthAt(months, tops, gridYAt(1, height, screen))).toBe('2016-03');
  });

  it('marks each year once at its newest month, dropping marks that would overlap', () => {
    expect(yearMarks(months, tops, height, screen)).toEqual([
      { year: '2026', at: 0 },
      { year: '2025', at: 0.8 },
      { year: '2016', at: 0.9 },
    ]);
    expect(yearMarks(months, tops, height, screen, 0.2).map((mark) => mark.year)).toEqual(['2026', '2025']);
  });
});
