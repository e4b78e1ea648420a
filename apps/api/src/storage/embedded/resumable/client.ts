/**
 * A bare Kodo v2 resumable-upload client over fetch, for tests and the bench: the calls one at a time,
 * so a test can stop between parts, restart the store and resume from listParts (the qiniu SDK only
 * resumes from its own record file and never lists). Parts stream from disk when given a file range.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

export interface KodoAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export interface ListedPart {
  partNumber: number;
  etag: string;
  size: number;
  putTime: number;
}

export class ResumableClient {
  /** `uploadUrl` is the upload host (the ticket's multipart.uploadUrl), with scheme. */
  constructor(
    private readonly uploadUrl: string,
    private readonly bucket: string,
    private readonly key: string,
    private readonly token: string,
  ) {}

  private url(suffix = ''): string {
    const encoded = Buffer.from(this.key, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    return `${this.uploadUrl.replace(/\/+$/, '')}/buckets/${this.bucket}/objects/${encoded}/uploads${suffix}`;
  }

  private async call<T>(method: string, suffix: string, init: RequestInit = {}): Promise<KodoAnswer<T>> {
    const response = await fetch(this.url(suffix), {
      ...init,
      method,
      headers: { Authorization: `UpToken ${this.token}`, ...(init.headers as Record<string, string>) },
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  init(): Promise<KodoAnswer<{ uploadId: string; expireAt: number; error?: string }>> {
    return this.call('POST', '');
  }

  /** A part from memory, or streamed from `file` bytes [start, start + size). */
  putPart(
    uploadId: string,
    partNumber: number,
    data: Buffer | { file: string; start: number; size: number },
    headers: Record<string, string> = {},
  ): Promise<KodoAnswer<{ etag: string; md5: string; error?: string }>> {
    const body = Buffer.isBuffer(data)
      ? data
      : (Readable.toWeb(
          createReadStream(data.file, { start: data.start, end: data.start + data.size - 1, highWaterMark: 1 << 20 }),
        ) as ReadableStream);
    const length = Buffer.isBuffer(data) ? data.length : data.size;
    return this.call('PUT', `/${uploadId}/${partNumber}`, {
      body,
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(length), ...headers },
      ...(Buffer.isBuffer(data) ? {} : { duplex: 'half' }),
    } as RequestInit);
  }

  listParts(
    uploadId: string,
    query = '',
  ): Promise<KodoAnswer<{ parts: ListedPart[]; partNumberMarker: number; expireAt: number; error?: string }>> {
    return this.call('GET', `/${uploadId}${query}`);
  }

  complete(
    uploadId: string,
    parts: Array<{ partNumber: number; etag: string }>,
    extra: Record<string, unknown> = {},
  ): Promise<KodoAnswer> {
    return this.call('POST', `/${uploadId}`, {
      body: JSON.stringify({ parts, ...extra }),
      headers: { 'Content-Type': 'application/json' },
    });
  }

  abort(uploadId: string): Promise<KodoAnswer> {
    return this.call('DELETE', `/${uploadId}`);
  }
}
