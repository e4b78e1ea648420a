/**
 * What the screen that opens the viewer already has on screen: the photo's grid thumbnail (loaded, in the
 * image cache) and its size. The opener remembers it just before navigateTo; the viewer takes it as it
 * mounts and shows that thumbnail at once, sized like the photo, until the large preview has loaded.
 * Route parameters cannot carry it: a signed URL is long, and a shared link must still work without it.
 */
import type { Photo } from '@xiaojia/shared';

export type HandedPhoto = Pick<Photo, 'id' | 'thumbUrl' | 'width' | 'height'>;

let handed: HandedPhoto | null = null;

/** Called by the opener right before it navigates to the viewer. */
export function remember(photo: HandedPhoto): void {
  handed = { id: photo.id, thumbUrl: photo.thumbUrl, width: photo.width, height: photo.height };
}

/** The remembered photo if it is the one asked for; it is given once (a later visit loads afresh). */
export function take(id: string): HandedPhoto | null {
  const photo = handed?.id === id ? handed : null;
  handed = null;
  return photo;
}
