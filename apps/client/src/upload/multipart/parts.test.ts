import { MULTIPART_PARTS_MAX, MULTIPART_THRESHOLD_BYTES } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { MultipartFailure, PartTransferError } from './errors';
import { cutParts } from './parts';
import { backoffDelay, isTransient } from './retry';

describe('cutting a file into parts', () => {
  it('cuts exact multiples into equal parts numbered from 1', () => {
    expect(cutParts(30, 10)).toEqual([
      { partNumber: 1, start: 0, length: 10 },
      { partNumber: 2, start: 10, length: 10 },
      { partNumber: 3, start: 20, length: 10 },
    ]);
  });

  it('makes the last part shorter, and covers every byte once', () => {
    const size = MULTIPART_THRESHOLD_BYTES * 3 + 1;
    const parts = cutParts(size, MULTIPART_THRESHOLD_BYTES);
    expect(parts).toHaveLength(4);
    expect(parts.at(-1)).toEqual({ partNumber: 4, start: size - 1, length: 1 });
    expect(parts.reduce((sum, p) => sum + p.length, 0)).toBe(size);
    expect(parts.map((p) => p.start)).toEqual([0, 1, 2, 3].map((i) => i * MULTIPART_THRESHOLD_BYTES));
  });

  it('makes one part of a file smaller than a part', () => {
    expect(cutParts(7, 10)).toEqual([{ partNumber: 1, start: 0, length: 7 }]);
  });

  it('refuses more parts than the storage allows, and nonsense sizes', () => {
    expect(cutParts(MULTIPART_PARTS_MAX * 2, 2)).toHaveLength(MULTIPART_PARTS_MAX);
    expect(() => cutParts(MULTIPART_PARTS_MAX * 2 + 1, 2)).toThrow(/more than/);
    expect(() => cutParts(0, 10)).toThrow(RangeError);
    expect(() => cutParts(10, 0)).toThrow(RangeError);
    expect(() => cutParts(10.5, 2)).toThrow(RangeError);
  });
});

describe('retry waits', () => {
  const policy = { attempts: 5, baseMs: 500, maxMs: 4000 };

  it('double each time up to the cap, jittered over the whole range', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 0.999999))).toEqual([
      499, 999, 1999, 3999, 3999, 3999,
    ]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.25)).toBe(500);
  });

  it('are for the network, server errors and "slow down" only', () => {
    expect(isTransient(new PartTransferError(0, 'x'))).toBe(true);
    expect(isTransient(new PartTransferError(500, 'x'))).toBe(true);
    expect(isTransient(new PartTransferError(429, 'x'))).toBe(true);
    expect(isTransient(new PartTransferError(400, 'x'))).toBe(false);
    expect(isTransient(new PartTransferError(403, 'x'))).toBe(false);
    expect(isTransient(new TypeError('Failed to fetch'))).toBe(true);
    // Whatever its message says ("upload failed" reads as Safari's "Load failed" to a pattern).
    expect(isTransient(new MultipartFailure('gone', new Error('upload failed')))).toBe(false);
    expect(isTransient(Object.assign(new Error('x'), { data: { httpStatus: 502 } }))).toBe(true);
    expect(isTransient(Object.assign(new Error('x'), { data: { httpStatus: 401, appCode: 'UNAUTHORIZED' } }))).toBe(
      false,
    );
  });
});
