/**
 * The SQL the API's repositories issue for photos.list, captured from Kysely itself (a plugin records
 * each query; the executor compiles it as it was run), so the baseline runs the same statements.
 */
import { createDb, type Db } from '../../../apps/api/src/db/index.js';
import { BindingsRepository } from '../../../apps/api/src/repositories/bindings.js';
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
    ownerId: 'sentinel-owner',
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
      page: await capture(db, v, (d) =>
        new PhotosRepository(d).page({ ownerId: v.ownerId, trashed: false }, v.limitPlusOne),
      ),
      bindings: await capture(db, { ...v, userId: v.ownerId }, (d) =>
        new BindingsRepository(d).byIds(v.ownerId, [v.bindingId]),
      ),
    };
  } finally {
    await db.destroy();
  }
}
