/**
 * The baseline for photos.list: a bare node:http handler doing the endpoint's work with no framework (no
 * tRPC, no zod, no Kysely, no logger). Per request, like the real endpoint:
 *   1. session: SHA-256 of the bearer token, the sessions lookup by token hash, the expiry check (and the
 *      once-a-minute touch);
 *   2. the caller's membership of the home in the input (`homeId`): the home_members primary-key lookup
 *      joined to homes (not found: NOT_FOUND), and the role checked for viewing;
 *   3. the page: the home's keyset query for limit + 1 rows;
 *   4. the bindings of the page's photos in one query, each secret key unsealed (AES-256-GCM, the home's
 *      context `storage-binding:<homeId>`);
 *   5. a signed thumbnail URL per photo with the qiniu SDK's privateDownloadUrl (bound bucket or embedded
 *      store), deadlines rounded to the same window;
 *   6. the same JSON as tRPC sends (each photo's thumbhash, and when the page's URLs expire).
 * The SQL is not written here: the bench captures the statements the API's repositories issue (Kysely's
 * query log) and passes their text in BENCH_SQL, so both servers run the very same SQL through
 * better-sqlite3 prepared statements. Bundled by esbuild and run with plain node, like the API. It answers
 * the first page only (a cursor is refused): deep pages are compared API against API.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Database from 'better-sqlite3';
import qiniu from 'qiniu';
import { VARIANT_FOPS } from '../../apps/api/src/storage/kodo.js';

/** One statement as the repository issued it; `params` name what each `?` takes. */
export interface CapturedStatement {
  sql: string;
  params: string[];
}

export interface BaselineSql {
  session: CapturedStatement;
  touch: CapturedStatement;
  /** HomesRepository.membership: the caller's role in the home (homeProcedure, via HomeAccess). */
  membership: CapturedStatement;
  page: CapturedStatement;
  /** Captured with one binding id: `in (?)` is widened to the page's count. */
  bindings: CapturedStatement;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const port = Number(env('BENCH_PORT'));
const statements = JSON.parse(env('BENCH_SQL')) as BaselineSql;
const serverKey = Buffer.from(env('BENCH_SERVER_KEY'), 'base64url');
const storeKeys = JSON.parse(readFileSync(env('BENCH_STORE_KEYS'), 'utf8')) as { accessKey: string; secretKey: string };

const db = new Database(env('BENCH_DB'));
// The API's connection settings (apps/api/src/db/index.ts).
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');

type Row = Record<string, unknown>;
const prepared = new Map<string, Database.Statement>();
function run(statement: CapturedStatement, values: Record<string, unknown>, sql = statement.sql) {
  let st = prepared.get(sql);
  if (!st) {
    st = db.prepare(sql);
    prepared.set(sql, st);
  }
  const params = statement.params.map((name) => values[name]);
  return { st, params };
}

const URL_WINDOW_MS = 30 * 60 * 1000;
const SESSION_TOUCH_MS = 60 * 1000;
const SESSION_IDLE_MS = 30 * 24 * 3600 * 1000;
const THUMB_FOP = VARIANT_FOPS.thumb;
/** Roles that may view a home's photos (services/home-access.ts, capability 'view'). */
const VIEWERS = new Set(['owner', 'member', 'viewer']);

function unseal(sealed: string, context: string): string {
  const [, iv, tag, body] = sealed.split('.');
  const decipher = createDecipheriv('aes-256-gcm', serverKey, Buffer.from(iv ?? '', 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body ?? '', 'base64url')), decipher.final()]).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/trpc/photos.list') {
    send(res, 404, { error: 'not found' });
    return;
  }
  const auth = req.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : '';
  const now = new Date();

  const session = (() => {
    const { st, params } = run(statements.session, { tokenHash: createHash('sha256').update(token).digest('hex') });
    return st.get(...params) as Row | undefined;
  })();
  if (!session || String(session.expires_at) <= now.toISOString()) {
    send(res, 401, { error: { message: 'UNAUTHENTICATED' } });
    return;
  }
  const staleBefore = new Date(now.getTime() - SESSION_TOUCH_MS).toISOString();
  if (String(session.last_seen_at) < staleBefore) {
    const { st, params } = run(statements.touch, {
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
      sessionId: session.id,
      staleBefore,
    });
    st.run(...params);
  }
  const userId = String(session.user_id);
  const input = JSON.parse(url.searchParams.get('input') ?? '{}') as {
    homeId?: string;
    limit?: number;
    cursor?: string;
  };
  if (typeof input.homeId !== 'string' || input.cursor !== undefined) {
    send(res, 400, { error: { message: 'BAD_INPUT' } });
    return;
  }
  const homeId = input.homeId;
  const limit = input.limit ?? 60;

  const member = (() => {
    const { st, params } = run(statements.membership, { userId, homeId });
    return st.get(...params) as Row | undefined;
  })();
  if (!member) {
    send(res, 404, { error: { message: 'NOT_FOUND' } });
    return;
  }
  if (!VIEWERS.has(String(member.role))) {
    send(res, 403, { error: { message: 'FORBIDDEN' } });
    return;
  }

  const { st: pageSt, params: pageParams } = run(statements.page, { homeId, limitPlusOne: limit + 1 });
  const rows = pageSt.all(...pageParams) as Row[];
  const items = rows.slice(0, limit);

  const bindingIds = [...new Set(items.map((p) => p.binding_id).filter((id): id is string => typeof id === 'string'))];
  const managers = new Map<string | null, { manager: qiniu.rs.BucketManager; domain: string } | null>();
  const host = req.headers.host ?? 'localhost';
  managers.set(null, {
    manager: new qiniu.rs.BucketManager(new qiniu.auth.digest.Mac(storeKeys.accessKey, storeKeys.secretKey)),
    domain: `http://${host}/store/o`,
  });
  if (bindingIds.length > 0) {
    const sql = statements.bindings.sql.replace('in (?)', `in (${bindingIds.map(() => '?').join(', ')})`);
    const { st } = run(statements.bindings, {}, sql);
    const values = statements.bindings.params.flatMap((name) =>
      name === 'bindingId' ? bindingIds : [({ homeId } as Record<string, unknown>)[name]],
    );
    for (const b of st.all(...values) as Row[]) {
      if (b.status !== 'active') continue;
      const secret = unseal(String(b.secret_key_sealed), `storage-binding:${String(b.home_id)}`);
      managers.set(String(b.id), {
        manager: new qiniu.rs.BucketManager(new qiniu.auth.digest.Mac(String(b.access_key), secret)),
        domain: String(b.domain),
      });
    }
  }
  const deadline = (Math.floor(now.getTime() / URL_WINDOW_MS) + 2) * URL_WINDOW_MS;
  const data = {
    items: items.map((p) => {
      const target = managers.get((p.binding_id as string | null) ?? null);
      const thumbUrl = target
        ? target.manager.privateDownloadUrl(target.domain, `${p.object_key}?${THUMB_FOP}`, Math.floor(deadline / 1000))
        : null;
      return {
        id: p.id,
        filename: p.filename,
        mime: p.mime,
        size: Number(p.size),
        width: p.width,
        height: p.height,
        takenAt: p.taken_at,
        createdAt: p.created_at,
        sortAt: p.sort_at,
        deletedAt: p.deleted_at,
        uploaderId: p.uploader_id,
        thumbUrl,
        availability: thumbUrl === null ? 'unbound' : 'ok',
        thumbhash: p.thumbhash,
        durationMs: p.duration_ms === null ? null : Number(p.duration_ms),
      };
    }),
    nextCursor:
      rows.length > limit && items.length > 0
        ? Buffer.from(JSON.stringify([items.at(-1)?.sort_at, items.at(-1)?.id])).toString('base64url')
        : null,
    urlsExpireAt: new Date(deadline).toISOString(),
  };
  send(res, 200, { result: { data } });
}

createServer((req, res) => {
  try {
    handle(req, res);
  } catch (error) {
    process.stderr.write(`baseline failed: ${(error as Error).stack}\n`);
    send(res, 500, { error: 'internal' });
  }
}).listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
