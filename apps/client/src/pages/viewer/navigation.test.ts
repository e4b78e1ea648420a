import { describe, expect, it } from 'vitest';
import { afterRemoval, formatBytes, formatDateTime, keyTarget, SWIPE_MIN_DISTANCE, swipeTarget } from './navigation';

const middle = { prevId: 'newer', nextId: 'older' };

describe('viewer navigation', () => {
  it('shows the next (older) photo on a swipe to the left and the previous on a swipe to the right', () => {
    expect(swipeTarget(-120, 10, middle)).toBe('older');
    expect(swipeTarget(120, -10, middle)).toBe('newer');
  });

  it('ignores taps, short moves and mostly vertical moves', () => {
    expect(swipeTarget(0, 0, middle)).toBeNull();
    expect(swipeTarget(-(SWIPE_MIN_DISTANCE - 1), 0, middle)).toBeNull();
    expect(swipeTarget(-80, 120, middle)).toBeNull();
  });

  it('stays put at either end of the list', () => {
    expect(swipeTarget(-200, 0, { prevId: 'newer', nextId: null })).toBeNull();
    expect(swipeTarget(200, 0, { prevId: null, nextId: 'older' })).toBeNull();
    expect(keyTarget('ArrowRight', { prevId: 'newer', nextId: null })).toBeNull();
  });

  it('follows the arrow keys and nothing else', () => {
    expect(keyTarget('ArrowRight', middle)).toBe('older');
    expect(keyTarget('ArrowLeft', middle)).toBe('newer');
    expect(keyTarget('Enter', middle)).toBeNull();
  });

  it('moves on to the older photo after trashing one, else the newer, else closes', () => {
    expect(afterRemoval(middle)).toBe('older');
    expect(afterRemoval({ prevId: 'newer', nextId: null })).toBe('newer');
    expect(afterRemoval({ prevId: null, nextId: null })).toBeNull();
  });
});

describe('viewer info formatting', () => {
  it('formats sizes with the unit a person expects', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(3.25 * 1024 * 1024)).toBe('3.3 MB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.00 GB');
  });

  it('shows local date and time, and passes through what is not a date', () => {
    const local = new Date(2026, 4, 1, 8, 5);
    expect(formatDateTime(local.toISOString())).toBe('2026-05-01 08:05');
    expect(formatDateTime('unknown')).toBe('unknown');
  });
});
