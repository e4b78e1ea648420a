/** Starting the API (its production bundle) and the baseline as child processes on loopback ports. */
import path from 'node:path';
import type { BaselineSql } from '../baseline-server.js';
import type { Bundles } from './build.js';
import { type Child, freePort, startNode } from './processes.js';

export interface RunningServer {
  child: Child;
  origin: string;
}

export interface ApiServerOptions {
  dataDir: string;
  serverKey: string;
  /** Default: the server's default (info), written to /dev/null. */
  logLevel?: string;
  env?: Record<string, string>;
}

/** `node main.js` with the data dir's settings, as an operator runs it. Not waited for: see waitForOk. */
export async function startApi(bundles: Bundles, options: ApiServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const child = startNode([bundles.apiMain], {
    XIAOJIA_PORT: String(port),
    XIAOJIA_HOST: '127.0.0.1',
    XIAOJIA_DATA_DIR: options.dataDir,
    XIAOJIA_SECRET_KEY: options.serverKey,
    XIAOJIA_H5_DIR: '',
    ...(options.logLevel ? { XIAOJIA_LOG_LEVEL: options.logLevel } : {}),
    ...options.env,
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}

export async function startBaseline(
  bundles: Bundles,
  options: { dataDir: string; serverKey: string; sql: BaselineSql },
): Promise<RunningServer> {
  const port = await freePort();
  const child = startNode([bundles.baseline], {
    BENCH_PORT: String(port),
    BENCH_DB: path.join(options.dataDir, 'xiaojia.db'),
    BENCH_SERVER_KEY: options.serverKey,
    BENCH_STORE_KEYS: path.join(options.dataDir, 'objects', 'store-keys.json'),
    BENCH_SQL: JSON.stringify(options.sql),
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}
