import { describe, expect, it } from 'vitest';
import { DECAY_SECONDS, hotKey, likeWeight, NEW_ACCOUNT_MS } from './hot.js';

const old = NEW_ACCOUNT_MS * 2;
const regular = { self: false, accountAgeMs: old, active: true, mutual: false };

describe('hot ranking', () => {
  it('is the log of the weight plus the publication time over the decay', () => {
    const at = '2026-06-01T00:00:00.000Z';
    expect(hotKey(0, at)).toBe(hotKey(1, at));
    expect(hotKey(10, at) - hotKey(1, at)).toBeCloseTo(1, 12);
    const later = new Date(Date.parse(at) + DECAY_SECONDS * 1000).toISOString();
    // Ten times the weight is worth exactly one decay period of freshness.
    expect(hotKey(10, at)).toBeCloseTo(hotKey(1, later), 9);
    expect(hotKey(9, at)).toBeLessThan(hotKey(1, later));
    expect(hotKey(11, at)).toBeGreaterThan(hotKey(1, later));
  });

  it('never changes with the clock, only with the weight', () => {
    const at = new Date('2026-03-01T12:00:00.000Z');
    expect(hotKey(5, at)).toBe(hotKey(5, at.toISOString()));
  });

  it('weighs new, idle and mutual-like accounts less, and self-likes not at all', () => {
    expect(likeWeight(regular)).toBe(1);
    expect(likeWeight({ ...regular, self: true })).toBe(0);
    expect(likeWeight({ ...regular, accountAgeMs: NEW_ACCOUNT_MS - 1 })).toBe(0.5);
    expect(likeWeight({ ...regular, active: false })).toBe(0.5);
    expect(likeWeight({ ...regular, mutual: true })).toBe(0.25);
    expect(likeWeight({ self: false, accountAgeMs: 0, active: false, mutual: true })).toBe(0.0625);
  });

  it('uses weights whose sums come back to exactly zero', () => {
    const weights = [1, 0.5, 0.25, 0.0625, 0.125, 0.5, 1];
    let sum = 0;
    for (const w of weights) sum += Math.fround(w);
    for (const w of weights.reverse()) sum -= Math.fround(w);
    expect(sum).toBe(0);
  });
});
