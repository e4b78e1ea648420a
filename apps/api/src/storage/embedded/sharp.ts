import type Sharp from 'sharp';

let loading: Promise<typeof Sharp> | undefined;

/**
 * sharp, loaded on the first image the store looks at: loading libvips is about 75 ms of a cold start that
 * serves no image yet (BENCHMARKS.md, 5a).
 *
 * Settings, process-wide:
 * - one libvips thread per image: the render queue (derived.ts) already runs one render per core, so more
 *   threads per image would only oversubscribe the cores (sharp picks 1 itself on glibc without jemalloc,
 *   the number of cores elsewhere);
 * - no libvips operation cache: every derived image is cached on disk, so the cache would only hold up to
 *   50 MB of pixels and 20 open files (of data files that may since have been deleted) for nothing.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.concurrency(1);
    sharp.cache(false);
    return sharp;
  });
  return loading;
}
