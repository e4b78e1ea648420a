/**
 * Test wiring: the real app (embedded store included) over a fresh in-memory SQLite with migrations
 * applied, a manual clock, a silent logger, temp directories, and an HTTP server on a random loopback
 * port so storage calls travel the real Kodo protocol. Everything is torn down after each test
 * (src/test/setup.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { type App, type BuildOptions, buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { ManualClock } from '../integrations/clock.js';
import type { ScryptParams } from '../integrations/password.js';
import { randomKey } from '../integrations/secrets.js';
import { createHttpServer } from '../server.js';
import type { AppDeps } from '../trpc/context.js';
import { createInnerContext, type RequestInfo } from '../trpc/context.js';
import { createCallerFactory } from '../trpc/init.js';
import { appRouter } from '../trpc/router.js';

export interface TestDeps extends AppDeps {
  clock: ManualClock;
  /** http://127.0.0.1:<port> of the test server (API + embedded store). */
  origin: string;
  app: App;
  server: Server;
  close(): Promise<void>;
}

/**
 * scrypt at 1/32 of the production cost (1 MiB, about a millisecond): tests sign up hundreds of accounts
 * and test behaviour, not the cost. Production cannot get these: loadConfig never answers them (config.ts).
 */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ XIAOJIA_DATA_DIR: '/nonexistent-test-data', XIAOJIA_LOG_LEVEL: 'silent' });
  return { ...base, database: { kind: 'sqlite', file: ':memory:' }, passwordHashing: TEST_SCRYPT, ...overrides };
}

const open = new Set<TestDeps>();

export interface TestDatabase {
  database: Config['database'];
  /** Drops a PostgreSQL test database (SQLite files go with their temp dir). */
  drop(): Promise<void>;
}

/**
 * A fresh database for one test. SQLite (the default): `sqliteFile`, in memory unless named. Under
 * XIAOJIA_TEST_DATABASE=postgres (test/global-setup.ts): a new, empty database on the test server, so
 * tests never see each other's rows and several test files can run at once.
 */
export async function createTestDatabase(sqliteFile = ':memory:'): Promise<TestDatabase> {
  const adminUrl = inject('pgUrl');
  if (!adminUrl) return { database: { kind: 'sqlite', file: sqliteFile }, drop: async () => undefined };
  const name = `xiaojia_test_${randomKey()
    .slice(0, 12)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgres', url: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface TestDepsOptions extends Partial<Config> {
  qiniuEndpoints?: BuildOptions['qiniuEndpoints'];
}

export async function createTestDeps(options: TestDepsOptions = {}): Promise<TestDeps> {
  const { qiniuEndpoints, ...overrides } = options;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xiaojia-test-'));
  const testDatabase = overrides.database ? null : await createTestDatabase();
  const config = testConfig({
    ...(testDatabase ? { database: testDatabase.database } : {}),
    dataDir,
    storeDir: path.join(dataDir, 'objects'),
    secretKey: randomKey(),
    ...overrides,
  });
  const clock = new ManualClock(new Date());
  const logger = pino({ level: 'silent' });
  // Tests never reach the real Qiniu: by default "Qiniu" is this test server's embedded store, a strict
  // Kodo peer, so a binding made with its keys exercises the Qiniu provider end to end.
  let selfOrigin = '';
  const peer: NonNullable<BuildOptions['qiniuEndpoints']> = () => ({
    upload: `${selfOrigin}/store/up`,
    download: `${selfOrigin}/store/o`,
    rs: `${selfOrigin}/store/rs`,
    rsf: `${selfOrigin}/store/rsf`,
    uc: `${selfOrigin}/store/api`,
  });
  const app = await buildApp({ config, logger, clock, qiniuEndpoints: qiniuEndpoints ?? peer });
  const server = createHttpServer({ deps: app.deps, routes: app.routes });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  app.setInternalOrigin(origin);
  selfOrigin = origin;
  let closed = false;
  const deps: TestDeps = {
    ...app.deps,
    clock,
    origin,
    app,
    server,
    async close() {
      if (closed) return;
      closed = true;
      open.delete(deps);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await testDatabase?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  open.add(deps);
  return deps;
}

/** Close every test app still open (registered as an afterEach in setup.ts). */
export async function closeAllTestDeps(): Promise<void> {
  await Promise.all([...open].map((deps) => deps.close()));
}

const createCaller = createCallerFactory(appRouter);

/** A tRPC caller as an HTTP request would get it; pass a token to act as a signed-in user. */
export function callerFor(deps: AppDeps & { origin?: string }, req: Partial<RequestInfo> = {}) {
  return createCaller(createInnerContext(deps, { ...(deps.origin ? { origin: deps.origin } : {}), ...req }));
}
