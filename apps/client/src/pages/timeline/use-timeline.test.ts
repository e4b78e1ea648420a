import { describe, expect, it } from 'vitest';
import { refreshDelay } from './use-timeline';

const at = (iso: string) => Date.parse(iso);

describe('refreshDelay', () => {
  it('signs a month again five minutes before its hour-long URLs expire, or after half an hour', () => {
    const data = { items: [], urlsExpireAt: '2026-12-01T13:00:00.000Z', fetchedAt: at('2026-12-01T12:00:00.000Z') };
    expect(refreshDelay(data, at('2026-12-01T12:00:00.000Z'))).toBe(30 * 60_000);
    expect(refreshDelay(data, at('2026-12-01T12:40:00.000Z'))).toBe(15 * 60_000);
    expect(refreshDelay(data, at('2026-12-01T12:50:00.000Z'))).toBe(5 * 60_000);
  });

  it('keeps a fifth of a short life as the margin, and never asks more than once a second', () => {
    const data = { items: [], urlsExpireAt: '2026-12-01T12:01:40.000Z', fetchedAt: at('2026-12-01T12:00:00.000Z') };
    expect(refreshDelay(data, at('2026-12-01T12:00:00.000Z'))).toBe(80_000);
    expect(refreshDelay(data, at('2026-12-01T13:00:00.000Z'))).toBe(1000);
  });

  it('fetches a month with no answer yet at once, and a month shown at least every half hour', () => {
    expect(refreshDelay(undefined)).toBe(0);
    const lasting = { items: [], urlsExpireAt: '2099-01-01T00:00:00.000Z', fetchedAt: at('2026-12-01T12:00:00.000Z') };
    expect(refreshDelay(lasting, at('2026-12-01T12:00:00.000Z'))).toBe(30 * 60_000);
  });
});
