/**
 * The S3 peer's multipart uploads, the subset the S3 provider uses and as strictly as S3 checks it
 * (docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html): CreateMultipartUpload,
 * UploadPart (part numbers 1–10,000, the signed payload hash, the size limit), CompleteMultipartUpload (at
 * least one part, ascending part numbers, each part's ETag as uploaded, every part but the last at least
 * `minPartBytes`; If-None-Match: * and COS's / OSS's forbid-overwrite honoured, overwrite.ts), AbortMultipartUpload and ListParts (docs.aws.amazon.com/
 * AmazonS3/latest/API/API_ListParts.html: the upload bound to its key, parts in ascending number after
 * `part-number-marker`, at most `max-parts` of them and never more than 1,000, IsTruncated and
 * NextPartNumberMarker to page on). The object's ETag is S3's: the MD5 of the parts' binary MD5s, "-" and
 * the part count. No ListMultipartUploads.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { S3PeerError } from './auth.js';
import type { S3Object, S3Objects } from './objects.js';
import type { NoOverwrite } from './overwrite.js';

interface Part {
  file: string;
  size: number;
  md5: Buffer;
  lastModified: Date;
}

/** One page of ListParts. */
export interface PartsPage {
  parts: { partNumber: number; etag: string; size: number; lastModified: Date }[];
  marker: number;
  maxParts: number;
  /** More parts after `nextMarker`. */
  truncated: boolean;
  nextMarker: number;
}

interface Upload {
  bucket: string;
  key: string;
  contentType: string;
  parts: Map<number, Part>;
}

export const MAX_PART_NUMBER = 10_000;
/** The most parts one ListParts answer carries, whatever max-parts asks (S3's cap). */
export const LIST_PARTS_MAX = 1000;
/** Largest completion body read: 10,000 parts of ~100 bytes of XML each. */
const MAX_COMPLETE_XML = 2 * 1024 * 1024;

const noSuchUpload = () =>
  new S3PeerError(
    404,
    'NoSuchUpload',
    'The specified multipart upload does not exist. The upload ID might be invalid, or the multipart upload might have been aborted or completed.',
  );

async function readBody(req: IncomingMessage, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new S3PeerError(400, 'MalformedXML', 'The XML you provided was too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** <Part><PartNumber>n</PartNumber><ETag>"…"</ETag></Part>, in the order given. */
export function parseCompletion(xml: string): { partNumber: number; etag: string }[] {
  if (!/<CompleteMultipartUpload[\s>]/.test(xml)) {
    throw new S3PeerError(400, 'MalformedXML', 'The XML you provided was not well-formed');
  }
  const parts: { partNumber: number; etag: string }[] = [];
  for (const m of xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
    const body = m[1] ?? '';
    const number = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(body)?.[1];
    const etag = /<ETag>([\s\S]*?)<\/ETag>/.exec(body)?.[1];
    if (number === undefined || etag === undefined) {
      throw new S3PeerError(400, 'MalformedXML', 'The XML you provided was not well-formed');
    }
    parts.push({ partNumber: Number(number), etag: etag.replace(/&quot;|"/g, '').trim() });
  }
  return parts;
}

export class S3Multipart {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly objects: S3Objects,
    private readonly minPartBytes: number,
    private readonly now: () => Date,
  ) {}

  /** Uploads not completed or aborted (tests look at what the sweep left). */
  get open(): number {
    return this.uploads.size;
  }

  has(uploadId: string): boolean {
    return this.uploads.has(uploadId);
  }

  create(bucket: string, key: string, contentType: string): string {
    const uploadId = randomUUID().replace(/-/g, '');
    this.uploads.set(uploadId, { bucket, key, contentType, parts: new Map() });
    return uploadId;
  }

  private upload(bucket: string, key: string, uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.bucket !== bucket || upload.key !== key) throw noSuchUpload();
    return upload;
  }

  async uploadPart(
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: string,
    req: IncomingMessage,
    limits: { declared: number; payloadHash: string },
  ): Promise<string> {
    const upload = this.upload(bucket, key, uploadId);
    const number = Number(partNumber);
    if (!/^\d+$/.test(partNumber) || number < 1 || number > MAX_PART_NUMBER) {
      throw new S3PeerError(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
    }
    const received = await this.objects.receive(req, {
      maxBytes: limits.declared,
      minBytes: limits.declared,
      payloadHash: limits.payloadHash,
    });
    // Aborted while the bytes came in: nothing to keep them for.
    if (this.uploads.get(uploadId) !== upload) {
      await rm(received.file, { force: true });
      throw noSuchUpload();
    }
    const previous = upload.parts.get(number);
    upload.parts.set(number, { ...received, lastModified: this.now() });
    if (previous) await rm(previous.file, { force: true });
    return received.md5.toString('hex');
  }

  async complete(
    bucket: string,
    key: string,
    uploadId: string,
    req: IncomingMessage,
    noOverwrite: NoOverwrite,
  ): Promise<S3Object> {
    const upload = this.upload(bucket, key, uploadId);
    const listed = parseCompletion(await readBody(req, MAX_COMPLETE_XML));
    if (listed.length === 0) {
      throw new S3PeerError(400, 'MalformedXML', 'You must specify at least one part');
    }
    if (listed.some((given, index) => index > 0 && given.partNumber <= (listed[index - 1]?.partNumber ?? 0))) {
      throw new S3PeerError(400, 'InvalidPartOrder', 'The list of parts was not in ascending order.');
    }
    const chosen: Part[] = [];
    listed.forEach((given, index) => {
      const part = upload.parts.get(given.partNumber);
      if (!part || part.md5.toString('hex') !== given.etag) {
        throw new S3PeerError(
          400,
          'InvalidPart',
          "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        );
      }
      if (index < listed.length - 1 && part.size < this.minPartBytes) {
        throw new S3PeerError(
          400,
          'EntityTooSmall',
          'Your proposed upload is smaller than the minimum allowed object size.',
        );
      }
      chosen.push(part);
    });
    const file = this.objects.tempFile();
    const out = createWriteStream(file);
    for (const part of chosen) await pipeline(createReadStream(part.file), out, { end: false });
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    const digest = createHash('md5')
      .update(Buffer.concat(chosen.map((p) => p.md5)))
      .digest('hex');
    const object = await this.objects.adopt(
      bucket,
      key,
      {
        file,
        size: chosen.reduce((sum, p) => sum + p.size, 0),
        etag: `${digest}-${chosen.length}`,
        contentType: upload.contentType,
      },
      noOverwrite,
    );
    await this.drop(uploadId);
    return object;
  }

  /** ListParts: `max-parts` and `part-number-marker` as S3 reads them (non-negative integers, else InvalidArgument). */
  listParts(bucket: string, key: string, uploadId: string, query: Map<string, string>): PartsPage {
    const upload = this.upload(bucket, key, uploadId);
    const integer = (name: string, fallback: number) => {
      const raw = query.get(name);
      if (raw === undefined) return fallback;
      if (!/^\d{1,10}$/.test(raw) || Number(raw) > 2_147_483_647) {
        throw new S3PeerError(400, 'InvalidArgument', `Provided ${name} not an integer or within integer range`);
      }
      return Number(raw);
    };
    const maxParts = integer('max-parts', LIST_PARTS_MAX);
    const marker = integer('part-number-marker', 0);
    const after = [...upload.parts.entries()].filter(([n]) => n > marker).sort(([a], [b]) => a - b);
    const page = after.slice(0, Math.min(maxParts, LIST_PARTS_MAX));
    const truncated = page.length < after.length;
    return {
      parts: page.map(([partNumber, part]) => ({
        partNumber,
        etag: part.md5.toString('hex'),
        size: part.size,
        lastModified: part.lastModified,
      })),
      marker,
      maxParts,
      truncated,
      nextMarker: page.at(-1)?.[0] ?? marker,
    };
  }

  async abort(bucket: string, key: string, uploadId: string): Promise<void> {
    this.upload(bucket, key, uploadId);
    await this.drop(uploadId);
  }

  private async drop(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId);
    this.uploads.delete(uploadId);
    for (const part of upload?.parts.values() ?? []) await rm(part.file, { force: true });
  }
}
