/** What the viewer hands each platform's stage (ViewerStage.tsx, .weapp.tsx, .rn.tsx). */
import type { ReactNode } from 'react';
import type { PhotoSize } from './zoom';

export interface StageProps {
  /** The photo's pixel size when known, for the zoomed photo's edges. */
  photoSize: PhotoSize | null;
  /** Shown at once: the grid's thumbnail (handed over, or from photos.get). */
  thumbUrl: string | null;
  /** The large variant, drawn over the thumbnail once loaded. */
  previewUrl: string | null;
  /** A drag that may leave the photo ended, having moved (dx, dy): the viewer decides if it is a swipe. */
  onSwipe(dx: number, dy: number): void;
  /** Drawn over the photo (the arrows): on H5 inside the gesture surface, so a swipe may start on them. */
  children?: ReactNode;
}
