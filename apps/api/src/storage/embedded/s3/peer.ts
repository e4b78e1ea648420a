/**
 * The embedded store's S3 side: the subset of the S3 protocol the S3 provider uses, path-style
 * (http://host/<bucket>/<key>), every request SigV4-verified by auth.ts against the peer's injected clock:
 * HeadBucket, GetBucketCors, PutObject, POST policy uploads (each write refusing an existing key when asked
 * by If-None-Match: * or COS's / OSS's forbid-overwrite: overwrite.ts), Head/Get (with a byte
 * Range)/DeleteObject, multipart uploads with ListParts (multipart.ts), and CORS for browsers by the bucket's rules
 * (cors.ts). The official AWS SDK is its test client (peer.test.ts, multipart.test.ts), as the qiniu SDK is
 * for the Kodo side. No public-read, no listing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../../integrations/clock.js';
import { authorize, type PeerCredentials, S3PeerError, splitUrl } from './auth.js';
import { corsHeaders, preflight } from './cors.js';
import { type PartsPage, S3Multipart } from './multipart.js';
import { S3Objects } from './objects.js';
import { noOverwriteOfHeaders } from './overwrite.js';
import { postObject } from './post.js';

export interface PeerCorsRule {
  origins: string[];
  methods: string[];
  headers?: string[];
  /** Answer headers a browser script may read (ETag for multipart parts). */
  exposeHeaders?: string[];
  maxAgeSeconds?: number;
}

export interface S3PeerOptions extends PeerCredentials {
  dir: string;
  clock: Clock;
  /** Buckets and their CORS rules (null: the bucket has no CORS configuration). */
  buckets: Record<string, PeerCorsRule[] | null>;
  /** S3's single-PUT limit unless told otherwise. */
  maxObjectBytes?: number;
  /** Smallest part but the last of a multipart upload: S3's 5 MiB unless told otherwise. */
  minPartBytes?: number;
  /** false: GetBucketCors answers 501 NotImplemented, as MinIO releases before bucket CORS do. */
  bucketCorsApi?: boolean;
}

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** `Range: bytes=a-b` (or `a-`) within the object; anything else serves the whole object, as S3 does. */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | null {
  const m = /^bytes=(\d+)-(\d*)$/.exec(header ?? '');
  if (!m || size === 0) return null;
  const start = Number(m[1]);
  const end = Math.min(m[2] ? Number(m[2]) : size - 1, size - 1);
  if (start > end) throw new S3PeerError(416, 'InvalidRange', 'The requested range is not satisfiable');
  return { start, end };
}

function partsXml(bucket: string, key: string, uploadId: string, page: PartsPage): string {
  const parts = page.parts
    .map(
      (p) =>
        `<Part><PartNumber>${p.partNumber}</PartNumber><LastModified>${p.lastModified.toISOString()}</LastModified><ETag>"${p.etag}"</ETag><Size>${p.size}</Size></Part>`,
    )
    .join('');
  return `<ListPartsResult><Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${xmlEscape(uploadId)}</UploadId><StorageClass>STANDARD</StorageClass><PartNumberMarker>${page.marker}</PartNumberMarker><NextPartNumberMarker>${page.nextMarker}</NextPartNumberMarker><MaxParts>${page.maxParts}</MaxParts><IsTruncated>${page.truncated}</IsTruncated>${parts}</ListPartsResult>`;
}

export class S3Peer {
  readonly objects: S3Objects;
  readonly multipart: S3Multipart;
  private readonly maxObjectBytes: number;

  constructor(private readonly options: S3PeerOptions) {
    this.objects = new S3Objects(options.dir);
    this.multipart = new S3Multipart(this.objects, options.minPartBytes ?? 5 * 1024 * 1024, () => options.clock.now());
    this.maxObjectBytes = options.maxObjectBytes ?? 5 * 1024 ** 3;
  }

  setCors(bucket: string, rules: PeerCorsRule[] | null): void {
    this.options.buckets[bucket] = rules;
  }

  /** false: GetBucketCors answers 501 NotImplemented, as MinIO releases before bucket CORS do. */
  setBucketCorsApi(on: boolean): void {
    this.options.bucketCorsApi = on;
  }

  private send(
    res: ServerResponse,
    status: number,
    headers: Record<string, string | number> = {},
    body?: string,
  ): void {
    res.writeHead(status, { Date: this.options.clock.now().toUTCString(), ...headers });
    res.end(body);
  }

  private error(req: IncomingMessage, res: ServerResponse, error: S3PeerError): void {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${xmlEscape(error.message)}</Message></Error>`;
    if (req.method === 'HEAD') this.send(res, error.status);
    else this.send(res, error.status, { 'Content-Type': 'application/xml' }, body);
  }

  /** Serves one request; never throws (every failure is an S3 error answer). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Browsers: the bucket's CORS rules answer preflights and mark what its origin may read.
    const name = decodeURIComponent(splitUrl(req.url ?? '/').path.split('/')[1] ?? '');
    const rules = Object.hasOwn(this.options.buckets, name) ? this.options.buckets[name] : undefined;
    if (req.method === 'OPTIONS') return preflight(req, res, rules);
    for (const [name, value] of Object.entries(corsHeaders(req, rules))) res.setHeader(name, value);
    try {
      await this.route(req, res);
    } catch (error) {
      if (!(error instanceof S3PeerError)) throw error;
      if (res.headersSent) res.destroy();
      else this.error(req, res, error);
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { path, query } = splitUrl(req.url ?? '/');
    const [, rawBucket = '', ...rest] = path.split('/');
    const bucket = decodeURIComponent(rawBucket);
    const key = rest.map(decodeURIComponent).join('/');
    const now = this.options.clock.now();
    const method = req.method ?? 'GET';

    if (method === 'POST' && key === '') {
      if (!(bucket in this.options.buckets))
        throw new S3PeerError(404, 'NoSuchBucket', 'The specified bucket does not exist');
      const { object } = await postObject(req, bucket, this.objects, this.options, now, this.maxObjectBytes);
      this.send(res, 204, { ETag: `"${object.etag}"` });
      return;
    }
    const { payloadHash } = authorize(req, this.options, now);
    if (!(bucket in this.options.buckets))
      throw new S3PeerError(404, 'NoSuchBucket', 'The specified bucket does not exist');

    if (key === '') {
      if (method === 'HEAD') return this.send(res, 200);
      if (method === 'GET' && query.some(([k]) => k === 'cors')) return this.cors(res, bucket);
      throw new S3PeerError(501, 'NotImplemented', 'This bucket operation is not implemented by the embedded store');
    }
    const q = new Map(query);
    const uploadId = q.get('uploadId');
    // Writes take If-None-Match: * only (reads' conditional GETs are served whole).
    const match = req.headers['if-none-match'];
    if (match !== undefined && match !== '*' && (method === 'PUT' || method === 'POST'))
      throw new S3PeerError(501, 'NotImplemented', 'Only If-None-Match: * is implemented');
    if (method === 'POST' && q.has('uploads')) {
      const id = this.multipart.create(bucket, key, req.headers['content-type'] ?? 'binary/octet-stream');
      return this.xml(
        res,
        `<InitiateMultipartUploadResult><Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    if (method === 'POST' && uploadId !== undefined) {
      const object = await this.multipart.complete(bucket, key, uploadId, req, noOverwriteOfHeaders(req.headers));
      return this.xml(
        res,
        `<CompleteMultipartUploadResult><Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(key)}</Key><ETag>"${object.etag}"</ETag></CompleteMultipartUploadResult>`,
      );
    }
    if (method === 'DELETE' && uploadId !== undefined) {
      await this.multipart.abort(bucket, key, uploadId);
      return this.send(res, 204);
    }
    if (method === 'PUT') {
      const part = q.get('partNumber');
      const signingOnly = query.every(([k]) => k.startsWith('X-Amz-') || k === 'x-id');
      const isPart = uploadId !== undefined && part !== undefined;
      if (!signingOnly && !isPart) {
        throw new S3PeerError(501, 'NotImplemented', 'Only PutObject and UploadPart are implemented');
      }
      const declared = Number(req.headers['content-length']);
      if (!Number.isInteger(declared))
        throw new S3PeerError(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
      if (declared > this.maxObjectBytes)
        throw new S3PeerError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
      if (isPart) {
        const etag = await this.multipart.uploadPart(bucket, key, uploadId, part, req, { declared, payloadHash });
        return this.send(res, 200, { ETag: `"${etag}"` });
      }
      const object = await this.objects.write(bucket, key, req, {
        maxBytes: declared,
        minBytes: declared,
        payloadHash,
        contentType: req.headers['content-type'] ?? 'binary/octet-stream',
        noOverwrite: noOverwriteOfHeaders(req.headers),
      });
      return this.send(res, 200, { ETag: `"${object.etag}"` });
    }
    if (method === 'DELETE') {
      await this.objects.delete(bucket, key);
      return this.send(res, 204);
    }
    if (method === 'GET' || method === 'HEAD') {
      if (uploadId !== undefined) {
        if (method === 'HEAD')
          throw new S3PeerError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
        return this.xml(res, partsXml(bucket, key, uploadId, this.multipart.listParts(bucket, key, uploadId, q)));
      }
      const object = this.objects.get(bucket, key);
      if (!object) throw new S3PeerError(404, 'NoSuchKey', 'The specified key does not exist.');
      const headers = { 'Content-Type': object.contentType, 'Content-Length': object.size, ETag: `"${object.etag}"` };
      if (method === 'HEAD') return this.send(res, 200, headers);
      const range = byteRange(req.headers.range, object.size);
      if (range) {
        res.writeHead(206, {
          Date: now.toUTCString(),
          ...headers,
          'Content-Length': range.end - range.start + 1,
          'Content-Range': `bytes ${range.start}-${range.end}/${object.size}`,
        });
        this.objects.read(object, range).pipe(res);
        return;
      }
      res.writeHead(200, { Date: now.toUTCString(), ...headers });
      this.objects.read(object).pipe(res);
      return;
    }
    throw new S3PeerError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  }

  private xml(res: ServerResponse, body: string): void {
    this.send(res, 200, { 'Content-Type': 'application/xml' }, `<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
  }

  private cors(res: ServerResponse, bucket: string): void {
    if (this.options.bucketCorsApi === false) {
      throw new S3PeerError(
        501,
        'NotImplemented',
        'A header you provided implies functionality that is not implemented',
      );
    }
    const rules = this.options.buckets[bucket];
    if (!rules) throw new S3PeerError(404, 'NoSuchCORSConfiguration', 'The CORS configuration does not exist');
    const tag = (name: string, values: string[] = []) =>
      values.map((v) => `<${name}>${xmlEscape(v)}</${name}>`).join('');
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<CORSConfiguration>${rules
      .map(
        (r) =>
          `<CORSRule>${tag('AllowedOrigin', r.origins)}${tag('AllowedMethod', r.methods)}${tag('AllowedHeader', r.headers)}</CORSRule>`,
      )
      .join('')}</CORSConfiguration>`;
    this.send(res, 200, { 'Content-Type': 'application/xml' }, body);
  }
}
