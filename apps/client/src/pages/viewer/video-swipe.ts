/**
 * Swipes over a playing video: the player keeps its controls (play, the seek bar, full screen), so a
 * drag that starts on its control bar at the bottom seeks, and only one that starts above it can go to
 * the neighbour. Shared by the H5 / mini-program stage and the RN one.
 */
import { TouchGestures } from './gestures';
import type { Point } from './zoom';

/** Height (px) of the players' control bar at the bottom of the stage, with a margin for the finger. */
export const VIDEO_CONTROLS_HEIGHT = 64;

export class VideoSwipes {
  private readonly fingers = new TouchGestures();
  private startedOnControls = false;

  /** A finger went down at `points[0]` on a stage `stageHeight` px tall. */
  start(points: readonly Point[], stageHeight: number): void {
    const first = points[0];
    if (points.length === 1 && first) {
      this.startedOnControls = stageHeight > 0 && first.y >= stageHeight - VIDEO_CONTROLS_HEIGHT;
    }
    this.fingers.start(points);
  }

  /** The fingers left: the (dx, dy) of a released drag that may be a swipe, else null. */
  end(remaining: readonly Point[], lifted: Point | undefined, time: number): { dx: number; dy: number } | null {
    const gesture = this.fingers.end(remaining, lifted, time);
    if (gesture?.type !== 'release' || this.startedOnControls) return null;
    return { dx: gesture.dx, dy: gesture.dy };
  }
}
