/**
 * The embedded store: a Kodo-protocol bucket on local disk, served by the API process under /store/.
 *
 *   POST /store/up               form upload host (Kodo's upload.qiniup.com)
 *   /store/up/buckets/…          resumable upload v2 on the same host (resumable/handler.ts)
 *   GET  /store/o/<key>[?fop]    private download domain, signed with e + token
 *   /store/rs/stat|delete|batch  Kodo's rs host
 *   POST /store/rsf/list         Kodo's rsf host
 *   POST /store/api/v3/domains   Kodo's uc host (the bucket's domains)
 *
 * The qiniu SDK builds every URL as `<scheme>://<host>` + operation path, and accepts hosts with a path
 * ("127.0.0.1:3000/store/rs"), so `qiniuConfig(origin)` points FormUploader and BucketManager here and
 * the API's storage code makes the same SDK calls for this store as for a real Qiniu bucket.
 */
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import qiniu from 'qiniu';
import { type Clock, systemClock } from '../../integrations/clock.js';
import type { RouteHandler } from '../../server.js';
import type { ByteRange } from '../byte-range.js';
import { Catalog } from './catalog.js';
import { dataFilePath, type StoreContext, type StorePaths, storePaths } from './context.js';
import { DerivedImages, type ImageRenderingOptions } from './derived.js';
import { handleDownload } from './download.js';
import { KODO, KodoError, sendKodoError } from './errors.js';
import { loadOrCreateKeys, type StoreCredentials } from './keys.js';
import { handleManagement } from './manage.js';
import { isProcessableVideo } from './mime.js';
import { startResumableUploads } from './resumable/index.js';
import { DEFAULT_VIDEO_TOOLS, type VideoToolPaths } from './tools.js';
import { handleFormUpload } from './upload.js';
import { type VideoLimits, VideoTools } from './video.js';

export const STORE_BASE_PATH = '/store';
export const DEFAULT_BUCKET = 'xiaojia-local';

export interface EmbeddedStoreOptions {
  /** Where objects, the key index and the keys file live (config.storeDir). */
  dir: string;
  logger: Logger;
  /** Largest single upload in bytes (config.maxUploadBytes), whatever a token's fsizeLimit says. */
  maxUploadBytes: number;
  /** Deadlines of upload tokens and signed URLs. */
  clock?: Clock;
  /** What X-Qiniu-Date on management requests is checked against (the SDK stamps it from the wall clock). */
  wallClock?: Clock;
  bucket?: string;
  /** Default `<dir>/store-keys.json`. */
  keysFile?: string;
  /** config.publicUrl: the origin download URLs are signed with when set. */
  publicUrl?: string;
  /** config.trustProxy: also accept X-Forwarded-Host as the host a download URL was signed with. */
  trustProxy?: boolean;
  /** How many image renders run and wait at once (defaults: one per core, MAX_WAITING_RENDERS). */
  imageRendering?: ImageRenderingOptions;
  /** ffmpeg and ffprobe (config.video); default: found on PATH. Without them videos have no posters. */
  videoTools?: VideoToolPaths;
  /** How long one ffmpeg run may take (default DEFAULT_VIDEO_LIMITS). */
  videoLimits?: VideoLimits;
}

/** Where each Kodo service lives for a given public origin. Hosts are as the SDK wants them: no scheme. */
export interface StoreEndpoints {
  /** Form upload URL for clients (the `uploadUrl` of uploads.create). */
  uploadUrl: string;
  /** Download domain for privateDownloadUrl. */
  downloadDomain: string;
  upHost: string;
  ioHost: string;
  rsHost: string;
  rsfHost: string;
  apiHost: string;
  useHttpsDomain: boolean;
}

/** An object read straight from disk, for server code that must not make an HTTP call to itself. */
export interface StoredObject {
  body: Readable;
  size: number;
  mime: string;
  etag: string;
  /** Only the range asked for. */
  partial?: boolean;
}

/** `open()` on a key the store does not hold. */
export class ObjectNotFoundError extends Error {
  override name = 'ObjectNotFoundError';
  readonly reason = 'not_found';
  constructor(readonly key: string) {
    super('No such object in the embedded store');
  }
}

export interface EmbeddedStore {
  bucket: string;
  credentials: StoreCredentials;
  /** Mount in createHttpServer({ routes: [store.handler] }). */
  handler: RouteHandler;
  endpoints(origin: string): StoreEndpoints;
  /** A qiniu SDK config whose FormUploader / BucketManager calls reach this store at `origin`. */
  qiniuConfig(origin: string): qiniu.conf.Config;
  /** The bytes of a key, or one range of them; throws ObjectNotFoundError when it is absent. */
  open(key: string, range?: ByteRange): Promise<StoredObject>;
  /** What Kodo's stat answers (size, qetag, type) from the index; null when the key is absent. */
  stat(key: string): { size: number; etag: string; mime: string } | null;
  /** Kodo's avinfo of a stored video, by ffprobe through the render queue; throws ObjectNotFoundError or KodoError. */
  avinfo(key: string): Promise<unknown>;
  /** Deletes unfinished resumable uploads past their expiry now (it also runs at start and hourly). */
  sweepExpiredUploads(): Promise<number>;
  close(): void;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The qiniu SDK's config for a store served at `origin`: every host the SDK may call points here. */
export function storeQiniuConfig(origin: string): qiniu.conf.Config {
  const e = storeEndpoints(origin);
  const zone = new qiniu.conf.Zone([e.upHost], [], e.ioHost, e.rsHost, e.rsfHost, e.apiHost);
  // Bucket-level calls (listBucketDomains) go to the uc host: keep them here too, never on the internet.
  const scheme = e.useHttpsDomain ? 'https' : 'http';
  const uc = new qiniu.httpc.StaticEndpointsProvider([new qiniu.httpc.Endpoint(e.apiHost, { defaultScheme: scheme })]);
  return new qiniu.conf.Config({ zone, useHttpsDomain: e.useHttpsDomain, ucEndpointsProvider: uc });
}

export function storeEndpoints(origin: string): StoreEndpoints {
  const url = new URL(origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`store origin must be http(s): ${origin}`);
  const base = `${url.host}${url.pathname.replace(/\/+$/, '')}${STORE_BASE_PATH}`;
  const scheme = url.protocol.slice(0, -1);
  return {
    uploadUrl: `${scheme}://${base}/up`,
    downloadDomain: `${scheme}://${base}/o`,
    upHost: `${base}/up`,
    ioHost: `${base}/o`,
    rsHost: `${base}/rs`,
    rsfHost: `${base}/rsf`,
    apiHost: `${base}/api`,
    useHttpsDomain: scheme === 'https',
  };
}

/**
 * Leftovers are only swept once they are an hour old: another process on the same store directory (the
 * CLI next to the running server) may be writing a temp file, or about to index a data file, right now.
 */
const SWEEP_AGE_MS = 60 * 60 * 1000;

async function removeIfStale(file: string, now: number): Promise<boolean> {
  try {
    if (now - (await stat(file)).mtimeMs < SWEEP_AGE_MS) return false;
    await rm(file, { force: true });
    return true;
  } catch {
    return false;
  }
}

/** Temp files of uploads cut short by a crash, and data files no key points at (a crash between the
 * rename into place and the index update). */
async function sweepLeftovers(paths: StorePaths, catalog: Catalog, now: number, logger: Logger): Promise<void> {
  let removed = 0;
  for (const file of await readdir(paths.tmp)) {
    if (await removeIfStale(path.join(paths.tmp, file), now)) removed++;
  }
  const referenced = catalog.referencedFiles();
  for (const shard of await readdir(paths.data)) {
    const shardDir = path.join(paths.data, shard);
    for (const file of await readdir(shardDir).catch(() => [] as string[])) {
      if (!referenced.has(file) && (await removeIfStale(path.join(shardDir, file), now))) removed++;
    }
  }
  if (removed > 0) logger.info({ removed }, 'embedded store: removed leftover files');
}

export async function createEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const root = path.resolve(options.dir);
  const paths = storePaths(root);
  const bucket = options.bucket ?? DEFAULT_BUCKET;
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)) throw new Error(`invalid bucket name ${bucket}`);
  await mkdir(paths.data, { recursive: true });
  await mkdir(paths.cache, { recursive: true });
  await mkdir(paths.tmp, { recursive: true });
  const credentials = await loadOrCreateKeys(options.keysFile ?? path.join(root, 'store-keys.json'));
  const catalog = new Catalog(path.join(root, 'index.sqlite'));
  const wallClock = options.wallClock ?? systemClock;
  await sweepLeftovers(paths, catalog, wallClock.now().getTime(), options.logger);

  const publicUrl = options.publicUrl?.replace(/\/+$/, '') || null;
  const ctx: StoreContext = {
    bucket,
    credentials,
    catalog,
    clock: options.clock ?? systemClock,
    wallClock,
    logger: options.logger,
    maxUploadBytes: options.maxUploadBytes,
    paths,
    derived: new DerivedImages(paths, options.imageRendering),
    video: new VideoTools(options.videoTools ?? DEFAULT_VIDEO_TOOLS, options.videoLimits),
    originCandidates(headers) {
      const hosts = [firstHeader(headers.host)];
      if (options.trustProxy) hosts.push(firstHeader(headers['x-forwarded-host'])?.split(',')[0]?.trim());
      const origins = publicUrl ? [publicUrl] : [];
      for (const host of hosts) if (host) origins.push(`http://${host}`, `https://${host}`);
      return origins;
    },
  };

  const resumable = await startResumableUploads(ctx);
  const prefix = `${STORE_BASE_PATH}/`;
  const resumablePrefix = `${STORE_BASE_PATH}/up/buckets/`;
  const downloadPrefix = `${STORE_BASE_PATH}/o/`;

  async function handler(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (!pathname.startsWith(prefix)) return false;
    // Browsers upload from the H5 origin (XHR with progress) and read images cross-origin.
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
        'Access-Control-Allow-Headers':
          'authorization, content-type, content-md5, range, if-none-match, if-range, x-requested-with',
        'Access-Control-Max-Age': '86400',
      });
      res.end();
      return true;
    }
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (pathname === `${STORE_BASE_PATH}/up` || pathname === `${STORE_BASE_PATH}/up/`) {
      if (req.method !== 'POST') {
        sendKodoError(res, new KodoError(KODO.methodNotAllowed, 'only POST is allowed on the upload host'));
        return true;
      }
      await handleFormUpload(req, res, ctx);
      return true;
    }
    if (pathname.startsWith(resumablePrefix)) {
      await resumable.handle(req, res, pathname.slice(`${STORE_BASE_PATH}/up`.length));
      return true;
    }
    if (pathname.startsWith(downloadPrefix)) {
      await handleDownload(req, res, ctx, downloadPrefix);
      return true;
    }
    const service = /^\/store\/(rs|rsf|api)(\/.*)$/.exec(pathname);
    if (service) {
      const name = service[1] === 'api' ? 'uc' : (service[1] as 'rs' | 'rsf');
      await handleManagement(req, res, ctx, name, service[2] as string);
      return true;
    }
    sendKodoError(res, new KodoError(KODO.notFound, 'not found'));
    return true;
  }

  return {
    bucket,
    credentials,
    handler,
    endpoints: storeEndpoints,
    qiniuConfig: storeQiniuConfig,
    async open(key, range) {
      // Retry once: a replace between the lookup and the open removes the version just looked up.
      for (let attempt = 0; attempt < 2; attempt++) {
        const record = catalog.get(key);
        if (!record) break;
        try {
          const handle = await open(dataFilePath(paths, record.file), 'r');
          if (!range) {
            return { body: handle.createReadStream(), size: record.fsize, mime: record.mimeType, etag: record.hash };
          }
          const end = Math.min(range.end, record.fsize - 1);
          return {
            body: handle.createReadStream({ start: range.start, end }),
            size: Math.max(0, end - range.start + 1),
            mime: record.mimeType,
            etag: record.hash,
            partial: true,
          };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
      throw new ObjectNotFoundError(key);
    },
    async avinfo(key) {
      const record = catalog.get(key);
      if (!record) throw new ObjectNotFoundError(key);
      if (!isProcessableVideo(record.mimeType)) throw new KodoError(KODO.badRequest, 'not a video');
      return ctx.derived.queue.run(() => ctx.video.avinfo(dataFilePath(paths, record.file)));
    },
    stat(key) {
      const record = catalog.get(key);
      return record ? { size: record.fsize, etag: record.hash, mime: record.mimeType } : null;
    },
    sweepExpiredUploads: () => resumable.sweep(),
    close() {
      resumable.close();
      catalog.close();
    },
  };
}
