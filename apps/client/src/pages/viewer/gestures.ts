/**
 * Turns the fingers on the photo into what they mean: a pinch, a drag, a released drag (a swipe, if
 * long enough), a tap or a double tap. Fed by the H5 stage's touch events and the RN stage's
 * PanResponder alike; times come in from the caller, so tests need no clock.
 *
 * Written here rather than taken from a gesture library: the ones kept up today are each for one runtime
 * (@use-gesture for the DOM, react-native-gesture-handler for RN), and this small state machine lets both
 * stages share one behaviour, tested once.
 */
import type { Point } from './zoom';

export type Gesture =
  /** Two fingers: `ratio` is their spread now over their spread at the previous move. */
  | { type: 'pinch'; ratio: number; center: Point }
  /** One finger moved by (dx, dy) since the previous move. */
  | { type: 'drag'; dx: number; dy: number }
  /** The finger left after a drag that moved (dx, dy) in all. */
  | { type: 'release'; dx: number; dy: number }
  | { type: 'tap'; at: Point }
  | { type: 'doubleTap'; at: Point };

type TouchList = ArrayLike<{ clientX: number; clientY: number }>;

/**
 * A touch event's fingers (H5 and weapp events both carry these lists, though Taro types most handlers
 * with a generic event) as points on a stage whose top-left corner is at `origin`.
 */
export function touchPoints(
  event: unknown,
  list: 'touches' | 'changedTouches',
  origin: Point = { x: 0, y: 0 },
): Point[] {
  const touches = (event as Partial<Record<typeof list, TouchList>>)[list] ?? [];
  return Array.from(touches, (touch) => ({ x: touch.clientX - origin.x, y: touch.clientY - origin.y }));
}

/** A finger that moved less than this (px) tapped. */
export const TAP_SLOP = 10;
/** A second tap this soon (ms) and this close (px) to the first makes a double tap. */
export const DOUBLE_TAP_MS = 300;
export const DOUBLE_TAP_DISTANCE = 40;

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function middle(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

export class TouchGestures {
  private origin: Point | null = null;
  private last: Point | null = null;
  private spread = 0;
  /** Once two fingers were down, lifting them is neither a tap nor a swipe. */
  private pinched = false;
  private lastTap: { at: Point; time: number } | null = null;

  /** Fingers touched down (`points`: all the fingers now on the photo). */
  start(points: readonly Point[]): void {
    const [first, second] = points;
    if (!first) return;
    if (second) {
      this.pinched = true;
      this.spread = distance(first, second);
      return;
    }
    this.origin = first;
    this.last = first;
    this.pinched = false;
  }

  move(points: readonly Point[]): Gesture | null {
    const [first, second] = points;
    if (!first) return null;
    if (second) {
      const spread = distance(first, second);
      const ratio = this.spread > 0 ? spread / this.spread : 1;
      this.pinched = true;
      this.spread = spread;
      return { type: 'pinch', ratio, center: middle(first, second) };
    }
    if (this.pinched || !this.last) return null;
    const drag = { type: 'drag' as const, dx: first.x - this.last.x, dy: first.y - this.last.y };
    this.last = first;
    return drag;
  }

  /** Fingers left: `remaining` are those still down, `lifted` where the last one left, at `time` (ms). */
  end(remaining: readonly Point[], lifted: Point | undefined, time: number): Gesture | null {
    if (remaining.length > 0) {
      // From two fingers to one: the one left starts a drag of its own later, not a swipe now.
      this.last = remaining[0] ?? null;
      return null;
    }
    const origin = this.origin;
    const pinched = this.pinched;
    this.origin = null;
    this.last = null;
    this.pinched = false;
    if (!origin || !lifted || pinched) return null;
    const dx = lifted.x - origin.x;
    const dy = lifted.y - origin.y;
    if (Math.hypot(dx, dy) >= TAP_SLOP) {
      this.lastTap = null;
      return { type: 'release', dx, dy };
    }
    const previous = this.lastTap;
    if (previous && time - previous.time <= DOUBLE_TAP_MS && distance(previous.at, lifted) <= DOUBLE_TAP_DISTANCE) {
      this.lastTap = null;
      return { type: 'doubleTap', at: lifted };
    }
    this.lastTap = { at: lifted, time };
    return { type: 'tap', at: lifted };
  }
}
