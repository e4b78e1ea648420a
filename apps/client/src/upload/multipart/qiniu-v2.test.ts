import { describe, expect, it } from 'vitest';
import type { ByteHttp, ByteRequest } from './byte-http';
import { MultipartFailure, PartTransferError } from './errors';
import { type QiniuPlan, qiniuV2Target } from './qiniu-v2';

const PLAN: QiniuPlan = {
  protocol: 'qiniu-v2',
  uploadUrl: 'https://up.example.com/',
  bucket: 'family',
  token: 'tok:en',
  partBytes: 8,
};
// base64url("homes/h1/照片.mp4"), padded as Qiniu's EncodedObjectName is.
const KEY = 'homes/h1/照片.mp4';
const ENCODED = 'aG9tZXMvaDEv54Wn54mHLm1wNA==';
const BASE = `https://up.example.com/buckets/family/objects/${ENCODED}/uploads`;
const NEVER = { cancelled: false, onCancel: () => undefined };

/** Storage answering each request from `answer`, recording what the client sent. */
function storage(answer: (request: ByteRequest) => { status: number; body?: unknown; text?: string }) {
  const requests: ByteRequest[] = [];
  const http: ByteHttp = async (request) => {
    requests.push(request);
    const { status, body, text } = answer(request);
    return { status, text: text ?? (body === undefined ? '' : JSON.stringify(body)), header: () => null };
  };
  const target = qiniuV2Target({ plan: PLAN, key: KEY, filename: '照片.mp4', mime: 'video/mp4', http });
  return { requests, target };
}

describe('Qiniu resumable upload v2', () => {
  it('starts, sends parts, completes and aborts at the documented paths with the upload token', async () => {
    const { requests, target } = storage((request) => {
      if (request.method === 'POST' && request.url === BASE)
        return { status: 200, body: { uploadId: 'u/1', expireAt: 1 } };
      if (request.method === 'PUT') return { status: 200, body: { etag: 'Fp-etag', md5: 'x' } };
      return { status: 200, body: { hash: 'Fh', key: KEY } };
    });
    const id = await target.begin(NEVER);
    expect(id).toBe('u/1');
    const progress: number[] = [];
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    const etag = await target.sendPart(id, { partNumber: 2, start: 8, length: 3 }, bytes, {
      signal: NEVER,
      onProgress: (n) => progress.push(n),
    });
    expect(etag).toBe('Fp-etag');
    await target.complete(
      id,
      [
        { partNumber: 1, etag: 'a' },
        { partNumber: 2, etag: 'Fp-etag' },
      ],
      NEVER,
    );
    await target.abort(id);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${BASE}`,
      `PUT ${BASE}/u%2F1/2`,
      `POST ${BASE}/u%2F1`,
      `DELETE ${BASE}/u%2F1`,
    ]);
    for (const r of requests) expect(r.headers?.authorization).toBe('UpToken tok:en');
    expect(requests[1]?.headers?.['content-type']).toBe('application/octet-stream');
    expect(requests[1]?.body).toBe(bytes);
    expect(requests[1]?.onUploadProgress).toBeTypeOf('function');
    expect(requests[2]?.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(requests[2]?.body as string)).toEqual({
      parts: [
        { partNumber: 1, etag: 'a' },
        { partNumber: 2, etag: 'Fp-etag' },
      ],
      fname: '照片.mp4',
      mimeType: 'video/mp4',
    });
  });

  it('lists the stored parts page by page until the marker says the end', async () => {
    const pages: Record<string, unknown> = {
      '': {
        uploadId: 'u1',
        partNumberMarker: 2,
        parts: [
          { partNumber: 1, etag: 'e1', size: 8 },
          { partNumber: 2, etag: 'e2', size: 8 },
        ],
      },
      '&part-number-marker=2': { uploadId: 'u1', partNumberMarker: 0, parts: [{ partNumber: 4, etag: 'e4', size: 3 }] },
    };
    const { requests, target } = storage((request) => {
      const marker = request.url.split('?max-parts=1000')[1] ?? 'none';
      return { status: 200, body: pages[marker] };
    });
    expect(await target.listParts('u1', NEVER)).toEqual([
      { partNumber: 1, etag: 'e1', size: 8 },
      { partNumber: 2, etag: 'e2', size: 8 },
      { partNumber: 4, etag: 'e4', size: 3 },
    ]);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${BASE}/u1?max-parts=1000`,
      `GET ${BASE}/u1?max-parts=1000&part-number-marker=2`,
    ]);
  });

  it('maps the answers: 401 expired, 612 gone, 614 refused, 5xx retryable, a nonsense answer a protocol error', async () => {
    const outcome = async (status: number, body: unknown) => {
      const { target } = storage(() => ({ status, body }));
      return target.begin(NEVER).catch((e: unknown) => e);
    };
    const expired = await outcome(401, { error: 'expired token' });
    expect(expired).toBeInstanceOf(MultipartFailure);
    expect((expired as MultipartFailure).reason).toBe('expired');
    expect(((await outcome(612, { error: 'no such uploadId' })) as MultipartFailure).reason).toBe('gone');
    expect(((await outcome(614, { error: 'file exists' })) as MultipartFailure).reason).toBe('refused');
    const busy = await outcome(503, { error: 'busy' });
    expect(busy).toBeInstanceOf(PartTransferError);
    expect((busy as PartTransferError).retryable).toBe(true);
    const bad = await outcome(400, { error: 'bad part' });
    expect((bad as PartTransferError).retryable).toBe(false);
    expect((bad as Error).message).toMatch(/400: bad part/);
    expect(((await outcome(200, { nothing: true })) as MultipartFailure).reason).toBe('protocol');
    const { target } = storage(() => ({ status: 200, text: '<html>' }));
    expect(((await target.begin(NEVER).catch((e: unknown) => e)) as MultipartFailure).reason).toBe('protocol');
  });

  it('takes an abort of an upload the storage no longer has as done', async () => {
    const { target } = storage(() => ({ status: 612, body: { error: 'no such uploadId' } }));
    await expect(target.abort('u1')).resolves.toBeUndefined();
  });
});
