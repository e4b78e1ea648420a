/**
 * The server process: build the app, listen, run the background sweeps, and stop gracefully. Shared by
 * main.ts (`node dist/main.js`) and the CLI's `serve`.
 *
 * Stopping: the listener closes first (no new connections), idle keep-alive connections are dropped,
 * requests in flight (uploads included: the embedded store answers only once the object is committed)
 * run to their end, a sweep in progress finishes, then the store index and the database close. Requests
 * still running after the grace period are cut off; an upload cut off that way was never acknowledged,
 * and its temp file is removed (now, or at the next start).
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { type App, buildApp } from '../app.js';
import type { Config } from '../config.js';
import { createHttpServer } from '../server.js';
import { housekeeping } from '../services/housekeeping.js';

/** How often this instance runs the housekeeping sweep (services/housekeeping.ts). */
export const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export interface RunningServer {
  app: App;
  server: Server;
  port: number;
  /** http://127.0.0.1:<port> */
  internalOrigin: string;
  /** Graceful stop; resolves true when everything in flight finished within the grace period. */
  stop(reason: string): Promise<boolean>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const app = await buildApp({ config, logger });
  const server = createHttpServer({ deps: app.deps, routes: app.routes });

  let stopping = false;
  let inFlight = 0;
  let drained: (() => void) | null = null;
  server.on('request', (_req, res) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (!stopping) return;
      // The connection this answer went out on is idle now; nothing new may start on it.
      setImmediate(() => server.closeIdleConnections());
      if (inFlight === 0) drained?.();
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const internalOrigin = `http://127.0.0.1:${port}`;
  app.setInternalOrigin(internalOrigin);
  logger.info(
    { port, dataDir: config.dataDir, database: config.database.kind, h5: config.h5Dir || null },
    `xiaojia listening on http://${config.host}:${port}`,
  );

  // Safe on several instances at once (see services/housekeeping.ts).
  let sweeping: Promise<void> | null = null;
  const sweep = () => {
    if (stopping || sweeping) return;
    sweeping = (async () => {
      try {
        const result = await housekeeping(app.deps, internalOrigin);
        if (Object.values(result).some((count) => count > 0)) logger.info(result, 'background sweep');
      } catch (error) {
        logger.error({ err: error }, 'background sweep failed');
      } finally {
        sweeping = null;
      }
    })();
  };
  const sweepTimer = setInterval(sweep, SWEEP_INTERVAL_MS);
  sweepTimer.unref();
  // Instances started together should not all sweep in the same second.
  const firstSweep = setTimeout(sweep, 5_000 + Math.floor(Math.random() * 10_000));
  firstSweep.unref();

  let stopped: Promise<boolean> | null = null;
  const stop = (reason: string): Promise<boolean> => {
    if (stopped) return stopped;
    stopping = true;
    clearInterval(sweepTimer);
    clearTimeout(firstSweep);
    logger.info({ reason, inFlight }, 'shutting down: finishing in-flight requests');
    stopped = (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const allAnswered = new Promise<void>((resolve) => {
        drained = resolve;
        if (inFlight === 0) resolve();
      });
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), config.shutdownGraceMs);
      });
      const finished = (await Promise.race([allAnswered.then(() => 'done' as const), graceOver])) === 'done';
      clearTimeout(timer);
      if (!finished) {
        logger.warn({ inFlight }, 'requests still running after the grace period; cutting them off');
        server.closeAllConnections();
        // Cut-off uploads remove their temp files as their sockets close.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await closed;
      if (sweeping) await sweeping;
      await app.close();
      logger.info('stopped');
      return finished;
    })();
    return stopped;
  };

  return { app, server, port, internalOrigin, stop };
}

/** SIGTERM / SIGINT stop the server gracefully, then the process exits (1 if requests were cut off). */
export function stopOnSignals(running: RunningServer, logger: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    running.stop(signal).then(
      (finished) => process.exit(finished ? 0 : 1),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
