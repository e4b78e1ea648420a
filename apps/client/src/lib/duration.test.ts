import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

describe('formatDuration', () => {
  it('shows minutes and seconds, and hours only when there are some', () => {
    expect(formatDuration(12_000)).toBe('0:12');
    expect(formatDuration(62_000)).toBe('1:02');
    expect(formatDuration(725_000)).toBe('12:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(36_000_000)).toBe('10:00:00');
  });

  it('counts whole seconds as a player does, and never shows a real clip as 0:00', () => {
    expect(formatDuration(12_999)).toBe('0:12');
    expect(formatDuration(59_999)).toBe('0:59');
    expect(formatDuration(60_000)).toBe('1:00');
    expect(formatDuration(1)).toBe('0:01');
    expect(formatDuration(400)).toBe('0:01');
  });

  it('answers null for a length that is unknown or not one', () => {
    for (const unknown of [null, undefined, 0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatDuration(unknown)).toBeNull();
    }
  });
});
