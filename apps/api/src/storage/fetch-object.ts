/** Streaming a stored object from a signed URL (the API's own download path), for every provider. */
import { Readable } from 'node:stream';
import { type ObjectDownload, StorageError } from './provider.js';

/** GETs `url` without following redirects; 404 is not_found, other refusals are what `refused` says. */
export async function fetchObject(url: string, refused: (status: number) => StorageError): Promise<ObjectDownload> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'error' });
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
  };
}
