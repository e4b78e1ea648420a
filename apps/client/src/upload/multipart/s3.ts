/**
 * S3 multipart: the server started the upload (the plan's uploadId); part URLs come presigned from
 * uploads.signParts, a batch at a time as the parts are reached, each PUT answers its ETag header, and
 * uploads.completeParts / uploads.abortParts finish or give it up. A part URL that expired (403 "Request
 * has expired") is signed again, once. A resumed upload asks uploads.listParts which parts the bucket holds
 * (the device's records may be behind, or wrong): the engine re-sends only the parts missing or of the
 * wrong size and completes with the bucket's etags. An upload the bucket or the server no longer knows
 * (NOT_FOUND, UPLOAD_NOT_IN_STORAGE, or CONFLICT: its key taken, so the server gave it up) is 'gone', one
 * past its grant (UPLOAD_EXPIRED) 'expired': both start over with a fresh ticket.
 */
import { MULTIPART_PARTS_MAX, type MultipartPlan, SIGN_PARTS_BATCH_MAX } from '@xiaojia/shared';
import type { ApiClient } from '../../api/client';
import { appCodeOf, errorDetailsOf } from '../../i18n/errors';
import type { ByteHttp } from './byte-http';
import type { PartTarget } from './engine';
import { MultipartFailure, PartTransferError } from './errors';

export type S3Plan = Extract<MultipartPlan, { protocol: 's3' }>;

/** Part URLs asked for at once: enough for a few rounds of parallel parts, few enough not to expire unused. */
export const SIGN_BATCH = 12;

type PartsApi = Pick<ApiClient['uploads'], 'signParts' | 'completeParts' | 'abortParts' | 'listParts'>;

export interface S3TargetOptions {
  api: { uploads: PartsApi };
  homeId: string;
  key: string;
  plan: S3Plan;
  partCount: number;
  http: ByteHttp;
  batch?: number;
}

interface Signed {
  url: string;
  headers: Record<string, string>;
}

/** The API's refusals of an upload it no longer has. */
function mapApiError(error: unknown): unknown {
  const code = appCodeOf(error);
  // CONFLICT: the key already holds another object, so the server gave the upload up (aborted, forgotten).
  if (code === 'NOT_FOUND' || code === 'UPLOAD_NOT_IN_STORAGE' || code === 'CONFLICT') {
    return new MultipartFailure('gone', error);
  }
  if (code === 'UPLOAD_EXPIRED') return new MultipartFailure('expired', error);
  return error;
}

function s3Code(text: string): string {
  return /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? '';
}

export function s3Target({ api, homeId, key, plan, partCount, http, batch = SIGN_BATCH }: S3TargetOptions): PartTarget {
  if (partCount < 1 || partCount > MULTIPART_PARTS_MAX) throw new RangeError(`invalid part count ${partCount}`);
  const size = Math.max(1, Math.min(batch, SIGN_PARTS_BATCH_MAX));
  const signed = new Map<number, Signed>();
  const signing = new Map<number, Promise<void>>();

  async function urlFor(partNumber: number): Promise<Signed> {
    for (let round = 0; round < 2; round++) {
      const got = signed.get(partNumber);
      if (got) return got;
      const inFlight = signing.get(partNumber);
      if (inFlight) {
        await inFlight;
        continue;
      }
      const numbers: number[] = [];
      for (let n = partNumber; n <= partCount && numbers.length < size; n++) {
        if (!signed.has(n) && !signing.has(n)) numbers.push(n);
      }
      const request = api.uploads.signParts
        .mutate({ homeId, key, uploadId: plan.uploadId, partNumbers: numbers })
        .then(
          ({ parts }) => {
            for (const part of parts) signed.set(part.partNumber, { url: part.url, headers: part.headers ?? {} });
          },
          (error: unknown) => {
            throw mapApiError(error);
          },
        )
        .finally(() => {
          for (const n of numbers) signing.delete(n);
        });
      for (const n of numbers) signing.set(n, request);
      await request;
    }
    const got = signed.get(partNumber);
    if (!got) throw new MultipartFailure('protocol', new Error(`uploads.signParts gave no URL for part ${partNumber}`));
    return got;
  }

  return {
    async begin() {
      return plan.uploadId;
    },
    async listParts(uploadId) {
      try {
        const { parts } = await api.uploads.listParts.query({ homeId, key, uploadId });
        return parts.map(({ partNumber, etag, size }) => ({ partNumber, etag, size }));
      } catch (error) {
        // Joined already (the app closed between complete and confirm): completing again with the parts
        // the device kept finishes it, so answer "cannot tell" and let the engine use them.
        if (appCodeOf(error) === 'BAD_INPUT' && errorDetailsOf(error).completed === true) return null;
        throw mapApiError(error);
      }
    },
    async sendPart(_uploadId, part, bytes, transfer) {
      for (let round = 0; ; round++) {
        const { url, headers } = await urlFor(part.partNumber);
        const response = await http({
          method: 'PUT',
          url,
          headers,
          body: bytes,
          signal: transfer.signal,
          onUploadProgress: transfer.onProgress,
        });
        if (response.status >= 200 && response.status < 300) {
          const etag = response.header('etag');
          // A browser sees the ETag only when the bucket's CORS rules expose it.
          if (!etag)
            throw new MultipartFailure('protocol', new Error(`part ${part.partNumber}: no ETag in the answer`));
          return etag;
        }
        const code = s3Code(response.text);
        const error = new PartTransferError(response.status, code);
        if (response.status === 403 && /expired/i.test(response.text)) {
          signed.delete(part.partNumber);
          if (round === 0) continue;
          throw new MultipartFailure('expired', error);
        }
        if (response.status === 404 || code === 'NoSuchUpload') throw new MultipartFailure('gone', error);
        throw error;
      }
    },
    async complete(uploadId, parts) {
      await api.uploads.completeParts.mutate({ homeId, key, uploadId, parts }).catch((error: unknown) => {
        throw mapApiError(error);
      });
    },
    async abort(uploadId) {
      await api.uploads.abortParts.mutate({ homeId, key, uploadId });
    },
  };
}
