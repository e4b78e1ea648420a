import { describe, expect, it } from 'vitest';
import { summarize } from './queue-summary';
import { pickedItem, type UploadItem, type UploadStatus } from './queue-types';

function item(status: UploadStatus, size: number, loaded = 0): UploadItem {
  return {
    ...pickedItem(`u-${status}-${size}`, 'h', { path: 'p', name: 'n', size, mime: 'image/jpeg' }),
    status,
    loaded,
  };
}

describe('summarize', () => {
  it('counts bytes by file, finished files whole, and leaves cancelled and rejected files out of the total', () => {
    const overall = summarize(
      [
        item('done', 100),
        item('duplicate', 50),
        item('uploading', 200, 50),
        item('failed', 100, 500),
        item('cancelled', 1000),
        item('rejected', 7),
      ],
      false,
    );
    expect(overall).toEqual({
      total: 4,
      finished: 2,
      failed: 1,
      duplicates: 1,
      rejected: 1,
      bytesTotal: 450,
      // A failed file's loaded never counts past its size.
      bytesLoaded: 100 + 50 + 50 + 100,
      percent: 66,
      busy: true,
      paused: false,
    });
  });

  it('is busy only while something is preparing, waiting, uploading or confirming', () => {
    for (const status of ['preparing', 'waiting', 'uploading', 'confirming'] as const) {
      expect(summarize([item(status, 1)], false).busy).toBe(true);
    }
    for (const status of ['done', 'duplicate', 'failed', 'cancelled', 'rejected', 'paused'] as const) {
      expect(summarize([item(status, 1)], true).busy).toBe(false);
    }
    expect(summarize([], true)).toMatchObject({ total: 0, percent: 0, paused: true });
  });
});

describe('pickedItem', () => {
  it('starts preparing, or rejected with the reason the picker knew', () => {
    const file = { path: 'p', name: 'n', size: 0, mime: '' };
    expect(pickedItem('u1', 'h', file)).toMatchObject({ status: 'preparing', rejection: null, loaded: 0 });
    expect(pickedItem('u2', 'h', { ...file, rejected: { reason: 'empty' } })).toMatchObject({
      status: 'rejected',
      rejection: { reason: 'empty' },
    });
  });
});
