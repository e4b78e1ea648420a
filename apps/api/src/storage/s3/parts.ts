/**
 * S3 multipart uploads as the server runs them (large files, MULTIPART_THRESHOLD_BYTES and up): the server
 * creates the upload with the declared type, presigns each part's PUT for the client (the part number and
 * upload id are in the signed query, so a URL serves that part only), completes with the client's ETags,
 * and aborts. Completion carries the preset's no-overwrite guard where the provider documents one there
 * (S3_PRESETS noOverwrite.complete: If-None-Match: * or x-cos/x-oss-forbid-overwrite), so a key already
 * holding an object is refused (412 / FileAlreadyExists) rather than replaced.
 * Reference: docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { StorageError } from '../provider.js';
import { s3Failure } from './failures.js';

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

export interface ListedPart extends CompletedPart {
  size: number;
}

export class S3Parts {
  constructor(
    private readonly client: () => S3Client,
    private readonly bucket: string,
    /** The injected clock: presigned URLs are dated by it (the presigner ignores the client's clock offset). */
    private readonly now: () => Date,
  ) {}

  /** Starts a multipart upload of `key` with the object's content type; answers its UploadId. */
  async create(key: string, mime: string): Promise<string> {
    try {
      const created = await this.client().send(
        new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: mime }),
      );
      if (!created.UploadId) throw new StorageError('refused', 'Storage answered no UploadId');
      return created.UploadId;
    } catch (error) {
      throw error instanceof StorageError ? error : s3Failure(error, 'start a multipart upload');
    }
  }

  /** A presigned PUT for one part, valid `seconds`. */
  signPart(key: string, uploadId: string, partNumber: number, seconds: number): Promise<string> {
    return getSignedUrl(
      this.client(),
      new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }),
      { expiresIn: seconds, signingDate: this.now() },
    );
  }

  /**
   * Joins the parts (ascending part numbers, as S3 requires), sending `guard` (a header, signed with the
   * rest) so an existing object is not replaced. Throws StorageError (not_found: no such upload;
   * `overwrite`: the guard refused).
   */
  async complete(
    key: string,
    uploadId: string,
    parts: readonly CompletedPart[],
    guard: readonly [string, string] | null = null,
  ): Promise<void> {
    const command = new CompleteMultipartUploadCommand({
      Bucket: this.bucket,
      Key: key,
      UploadId: uploadId,
      MultipartUpload: {
        Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: `"${p.etag.replace(/"/g, '')}"` })),
      },
    });
    if (guard) {
      const [name, value] = guard;
      // At the build step, before signing: the header is part of the signature.
      command.middlewareStack.add(
        (next) => (args) => {
          const request = args.request as { headers?: Record<string, string> };
          if (request.headers) request.headers[name] = value;
          return next(args);
        },
        { step: 'build', name: 'xiaojiaNoOverwrite' },
      );
    }
    try {
      await this.client().send(command);
    } catch (error) {
      throw s3Failure(error, 'complete the multipart upload');
    }
  }

  /**
   * The parts the bucket holds for this upload, in ascending number: ListParts page after page (S3 answers
   * at most 1,000 a page), never more than `max` in all. Throws StorageError (not_found: no such upload).
   */
  async list(key: string, uploadId: string, max: number, pageSize = 1000): Promise<ListedPart[]> {
    const parts: ListedPart[] = [];
    let marker: string | undefined;
    try {
      while (parts.length < max) {
        const page = await this.client().send(
          new ListPartsCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            MaxParts: Math.min(pageSize, max - parts.length),
            PartNumberMarker: marker,
          }),
        );
        for (const part of page.Parts ?? []) {
          if (part.PartNumber === undefined || !part.ETag) continue;
          parts.push({ partNumber: part.PartNumber, etag: part.ETag.replace(/"/g, ''), size: part.Size ?? 0 });
        }
        // A page that does not move the marker on would loop forever: stop there.
        if (!page.IsTruncated || !page.NextPartNumberMarker || page.NextPartNumberMarker === marker) break;
        marker = page.NextPartNumberMarker;
      }
    } catch (error) {
      throw s3Failure(error, 'list the uploaded parts');
    }
    return parts.slice(0, max);
  }

  /** Gives the upload up; one already gone counts as aborted. */
  async abort(key: string, uploadId: string): Promise<void> {
    try {
      await this.client().send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
    } catch (error) {
      const failure = s3Failure(error, 'abort the multipart upload');
      if (failure.reason !== 'not_found') throw failure;
    }
  }

  /** The object's first `bytes` bytes (a ranged GET), to check what it really is. */
  async head(key: string, bytes: number): Promise<Buffer> {
    try {
      const got = await this.client().send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${bytes - 1}` }),
      );
      const body = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
      return body.subarray(0, bytes);
    } catch (error) {
      throw s3Failure(error, 'read the start of the object');
    }
  }
}
