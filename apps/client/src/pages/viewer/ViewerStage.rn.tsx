/**
 * The React Native stage: React Native's own PanResponder (Taro's RN View reports no touch moves) feeds
 * the same gestures and zoom math as H5; the photo is moved and scaled with a transform.
 */
import { useMemo, useRef } from 'react';
import { type GestureResponderEvent, PanResponder, View } from 'react-native';
import { PhotoLayers } from './PhotoLayers';
import type { StageProps } from './stage';
import { useZoom } from './use-zoom';
import type { Point, View as ZoomView } from './zoom';

export type { StageProps } from './stage';

type Touches = GestureResponderEvent['nativeEvent']['touches'];

/** RN scales about the centre of the view: shift it so the result equals zoom.ts's top-left origin. */
function transformOf(view: ZoomView, size: { width: number; height: number }) {
  return [
    { translateX: view.x + ((view.scale - 1) * size.width) / 2 },
    { translateY: view.y + ((view.scale - 1) * size.height) / 2 },
    { scale: view.scale },
  ];
}

export function ViewerStage({ photoSize, thumbUrl, previewUrl, onSwipe, children }: StageProps) {
  const zoom = useZoom({ photoSize, onSwipe });
  const surface = useRef<View>(null);
  const origin = useRef<Point>({ x: 0, y: 0 });
  const size = useRef({ width: 0, height: 0 });
  // The responder is made once; it calls the latest render's zoom through this ref.
  const latest = useRef(zoom);
  latest.current = zoom;

  const responder = useMemo(() => {
    const pointsOf = (touches: Touches): Point[] =>
      touches.map((touch) => ({ x: touch.pageX - origin.current.x, y: touch.pageY - origin.current.y }));
    const lifted = (event: GestureResponderEvent) => pointsOf(event.nativeEvent.changedTouches)[0];
    return PanResponder.create({
      onStartShouldSetPanResponder: () => true,
      onMoveShouldSetPanResponder: () => true,
      onPanResponderTerminationRequest: () => false,
      onPanResponderGrant: (event) => latest.current.start(pointsOf(event.nativeEvent.touches)),
      onPanResponderStart: (event) => latest.current.start(pointsOf(event.nativeEvent.touches)),
      onPanResponderMove: (event) => latest.current.move(pointsOf(event.nativeEvent.touches)),
      onPanResponderEnd: (event) =>
        latest.current.end(pointsOf(event.nativeEvent.touches), lifted(event), event.nativeEvent.timestamp),
    });
  }, []);

  return (
    <View
      ref={surface}
      style={{ flex: 1, alignSelf: 'stretch', overflow: 'hidden' }}
      onLayout={(event) => {
        size.current = event.nativeEvent.layout;
        zoom.setStageSize(event.nativeEvent.layout);
        surface.current?.measureInWindow((x, y) => {
          origin.current = { x, y };
        });
      }}
      {...responder.panHandlers}
    >
      <View style={{ flex: 1, transform: transformOf(zoom.view, size.current) }}>
        <PhotoLayers thumbUrl={thumbUrl} previewUrl={previewUrl} />
      </View>
      {children}
    </View>
  );
}
