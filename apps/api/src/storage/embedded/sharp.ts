import type Sharp from 'sharp';

let loading: Promise<typeof Sharp> | undefined;

/**
 * sharp, loaded on the first image the store looks at: loading libvips is about 75 ms of a cold start that
 * serves no image yet (BENCHMARKS.md, 5a).
 */
export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}
