/**
 * Serves the built H5 client: hashed assets cached for a year, index.html never cached, SPA fallback for
 * client routes, gzip/brotli for text when the client accepts it. Streams files; never reads them whole.
 */
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json)|image\/svg)/;
/** Taro's H5 build names assets like main.3f9a1c2e.js: content-hashed, safe to cache forever. */
const HASHED = /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i;

async function fileStats(file: string): Promise<Stats | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

function pickEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  if (!accept) return null;
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return null;
}

export function createStaticHandler(root: string) {
  const rootDir = path.resolve(root);
  return async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return false;
    }
    const candidate = path.resolve(rootDir, `.${path.posix.normalize(decoded)}`);
    if (candidate !== rootDir && !candidate.startsWith(rootDir + path.sep)) return false;

    let file = candidate;
    let stats = await fileStats(file);
    // SPA fallback: a path without an extension is a client route, answered by index.html.
    if (!stats && path.extname(decoded) === '') {
      file = path.join(rootDir, 'index.html');
      stats = await fileStats(file);
    }
    if (!stats && candidate === rootDir) {
      file = path.join(rootDir, 'index.html');
      stats = await fileStats(file);
    }
    if (!stats) return false;

    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
    res.setHeader('Content-Type', type);
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', stats.mtime.toUTCString());
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader(
      'Cache-Control',
      file.endsWith('.html')
        ? 'no-cache'
        : HASHED.test(file)
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=3600',
    );
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    const encoding = COMPRESSIBLE.test(type) && stats.size > 1024 ? pickEncoding(req.headers['accept-encoding']) : null;
    res.setHeader('Vary', 'Accept-Encoding');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    else res.setHeader('Content-Length', stats.size);
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    const source = createReadStream(file);
    if (encoding === 'br') {
      await pipeline(source, zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }), res);
    } else if (encoding === 'gzip') {
      await pipeline(source, zlib.createGzip({ level: 6 }), res);
    } else {
      await pipeline(source, res);
    }
    return true;
  };
}
