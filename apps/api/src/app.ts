/** Wires config -> db -> migrations -> secrets -> storage -> deps and routes. Shared by main.ts and the CLI. */
import path from 'node:path';
import type { QiniuRegion } from '@xiaojia/shared';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createDb, migrateToLatest } from './db/index.js';
import { createDownloadRoute } from './http/download.js';
import { createExportRoute } from './http/export.js';
import { BackgroundTasks } from './integrations/background.js';
import { type Clock, systemClock } from './integrations/clock.js';
import { createLinkSigner, createSealer } from './integrations/crypto.js';
import { loadOrCreateSecret, randomKey, secretsDir } from './integrations/secrets.js';
import { createWeChatClient } from './integrations/wechat.js';
import type { RouteHandler } from './server.js';
import { createEmbeddedStore } from './storage/embedded/index.js';
import { embeddedBucket } from './storage/embedded-bucket.js';
import type { KodoEndpoints } from './storage/kodo.js';
import { StorageResolver } from './storage/resolver.js';
import type { AppDeps } from './trpc/context.js';

export interface BuildOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Tests point "Qiniu" at a strict Kodo peer. */
  qiniuEndpoints?: (region: QiniuRegion, domain: string) => KodoEndpoints;
}

export interface App {
  deps: AppDeps;
  /** HTTP routes beside /trpc: the embedded store, the download path and home exports. */
  routes: RouteHandler[];
  /** Tell the app where it listens, for its calls to itself (the embedded store's management API). */
  setInternalOrigin(origin: string): void;
  close(): Promise<void>;
}

export async function buildApp({ config, logger, clock = systemClock, qiniuEndpoints }: BuildOptions): Promise<App> {
  const db = createDb(config.database);
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

  const serverKey =
    config.secretKey || loadOrCreateSecret(path.join(secretsDir(config.dataDir), 'server.key'), randomKey);
  const store = await createEmbeddedStore({
    dir: config.storeDir,
    logger,
    clock,
    maxUploadBytes: config.maxUploadBytes,
    videoTools: config.video,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
  });
  let internalOrigin = `http://127.0.0.1:${config.port}`;
  const sealer = createSealer(serverKey);
  const storage = new StorageResolver({
    embedded: embeddedBucket(store, () => internalOrigin),
    sealer,
    clock,
    ...(qiniuEndpoints ? { endpointsFor: qiniuEndpoints } : {}),
  });
  const deps: AppDeps = {
    config,
    db,
    clock,
    logger,
    wechat: createWeChatClient(config.wechat),
    storage,
    sealer,
    linkSigner: createLinkSigner(serverKey),
    background: new BackgroundTasks(logger),
  };
  return {
    deps,
    routes: [
      store.handler,
      createDownloadRoute(deps, () => internalOrigin),
      createExportRoute(deps, () => internalOrigin),
    ],
    setInternalOrigin(origin) {
      internalOrigin = origin;
    },
    async close() {
      // What requests started (subscribe messages) finishes before the database goes.
      await deps.background.idle();
      store.close();
      await db.destroy();
    },
  };
}
