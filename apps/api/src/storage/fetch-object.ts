/** Streaming a stored object from a signed URL (the API's own download path), for every provider. */
import { Readable } from 'node:stream';
import type { ByteRange } from './byte-range.js';
import { type ObjectDownload, StorageError } from './provider.js';

/**
 * GETs `url` (one byte `range` of it when asked) without following redirects; 404 is not_found, other
 * refusals are what `refused` says. A storage that ignores the range answers the whole object (partial unset).
 */
export async function fetchObject(
  url: string,
  refused: (status: number) => StorageError,
  range?: ByteRange,
): Promise<ObjectDownload> {
  let response: Response;
  try {
    const headers: Record<string, string> = range ? { Range: `bytes=${range.start}-${range.end}` } : {};
    response = await fetch(url, { redirect: 'error', headers });
  } catch (error) {
    throw new StorageError('unreachable', `Storage could not be reached: ${(error as Error).message}`);
  }
  if (response.status === 404) throw new StorageError('not_found', 'No such object', 404);
  if (!response.ok || !response.body) throw refused(response.status);
  const length = response.headers.get('content-length');
  return {
    body: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
    size: length ? Number(length) : null,
    mime: response.headers.get('content-type') ?? 'application/octet-stream',
    partial: response.status === 206,
  };
}
