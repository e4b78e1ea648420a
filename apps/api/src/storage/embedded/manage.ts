/**
 * Management as Kodo's rs and rsf hosts expose it — stat, delete, batch (stat/delete), list — behind
 * Qiniu request authorization, so the official SDK's BucketManager works against the embedded store
 * unchanged (its hosts pointed at `<origin>/store/rs` and `<origin>/store/rsf`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ObjectRecord } from './catalog.js';
import { discardVersion, type StoreContext } from './context.js';
import { KODO, KodoError, sendJson } from './errors.js';
import { hmacSha1UrlSafe, sameSignature, urlSafeBase64Decode, urlSafeBase64Encode } from './sign.js';

/** Management bodies, and a resumable complete naming 10,000 parts (about 700 KB). */
const MAX_BODY_BYTES = 1024 * 1024;
/** Kodo refuses a signed request whose X-Qiniu-Date is more than 15 minutes off. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const FORM_URLENCODED = 'application/x-www-form-urlencoded';

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new KodoError(KODO.tooLarge, 'request entity too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `YYYYMMDDTHHmmssZ` as the SDK writes X-Qiniu-Date. */
function parseQiniuDate(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Canonical MIME header name, as Go's textproto (and the SDK) write it: `x-qiniu-foo` -> `X-Qiniu-Foo`. */
function canonicalHeaderName(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

/**
 * Both Qiniu schemes: `Qiniu AK:sign` (v2: method, path, query, Host, Content-Type, X-Qiniu-* headers,
 * body unless binary) and the older `QBox AK:sign` (path, query, form body).
 */
function verifyAuthorization(req: IncomingMessage, body: Buffer, ctx: StoreContext): void {
  const auth = header(req, 'authorization') ?? '';
  const m = /^(Qiniu|QBox) ([^:\s]+):(\S+)$/.exec(auth);
  if (!m) throw new KodoError(KODO.unauthorized, 'bad token');
  const [, scheme, accessKey, signature] = m as unknown as [string, string, string, string];
  if (accessKey !== ctx.credentials.accessKey) throw new KodoError(KODO.unauthorized, 'bad token');
  const requestPath = req.url ?? '/';
  const contentType = header(req, 'content-type') ?? FORM_URLENCODED;

  const candidates: string[] = [];
  if (scheme === 'QBox') {
    const withBody = contentType === FORM_URLENCODED && body.length > 0;
    candidates.push(`${requestPath}\n${withBody ? body.toString('utf8') : ''}`);
  } else {
    const host = header(req, 'host') ?? '';
    // qiniu 7.15 for Node signs `Host: host:port:port` when the URL has a port (it appends u.port to
    // u.host, which already has it). Kodo is only ever reached on default ports, so it never shows there;
    // the embedded store accepts that form too, still under the same secret key.
    const port = /:(\d+)$/.exec(host)?.[1];
    const hosts = port ? [host, `${host}:${port}`] : [host];
    const qiniuHeaders = Object.keys(req.headers)
      .map((name) => canonicalHeaderName(name))
      .filter((name) => name.startsWith('X-Qiniu-') && name.length > 'X-Qiniu-'.length)
      .sort()
      .map((name) => `${name}: ${header(req, name.toLowerCase()) ?? ''}`);
    const withBody = body.length > 0 && contentType !== 'application/octet-stream';
    for (const h of hosts) {
      let text = `${req.method} ${requestPath}\nHost: ${h}\nContent-Type: ${contentType}`;
      if (qiniuHeaders.length > 0) text += `\n${qiniuHeaders.join('\n')}`;
      text += `\n\n${withBody ? body.toString('utf8') : ''}`;
      candidates.push(text);
    }
  }
  const ok = candidates.some((text) => sameSignature(signature, hmacSha1UrlSafe(text, ctx.credentials.secretKey)));
  if (!ok) throw new KodoError(KODO.unauthorized, 'bad token');

  const date = header(req, 'x-qiniu-date');
  if (date !== undefined) {
    const at = parseQiniuDate(date);
    if (at === null || Math.abs(ctx.wallClock.now().getTime() - at) > MAX_SKEW_MS) {
      throw new KodoError(KODO.forbidden, 'request time too skewed');
    }
  }
}

/** `EncodedEntryURI` = urlsafe_base64("bucket:key"). */
function decodeEntry(encoded: string, ctx: StoreContext): string {
  const bytes = urlSafeBase64Decode(encoded);
  const entry = bytes?.toString('utf8') ?? '';
  const colon = entry.indexOf(':');
  if (!bytes || colon === -1) throw new KodoError(KODO.badRequest, 'invalid EncodedEntryURI');
  if (entry.slice(0, colon) !== ctx.bucket) throw new KodoError(KODO.noSuchBucket, 'no such bucket');
  const key = entry.slice(colon + 1);
  if (key === '') throw new KodoError(KODO.badRequest, 'invalid EncodedEntryURI');
  return key;
}

function statBody(record: ObjectRecord) {
  return {
    fsize: record.fsize,
    hash: record.hash,
    // Kodo promises md5 only for direct uploads; an object assembled from parts has none.
    ...(record.md5 ? { md5: record.md5 } : {}),
    mimeType: record.mimeType,
    putTime: record.putTime,
    type: 0,
    ...(record.endUser ? { endUser: record.endUser } : {}),
  };
}

function stat(ctx: StoreContext, key: string) {
  const record = ctx.catalog.get(key);
  if (!record) throw new KodoError(KODO.noSuchEntry, 'no such file or directory');
  return statBody(record);
}

async function remove(ctx: StoreContext, key: string): Promise<void> {
  const record = ctx.catalog.remove(key);
  if (!record) throw new KodoError(KODO.noSuchEntry, 'no such file or directory');
  await discardVersion(ctx, record);
}

/** One operation from a path like `/stat/<entry>` or `/delete/<entry>` (also the items of a batch). */
async function runOperation(ctx: StoreContext, op: string, method: string): Promise<unknown> {
  const m = /^\/(stat|delete)\/([A-Za-z0-9_=-]+)$/.exec(op);
  if (!m) throw new KodoError(KODO.badRequest, 'unsupported operation in the embedded store');
  const [, verb, entry] = m as unknown as [string, 'stat' | 'delete', string];
  const key = decodeEntry(entry, ctx);
  if (verb === 'stat') return stat(ctx, key);
  if (method !== 'POST') throw new KodoError(KODO.methodNotAllowed, 'method not allowed');
  await remove(ctx, key);
  return undefined;
}

async function batch(ctx: StoreContext, body: Buffer): Promise<{ status: number; results: unknown[] }> {
  const ops = new URLSearchParams(body.toString('utf8')).getAll('op');
  if (ops.length === 0) throw new KodoError(KODO.badRequest, 'empty op');
  if (ops.length > 1000) throw new KodoError(KODO.badRequest, 'too many ops');
  const results: Array<{ code: number; data?: unknown }> = [];
  for (const op of ops) {
    try {
      const data = await runOperation(ctx, op, 'POST');
      results.push(data === undefined ? { code: 200 } : { code: 200, data });
    } catch (error) {
      if (!(error instanceof KodoError)) throw error;
      results.push({ code: error.status, data: { error: error.message } });
    }
  }
  // Kodo answers 298 ("partial success") when any operation failed.
  return { status: results.every((r) => r.code === 200) ? 200 : 298, results };
}

interface ListMarker {
  c: number;
  k: string;
}

/** Kodo's marker: urlsafe base64 of `{"c":0,"k":"<last key>"}`. */
function encodeMarker(lastKey: string): string {
  return urlSafeBase64Encode(JSON.stringify({ c: 0, k: lastKey } satisfies ListMarker));
}

function decodeMarker(marker: string): string {
  if (marker === '') return '';
  const bytes = urlSafeBase64Decode(marker);
  try {
    const parsed = JSON.parse(bytes?.toString('utf8') ?? '') as Partial<ListMarker>;
    if (typeof parsed.k === 'string') return parsed.k;
  } catch {
    // fall through to the refusal
  }
  throw new KodoError(KODO.invalidMarker, 'invalid marker');
}

function list(ctx: StoreContext, query: URLSearchParams) {
  const bucket = query.get('bucket');
  if (bucket !== ctx.bucket) throw new KodoError(KODO.noSuchBucket, 'no such bucket');
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const limitText = query.get('limit') ?? '';
  const limit = limitText === '' ? 1000 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new KodoError(KODO.badRequest, 'invalid limit');
  const after = decodeMarker(query.get('marker') ?? '');
  const page = ctx.catalog.list({ prefix, after, limit, delimiter });
  return {
    marker: page.lastKey === null ? '' : encodeMarker(page.lastKey),
    items: page.items.map((record) => ({ key: record.key, ...statBody(record), status: 0 })),
    ...(delimiter ? { commonPrefixes: page.commonPrefixes } : {}),
  };
}

/**
 * UC's `/v3/domains?tbl=<bucket>`: the domains that serve the bucket. Here that is the host the request
 * reached (and the public URL's), since the download domain is `<origin>/store/o`.
 */
function bucketDomains(req: IncomingMessage, ctx: StoreContext, query: URLSearchParams) {
  if (query.get('tbl') !== ctx.bucket) throw new KodoError(KODO.noSuchBucket, 'no such bucket');
  const hosts = new Set(ctx.originCandidates(req.headers).map((origin) => new URL(origin).host));
  return [...hosts].map((domain) => ({ domain, tbl: ctx.bucket, owner: 0, refresh: false, ctime: 0, utime: 0 }));
}

export type ManagementService = 'rs' | 'rsf' | 'uc';

/**
 * Answers `/store/rs/...`, `/store/rsf/...` and `/store/api/...` (Kodo's uc/api host); `opPath` is the
 * part after the service prefix.
 */
export async function handleManagement(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: StoreContext,
  service: ManagementService,
  opPath: string,
): Promise<void> {
  try {
    if (req.method !== 'GET' && req.method !== 'POST') throw new KodoError(KODO.methodNotAllowed, 'method not allowed');
    const body = await readBody(req);
    verifyAuthorization(req, body, ctx);
    const method = req.method;
    const q = (req.url ?? '').indexOf('?');
    const query = new URLSearchParams(q === -1 ? '' : (req.url ?? '').slice(q + 1));
    if (service === 'uc') {
      if (opPath !== '/v3/domains') throw new KodoError(KODO.notFound, 'not supported by the embedded store');
      sendJson(res, 200, bucketDomains(req, ctx, query));
      return;
    }
    if (service === 'rsf') {
      if (opPath !== '/list') throw new KodoError(KODO.notFound, 'not found');
      // The SDK POSTs with the parameters in the query string; a form body works as well.
      if (body.length > 0) for (const [k, v] of new URLSearchParams(body.toString('utf8'))) query.set(k, v);
      sendJson(res, 200, list(ctx, query));
      return;
    }
    if (opPath === '/batch') {
      if (method !== 'POST') throw new KodoError(KODO.methodNotAllowed, 'method not allowed');
      const { status, results } = await batch(ctx, body);
      sendJson(res, status, results);
      return;
    }
    const data = await runOperation(ctx, opPath, method);
    sendJson(res, 200, data);
  } catch (error) {
    if (!(error instanceof KodoError)) throw error;
    sendJson(res, error.status, { error: error.message });
  }
}
