/**
 * A bare Kodo v2 resumable-upload client over fetch, for tests and the bench: the calls one at a time,
 * so a test can stop between parts, restart the store and resume from listParts (the qiniu SDK only
 * resumes from its own record file and never lists).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

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

  /** A part from memory, as the app sends one (node:http, so no web streams copy it). */
  async putPart(
    uploadId: string,
    partNumber: number,
    data: Buffer,
    headers: Record<string, string> = {},
  ): Promise<KodoAnswer<{ etag: string; md5: string; error?: string }>> {
    const url = new URL(this.url(`/${uploadId}/${partNumber}`));
    return new Promise((resolve, reject) => {
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
        url,
        {
          method: 'PUT',
          headers: {
            Authorization: `UpToken ${this.token}`,
            'Content-Type': 'application/octet-stream',
            'Content-Length': String(data.length),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} });
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(data);
    });
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
