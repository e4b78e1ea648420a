/** Test wiring: a fresh in-memory SQLite with migrations applied, a manual clock and a silent logger. */
import pino from 'pino';
import { type Config, loadConfig } from '../config.js';
import { createDb, migrateToLatest } from '../db/index.js';
import { ManualClock } from '../integrations/clock.js';
import { createWeChatClient } from '../integrations/wechat.js';
import type { AppDeps } from '../trpc/context.js';
import { createInnerContext, type RequestInfo } from '../trpc/context.js';
import { createCallerFactory } from '../trpc/init.js';
import { appRouter } from '../trpc/router.js';

export interface TestDeps extends AppDeps {
  clock: ManualClock;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ XIAOJIA_DATA_DIR: '/nonexistent-test-data', XIAOJIA_LOG_LEVEL: 'silent' });
  return { ...base, database: { kind: 'sqlite', file: ':memory:' }, ...overrides };
}

export async function createTestDeps(overrides: Partial<Config> = {}): Promise<TestDeps> {
  const config = testConfig(overrides);
  const db = createDb(config.database);
  await migrateToLatest(db);
  // WeChat answers WECHAT_NOT_CONFIGURED unless the overrides give an app id/secret (and the fake's apiBase).
  const wechat = createWeChatClient(config.wechat);
  return { config, db, clock: new ManualClock(), logger: pino({ level: 'silent' }), wechat };
}

const createCaller = createCallerFactory(appRouter);

/** A tRPC caller as an HTTP request would get it; pass a token to act as a signed-in user. */
export function callerFor(deps: AppDeps, req: Partial<RequestInfo> = {}) {
  return createCaller(createInnerContext(deps, req));
}
