import { describe, expect, it } from 'vitest';
import { refreshDelay, soonestExpiry } from './signed-urls';

const at = (iso: string) => Date.parse(iso);
const fetched = at('2026-12-01T12:00:00.000Z');

describe('refreshDelay', () => {
  it('signs again five minutes before hour-long URLs expire, or after half an hour', () => {
    expect(refreshDelay('2026-12-01T13:00:00.000Z', fetched, fetched)).toBe(30 * 60_000);
    expect(refreshDelay('2026-12-01T13:00:00.000Z', fetched, at('2026-12-01T12:40:00.000Z'))).toBe(15 * 60_000);
  });

  it('keeps a fifth of a short life as the margin, and never asks more than once a second', () => {
    expect(refreshDelay('2026-12-01T12:01:40.000Z', fetched, fetched)).toBe(80_000);
    expect(refreshDelay('2026-12-01T12:01:40.000Z', fetched, at('2026-12-01T13:00:00.000Z'))).toBe(1000);
  });

  it('fetches at once with no answer yet, and keeps timers in range for URLs that last for years', () => {
    expect(refreshDelay(undefined, fetched)).toBe(0);
    expect(refreshDelay('2099-01-01T00:00:00.000Z', fetched, fetched)).toBe(30 * 60_000);
    expect(refreshDelay('not a time', fetched, fetched)).toBe(1000);
  });
});

describe('soonestExpiry', () => {
  it('takes the earliest of the pages', () => {
    expect(
      soonestExpiry([{ urlsExpireAt: '2026-12-01T13:00:00.000Z' }, { urlsExpireAt: '2026-12-01T12:30:00.000Z' }]),
    ).toBe('2026-12-01T12:30:00.000Z');
    expect(soonestExpiry([])).toBeUndefined();
  });
});
