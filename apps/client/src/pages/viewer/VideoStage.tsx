/**
 * A video in the viewer (H5 and the mini-program): Taro's Video with the poster frame, the player's own
 * controls (seek, full screen), never playing on its own (no sound on open). A drag above the control bar
 * swipes to the neighbour (video-swipe.ts), and leaving the video (a swipe, the arrows, closing) pauses
 * it. A video this device cannot play (HEVC in most desktop browsers) says so and offers the download.
 * React Native: VideoStage.rn.tsx.
 */
import { Video, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { touchPoints } from './gestures';
import { usePosterStandIn } from './PosterStandIn';
import { VideoUnplayable } from './VideoUnplayable';
import type { VideoStageProps } from './video-stage';
import { VideoSwipes } from './video-swipe';

export type { VideoStageProps } from './video-stage';

export const VIDEO_ELEMENT_ID = 'viewer-video';

/** The H5 player element (taro-video-core) answers play/pause itself; WeChat's through a VideoContext. */
function pause(element: { pause?: () => unknown } | null): void {
  if (process.env.TARO_ENV === 'weapp') Taro.createVideoContext(VIDEO_ELEMENT_ID).pause();
  else void element?.pause?.();
}

export function VideoStage({ src, poster: posterUrl, thumbUrl, onSwipe, onDownload, children }: VideoStageProps) {
  const [failed, setFailed] = useState(false);
  const { poster, preload } = usePosterStandIn(thumbUrl, posterUrl);
  const swipes = useRef(new VideoSwipes());
  const player = useRef<{ pause?: () => unknown } | null>(null);
  const stage = useRef({ top: 0, left: 0, height: 0 });

  // Before the element goes: a swiped-away video stops at once, whatever the platform does with it after.
  useLayoutEffect(() => {
    const element = player.current;
    return () => pause(element);
  }, []);

  // WeChat's events carry no element to measure: its layout is asked for once.
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    Taro.createSelectorQuery()
      .select('.viewer__video-stage')
      .boundingClientRect((rect) => {
        const found = Array.isArray(rect) ? rect[0] : rect;
        if (found) stage.current = { top: found.top, left: found.left, height: found.height };
      })
      .exec();
  }, []);
  const measure = (event: unknown) => {
    const target = (event as { currentTarget?: { getBoundingClientRect?: () => DOMRect } }).currentTarget;
    const rect = target?.getBoundingClientRect?.();
    if (rect) stage.current = { top: rect.top, left: rect.left, height: rect.height };
  };
  const origin = () => ({ x: stage.current.left, y: stage.current.top });

  return (
    <View
      className="viewer__surface viewer__video-stage"
      onTouchStart={(event) => {
        measure(event);
        swipes.current.start(touchPoints(event, 'touches', origin()), stage.current.height);
      }}
      onTouchEnd={(event) => {
        const swipe = swipes.current.end(
          touchPoints(event, 'touches', origin()),
          touchPoints(event, 'changedTouches', origin())[0],
          event.timeStamp,
        );
        if (swipe) onSwipe(swipe.dx, swipe.dy);
      }}
    >
      {failed ? (
        <VideoUnplayable onDownload={onDownload} />
      ) : (
        <Video
          id={VIDEO_ELEMENT_ID}
          ref={player as never}
          className="viewer__video"
          src={src}
          {...(poster ? { poster } : {})}
          controls
          autoplay={false}
          showFullscreenBtn
          showCenterPlayBtn
          enableProgressGesture={false}
          vslideGesture={false}
          objectFit="contain"
          onError={() => setFailed(true)}
        />
      )}
      {!failed && preload}
      {children}
    </View>
  );
}
