/** What the viewer hands each platform's video stage (VideoStage.tsx, .rn.tsx). */
import type { ReactNode } from 'react';

export interface VideoStageProps {
  /** The signed original: the player streams it (Range requests). */
  src: string;
  /** The poster frame (photos.get's previewUrl), or null when there is none. */
  poster: string | null;
  /** The grid's thumbnail (already cached): the poster until the frame has loaded. */
  thumbUrl: string | null;
  /** A drag above the controls ended, having moved (dx, dy): the viewer decides if it is a swipe. */
  onSwipe(dx: number, dy: number): void;
  /** The video cannot play here: save / download it instead. */
  onDownload(): void;
  /** Drawn over the video (the arrows). */
  children?: ReactNode;
}
