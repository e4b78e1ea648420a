/**
 * The zoom state of the H5 and RN stages: fingers in (as points on the stage), the photo's view out, and
 * a swipe handed on when a drag may leave the photo (not zoomed, or zoomed and already at that edge).
 */
import { useRef, useState } from 'react';
import { TouchGestures } from './gestures';
import {
  atHorizontalEdge,
  fitSize,
  IDENTITY,
  isZoomed,
  type PhotoSize,
  type Point,
  panBy,
  type Size,
  toggleZoom,
  type View,
  zoomAbout,
} from './zoom';

export interface ZoomOptions {
  /** The photo's own pixel size, when known: the zoomed photo's edges follow from it. */
  photoSize: PhotoSize | null;
  onSwipe(dx: number, dy: number): void;
}

export function useZoom({ photoSize, onSwipe }: ZoomOptions) {
  const [view, setView] = useState<View>(IDENTITY);
  // Touch handlers run between renders: they read and write the latest view through this ref.
  const current = useRef<View>(IDENTITY);
  const stage = useRef<Size>({ width: 0, height: 0 });
  const fingers = useRef(new TouchGestures());
  const atDragStart = useRef<View>(IDENTITY);

  const apply = (next: View) => {
    current.current = next;
    setView(next);
  };
  const fitted = () => fitSize(photoSize, stage.current);

  return {
    view,
    zoomed: isZoomed(view),
    /** The stage's size, measured when a touch begins (layouts change with rotation). */
    setStageSize(size: Size) {
      stage.current = size;
    },
    start(points: readonly Point[]) {
      if (points.length === 1) atDragStart.current = current.current;
      fingers.current.start(points);
    },
    move(points: readonly Point[]) {
      const gesture = fingers.current.move(points);
      const shown = current.current;
      if (gesture?.type === 'pinch') {
        apply(zoomAbout(shown, shown.scale * gesture.ratio, gesture.center, fitted(), stage.current));
      } else if (gesture?.type === 'drag' && isZoomed(shown)) {
        apply(panBy(shown, gesture.dx, gesture.dy, fitted(), stage.current));
      }
    },
    end(remaining: readonly Point[], lifted: Point | undefined, time: number) {
      const gesture = fingers.current.end(remaining, lifted, time);
      if (gesture?.type === 'doubleTap') {
        apply(toggleZoom(current.current, gesture.at, fitted(), stage.current));
      } else if (gesture?.type === 'release') {
        const before = atDragStart.current;
        if (!isZoomed(before) || atHorizontalEdge(before, gesture.dx, fitted(), stage.current)) {
          onSwipe(gesture.dx, gesture.dy);
        }
      }
    },
  };
}
