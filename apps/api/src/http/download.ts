/**
 * GET /api/photos/<id>/download?u=&e=&s= : the original through the API's own origin, for WeChat's
 * save-to-album (a mini-program can only download from whitelisted domains, and a user's bucket domain
 * is not one) and for browsers (a same-origin attachment). The link is signed by photos.get and short
 * lived; the bytes are streamed from storage, never buffered whole.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { BindingsRepository } from '../repositories/bindings.js';
import { PhotosRepository } from '../repositories/photos.js';
import type { RouteHandler } from '../server.js';
import { DOWNLOAD_LINK_MS, downloadLinkMessage } from '../services/photos.js';
import { StorageError } from '../storage/provider.js';
import type { AppDeps } from '../trpc/context.js';

const PATH = /^\/api\/photos\/([0-9a-f-]{36})\/download$/;

function refuse(res: ServerResponse, status: number, error: string): true {
  const body = JSON.stringify({ error });
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
  return true;
}

/** RFC 6266 attachment with the original file name (UTF-8 safe for Chinese names). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function createDownloadRoute(deps: AppDeps, internalOrigin: () => string): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const match = PATH.exec(pathname);
    if (!match) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    const photoId = match[1] as string;
    const query = new URL(req.url ?? '', 'http://x').searchParams;
    const userId = query.get('u') ?? '';
    const expires = Number(query.get('e'));
    const signature = query.get('s') ?? '';
    const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
    if (
      !userId ||
      !Number.isInteger(expires) ||
      !deps.linkSigner.verify(downloadLinkMessage(userId, photoId, expires), signature)
    ) {
      return refuse(res, 403, 'invalid download link');
    }
    if (expires < nowSeconds || expires > nowSeconds + DOWNLOAD_LINK_MS / 1000 + 60) {
      return refuse(res, 403, 'download link expired');
    }
    const photo = await new PhotosRepository(deps.db).byId(userId, photoId);
    if (!photo) return refuse(res, 404, 'no such photo');
    const binding = photo.binding_id ? await new BindingsRepository(deps.db).byId(userId, photo.binding_id) : null;
    if (photo.binding_id && binding?.status !== 'active')
      return refuse(res, 409, 'the bucket holding this photo is not bound');

    let download: Awaited<ReturnType<ReturnType<AppDeps['storage']['forBinding']>['download']>>;
    try {
      const provider = deps.storage.forBinding(binding, internalOrigin());
      download = await provider.download(photo.object_key, new Date((nowSeconds + 300) * 1000));
    } catch (error) {
      if (error instanceof StorageError && error.reason === 'not_found') return refuse(res, 404, 'not in storage');
      deps.logger.warn({ photoId, reason: (error as Error).message }, 'download from storage failed');
      return refuse(res, 502, 'storage unavailable');
    }
    res.writeHead(200, {
      'Content-Type': photo.mime,
      ...(download.size !== null ? { 'Content-Length': String(download.size) } : {}),
      'Content-Disposition': contentDisposition(photo.filename),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      download.body.destroy();
      res.end();
      return true;
    }
    await pipeline(download.body, res);
    return true;
  };
}
