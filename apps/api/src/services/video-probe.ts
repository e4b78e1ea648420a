/**
 * At confirm, a video's facts come from the stored object itself (avinfo on Kodo and the embedded store,
 * COS's avinfo), not from the device. A probe that fails (no ffmpeg, a corrupt clip, a storage without
 * media processing, a timeout) never fails the upload: it is logged and the device's word is kept.
 */
import type { StorageProvider } from '../storage/provider.js';
import type { VideoFacts } from '../storage/video-facts.js';
import type { AppDeps } from '../trpc/context.js';

/** How long the signed avinfo URL lives (the probe itself gives up after 10 s). */
const PROBE_URL_MS = 5 * 60 * 1000;

export async function probeStoredVideo(
  deps: AppDeps,
  provider: StorageProvider,
  key: string,
  homeId: string,
): Promise<VideoFacts | null> {
  if (!provider.probeVideo) return null;
  try {
    return await provider.probeVideo(key, new Date(deps.clock.now().getTime() + PROBE_URL_MS));
  } catch (error) {
    deps.logger.warn(
      { homeId, provider: provider.kind, reason: (error as Error).message },
      "could not probe a stored video; keeping the device's facts",
    );
    return null;
  }
}
