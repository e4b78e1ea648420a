/**
 * The mini-program stage: WeChat's own movable-view pinches and pans the photo natively (smoother than
 * anything redrawn from touch events over the JS bridge). A double tap zooms in at the tapped point and
 * back out; a drag swipes to the neighbour when the photo is not zoomed, or could not move further.
 */
import { MovableArea, MovableView } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { TouchGestures, touchPoints } from './gestures';
import { PhotoLayers } from './PhotoLayers';
import type { StageProps } from './stage';
import { DOUBLE_TAP_SCALE } from './zoom';

export type { StageProps } from './stage';

export function ViewerStage({ thumbUrl, previewUrl, onSwipe, children }: StageProps) {
  const fingers = useRef(new TouchGestures());
  // Where movable-view last reported the photo; a drag that left it in place was at an edge.
  const shown = useRef({ x: 0, y: 0, scale: 1 });
  const atDragStart = useRef({ x: 0, y: 0, scale: 1 });
  const [target, setTarget] = useState({ x: 0, y: 0, scale: 1 });
  const areaRect = useRef({ left: 0, top: 0, width: 0, height: 0 });
  useEffect(() => {
    Taro.createSelectorQuery()
      .select('.viewer__movable-area')
      .boundingClientRect((rect) => {
        const found = Array.isArray(rect) ? rect[0] : rect;
        if (found) areaRect.current = found;
      })
      .exec();
  }, []);

  // The arrows stay outside the movable-area, whose children are the movable-view alone.
  return (
    <>
      <MovableArea
        className="viewer__movable-area"
        scaleArea
        onTouchStart={(event) => {
          atDragStart.current = { ...shown.current };
          fingers.current.start(touchPoints(event, 'touches'));
        }}
        onTouchMove={(event) => fingers.current.move(touchPoints(event, 'touches'))}
        onTouchEnd={(event) => {
          const gesture = fingers.current.end(
            touchPoints(event, 'touches'),
            touchPoints(event, 'changedTouches')[0],
            event.timeStamp,
          );
          if (gesture?.type === 'doubleTap') {
            // movable-view scales about its centre: offset it so that the tapped point stays put.
            const area = areaRect.current;
            const scale = shown.current.scale > 1.01 ? 1 : DOUBLE_TAP_SCALE;
            const x = scale === 1 ? 0 : (1 - scale) * (gesture.at.x - area.left - area.width / 2);
            const y = scale === 1 ? 0 : (1 - scale) * (gesture.at.y - area.top - area.height / 2);
            setTarget({ x, y, scale });
          } else if (gesture?.type === 'release') {
            const before = atDragStart.current;
            const stuck = Math.abs(shown.current.x - before.x) < 1;
            if (before.scale <= 1.01 || stuck) onSwipe(gesture.dx, gesture.dy);
          }
        }}
      >
        <MovableView
          className="viewer__movable"
          direction="all"
          scale
          scaleMin={1}
          scaleMax={4}
          x={target.x}
          y={target.y}
          scaleValue={target.scale}
          onChange={(event) => {
            shown.current = { ...shown.current, x: event.detail.x, y: event.detail.y };
          }}
          onScale={(event) => {
            shown.current = { x: event.detail.x, y: event.detail.y, scale: event.detail.scale };
          }}
        >
          <PhotoLayers thumbUrl={thumbUrl} previewUrl={previewUrl} />
        </MovableView>
      </MovableArea>
      {children}
    </>
  );
}
