/**
 * Private download as Kodo serves a private bucket: `<domain>/<urlencoded key>[?fop]`, then `e=<deadline>`
 * and `token=AK:urlsafe_b64(hmac_sha1(<whole URL up to e>, SK))` last. Expired, tampered or unsigned
 * URLs are refused. Answers carry Content-Type, Content-Length, ETag, Last-Modified and cache headers,
 * honour Range and conditional requests, and run the image and video fops (cached on disk per stored version).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { parseRange } from '../byte-range.js';
import type { ObjectRecord } from './catalog.js';
import { dataFilePath, nowSeconds, type StoreContext } from './context.js';
import { KODO, KodoError, sendJson } from './errors.js';
import { FORMAT_MIME, fopCacheName, imageInfo, outputFormatOf, parseFop } from './fop.js';
import { isProcessableImage, isProcessableVideo } from './mime.js';
import { hmacSha1UrlSafe, sameSignature } from './sign.js';

/** Cap on how long a client may cache a signed answer (it can never outlive its URL). */
const MAX_CACHE_SECONDS = 7 * 24 * 3600;

/**
 * What a downloaded object may do in a browser: nothing active. Uploaded SVG or HTML served from the
 * API's own origin must not run script there.
 */
const SAFE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox",
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, ETag',
};

interface SignedRequest {
  key: string;
  fop: string | null;
  attname: string | null;
  deadline: number;
}

/** Splits and verifies `/store/o/<key>?<fop>&e=<deadline>&token=<AK:sign>` (`prefix` = "/store/o/"). */
function verifySignedUrl(req: IncomingMessage, ctx: StoreContext, prefix: string): SignedRequest {
  const raw = req.url ?? '';
  const q = raw.indexOf('?');
  const tokenAt = raw.lastIndexOf('&token=');
  if (q === -1 || tokenAt < q) throw new KodoError(KODO.unauthorized, 'download token not specified');
  const signed = raw.slice(0, tokenAt);
  let token: string;
  try {
    token = decodeURIComponent(raw.slice(tokenAt + '&token='.length));
  } catch {
    throw new KodoError(KODO.unauthorized, 'bad token');
  }
  const eMatch = /[?&]e=(\d{1,12})$/.exec(signed);
  if (!eMatch) throw new KodoError(KODO.unauthorized, 'download token not specified');
  const [accessKey, signature, extra] = token.split(':');
  if (accessKey !== ctx.credentials.accessKey || !signature || extra !== undefined) {
    throw new KodoError(KODO.unauthorized, 'bad token');
  }
  const verified = ctx
    .originCandidates(req.headers)
    .some((origin) => sameSignature(signature, hmacSha1UrlSafe(origin + signed, ctx.credentials.secretKey)));
  if (!verified) throw new KodoError(KODO.unauthorized, 'bad token');
  const deadline = Number(eMatch[1]);
  if (deadline < nowSeconds(ctx)) throw new KodoError(KODO.unauthorized, 'token out of date');

  let key: string;
  try {
    key = decodeURIComponent(raw.slice(prefix.length, q));
  } catch {
    throw new KodoError(KODO.badRequest, 'invalid key encoding');
  }
  // What sits between `?` and `e=`: a fop and/or attname=<download file name>.
  const middle = signed.slice(q + 1, eMatch.index).replace(/&$/, '');
  let fop: string | null = null;
  let attname: string | null = null;
  for (const part of middle === '' ? [] : middle.split('&')) {
    if (part.startsWith('attname=')) {
      try {
        attname = decodeURIComponent(part.slice('attname='.length));
      } catch {
        throw new KodoError(KODO.badRequest, 'invalid attname');
      }
    } else if (fop === null) {
      // Clients (and the SDK's encodeurl) percent-encode characters such as `|` and `!` in the fop.
      try {
        fop = decodeURIComponent(part);
      } catch {
        throw new KodoError(KODO.badRequest, 'invalid fop encoding');
      }
    } else {
      throw new KodoError(KODO.badRequest, 'more than one fop');
    }
  }
  return { key, fop, attname, deadline };
}

function contentDisposition(attname: string): string {
  const fallback = attname.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(attname)}`;
}

interface Servable {
  file: string;
  size: number;
  mimeType: string;
  etag: string;
  lastModified: Date;
}

async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  target: Servable,
  signedUrl: SignedRequest,
  ctx: StoreContext,
): Promise<void> {
  const maxAge = Math.max(0, Math.min(MAX_CACHE_SECONDS, signedUrl.deadline - nowSeconds(ctx)));
  const headers: Record<string, string> = {
    ...SAFE_HEADERS,
    'Content-Type': target.mimeType,
    ETag: `"${target.etag}"`,
    'Last-Modified': target.lastModified.toUTCString(),
    'Accept-Ranges': 'bytes',
    'Cache-Control': `private, max-age=${maxAge}`,
  };
  if (signedUrl.attname !== null) headers['Content-Disposition'] = contentDisposition(signedUrl.attname);

  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const notModified = ifNoneMatch
    ? ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === headers.ETag || t.trim() === '*')
    : ifModifiedSince !== undefined &&
      Math.floor(target.lastModified.getTime() / 1000) <= Math.floor(Date.parse(ifModifiedSince) / 1000);
  if (notModified) {
    res.writeHead(304, headers);
    res.end();
    return;
  }

  const ifRange = req.headers['if-range'];
  const rangeAllowed = !ifRange || ifRange === headers.ETag;
  const range = rangeAllowed ? parseRange(req.headers.range, target.size) : null;
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${target.size}`, 'Content-Length': '0' });
    res.end();
    return;
  }

  // Open before answering: a version replaced meanwhile is still readable through this handle.
  const handle = await open(target.file, 'r');
  try {
    if (range) {
      headers['Content-Range'] = `bytes ${range.start}-${range.end}/${target.size}`;
      headers['Content-Length'] = String(range.end - range.start + 1);
      res.writeHead(206, headers);
    } else {
      headers['Content-Length'] = String(target.size);
      res.writeHead(200, headers);
    }
    if (req.method === 'HEAD' || target.size === 0) {
      res.end();
      return;
    }
    const stream = createReadStream('', {
      fd: handle,
      autoClose: false,
      start: range?.start ?? 0,
      end: range?.end ?? target.size - 1,
    });
    await pipeline(stream, res).catch((error: unknown) => {
      // A client that stops reading (closed tab, seek in a video) is normal.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
    });
  } finally {
    await handle.close();
  }
}

/** A cached derived file (thumbnail, preview, poster), with an ETag of its own per stored version and fop. */
async function serveDerived(
  req: IncomingMessage,
  res: ServerResponse,
  derived: { file: string; record: ObjectRecord; cacheName: string; mimeType: string },
  signedUrl: SignedRequest,
  ctx: StoreContext,
): Promise<void> {
  const { file, record, cacheName, mimeType } = derived;
  const size = (await stat(file)).size;
  const etag = `${record.hash}-${cacheName.slice(0, 16)}`;
  const lastModified = new Date(Math.floor(record.putTime / 10_000));
  await serveFile(req, res, { file, size, mimeType, etag, lastModified }, signedUrl, ctx);
}

export async function handleDownload(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: StoreContext,
  prefix: string,
): Promise<void> {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new KodoError(KODO.methodNotAllowed, 'method not allowed');
    const signedUrl = verifySignedUrl(req, ctx, prefix);
    const record = ctx.catalog.get(signedUrl.key);
    if (!record) throw new KodoError(KODO.notFound, 'Document not found');
    const lastModified = new Date(Math.floor(record.putTime / 10_000));
    if (signedUrl.fop === null) {
      await serveFile(
        req,
        res,
        {
          file: dataFilePath(ctx.paths, record.file),
          size: record.fsize,
          mimeType: record.mimeType,
          etag: record.hash,
          lastModified,
        },
        signedUrl,
        ctx,
      );
      return;
    }
    const fop = parseFop(signedUrl.fop);
    if (fop.kind === 'avinfo' || fop.kind === 'vframe') {
      if (!isProcessableVideo(record.mimeType)) throw new KodoError(KODO.badRequest, 'not a video');
      const source = dataFilePath(ctx.paths, record.file);
      if (fop.kind === 'avinfo') {
        sendJson(res, 200, await ctx.derived.queue.run(() => ctx.video.avinfo(source)), SAFE_HEADERS);
        return;
      }
      const cacheName = fopCacheName(signedUrl.fop, fop.frame.format === 'png' ? 'png' : 'jpeg');
      const frame = fop.frame;
      const file = await ctx.derived.fileFrom(record, cacheName, (input) => ctx.video.vframe(input, frame));
      await serveDerived(
        req,
        res,
        { file, record, cacheName, mimeType: FORMAT_MIME[fop.frame.format === 'png' ? 'png' : 'jpeg'] },
        signedUrl,
        ctx,
      );
      return;
    }
    if (!isProcessableImage(record.mimeType)) throw new KodoError(KODO.badRequest, 'unsupported image format');
    if (fop.kind === 'imageInfo') {
      let info: Record<string, string | number>;
      try {
        info = await imageInfo(dataFilePath(ctx.paths, record.file), record.fsize);
      } catch (error) {
        if (error instanceof KodoError) throw error;
        throw new KodoError(KODO.badRequest, 'unsupported image format');
      }
      sendJson(res, 200, info, SAFE_HEADERS);
      return;
    }
    const format = outputFormatOf(fop.steps, record.mimeType);
    const cacheName = fopCacheName(signedUrl.fop, format);
    const file = await ctx.derived.file(record, fop.steps, cacheName);
    await serveDerived(req, res, { file, record, cacheName, mimeType: FORMAT_MIME[format] }, signedUrl, ctx);
  } catch (error) {
    if (!(error instanceof KodoError)) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        // The object was replaced or deleted between the index lookup and the open.
        sendJson(res, KODO.notFound, { error: 'Document not found' }, SAFE_HEADERS);
        return;
      }
      throw error;
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, error.status, { error: error.message }, { ...SAFE_HEADERS, ...error.headers });
  }
}
