/**
 * Kodo form upload: a multipart POST with `token`, `key`, optional `x:*` fields, then `file`.
 * The file part streams through a meter (size, qetag, md5, crc32, type sniffing) into a temp file and
 * is renamed into place only once every check has passed; every failure path removes the temp file.
 */
import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import busboy from 'busboy';
import { QetagHasher } from '../qetag.js';
import { newFileId, type StoreContext, syncFileData, WRITE_BUFFER_BYTES } from './context.js';
import { KODO, KodoError, sendJsonText, sendKodoError } from './errors.js';
import { resolveMime, SNIFF_BYTES } from './mime.js';
import { placeObject } from './place.js';
import {
  addsOnly,
  checkKey,
  checkKeyInScope,
  mimeRefusal,
  type VerifiedUploadToken,
  verifyUploadToken,
} from './policy.js';

/** Room for the multipart framing and fields around the file when checking Content-Length up front. */
const FORM_OVERHEAD = 1024 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;

interface MeterOptions {
  limit: number;
  declaredMime: string;
  detectMime: -1 | 0 | 1;
  mimeLimit: string | undefined;
}

/**
 * Counts, hashes and sniffs the bytes on their way to disk, and refuses the upload the moment it breaks
 * the size limit or, once the first bytes have shown the real type, the mime limit.
 */
class UploadMeter extends Transform {
  readonly qetag = new QetagHasher();
  private readonly md5 = createHash('md5');
  private crc = 0;
  private head: Buffer[] = [];
  private headBytes = 0;
  size = 0;
  mime: string | null = null;

  constructor(private readonly options: MeterOptions) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.options.limit) {
      callback(new KodoError(KODO.tooLarge, 'file exceeds the size limit of the upload token'));
      return;
    }
    this.qetag.update(chunk);
    this.md5.update(chunk);
    this.crc = zlib.crc32(chunk, this.crc);
    if (this.mime === null) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes >= SNIFF_BYTES) {
        const refused = this.decideMime();
        if (refused) {
          callback(refused);
          return;
        }
      }
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.mime === null ? this.decideMime() : null);
  }

  private decideMime(): KodoError | null {
    this.mime = resolveMime(this.options.declaredMime, this.options.detectMime, Buffer.concat(this.head));
    this.head = [];
    return mimeRefusal(this.options.mimeLimit, this.mime);
  }

  get md5Hex(): string {
    return this.md5.digest('hex');
  }

  get crc32(): number {
    return this.crc;
  }
}

interface ReceivedFile {
  tmp: string;
  meter: UploadMeter;
  fname: string;
}

/** Kodo's 599 ("server operation failed") for what is our fault, logged with its cause. */
function serverFailure(error: unknown, ctx: StoreContext): KodoError {
  ctx.logger.error({ err: error }, 'embedded store: upload failed');
  return new KodoError(KODO.serverFailure, 'server operation failed');
}

/**
 * A failure as Kodo would report it: our own refusals as they are, file-system trouble (disk full,
 * permissions) as Kodo's 599 and logged, anything else (a malformed body, a hang-up) as a bad request.
 */
function asKodoError(error: unknown, ctx: StoreContext): KodoError {
  if (error instanceof KodoError) return error;
  if ((error as NodeJS.ErrnoException).syscall) return serverFailure(error, ctx);
  ctx.logger.debug({ err: error }, 'embedded store: upload failed');
  return new KodoError(KODO.badRequest, `invalid multipart format: ${(error as Error).message ?? String(error)}`);
}

/** Answers one form upload. Never throws: every outcome is a Kodo response. */
export function handleFormUpload(req: IncomingMessage, res: ServerResponse, ctx: StoreContext): Promise<void> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    sendKodoError(res, new KodoError(KODO.badRequest, 'invalid multipart format: expected multipart/form-data'));
    return Promise.resolve();
  }
  const declaredLength = Number(req.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > ctx.maxUploadBytes + FORM_OVERHEAD) {
    sendKodoError(res, new KodoError(KODO.tooLarge, 'request entity too large'));
    return Promise.resolve();
  }

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: {
        fields: 100,
        fieldSize: MAX_FIELD_BYTES,
        files: 1,
        parts: 110,
        // Our meter enforces the real limit with Kodo's answer; this only bounds busboy itself.
        fileSize: ctx.maxUploadBytes + 1,
      },
    });
  } catch {
    sendKodoError(res, new KodoError(KODO.badRequest, 'invalid multipart format'));
    return Promise.resolve();
  }

  return new Promise<void>((resolve) => {
    const fields = new Map<string, string>();
    let token: VerifiedUploadToken | null = null;
    let key: string | null = null;
    let fileMeter: UploadMeter | null = null;
    let received: Promise<ReceivedFile> | null = null;
    let finished = false;

    /** Settles the handler once the answer is out. `finished` is set before that, the moment one path wins. */
    const finish = () => {
      req.off('close', onClose);
      resolve();
    };

    /** Stop reading, drop the partial file, then answer with the error. */
    const fail = (error: unknown) => {
      if (finished) return;
      finished = true;
      req.unpipe(parser);
      // Let the client finish sending so it can read our answer; the bytes are discarded.
      req.resume();
      // Destroy the middle of the pipeline, not busboy's stream: a source destroyed after its last chunk
      // counts as finished yet never ends what it pipes into, and the pipeline would wait forever.
      // Its pipeline may already be over (a limit tripped after the file part ended): with no listener
      // left, the destroy error would be uncaught and take the whole process down.
      fileMeter?.once('error', () => undefined);
      fileMeter?.destroy(error instanceof Error ? error : new Error(String(error)));
      const kodo = asKodoError(error, ctx);
      // A file already on disk goes before the answer does: once the client hears back, nothing is left.
      const cleanup = received
        ? received.then(
            (r) => rm(r.tmp, { force: true }),
            () => undefined,
          )
        : Promise.resolve();
      void cleanup.finally(() => {
        if (!res.headersSent) sendKodoError(res, kodo);
        finish();
      });
    };

    const onClose = () => {
      // The client went away before the form was complete.
      if (!req.complete) fail(new KodoError(KODO.badRequest, 'upload aborted by the client'));
    };
    req.on('close', onClose);

    parser.on('field', (name, value, info) => {
      if (finished) return;
      if (info.nameTruncated || info.valueTruncated) {
        fail(new KodoError(KODO.badRequest, `form field ${name.slice(0, 40)} is too long`));
        return;
      }
      if (received && (name === 'token' || name === 'key')) {
        fail(new KodoError(KODO.badRequest, 'invalid multipart format: token and key must come before the file'));
        return;
      }
      fields.set(name, value);
    });

    parser.on('file', (name, stream, info) => {
      if (finished) {
        stream.resume();
        return;
      }
      if (name !== 'file' || received) {
        stream.resume();
        fail(new KodoError(KODO.badRequest, 'invalid multipart format: exactly one part named "file" is expected'));
        return;
      }
      try {
        token = verifyUploadToken(
          fields.get('token'),
          ctx.credentials,
          ctx.bucket,
          Math.floor(ctx.clock.now().getTime() / 1000),
        );
        const formKey = fields.get('key');
        // No key: Kodo uses the exact key of the scope, or else the file's etag (known at the end).
        key = formKey ?? (token.scopeKey !== null && token.policy.isPrefixalScope !== 1 ? token.scopeKey : null);
        if (key !== null) {
          checkKey(key);
          checkKeyInScope(token, key);
          if (addsOnly(token) && ctx.catalog.get(key)) {
            throw new KodoError(KODO.fileExists, 'file exists');
          }
        }
      } catch (error) {
        stream.resume();
        fail(error);
        return;
      }
      const policy = token.policy;
      const meter = new UploadMeter({
        limit: Math.min(policy.fsizeLimit ?? Number.POSITIVE_INFINITY, ctx.maxUploadBytes),
        declaredMime: info.mimeType ?? '',
        detectMime: policy.detectMime ?? 0,
        mimeLimit: policy.mimeLimit,
      });
      fileMeter = meter;
      const tmp = path.join(ctx.paths.tmp, `${newFileId()}.part`);
      const fname = info.filename ?? '';
      received = (async () => {
        // Create the file before streaming: a write stream that opens lazily could create it after a
        // refusal has already cleaned up, leaving a stray temp file.
        const handle = await open(tmp, 'wx', 0o600);
        try {
          await pipeline(stream, meter, handle.createWriteStream({ highWaterMark: WRITE_BUFFER_BYTES }));
          // The bytes are on disk before the upload is answered, as a store's 200 promises.
          await syncFileData(tmp);
          return { tmp, meter, fname };
        } catch (error) {
          await rm(tmp, { force: true });
          throw error;
        }
      })();
      received.catch(fail);
    });

    parser.on('error', fail);
    for (const limit of ['filesLimit', 'fieldsLimit', 'partsLimit'] as const) {
      parser.on(limit, () =>
        fail(new KodoError(KODO.badRequest, `invalid multipart format: too many parts (${limit})`)),
      );
    }

    parser.on('close', () => {
      if (finished) return;
      if (!received || !token) {
        fail(new KodoError(KODO.badRequest, 'file not specified'));
        return;
      }
      const verified = token;
      const upload = received;
      // From here the commit owns the temp file; later events (a client hang-up) change nothing.
      finished = true;
      upload
        .then((file) => commit(file, verified, key, fields, ctx))
        .then(
          (body) => sendJsonText(res, 200, body),
          (error: unknown) => {
            if (res.headersSent) return;
            sendKodoError(res, error instanceof KodoError ? error : serverFailure(error, ctx));
          },
        )
        .finally(finish);
    });

    req.pipe(parser);
  });
}

/** Final checks once every byte is on disk, then the rename into place and the index update. */
async function commit(
  file: ReceivedFile,
  token: VerifiedUploadToken,
  formKey: string | null,
  fields: Map<string, string>,
  ctx: StoreContext,
): Promise<string> {
  const { meter, tmp } = file;
  try {
    const { policy } = token;
    const crcField = fields.get('crc32');
    if (crcField !== undefined) {
      if (!/^\d+$/.test(crcField) || Number(crcField) !== meter.crc32) {
        throw new KodoError(KODO.crcMismatch, 'crc32 not match');
      }
    }
    if (policy.fsizeMin !== undefined && meter.size < policy.fsizeMin) {
      throw new KodoError(KODO.forbidden, 'file is smaller than the fsizeMin of the upload token');
    }
    const etag = meter.qetag.digest();
    const key = formKey ?? etag;
    if (formKey === null) {
      checkKeyInScope(token, key);
    }
    return await placeObject(ctx, {
      file: tmp,
      key,
      size: meter.size,
      etag,
      md5: meter.md5Hex,
      mimeType: meter.mime ?? 'application/octet-stream',
      fname: file.fname,
      vars: new Map([...fields].filter(([name]) => name.startsWith('x:'))),
      policy,
      addsOnly: addsOnly(token),
    });
  } finally {
    await rm(tmp, { force: true });
  }
}
