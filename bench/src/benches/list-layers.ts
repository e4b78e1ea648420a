/**
 * Where photos.list's time goes, measured in this process on the same seeded data (the servers under load
 * are stopped by then), as the owner of the family home: the service alone (SQL, bindings, signing, DTOs),
 * and the tRPC procedure around it (session lookup, the membership lookup, zod input validation), each as CPU time per call and paired with each other;
 * zod's validation of one page alone (what an .output() on the list would cost); and the page query through Kysely against the same SQL as a cached
 * statement, and the same for the membership lookup every home-scoped request makes. They say which layer the API's extra CPU per HTTP request (1d) comes from.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildApp } from '../../../apps/api/src/app.js';
import { loadConfig } from '../../../apps/api/src/config.js';
import { createLogger } from '../../../apps/api/src/logger.js';
import { PhotosRepository } from '../../../apps/api/src/repositories/photos.js';
import { AuthService } from '../../../apps/api/src/services/auth.js';
import { HomeAccess } from '../../../apps/api/src/services/home-access.js';
import { PhotosService } from '../../../apps/api/src/services/photos.js';
import { createInnerContext } from '../../../apps/api/src/trpc/context.js';
import { createCallerFactory } from '../../../apps/api/src/trpc/init.js';
import { appRouter } from '../../../apps/api/src/trpc/router.js';
import { zPhotoPage } from '../../../packages/shared/src/photos.js';
import type { BaselineSql, CapturedStatement } from '../baseline-server.js';
import type { BenchContext } from '../lib/context.js';
import { alternate, mean } from '../lib/stats.js';

/** CPU ms per call of `fn` over `calls` sequential calls (this process's user + system time). */
export async function cpuPerCall(fn: () => Promise<unknown>, calls: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / calls;
}

export interface Layers {
  service: number[];
  procedure: number[];
  /** zod validation of one page, as a router .output() would do it (the list has none; see routers/photos.ts). */
  outputValidation: number[];
  /** The page query through the repository (Kysely) and the same SQL as a cached better-sqlite3 statement. */
  pageViaKysely: number[];
  pageRaw: number[];
  /** The membership lookup every home-scoped request makes: through HomeAccess (Kysely) and as the same SQL. */
  membershipViaKysely: number[];
  membershipRaw: number[];
}

export async function measureLayers(ctx: BenchContext, page: number, sql: BaselineSql): Promise<Layers> {
  const { seeded } = ctx;
  const config = loadConfig({
    XIAOJIA_DATA_DIR: seeded.dataDir,
    XIAOJIA_SECRET_KEY: seeded.serverKey,
    XIAOJIA_LOG_LEVEL: 'silent',
  });
  const app = await buildApp({ config, logger: createLogger('silent') });
  try {
    // What the HTTP server would pass: the origin clients reached it at.
    const origin = 'http://photos.bench.local';
    const homeId = seeded.home.id;
    const user = await new AuthService(app.deps).authenticate(seeded.main.token);
    const member = await new HomeAccess(app.deps).require(user, homeId, 'view');
    const caller = createCallerFactory(appRouter)(createInnerContext(app.deps, { token: seeded.main.token, origin }));
    const viaService = () => new PhotosService(app.deps).list(member, { limit: page }, origin);
    const viaProcedure = () => caller.photos.list({ homeId, limit: page });
    const calls = ctx.quick ? 40 : 100;
    await cpuPerCall(viaService, 20);
    await cpuPerCall(viaProcedure, 20);
    const service: number[] = [];
    const procedure: number[] = [];
    const outputValidation: number[] = [];
    const pageViaKysely: number[] = [];
    const pageRaw: number[] = [];
    const onePage = await viaService();
    const repo = new PhotosRepository(app.deps.db);
    const raw = new Database(path.join(seeded.dataDir, 'xiaojia.db'), { readonly: true });
    const values: Record<string, unknown> = { homeId, userId: user.id, limitPlusOne: page + 1 };
    const prepare = (st: CapturedStatement) => {
      const prepared = raw.prepare(st.sql);
      const params = st.params.map((name) => values[name]);
      return () => prepared.all(...params);
    };
    const pageStatement = prepare(sql.page);
    const membershipStatement = prepare(sql.membership);
    const access = new HomeAccess(app.deps);
    const membershipViaKysely: number[] = [];
    const membershipRaw: number[] = [];
    // A lookup takes microseconds: many calls per slice, so CPU time (ms resolution on some kernels) adds up.
    const lookups = calls * 20;
    for (let r = 0; r < ctx.runs; r++) {
      const [s, p] = await alternate(
        4,
        () => cpuPerCall(viaService, calls / 4),
        () => cpuPerCall(viaProcedure, calls / 4),
      );
      service.push(mean(s));
      procedure.push(mean(p));
      outputValidation.push(await cpuPerCall(async () => zPhotoPage.parse(onePage), calls));
      const [k, q] = await alternate(
        4,
        () => cpuPerCall(() => repo.page({ homeId, trashed: false }, page + 1), calls / 4),
        () => cpuPerCall(async () => pageStatement(), calls / 4),
      );
      pageViaKysely.push(mean(k));
      pageRaw.push(mean(q));
      const [mk, mq] = await alternate(
        4,
        () => cpuPerCall(() => access.require(user, homeId, 'view'), lookups / 4),
        () => cpuPerCall(async () => membershipStatement(), lookups / 4),
      );
      membershipViaKysely.push(mean(mk));
      membershipRaw.push(mean(mq));
    }
    raw.close();
    return { service, procedure, outputValidation, pageViaKysely, pageRaw, membershipViaKysely, membershipRaw };
  } finally {
    await app.close();
  }
}
