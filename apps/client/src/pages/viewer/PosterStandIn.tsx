/**
 * The grid's thumbnail stands in as a video's poster until the poster frame itself has loaded: the player
 * shows its poster only once fetched, and is black until then. The frame loads in a hidden image (into the
 * image cache), then replaces the thumbnail on the player. Each video mounts its own (keyed by id).
 */
import { Image } from '@tarojs/components';
import { type ReactNode, useState } from 'react';

export function usePosterStandIn(
  thumbUrl: string | null,
  posterUrl: string | null,
): { poster: string | null; preload: ReactNode } {
  const [loadedUrl, setLoadedUrl] = useState<string | null>(null);
  const ready = posterUrl !== null && loadedUrl === posterUrl;
  const preload =
    posterUrl && !ready ? (
      <Image
        id="viewer-poster-preload"
        className="viewer__poster-preload"
        src={posterUrl}
        // A poster that never loads leaves the thumbnail: the player would fail to show it too.
        onLoad={() => setLoadedUrl(posterUrl)}
      />
    ) : null;
  return { poster: ready ? posterUrl : (thumbUrl ?? posterUrl), preload };
}
