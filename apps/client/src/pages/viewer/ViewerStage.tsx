/**
 * The H5 stage: the photo under the fingers. The surface takes every touch for itself (touch-action:
 * none in index.css), so a horizontal swipe goes to the neighbour instead of being the browser's back
 * gesture, and a pinch zooms the photo instead of the page. (ViewerStage.weapp.tsx and .rn.tsx are the
 * other platforms' stages.)
 */
import { View } from '@tarojs/components';
import { useEffect, useRef } from 'react';
import { PHOTO_TOUCH_CLASS } from '../../components/photo-touch';
import { touchPoints } from './gestures';
import { PhotoLayers } from './PhotoLayers';
import type { StageProps } from './stage';
import { useZoom } from './use-zoom';
import type { Point } from './zoom';

export type { StageProps } from './stage';

export function ViewerStage({ photoSize, thumbUrl, previewUrl, onSwipe, children }: StageProps) {
  const zoom = useZoom({ photoSize, onSwipe });
  const origin = useRef<Point>({ x: 0, y: 0 });
  useNoOverscrollNavigation();

  const pointsOf = (event: unknown, list: 'touches' | 'changedTouches' = 'touches') =>
    touchPoints(event, list, origin.current);
  const { view } = zoom;
  return (
    <View
      className={`viewer__surface ${PHOTO_TOUCH_CLASS}`}
      onTouchStart={(event) => {
        const rect = (event.currentTarget as unknown as Element).getBoundingClientRect();
        origin.current = { x: rect.left, y: rect.top };
        zoom.setStageSize({ width: rect.width, height: rect.height });
        zoom.start(pointsOf(event));
      }}
      onTouchMove={(event) => zoom.move(pointsOf(event))}
      onTouchEnd={(event) => zoom.end(pointsOf(event), pointsOf(event, 'changedTouches')[0], event.timeStamp)}
      onTouchCancel={(event) => zoom.end([], undefined, event.timeStamp)}
    >
      <View
        className="viewer__zoom"
        style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})`, transformOrigin: '0 0' }}
      >
        <PhotoLayers thumbUrl={thumbUrl} previewUrl={previewUrl} />
      </View>
      {children}
    </View>
  );
}

/**
 * While the viewer is open, a sideways overscroll of the page is not the browser's "go back" (Chrome on
 * Android navigates on it); the root scroller decides that, not the stage.
 */
function useNoOverscrollNavigation(): void {
  useEffect(() => {
    const root = document.documentElement;
    const before = root.style.overscrollBehaviorX;
    root.style.overscrollBehaviorX = 'none';
    return () => {
      root.style.overscrollBehaviorX = before;
    };
  }, []);
}
