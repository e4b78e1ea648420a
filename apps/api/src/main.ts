/** Boot: config -> db -> migrate -> server -> listen; graceful shutdown on SIGTERM/SIGINT (cli/serve.ts). */
import { startServer, stopOnSignals } from './cli/serve.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

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
  const running = await startServer(config, logger);
  stopOnSignals(running, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`xiaojia failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
