import { describe, expect, it } from 'vitest';
import { appError, scriptedApi } from '../../../test/support/screen';
import type { ByteHttp, ByteRequest } from './byte-http';
import { uploadInParts } from './engine';
import type { MultipartFailure } from './errors';
import { manualNetwork } from './net-gate';
import { type S3Plan, s3Target } from './s3';

const PLAN: S3Plan = { protocol: 's3', uploadId: 'mpu-1', partBytes: 10 };
const KEY = 'homes/h1/v.mp4';
const NEVER = { cancelled: false, onCancel: () => undefined };

/** uploads.signParts as the server answers it: a URL per part, with the headers it signed. */
function signAnswer(signs: number[][]) {
  return (input: unknown) => {
    const { partNumbers } = input as { partNumbers: number[] };
    signs.push(partNumbers);
    return {
      parts: partNumbers.map((n) => ({
        partNumber: n,
        url: `https://bucket.example.com/${KEY}?partNumber=${n}&sig=${signs.length}`,
        headers: { 'content-length': '10' },
      })),
      expiresAt: '2030-01-01T00:00:00.000Z',
    };
  };
}

/** The bucket: answers each PUT from `answer`, an ETag header on success. */
function bucket(answer: (request: ByteRequest) => { status: number; text?: string; etag?: string | null }) {
  const puts: ByteRequest[] = [];
  const http: ByteHttp = async (request) => {
    puts.push(request);
    const { status, text = '', etag } = answer(request);
    return { status, text, header: (name) => (name.toLowerCase() === 'etag' ? (etag ?? null) : null) };
  };
  return { puts, http };
}

describe('S3 multipart through the API', () => {
  it('signs parts in batches, PUTs each with its signed headers, and completes with the ETags', async () => {
    const signs: number[][] = [];
    const api = scriptedApi({
      'uploads.signParts': signAnswer(signs),
      'uploads.completeParts': () => ({ ok: true }),
    });
    const { puts, http } = bucket((request) => ({
      status: 200,
      etag: `"etag-${/partNumber=(\d+)/.exec(request.url)?.[1]}"`,
    }));
    const target = s3Target({ api: api.client, homeId: 'h1', key: KEY, plan: PLAN, partCount: 5, http, batch: 2 });
    await uploadInParts({
      size: 45,
      partBytes: 10,
      read: async (start, length) => new Uint8Array(length).fill(start).buffer,
      target,
      resume: null,
      journal: { uploadStarted: async () => undefined, partFinished: () => undefined, forget: async () => undefined },
      network: manualNetwork(true),
      signal: NEVER,
      onProgress: () => undefined,
      parallelism: 1,
    });
    expect(signs).toEqual([[1, 2], [3, 4], [5]]);
    expect(puts.map((p) => p.method)).toEqual(['PUT', 'PUT', 'PUT', 'PUT', 'PUT']);
    expect(puts[0]?.headers).toEqual({ 'content-length': '10' });
    expect(api.callsTo('uploads.signParts')[0]).toEqual({
      homeId: 'h1',
      key: KEY,
      uploadId: 'mpu-1',
      partNumbers: [1, 2],
    });
    expect(api.callsTo('uploads.completeParts')).toEqual([
      {
        homeId: 'h1',
        key: KEY,
        uploadId: 'mpu-1',
        parts: [1, 2, 3, 4, 5].map((n) => ({ partNumber: n, etag: `"etag-${n}"` })),
      },
    ]);
  });

  it('signs a part again when its URL expired, once', async () => {
    const signs: number[][] = [];
    const api = scriptedApi({ 'uploads.signParts': signAnswer(signs) });
    let expired = 1;
    const { puts, http } = bucket(() =>
      expired-- > 0
        ? { status: 403, text: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>' }
        : { status: 200, etag: '"e1"' },
    );
    const target = s3Target({ api: api.client, homeId: 'h1', key: KEY, plan: PLAN, partCount: 1, http });
    const etag = await target.sendPart('mpu-1', { partNumber: 1, start: 0, length: 3 }, new ArrayBuffer(3), {
      signal: NEVER,
      onProgress: () => undefined,
    });
    expect(etag).toBe('"e1"');
    expect(signs).toEqual([[1], [1]]);
    expect(puts).toHaveLength(2);

    // Expired again right after signing: the grant itself is over.
    expired = 2;
    const again = s3Target({ api: api.client, homeId: 'h1', key: KEY, plan: PLAN, partCount: 1, http });
    const error = await again
      .sendPart('mpu-1', { partNumber: 1, start: 0, length: 3 }, new ArrayBuffer(3), {
        signal: NEVER,
        onProgress: () => undefined,
      })
      .catch((e: unknown) => e);
    expect((error as MultipartFailure).reason).toBe('expired');
  });

  it('says so when the bucket hides the ETag (CORS) or no longer has the upload', async () => {
    const api = scriptedApi({ 'uploads.signParts': signAnswer([]) });
    const send = (answer: Parameters<typeof bucket>[0]) =>
      s3Target({ api: api.client, homeId: 'h1', key: KEY, plan: PLAN, partCount: 1, http: bucket(answer).http })
        .sendPart('mpu-1', { partNumber: 1, start: 0, length: 3 }, new ArrayBuffer(3), {
          signal: NEVER,
          onProgress: () => undefined,
        })
        .then(
          () => null,
          (e: unknown) => e as MultipartFailure,
        );
    expect((await send(() => ({ status: 200, etag: null })))?.reason).toBe('protocol');
    expect((await send(() => ({ status: 404, text: '<Error><Code>NoSuchUpload</Code></Error>' })))?.reason).toBe(
      'gone',
    );
  });

  it.each([
    'NOT_FOUND',
    // The key is taken: the server aborted the upload and forgot it; a fresh ticket goes under a new key.
    'CONFLICT',
  ])('takes %s from completeParts as an upload that is gone, and aborts through abortParts', async (code) => {
    const api = scriptedApi({
      'uploads.completeParts': () => {
        throw appError(code);
      },
      'uploads.abortParts': () => ({ ok: true }),
    });
    const target = s3Target({
      api: api.client,
      homeId: 'h1',
      key: KEY,
      plan: PLAN,
      partCount: 1,
      http: bucket(() => ({ status: 200 })).http,
    });
    const error = await target.complete('mpu-1', [{ partNumber: 1, etag: 'e' }], NEVER).catch((e: unknown) => e);
    expect((error as MultipartFailure).reason).toBe('gone');
    await target.abort('mpu-1');
    expect(api.callsTo('uploads.abortParts')).toEqual([{ homeId: 'h1', key: KEY, uploadId: 'mpu-1' }]);
  });
});

describe('S3 multipart resumed after a reopen: the bucket says which parts it holds', () => {
  const etagOf = (request: ByteRequest) => `"new-${/partNumber=(\d+)/.exec(request.url)?.[1]}"`;

  /** The device kept `kept`; the bucket's uploads.listParts answers `listed` (or throws it). */
  async function resume(kept: { partNumber: number; etag: string }[], listed: () => unknown, failPuts = false) {
    const api = scriptedApi({
      'uploads.listParts': listed,
      'uploads.signParts': signAnswer([]),
      'uploads.completeParts': () => ({ ok: true }),
      'uploads.abortParts': () => ({ ok: true }),
    });
    const { puts, http } = bucket((request) => (failPuts ? { status: 500 } : { status: 200, etag: etagOf(request) }));
    const target = s3Target({ api: api.client, homeId: 'h1', key: KEY, plan: PLAN, partCount: 3, http });
    const outcome = await uploadInParts({
      size: 25,
      partBytes: 10,
      read: async (start, length) => new Uint8Array(length).fill(start).buffer,
      target,
      resume: { uploadId: 'mpu-1', parts: kept },
      journal: { uploadStarted: async () => undefined, partFinished: () => undefined, forget: async () => undefined },
      network: manualNetwork(true),
      signal: NEVER,
      onProgress: () => undefined,
      parallelism: 1,
      retry: { attempts: 2, baseMs: 1, maxMs: 1 },
      sleep: async () => undefined,
    }).then(
      () => null,
      (error: unknown) => error,
    );
    const sent = puts.map((p) => Number(/partNumber=(\d+)/.exec(p.url)?.[1]));
    return { api, sent, outcome, completed: api.callsTo('uploads.completeParts')[0] as { parts: unknown } | undefined };
  }

  it("re-sends only the parts the bucket lacks and completes with the bucket's etags, not the device's", async () => {
    const { api, sent, outcome, completed } = await resume(
      // The device remembers part 1 with another etag, and never heard of part 2's success.
      [{ partNumber: 1, etag: '"device-1"' }],
      () => ({
        parts: [
          { partNumber: 1, etag: '"bucket-1"', size: 10 },
          { partNumber: 2, etag: '"bucket-2"', size: 10 },
        ],
      }),
    );
    expect(outcome).toBeNull();
    expect(api.callsTo('uploads.listParts')).toEqual([{ homeId: 'h1', key: KEY, uploadId: 'mpu-1' }]);
    expect(sent).toEqual([3]);
    expect(completed?.parts).toEqual([
      { partNumber: 1, etag: '"bucket-1"' },
      { partNumber: 2, etag: '"bucket-2"' },
      { partNumber: 3, etag: '"new-3"' },
    ]);
  });

  it('sends again a part the device kept but the bucket lacks, and one the bucket holds with the wrong size', async () => {
    const { sent, completed } = await resume(
      [
        { partNumber: 1, etag: '"device-1"' },
        { partNumber: 2, etag: '"device-2"' },
        { partNumber: 3, etag: '"device-3"' },
      ],
      () => ({
        parts: [
          { partNumber: 2, etag: '"short-2"', size: 4 },
          // The last part is 5 bytes: held whole.
          { partNumber: 3, etag: '"bucket-3"', size: 5 },
          // Beyond the file: ignored.
          { partNumber: 9, etag: '"stray"', size: 10 },
        ],
      }),
    );
    expect(sent).toEqual([1, 2]);
    expect(completed?.parts).toEqual([
      { partNumber: 1, etag: '"new-1"' },
      { partNumber: 2, etag: '"new-2"' },
      { partNumber: 3, etag: '"bucket-3"' },
    ]);
  });

  it('starts over (gone) when the bucket or the server no longer knows the uploadId, and expired past its grant', async () => {
    for (const [code, reason] of [
      ['NOT_FOUND', 'gone'],
      ['UPLOAD_NOT_IN_STORAGE', 'gone'],
      ['UPLOAD_EXPIRED', 'expired'],
    ] as const) {
      const { sent, outcome, completed } = await resume([{ partNumber: 1, etag: '"device-1"' }], () => {
        throw appError(code);
      });
      expect((outcome as MultipartFailure).reason).toBe(reason);
      expect((outcome as MultipartFailure).restartable).toBe(true);
      expect(sent).toEqual([]);
      expect(completed).toBeUndefined();
    }
  });

  it("retries listParts on a server error, then fails the file (not trusting the device's parts) when it keeps failing", async () => {
    let calls = 0;
    const flaky = await resume([{ partNumber: 1, etag: '"device-1"' }], () => {
      calls += 1;
      if (calls === 1) throw Object.assign(appError('INTERNAL'), { data: { appCode: 'INTERNAL', httpStatus: 500 } });
      return { parts: [{ partNumber: 1, etag: '"bucket-1"', size: 10 }] };
    });
    expect(flaky.outcome).toBeNull();
    expect(flaky.sent).toEqual([2, 3]);

    const down = await resume([{ partNumber: 1, etag: '"device-1"' }], () => {
      throw Object.assign(appError('INTERNAL'), { data: { appCode: 'INTERNAL', httpStatus: 500 } });
    });
    expect((down.outcome as MultipartFailure).reason).toBe('exhausted');
    expect((down.outcome as MultipartFailure).restartable).toBe(false);
    expect(down.sent).toEqual([]);

    const refused = await resume([{ partNumber: 1, etag: '"device-1"' }], () => {
      throw appError('FORBIDDEN');
    });
    expect(refused.sent).toEqual([]);
    expect(refused.completed).toBeUndefined();
    expect(refused.outcome).toBeInstanceOf(Error);
  });

  it('completes again with the parts the device kept when the bucket joined them already (closed before confirm)', async () => {
    const kept = [1, 2, 3].map((n) => ({ partNumber: n, etag: `"device-${n}"` }));
    const { sent, outcome, completed } = await resume(kept, () => {
      throw Object.assign(new Error('joined'), {
        data: { appCode: 'BAD_INPUT', details: { field: 'uploadId', completed: true } },
      });
    });
    expect(outcome).toBeNull();
    expect(sent).toEqual([]);
    expect(completed?.parts).toEqual(kept);
  });
});
