/** The embedded store's resumable uploads (Kodo multipart v2): wiring for index.ts. */
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { StoreContext } from '../context.js';
import { PartsInFlight, type ResumableContext, uploadsRoot } from './context.js';
import { handleResumable } from './handler.js';
import { UploadRegistry } from './registry.js';
import { repairUploads, sweepExpiredUploads } from './sweep.js';

/** How often expired uploads are looked for while the store runs. */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export interface ResumableUploads {
  handle(req: IncomingMessage, res: ServerResponse, subpath: string): Promise<void>;
  /** Deletes uploads past their expireAt now; answers how many. */
  sweep(): Promise<number>;
  close(): void;
}

export async function startResumableUploads(store: StoreContext): Promise<ResumableUploads> {
  await mkdir(uploadsRoot(store), { recursive: true });
  const rc: ResumableContext = {
    store,
    registry: new UploadRegistry(path.join(store.paths.root, 'index.sqlite')),
    inFlight: new PartsInFlight(),
  };
  await repairUploads(rc, store.wallClock.now().getTime());
  await sweepExpiredUploads(rc);
  const timer = setInterval(() => {
    sweepExpiredUploads(rc).catch((error: unknown) =>
      store.logger.warn({ err: error }, 'embedded store: could not sweep expired uploads'),
    );
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    handle: (req, res, subpath) => handleResumable(rc, req, res, subpath),
    sweep: () => sweepExpiredUploads(rc),
    close() {
      clearInterval(timer);
      rc.registry.close();
    },
  };
}
