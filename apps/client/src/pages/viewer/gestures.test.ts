import { describe, expect, it } from 'vitest';
import { DOUBLE_TAP_MS, TouchGestures } from './gestures';

const p = (x: number, y: number) => ({ x, y });

describe('reading fingers on the photo', () => {
  it('reports a one-finger drag step by step, and its whole move when the finger leaves', () => {
    const fingers = new TouchGestures();
    fingers.start([p(300, 400)]);
    expect(fingers.move([p(250, 402)])).toEqual({ type: 'drag', dx: -50, dy: 2 });
    expect(fingers.move([p(100, 405)])).toEqual({ type: 'drag', dx: -150, dy: 3 });
    expect(fingers.end([], p(90, 405), 1000)).toEqual({ type: 'release', dx: -210, dy: 5 });
  });

  it('takes the lifted point as the end of a drag whose moves were not seen', () => {
    const fingers = new TouchGestures();
    fingers.start([p(320, 400)]);
    expect(fingers.end([], p(60, 405), 0)).toEqual({ type: 'release', dx: -260, dy: 5 });
  });

  it('reads two fingers as a pinch about their middle, and lifting them as nothing else', () => {
    const fingers = new TouchGestures();
    fingers.start([p(150, 400)]);
    fingers.start([p(150, 400), p(250, 400)]);
    expect(fingers.move([p(100, 400), p(300, 400)])).toEqual({ type: 'pinch', ratio: 2, center: p(200, 400) });
    expect(fingers.end([p(100, 400)], p(300, 400), 0)).toBeNull();
    expect(fingers.move([p(90, 400)])).toBeNull();
    expect(fingers.end([], p(90, 400), 10)).toBeNull();
  });

  it('tells a tap from a double tap by how soon and how close the second one comes', () => {
    const fingers = new TouchGestures();
    const tap = (at: ReturnType<typeof p>, time: number) => {
      fingers.start([at]);
      return fingers.end([], at, time);
    };
    expect(tap(p(100, 100), 0)).toEqual({ type: 'tap', at: p(100, 100) });
    expect(tap(p(105, 102), DOUBLE_TAP_MS - 1)).toEqual({ type: 'doubleTap', at: p(105, 102) });
    // Too late, then too far.
    expect(tap(p(100, 100), 1000)?.type).toBe('tap');
    expect(tap(p(100, 100), 1000 + DOUBLE_TAP_MS + 1)?.type).toBe('tap');
    expect(tap(p(300, 300), 1000 + DOUBLE_TAP_MS + 50)?.type).toBe('tap');
  });
});
