import type { ThumbPixels } from '../../src/upload/thumbhash';

/** For tests: a promise the test settles when it chooses (a read, a send, an answer held back). */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A `width`×`height` picture of one opaque colour, as a platform's pixel reader gives it. */
export function solidPixels(
  width: number,
  height: number,
  rgb: [number, number, number] = [120, 90, 120],
): ThumbPixels {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([...rgb, 255], i);
  return { width, height, rgba };
}

/** uploads.create's answer for `files`: an upload ticket each, keyed by its name. */
export function uploadTicketsFor(files: readonly { filename: string }[]) {
  return files.map((f) => ({
    kind: 'upload' as const,
    key: `k/${f.filename}`,
    uploadUrl: 'https://up.example/',
    fields: {},
    expiresAt: '2030-01-01T00:00:00.000Z',
  }));
}

/** A photo as the API answers it (zPhoto), for transports that confirm uploads in tests. */
export const UPLOADED_PHOTO = {
  uploaderId: 'user-1',
  filename: 'x.jpg',
  mime: 'image/jpeg',
  size: 1000,
  width: 400,
  height: 300,
  takenAt: null,
  createdAt: '2026-05-01T08:00:00.000Z',
  sortAt: '2026-05-01T08:00:00.000Z',
  deletedAt: null,
  thumbUrl: null,
  availability: 'ok' as const,
  thumbhash: null,
  durationMs: null,
};
