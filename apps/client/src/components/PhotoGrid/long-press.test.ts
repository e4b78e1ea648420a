import { describe, expect, it, vi } from 'vitest';
import { longPress } from './long-press';

describe('long-press on a grid photo', () => {
  it('ends the touch that opened the sheet without a click, so the release cannot close the sheet', () => {
    const action = vi.fn();
    longPress.fire(action);
    expect(action).toHaveBeenCalledOnce();
    const release = { preventDefault: vi.fn() };
    longPress.release(release);
    expect(release.preventDefault).toHaveBeenCalledOnce();
  });

  it('leaves ordinary taps their click', () => {
    const tap = { preventDefault: vi.fn() };
    longPress.release(tap);
    expect(tap.preventDefault).not.toHaveBeenCalled();
    // Only the one touch after a long press: the next is a tap again.
    longPress.fire(() => undefined);
    longPress.release({});
    longPress.release(tap);
    expect(tap.preventDefault).not.toHaveBeenCalled();
  });
});
