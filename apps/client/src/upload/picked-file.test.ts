import { describe, expect, it } from 'vitest';
import { FileRejected, rejectionOf } from './picked-file';

describe('rejectionOf', () => {
  it("keeps a FileRejected's reason and cap", () => {
    expect(rejectionOf(new FileRejected('tooLarge', 5000))).toEqual({ reason: 'tooLarge', maxBytes: 5000 });
    expect(rejectionOf(new FileRejected('empty'))).toEqual({ reason: 'empty' });
  });

  it('calls anything else thrown while reading the file unreadable', () => {
    expect(rejectionOf(new Error('EACCES'))).toEqual({ reason: 'unreadable' });
    expect(rejectionOf('nope')).toEqual({ reason: 'unreadable' });
  });
});
