/**
 * The rules every platform's derivative maker follows (derivative-image*.ts): the JPEG fits `maxSide`
 * without ever being enlarged, and is kept under `maxBytes` by stepping the quality down.
 */

export interface Size {
  width: number;
  height: number;
}

/** `width`×`height` scaled to fit `maxSide` on its longer side; a smaller picture keeps its size. */
export function fitWithin(width: number, height: number, maxSide: number): Size {
  if (!(width > 0 && height > 0 && maxSide > 0)) throw new RangeError('sizes must be positive');
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** JPEG qualities tried in turn (0–1) until the result is small enough. */
export const QUALITY_STEPS = [0.85, 0.75, 0.65, 0.55, 0.45, 0.35] as const;

export class DerivativeTooLarge extends Error {
  override name = 'DerivativeTooLarge';
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`the derivative is ${bytes} bytes at the lowest quality, more than ${maxBytes}`);
  }
}

/**
 * Encodes at each quality of QUALITY_STEPS until the result is at most `maxBytes`; results too large are
 * handed to `discard` (a temp file to delete). Throws DerivativeTooLarge when even the lowest is too large.
 */
export async function encodeWithin<T extends { size: number }>(
  maxBytes: number,
  encode: (quality: number) => Promise<T>,
  discard: (result: T) => Promise<void> | void = () => undefined,
): Promise<T & { quality: number }> {
  let last = 0;
  for (const quality of QUALITY_STEPS) {
    const result = await encode(quality);
    if (result.size <= maxBytes) return Object.assign(result, { quality });
    last = result.size;
    await discard(result);
  }
  throw new DerivativeTooLarge(last, maxBytes);
}

/** Where a video's poster frame is taken: a second in (past a black first frame), or its middle if shorter. */
export function posterTime(durationSeconds: number): number {
  return Number.isFinite(durationSeconds) && durationSeconds > 0 ? Math.min(1, durationSeconds / 2) : 0;
}
