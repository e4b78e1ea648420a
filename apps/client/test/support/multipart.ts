/**
 * For multipart tests: a bucket speaking Qiniu's resumable upload v2 in memory, strictly enough to catch a client that sends a part
 * twice, completes out of order or with a wrong etag, or resumes an upload the bucket no longer has.
 */
import type { ByteHttp, ByteRequest } from '../../src/upload/multipart/byte-http';
import { PartTransferError } from '../../src/upload/multipart/errors';
import type { MultipartTicket, RecordScope, ScopeSource } from '../../src/upload/multipart/record';
import { UploadCancelled } from '../../src/upload/queue';

export const BUCKET_URL = 'https://up.example.com';

/**
 * Who is signed in on the test device, as the multipart records see it: `as(user, homes)` switches account,
 * `signOut()` leaves nobody.
 */
export function deviceSession(userId = 'user-1', homeIds: readonly string[] = ['h1', 'home-1']) {
  let current: RecordScope | null = { userId, homeIds: new Set(homeIds) };
  const scope: ScopeSource = async () => current;
  return {
    scope,
    as(user: string, homes: readonly string[]) {
      current = { userId: user, homeIds: new Set(homes) };
    },
    signOut() {
      current = null;
    },
  };
}

export function multipartTicket(key: string, partBytes = 10): MultipartTicket {
  return {
    kind: 'upload',
    key,
    uploadUrl: BUCKET_URL,
    fields: {},
    expiresAt: '2030-01-01T00:00:00.000Z',
    multipart: { protocol: 'qiniu-v2', uploadUrl: BUCKET_URL, bucket: 'family', token: 'tok', partBytes },
  };
}

function json(status: number, body: unknown) {
  return { status, text: JSON.stringify(body), header: () => null };
}

function decodeKey(encoded: string): string {
  return Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

/** A Qiniu v2 bucket in memory. `hold(partNumber)` true keeps that part's PUT unanswered (until cut). */
export function qiniuBucket() {
  const uploads = new Map<string, { key: string; parts: Map<number, { etag: string; bytes: Uint8Array }> }>();
  const objects = new Map<string, Uint8Array>();
  const requests: string[] = [];
  let nextId = 1;
  let hold: (partNumber: number) => boolean = () => false;
  let down = false;
  const http: ByteHttp = async (request: ByteRequest) => {
    const path = request.url.slice(BUCKET_URL.length).split('?')[0] ?? '';
    requests.push(`${request.method} ${path}`);
    if (down) throw new PartTransferError(0, 'connection refused');
    if (request.headers?.authorization !== 'UpToken tok') return json(401, { error: 'bad token' });
    const match = /^\/buckets\/family\/objects\/([^/]+)\/uploads(?:\/([^/]+)(?:\/(\d+))?)?$/.exec(path);
    if (!match) return json(404, { error: 'no such path' });
    const key = decodeKey(match[1] as string);
    const uploadId = match[2] ? decodeURIComponent(match[2]) : null;
    if (uploadId === null) {
      if (request.method !== 'POST') return json(405, { error: 'method' });
      const id = `up-${nextId++}`;
      uploads.set(id, { key, parts: new Map() });
      return json(200, { uploadId: id, expireAt: 1 });
    }
    const upload = uploads.get(uploadId);
    if (!upload || upload.key !== key) return json(612, { error: 'no such uploadId' });
    if (match[3]) {
      const partNumber = Number(match[3]);
      if (hold(partNumber)) {
        return new Promise((_, reject) => request.signal.onCancel(() => reject(new UploadCancelled())));
      }
      const bytes = new Uint8Array(request.body as ArrayBuffer);
      const etag = `etag-${uploadId}-${partNumber}-${bytes.length}`;
      upload.parts.set(partNumber, { etag, bytes });
      request.onUploadProgress?.(bytes.length);
      return json(200, { etag, md5: 'x' });
    }
    if (request.method === 'GET') {
      const parts = [...upload.parts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([partNumber, part]) => ({ partNumber, etag: part.etag, size: part.bytes.length, putTime: 1 }));
      return json(200, { uploadId, expireAt: 1, partNumberMarker: 0, parts });
    }
    if (request.method === 'DELETE') {
      uploads.delete(uploadId);
      return json(200, {});
    }
    const { parts } = JSON.parse(request.body as string) as { parts: { partNumber: number; etag: string }[] };
    const chunks: Uint8Array[] = [];
    let last = 0;
    for (const { partNumber, etag } of parts) {
      const part = upload.parts.get(partNumber);
      if (partNumber <= last || !part || part.etag !== etag) return json(400, { error: `bad part ${partNumber}` });
      last = partNumber;
      chunks.push(part.bytes);
    }
    const whole = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      whole.set(chunk, at);
      at += chunk.length;
    }
    objects.set(key, whole);
    uploads.delete(uploadId);
    return json(200, { hash: 'F', key });
  };
  return {
    http,
    uploads,
    objects,
    requests,
    holdParts(fn: (partNumber: number) => boolean) {
      hold = fn;
    },
    setDown(value: boolean) {
      down = value;
    },
  };
}
