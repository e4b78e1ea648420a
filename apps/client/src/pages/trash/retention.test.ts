import { describe, expect, it } from 'vitest';
import { daysUntilPurge, purgeOutcome, soonestPurge } from './retention';

describe('daysUntilPurge', () => {
  const now = new Date('2026-05-31T12:00:00.000Z');

  it('counts the days left of the 30, a started day as one', () => {
    expect(daysUntilPurge('2026-05-31T12:00:00.000Z', now)).toBe(30);
    expect(daysUntilPurge('2026-05-31T11:00:00.000Z', now)).toBe(30);
    expect(daysUntilPurge('2026-05-21T12:00:00.000Z', now)).toBe(20);
    expect(daysUntilPurge('2026-05-01T13:00:00.000Z', now)).toBe(1);
    expect(daysUntilPurge('2026-05-01T12:00:00.000Z', now)).toBe(0);
  });

  it('never goes below 0 (overdue, the sweep has not run yet) or above 30 (clock skew)', () => {
    expect(daysUntilPurge('2026-04-01T00:00:00.000Z', now)).toBe(0);
    expect(daysUntilPurge('2026-06-05T00:00:00.000Z', now)).toBe(30);
  });
});

describe('purgeOutcome', () => {
  it('says how many are gone, and mentions pending ones only when there are some', () => {
    expect(purgeOutcome({ count: 3, pending: 0 })).toEqual({ key: 'trash.purged', params: { count: 3 } });
    expect(purgeOutcome({ count: 1, pending: 2 })).toEqual({
      key: 'trash.purgedPending',
      params: { count: 1, pending: 2 },
    });
  });
});

describe('soonestPurge', () => {
  it('is the fewest days left among the photos, null when there are none', () => {
    const now = new Date('2026-05-31T12:00:00.000Z');
    const trashed = (deletedAt: string | null) => ({ deletedAt });
    expect(soonestPurge([trashed('2026-05-30T12:00:00.000Z'), trashed('2026-05-11T18:00:00.000Z')], now)).toBe(11);
    expect(soonestPurge([trashed(null)], now)).toBeNull();
    expect(soonestPurge([], now)).toBeNull();
  });
});
