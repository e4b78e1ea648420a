/** Wires config -> db -> migrations -> deps. Shared by main.ts, the CLI and tests. */
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createDb, migrateToLatest } from './db/index.js';
import { type Clock, systemClock } from './integrations/clock.js';
import { createWeChatClient } from './integrations/wechat.js';
import type { AppDeps } from './trpc/context.js';

export interface BuildOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
}

export async function buildDeps({ config, logger, clock = systemClock }: BuildOptions): Promise<AppDeps> {
  const db = createDb(config.database);
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  return { config, db, clock, logger, wechat: createWeChatClient(config.wechat) };
}
