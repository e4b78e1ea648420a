import { describe, expect, it } from 'vitest';
import { createAbort } from './cancel';

describe('cancel signal', () => {
  it('is not cancelled until aborted, then tells every listener once, in order', () => {
    const { signal, abort } = createAbort();
    const heard: string[] = [];
    signal.onCancel(() => heard.push('a'));
    signal.onCancel(() => heard.push('b'));
    expect(signal.cancelled).toBe(false);
    expect(heard).toEqual([]);
    abort();
    abort();
    expect(signal.cancelled).toBe(true);
    expect(heard).toEqual(['a', 'b']);
    signal.onCancel(() => heard.push('late'));
    expect(heard).toEqual(['a', 'b', 'late']);
  });

  it('is fired by a parent, never fires it, and starts cancelled under a cancelled parent', () => {
    const parent = createAbort();
    const child = createAbort(parent.signal);
    const sibling = createAbort(parent.signal);
    child.abort();
    expect(parent.signal.cancelled).toBe(false);
    expect(sibling.signal.cancelled).toBe(false);
    parent.abort();
    expect(sibling.signal.cancelled).toBe(true);
    expect(createAbort(parent.signal).signal.cancelled).toBe(true);
  });
});
