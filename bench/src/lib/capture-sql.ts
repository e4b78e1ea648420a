/**
 * The SQL the API's repositories issue for photos.list, captured from Kysely itself (a plugin records
 * each query; the executor compiles it as it was run), so the baseline runs the same statements: the
 * session lookup (and touch), the caller's membership of the home (HomesRepository.membership, what
 * homeProcedure asks through HomeAccess), the home's keyset page, and the page's bindings.
 */
import Database from 'better-sqlite3';
import { createDb, type Db } from '../../../apps/api/src/db/index.js';
import { BindingsRepository } from '../../../apps/api/src/repositories/bindings.js';
import { HomesRepository } from '../../../apps/api/src/repositories/homes.js';
import { PhotoDaysRepository } from '../../../apps/api/src/repositories/photo-days.js';
import { PhotosRepository } from '../../../apps/api/src/repositories/photos.js';
import { SessionsRepository } from '../../../apps/api/src/repositories/sessions.js';
import type { BaselineSql, CapturedStatement } from '../baseline-server.js';

type Plugin = Parameters<Db['withPlugin']>[0];
type RootNode = Parameters<Plugin['transformQuery']>[0]['node'];

/** Runs `action` and returns the statement it issued, each parameter named by the value it was given. */
async function capture(db: Db, names: Record<string, unknown>, action: (db: Db) => Promise<unknown>) {
  const seen: { node: RootNode; queryId: Parameters<Plugin['transformQuery']>[0]['queryId'] }[] = [];
  const plugin: Plugin = {
    transformQuery(args) {
      seen.push(args);
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  await action(db.withPlugin(plugin));
  const first = seen[0];
  if (seen.length !== 1 || !first) throw new Error(`expected one query, saw ${seen.length}`);
  const compiled = db.getExecutor().compileQuery(first.node, first.queryId);
  const params = compiled.parameters.map((value) => {
    const name = Object.entries(names).find(([, v]) => v === value)?.[0];
    if (!name) throw new Error(`unnamed parameter ${String(value)} in ${compiled.sql}`);
    return name;
  });
  return { sql: compiled.sql, params } satisfies CapturedStatement;
}

export async function captureListSql(dbFile: string, limit: number): Promise<BaselineSql> {
  const db = createDb({ kind: 'sqlite', file: dbFile });
  // Distinct sentinel values, so each parameter's role can be told from its value.
  const v = {
    tokenHash: 'sentinel-token-hash',
    userId: 'sentinel-user',
    homeId: 'sentinel-home',
    limitPlusOne: limit + 1,
    sessionId: 'sentinel-session',
    now: '2999-01-01T00:00:00.000Z',
    expiresAt: '2999-02-01T00:00:00.000Z',
    staleBefore: '1970-01-01T00:00:00.000Z',
    bindingId: 'sentinel-binding',
  };
  try {
    return {
      session: await capture(db, v, (d) => new SessionsRepository(d).findByTokenHash(v.tokenHash)),
      touch: await capture(db, v, (d) =>
        new SessionsRepository(d).touch(v.sessionId, {
          now: v.now,
          expiresAt: v.expiresAt,
          staleBefore: v.staleBefore,
        }),
      ),
      membership: await capture(db, v, (d) => new HomesRepository(d).membership(v.userId, v.homeId)),
      page: await capture(db, v, (d) =>
        new PhotosRepository(d).page({ homeId: v.homeId, trashed: false }, v.limitPlusOne),
      ),
      bindings: await capture(db, v, (d) => new BindingsRepository(d).byIds(v.homeId, [v.bindingId])),
    };
  } finally {
    await db.destroy();
  }
}

/**
 * SQLite's plan for each statement of photos.list, as the repositories issue them (the first page, a
 * page after a keyset cursor, a month's page by since/until, the membership lookup) and of photos.buckets'
 * day counts: one line per statement, each step of the plan
 * joined by " / ". The bench logs these and keeps them with its figures, so a slow page shows why.
 */
export async function explainListSql(dbFile: string, limit: number): Promise<Record<string, string>> {
  const db = createDb({ kind: 'sqlite', file: dbFile });
  const v = {
    userId: 'sentinel-user',
    homeId: 'sentinel-home',
    limitPlusOne: limit + 1,
    sortAt: '2020-01-01T00:00:00.000Z',
    afterId: 'sentinel-after',
    bindingId: 'sentinel-binding',
    since: '2016-12-31T16:00:00.000Z',
    until: '2017-01-31T16:00:00.000Z',
    /** What PhotoDaysRepository turns an offset of 480 minutes into (SQLite's date() modifier). */
    dayModifier: '480 minutes',
  };
  const raw = new Database(dbFile, { readonly: true });
  try {
    const statements = {
      membership: await capture(db, v, (d) => new HomesRepository(d).membership(v.userId, v.homeId)),
      firstPage: await capture(db, v, (d) =>
        new PhotosRepository(d).page({ homeId: v.homeId, trashed: false }, v.limitPlusOne),
      ),
      deepPage: await capture(db, v, (d) =>
        new PhotosRepository(d).page({ homeId: v.homeId, trashed: false }, v.limitPlusOne, {
          sortAt: v.sortAt,
          id: v.afterId,
        }),
      ),
      bindings: await capture(db, v, (d) => new BindingsRepository(d).byIds(v.homeId, [v.bindingId])),
      monthPage: await capture(db, v, (d) =>
        new PhotosRepository(d).page({ homeId: v.homeId, trashed: false }, v.limitPlusOne, undefined, {
          since: v.since,
          until: v.until,
        }),
      ),
      dayCounts: await capture(db, v, (d) =>
        new PhotoDaysRepository(d).countsByDay({ homeId: v.homeId, trashed: false }, 480),
      ),
    };
    const values: Record<string, unknown> = v;
    return Object.fromEntries(
      Object.entries(statements).map(([name, st]) => {
        const plan = raw.prepare(`explain query plan ${st.sql}`).all(...st.params.map((p) => values[p])) as {
          detail: string;
        }[];
        return [name, plan.map((step) => step.detail).join(' / ')];
      }),
    );
  } finally {
    raw.close();
    await db.destroy();
  }
}
