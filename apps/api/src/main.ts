/** Boot: config -> db -> migrate -> server -> listen; graceful shutdown on SIGTERM/SIGINT. */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createHttpServer } from './server.js';
import { PhotosService } from './services/photos.js';

/** How often this instance looks for expired trash and failed purges. */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await buildApp({ config, logger });
  const server = createHttpServer({ deps: app.deps, routes: app.routes });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.setInternalOrigin(`http://127.0.0.1:${port}`);
  logger.info(
    { port, dataDir: config.dataDir, h5: config.h5Dir || null },
    `xiaojia listening on http://${config.host}:${port}`,
  );

  const sweep = () => {
    new PhotosService(app.deps)
      .sweep(`http://127.0.0.1:${port}`)
      .then((result) => {
        if (result.expired + result.purged + result.failed > 0) logger.info(result, 'trash sweep');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'trash sweep failed'));
  };
  const sweepTimer = setInterval(sweep, SWEEP_INTERVAL_MS);
  sweepTimer.unref();
  setTimeout(sweep, 5_000).unref();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweepTimer);
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    server.close(async () => {
      await app.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      logger.warn('in-flight requests did not finish in 30 s; exiting');
      process.exit(1);
    }, 30_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`xiaojia failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
