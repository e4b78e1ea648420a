/**
 * Derived images (thumbnails, previews, video posters): rendered once per stored version and fop, then served from the
 * disk cache (`cache/<data file>/<sha1 of the fop>.<format>`, dropped with the version). Identical
 * requests that arrive together share one render, and renders go through a bounded queue, so a burst of
 * first-time thumbnails costs a few renders' memory at a time, not one per request.
 */
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { ObjectRecord } from './catalog.js';
import { cacheDirFor, dataFilePath, newFileId, type StorePaths } from './context.js';
import { KODO, KodoError } from './errors.js';
import { type ImageStep, renderImage } from './fop.js';
import { RenderQueue } from './render-queue.js';

export type RenderImage = (source: string, steps: ImageStep[], sourceMime: string) => Promise<Buffer>;

/**
 * Renders waiting for a core before new ones are refused with 503: a burst of 50 first-time thumbnails
 * (a timeline page on a fresh store) still fits, and a waiting request holds only its socket.
 */
export const MAX_WAITING_RENDERS = 64;

export interface ImageRenderingOptions {
  /** Renders at once; default one per core (os.availableParallelism()). */
  concurrency?: number;
  /** Renders allowed to wait for a slot; default MAX_WAITING_RENDERS. */
  maxWaiting?: number;
  /** The renderer; default sharp's (fop.ts). Tests pass one they can hold and count. */
  render?: RenderImage;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

export class DerivedImages {
  readonly queue: RenderQueue;
  private readonly render: RenderImage;
  /** Cache files being looked up or rendered, so identical concurrent requests share one job. */
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly paths: StorePaths,
    options: ImageRenderingOptions = {},
  ) {
    this.queue = new RenderQueue(
      options.concurrency ?? availableParallelism(),
      options.maxWaiting ?? MAX_WAITING_RENDERS,
    );
    this.render = options.render ?? renderImage;
  }

  /** The cache file holding `steps` applied to `record`, rendered first when it is not there yet. */
  file(record: ObjectRecord, steps: ImageStep[], cacheName: string): Promise<string> {
    return this.fileFrom(record, cacheName, (source) => this.render(source, steps, record.mimeType));
  }

  /**
   * The cache file `cacheName` of `record`, made by `produce` from the stored file when it is not there yet
   * (image chains above; a video's poster frame). Same queue, same sharing, same cache.
   */
  fileFrom(record: ObjectRecord, cacheName: string, produce: (source: string) => Promise<Buffer>): Promise<string> {
    const target = path.join(cacheDirFor(this.paths, record.file), cacheName);
    const running = this.inFlight.get(target);
    if (running) return running;
    // The lookup joins the shared job too: a request can then never miss a file that is being renamed in.
    const job = this.cachedOrRendered(record, produce, target).finally(() => this.inFlight.delete(target));
    this.inFlight.set(target, job);
    return job;
  }

  private async cachedOrRendered(
    record: ObjectRecord,
    produce: (source: string) => Promise<Buffer>,
    target: string,
  ): Promise<string> {
    if (await exists(target)) return target;
    const data = await this.queue.run(async () => {
      try {
        return await produce(dataFilePath(this.paths, record.file));
      } catch (error) {
        if (error instanceof KodoError) throw error;
        throw new KodoError(KODO.badRequest, `image processing failed: ${(error as Error).message}`);
      }
    });
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(this.paths.tmp, `${newFileId()}.fop`);
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    try {
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      // The object was deleted while we rendered: its cache folder is gone, and so is the answer.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KodoError(KODO.notFound, 'Document not found');
      throw error;
    }
    return target;
  }
}
