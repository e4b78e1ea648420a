/**
 * Kodo's resumable upload v2 on the store's upload host, strictly as Qiniu documents it:
 *
 *   POST   /buckets/<bucket>/objects/<b64 key>/uploads                  initiate → { uploadId, expireAt }
 *   PUT    /buckets/<bucket>/objects/<b64 key>/uploads/<id>/<partNumber> uploadPart → { etag, md5 }
 *   GET    /buckets/<bucket>/objects/<b64 key>/uploads/<id>              listParts (max-parts, part-number-marker)
 *   POST   /buckets/<bucket>/objects/<b64 key>/uploads/<id>              complete { parts, fname, mimeType, customVars }
 *   DELETE /buckets/<bucket>/objects/<b64 key>/uploads/<id>              abort
 *
 * Every request carries `Authorization: UpToken <token>`, verified like a form upload's token (signature,
 * deadline, bucket, scope covering the key). An uploadId belongs to the key it was started for and keeps
 * the limits of the token that started it (fsizeLimit, mimeLimit, insertOnly, detectMime, returnBody).
 * An unknown, finished, aborted or expired uploadId is Kodo's 612, which the SDK takes as "start over".
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nowSeconds, syncDirectory } from '../context.js';
import { KODO, KodoError, sendJson, sendJsonText, sendKodoError } from '../errors.js';
import { readBody } from '../manage.js';
import { addsOnly, checkKey, checkKeyInScope, type PutPolicy, verifyUploadToken } from '../policy.js';
import { urlSafeBase64Decode } from '../sign.js';
import { completeUpload, zCompleteBody } from './complete.js';
import {
  assemblyFile,
  PART_NUMBER_MAX,
  type ResumableContext,
  UPLOAD_LIFETIME_SECONDS,
  uploadDir,
  uploadsRoot,
} from './context.js';
import { putPart } from './part.js';
import type { UploadRow } from './registry.js';

const ROUTE = /^\/buckets\/([^/]+)\/objects\/([^/]+)\/uploads(?:\/([^/]+)(?:\/([^/]+))?)?\/?$/;
const UPLOAD_ID = /^[0-9a-f]{32}$/;
const LIST_MAX = 1000;

function noSuchUpload(): KodoError {
  return new KodoError(KODO.noSuchEntry, 'no such uploadId');
}

interface Target {
  key: string;
  policy: PutPolicy;
  addsOnly: boolean;
}

/** The token from `Authorization: UpToken <token>`, checked for the bucket and key of the path. */
function authorize(rc: ResumableContext, req: IncomingMessage, bucket: string, encodedKey: string): Target {
  const auth = req.headers.authorization ?? '';
  const match = /^UpToken\s+(\S+)$/.exec(auth);
  const token = verifyUploadToken(match?.[1], rc.store.credentials, rc.store.bucket, nowSeconds(rc.store));
  if (bucket !== rc.store.bucket) throw new KodoError(KODO.noSuchBucket, 'no such bucket');
  let key: string | null;
  if (encodedKey === '~') {
    // No key: Kodo would name the object by its hash; the store takes the exact key of the scope only.
    key = token.scopeKey !== null && token.policy.isPrefixalScope !== 1 ? token.scopeKey : null;
    if (key === null) throw new KodoError(KODO.badRequest, 'the embedded store needs a key for resumable uploads');
  } else {
    key = urlSafeBase64Decode(encodedKey)?.toString('utf8') ?? null;
    if (key === null) throw new KodoError(KODO.badRequest, 'invalid EncodedObjectName');
  }
  checkKey(key);
  checkKeyInScope(token, key);
  return { key, policy: token.policy, addsOnly: addsOnly(token) };
}

/** The upload behind an id, if it exists, is unexpired and belongs to this key. */
function findUpload(rc: ResumableContext, uploadId: string, key: string): UploadRow {
  if (!UPLOAD_ID.test(uploadId)) throw noSuchUpload();
  const upload = rc.registry.get(uploadId);
  if (!upload || upload.key !== key || upload.expire_at < nowSeconds(rc.store)) throw noSuchUpload();
  return upload;
}

async function initiate(rc: ResumableContext, target: Target): Promise<unknown> {
  if (target.addsOnly && rc.store.catalog.get(target.key)) throw new KodoError(KODO.fileExists, 'file exists');
  const uploadId = randomBytes(16).toString('hex');
  const expireAt = nowSeconds(rc.store) + UPLOAD_LIFETIME_SECONDS;
  await mkdir(uploadDir(rc.store, uploadId), { recursive: true });
  await writeFile(assemblyFile(rc.store, uploadId), '', { mode: 0o600 });
  // The upload's folder and assembly file survive a power cut before any part is taken into them.
  await syncDirectory(uploadDir(rc.store, uploadId));
  await syncDirectory(uploadsRoot(rc.store));
  rc.registry.create({
    upload_id: uploadId,
    key: target.key,
    policy: JSON.stringify({ ...target.policy, addsOnly: target.addsOnly }),
    expire_at: expireAt,
  });
  return { uploadId, expireAt };
}

function listParts(rc: ResumableContext, upload: UploadRow, query: URLSearchParams): unknown {
  const maxText = query.get('max-parts');
  const markerText = query.get('part-number-marker');
  const max = maxText === null || maxText === '' ? LIST_MAX : Number(maxText);
  const marker = markerText === null || markerText === '' ? 0 : Number(markerText);
  if (!Number.isInteger(max) || max < 1 || max > LIST_MAX) throw new KodoError(KODO.badRequest, 'invalid max-parts');
  if (!Number.isInteger(marker) || marker < 0) throw new KodoError(KODO.badRequest, 'invalid part-number-marker');
  const rows = rc.registry.parts(upload.upload_id, marker, max + 1);
  const page = rows.slice(0, max);
  return {
    uploadId: upload.upload_id,
    expireAt: upload.expire_at,
    partNumberMarker: rows.length > max ? (page.at(-1)?.part_number ?? 0) : 0,
    parts: page.map((p) => ({ partNumber: p.part_number, etag: p.etag, size: p.size, putTime: p.put_time })),
  };
}

/** The limits of the token that started the upload, which hold for all its requests. */
function startedWith(upload: UploadRow): { policy: PutPolicy; addsOnly: boolean } {
  const { addsOnly: adds, ...policy } = JSON.parse(upload.policy) as PutPolicy & { addsOnly: boolean };
  return { policy, addsOnly: adds };
}

async function abort(rc: ResumableContext, upload: UploadRow): Promise<void> {
  rc.registry.remove(upload.upload_id);
  await rm(uploadDir(rc.store, upload.upload_id), { recursive: true, force: true });
}

/** A JSON answer, or the complete's rendered returnBody (already JSON text). */
type Answer = { json: unknown } | { text: string };

async function route(
  rc: ResumableContext,
  req: IncomingMessage,
  subpath: string,
  query: URLSearchParams,
): Promise<Answer> {
  const match = ROUTE.exec(subpath);
  if (!match) throw new KodoError(KODO.notFound, 'not found');
  const [, bucket, encodedKey, uploadId, partText] = match as unknown as [string, string, string, string?, string?];
  const target = authorize(rc, req, decodeURIComponent(bucket), decodeURIComponent(encodedKey));
  const method = req.method ?? 'GET';
  if (uploadId === undefined) {
    if (method !== 'POST') throw new KodoError(KODO.methodNotAllowed, 'only POST starts an upload');
    return { json: await initiate(rc, target) };
  }
  const upload = findUpload(rc, uploadId, target.key);
  const started = startedWith(upload);
  if (partText !== undefined) {
    if (method !== 'PUT') throw new KodoError(KODO.methodNotAllowed, 'parts are uploaded with PUT');
    const partNumber = /^\d{1,5}$/.test(partText) ? Number(partText) : 0;
    if (partNumber < 1 || partNumber > PART_NUMBER_MAX) {
      throw new KodoError(KODO.badRequest, 'invalid partNumber: it must be from 1 to 10000');
    }
    if (upload.state !== 'open') throw new KodoError(KODO.badRequest, 'the upload is being completed');
    return { json: await putPart(rc, req, upload, started.policy, partNumber) };
  }
  if (method === 'GET') return { json: listParts(rc, upload, query) };
  if (method === 'DELETE') {
    await abort(rc, upload);
    return { json: {} };
  }
  if (method !== 'POST') throw new KodoError(KODO.methodNotAllowed, 'method not allowed');
  let raw: unknown;
  try {
    raw = JSON.parse((await readBody(req)).toString('utf8'));
  } catch (error) {
    if (error instanceof KodoError) throw error;
    throw new KodoError(KODO.badRequest, 'invalid JSON body');
  }
  const body = zCompleteBody.safeParse(raw);
  if (!body.success) {
    const field = body.error.issues[0]?.path.join('.') || 'body';
    throw new KodoError(KODO.badRequest, `invalid complete body: ${field}`);
  }
  return { text: await completeUpload(rc, upload, started.policy, started.addsOnly, body.data) };
}

/** Answers one resumable-upload request under the upload host. Never throws. */
export async function handleResumable(
  rc: ResumableContext,
  req: IncomingMessage,
  res: ServerResponse,
  subpath: string,
): Promise<void> {
  const query = new URL(req.url ?? '/', 'http://store').searchParams;
  try {
    const answer = await route(rc, req, subpath, query);
    if ('text' in answer) sendJsonText(res, 200, answer.text);
    else sendJson(res, 200, answer.json);
  } catch (error) {
    // Drain what the client is still sending so it can read the refusal.
    if (!req.complete) req.resume();
    if (error instanceof KodoError) {
      sendKodoError(res, error);
      return;
    }
    rc.store.logger.error({ err: error }, 'embedded store: resumable upload failed');
    sendKodoError(res, new KodoError(KODO.serverFailure, 'server operation failed'));
  }
}
