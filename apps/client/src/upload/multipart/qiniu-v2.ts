/**
 * Qiniu's resumable upload v2, straight to storage with the ticket's upload token (the embedded store
 * speaks it too): POST …/uploads starts, PUT …/uploads/<id>/<n> sends a part ({ etag }), GET
 * …/uploads/<id> lists the parts the storage holds (1000 a page), POST …/uploads/<id> completes, DELETE
 * aborts; every request with `Authorization: UpToken <token>`. Qiniu's answers mapped to what the uploader
 * does: 401 (the token expired) and 612 (no such upload) end this upload, other 6xx/7xx and 4xx refuse
 * it, 5xx and 429 are retried.
 */
import type { MultipartPlan } from '@xiaojia/shared';
import { toUrlSafeBase64 } from '../../lib/base64';
import type { ByteHttp, ByteResponse } from './byte-http';
import type { PartTarget, StoredPart } from './engine';
import { MultipartFailure, PartTransferError } from './errors';

export type QiniuPlan = Extract<MultipartPlan, { protocol: 'qiniu-v2' }>;

/** listParts pages at most: 10,000 parts at 1000 a page. */
const LIST_PAGES_MAX = 11;

function utf8(text: string): Uint8Array {
  const binary = encodeURIComponent(text).replace(/%([0-9A-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function detailOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : '';
  } catch {
    return text.slice(0, 120);
  }
}

/** The answer's JSON when it succeeded; the failure the uploader acts on otherwise. */
function answer(response: ByteResponse): unknown {
  const { status } = response;
  if (status >= 200 && status < 300) {
    try {
      return response.text === '' ? {} : JSON.parse(response.text);
    } catch {
      throw new MultipartFailure('protocol', new Error(`storage answered ${status} with no JSON`));
    }
  }
  const error = new PartTransferError(status, detailOf(response.text));
  if (status === 401) throw new MultipartFailure('expired', error);
  if (status === 612 || status === 404) throw new MultipartFailure('gone', error);
  if (status >= 600) throw new MultipartFailure('refused', error);
  throw error;
}

function field<T>(value: unknown, name: string, check: (v: unknown) => v is T): T {
  const got = value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
  if (!check(got)) throw new MultipartFailure('protocol', new Error(`storage's answer has no valid ${name}`));
  return got;
}
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export interface QiniuTargetOptions {
  plan: QiniuPlan;
  key: string;
  filename: string;
  mime: string;
  http: ByteHttp;
}

export function qiniuV2Target({ plan, key, filename, mime, http }: QiniuTargetOptions): PartTarget {
  const base = `${plan.uploadUrl.replace(/\/+$/, '')}/buckets/${encodeURIComponent(plan.bucket)}/objects/${toUrlSafeBase64(utf8(key))}/uploads`;
  const auth = { authorization: `UpToken ${plan.token}` };
  const ofUpload = (uploadId: string) => `${base}/${encodeURIComponent(uploadId)}`;

  return {
    async begin(signal) {
      return field(answer(await http({ method: 'POST', url: base, headers: auth, signal })), 'uploadId', isText);
    },
    async listParts(uploadId, signal) {
      const parts: StoredPart[] = [];
      let marker = 0;
      for (let page = 0; page < LIST_PAGES_MAX; page++) {
        const query = `?max-parts=1000${marker > 0 ? `&part-number-marker=${marker}` : ''}`;
        const body = answer(await http({ method: 'GET', url: `${ofUpload(uploadId)}${query}`, headers: auth, signal }));
        const listed = field(body, 'parts', (v): v is unknown[] => Array.isArray(v) || v === null) ?? [];
        for (const item of listed) {
          const partNumber = field(item, 'partNumber', isCount);
          const etag = field(item, 'etag', isText);
          const size = (item as { size?: unknown }).size;
          parts.push({ partNumber, etag, ...(isCount(size) ? { size } : {}) });
        }
        const next = (body as { partNumberMarker?: unknown }).partNumberMarker;
        if (!isCount(next) || next === 0 || next <= marker) return parts;
        marker = next;
      }
      return parts;
    },
    async sendPart(uploadId, part, bytes, transfer) {
      const response = await http({
        method: 'PUT',
        url: `${ofUpload(uploadId)}/${part.partNumber}`,
        headers: { ...auth, 'content-type': 'application/octet-stream' },
        body: bytes,
        signal: transfer.signal,
        onUploadProgress: transfer.onProgress,
      });
      return field(answer(response), 'etag', isText);
    },
    async complete(uploadId, parts, signal) {
      answer(
        await http({
          method: 'POST',
          url: ofUpload(uploadId),
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ parts, fname: filename, mimeType: mime }),
          signal,
        }),
      );
    },
    async abort(uploadId) {
      const never = { cancelled: false, onCancel: () => undefined };
      const response = await http({ method: 'DELETE', url: ofUpload(uploadId), headers: auth, signal: never });
      if (response.status >= 300 && response.status !== 612 && response.status !== 404) answer(response);
    },
  };
}
