/**
 * GET /api/photos/<id>/download?u=&e=&s= : the original through the API's own origin, for WeChat's
 * save-to-album (a mini-program can only download from whitelisted domains, and a user's bucket domain
 * is not one) and for browsers (a same-origin attachment). The link is signed by photos.get and short
 * lived; the bytes are streamed from storage, never buffered whole. One byte range at a time (a video
 * player seeking) is served with 206 from the storage's own range, forwarded; a range past the end is 416.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { RouteHandler } from '../server.js';
import { DownloadRefused, DownloadsService, downloadEtag, type OpenedDownload } from '../services/downloads.js';
import { linkQuery } from '../services/signed-links.js';
import type { AppDeps } from '../trpc/context.js';

const PATH = /^\/api\/photos\/([0-9a-f-]{36})\/download$/;

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A JSON refusal, e.g. `{ "error": "download link expired" }`. */
export function refuse(res: ServerResponse, status: number, error: string, headers: Record<string, string> = {}): true {
  const body = JSON.stringify({ error });
  res.writeHead(status, {
    ...headers,
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
  const downloads = new DownloadsService(deps);
  return async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const match = PATH.exec(pathname);
    if (!match) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    const query = new URL(req.url ?? '', 'http://x').searchParams;
    let opened: OpenedDownload;
    try {
      opened = await downloads.open({ photoId: match[1] as string, ...linkQuery(query) }, internalOrigin(), {
        range: firstHeader(req.headers.range),
        ifRange: firstHeader(req.headers['if-range']),
      });
    } catch (error) {
      if (error instanceof DownloadRefused) return refuse(res, error.status, error.message, error.headers);
      throw error;
    }
    const { photo, download, range } = opened;
    res.writeHead(range ? 206 : 200, {
      'Content-Type': photo.mime,
      ...(download.size !== null ? { 'Content-Length': String(download.size) } : {}),
      ...(range ? { 'Content-Range': `bytes ${range.start}-${range.end}/${photo.size}` } : {}),
      'Accept-Ranges': 'bytes',
      ETag: downloadEtag(photo),
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
