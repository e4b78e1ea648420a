/**
 * A video in the React Native viewer: Taro's RN Video (expo-av) with the poster and its controls, never
 * playing on its own. The stage claims a touch only once it is plainly a sideways drag above the control
 * bar (so taps and the seek bar stay the player's), and then swipes to the neighbour; leaving the video
 * pauses it. A video the device cannot play says so and offers the save.
 */
import { Video } from '@tarojs/components';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { PanResponder, View } from 'react-native';
import { SWIPE_MIN_DISTANCE } from './navigation';
import { usePosterStandIn } from './PosterStandIn';
import { VideoUnplayable } from './VideoUnplayable';
import type { VideoStageProps } from './video-stage';
import { VIDEO_CONTROLS_HEIGHT } from './video-swipe';

export type { VideoStageProps } from './video-stage';

export function VideoStage({ src, poster: posterUrl, thumbUrl, onSwipe, onDownload, children }: VideoStageProps) {
  const [failed, setFailed] = useState(false);
  const { poster, preload } = usePosterStandIn(thumbUrl, posterUrl);
  const player = useRef<{ pause?: () => unknown } | null>(null);
  const surface = useRef<View>(null);
  const frame = useRef({ y: 0, height: 0 });
  const latest = useRef(onSwipe);
  latest.current = onSwipe;

  useLayoutEffect(() => {
    const element = player.current;
    return () => void element?.pause?.();
  }, []);

  const responder = useMemo(
    () =>
      PanResponder.create({
        onStartShouldSetPanResponder: () => false,
        onMoveShouldSetPanResponder: (_event, gesture) =>
          gesture.y0 - frame.current.y < frame.current.height - VIDEO_CONTROLS_HEIGHT &&
          Math.abs(gesture.dx) >= SWIPE_MIN_DISTANCE / 2 &&
          Math.abs(gesture.dx) > Math.abs(gesture.dy) * 1.5,
        onPanResponderRelease: (_event, gesture) => latest.current(gesture.dx, gesture.dy),
      }),
    [],
  );

  return (
    <View
      ref={surface}
      style={{ flex: 1, alignSelf: 'stretch' }}
      onLayout={(event) => {
        frame.current.height = event.nativeEvent.layout.height;
        surface.current?.measureInWindow((_x, y) => {
          frame.current.y = y;
        });
      }}
      {...responder.panHandlers}
    >
      {failed ? (
        <VideoUnplayable onDownload={onDownload} />
      ) : (
        <Video
          ref={player as never}
          className="viewer__video"
          src={src}
          {...(poster ? { poster } : {})}
          controls
          autoplay={false}
          showFullscreenBtn
          objectFit="contain"
          onError={() => setFailed(true)}
        />
      )}
      {!failed && preload}
      {children}
    </View>
  );
}
