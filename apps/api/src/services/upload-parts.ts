/**
 * S3 multipart uploads of large files (MULTIPART_THRESHOLD_BYTES and up): uploads.create starts one per
 * file and records its UploadId on the upload row; the uploader then asks for presigned part URLs in
 * bounded batches, completes with the parts' ETags (the joined object must not pass the declared size), or
 * aborts. Only the row's own uploader, in its home, with its key and UploadId, may do any of it; another
 * home's, another member's or a mismatched one is NOT_FOUND. The sweep aborts uploads left open past
 * their row's expiry.
 */
import {
  type AbortPartsInput,
  type CompletePartsInput,
  type ListedParts,
  MULTIPART_PART_MAX_BYTES,
  MULTIPART_PART_MIN_BYTES,
  MULTIPART_PARTS_MAX,
  type SignedParts,
  type SignPartsInput,
} from '@xiaojia/shared';
import type { Upload } from '../db/schema.js';
import { AppError } from '../errors.js';
import { BindingsRepository } from '../repositories/bindings.js';
import { UploadsRepository } from '../repositories/uploads.js';
import { StorageError } from '../storage/provider.js';
import { S3Storage } from '../storage/s3/storage.js';
import type { AppDeps } from '../trpc/context.js';
import type { HomeMember } from './home-access.js';
import { storageAppError } from './storage.js';
import { uploadStorage } from './stored-uploads.js';

/** How long a multipart upload may take (its row's expiry): a 4 GiB video on slow mobile data. */
export const MULTIPART_UPLOAD_MS = 24 * 3600 * 1000;
/** Part URLs are short-lived: a batch is asked for as the upload gets to it. */
export const PART_URL_MS = 15 * 60 * 1000;
/** Slack over the declared size, as for single uploads. */
export const MULTIPART_SIZE_SLACK = 64 * 1024;
/** Open multipart uploads the sweep aborts per pass. */
const SWEEP_BATCH = 100;

const MIB = 1024 * 1024;

/** Part size for a file of `size` bytes: whole MiBs, at least S3's minimum, few enough parts for S3's cap. */
export function partBytesFor(size: number): number {
  const needed = Math.ceil(size / MULTIPART_PARTS_MAX / MIB) * MIB;
  return Math.min(MULTIPART_PART_MAX_BYTES, Math.max(MULTIPART_PART_MIN_BYTES, needed));
}

export const partCountFor = (size: number) => Math.max(1, Math.ceil(size / partBytesFor(size)));

export class UploadPartsService {
  private readonly uploads: UploadsRepository;

  constructor(private readonly deps: AppDeps) {
    this.uploads = new UploadsRepository(deps.db);
  }

  /**
   * The member's open multipart upload of `key` with this UploadId, and its S3 bucket; NOT_FOUND otherwise.
   * `kodo: 'BAD_INPUT'`: the member's own ticket of a Kodo-protocol bucket (a qiniu-v2 plan) is answered
   * BAD_INPUT rather than NOT_FOUND, since its client does that part itself with its token.
   */
  private async open(
    member: HomeMember,
    input: { key: string; uploadId: string },
    origin: string,
    { live, kodo = 'NOT_FOUND' }: { live: boolean; kodo?: 'NOT_FOUND' | 'BAD_INPUT' },
  ): Promise<{ upload: Upload; s3: S3Storage }> {
    const upload = await this.uploads.byKey(member.homeId, member.userId, input.key);
    if (!upload) throw new AppError('NOT_FOUND', 'No such upload');
    if (upload.photo_id !== null) throw new AppError('NOT_FOUND', 'This upload is already in the library');
    if (kodo === 'BAD_INPUT' && upload.upload_id === null) {
      if (!((await uploadStorage(this.deps, upload, origin)) instanceof S3Storage)) {
        throw new AppError('BAD_INPUT', 'A Qiniu resumable upload lists its parts itself, with its upload token', {
          field: 'key',
        });
      }
    }
    if (upload.upload_id === null || upload.upload_id !== input.uploadId) {
      throw new AppError('NOT_FOUND', 'No such upload');
    }
    if (live && upload.expires_at <= this.deps.clock.now().toISOString()) {
      throw new AppError('UPLOAD_EXPIRED', 'This upload has expired: start it again');
    }
    const provider = await uploadStorage(this.deps, upload, origin);
    if (!(provider instanceof S3Storage)) throw new AppError('NOT_FOUND', 'No such upload');
    return { upload, s3: provider };
  }

  private checkPartNumbers(upload: Upload, numbers: readonly number[]): void {
    const count = partCountFor(Number(upload.declared_size));
    const outside = numbers.find((n) => n > count);
    if (outside !== undefined) {
      throw new AppError('BAD_INPUT', `This file has ${count} parts; there is no part ${outside}`, {
        field: 'partNumbers',
        parts: count,
      });
    }
  }

  async signParts(member: HomeMember, input: SignPartsInput, origin: string): Promise<SignedParts> {
    const { upload, s3 } = await this.open(member, input, origin, { live: true });
    const numbers = [...new Set(input.partNumbers)].sort((a, b) => a - b);
    this.checkPartNumbers(upload, numbers);
    const now = this.deps.clock.now().getTime();
    const until = Math.min(now + PART_URL_MS, Date.parse(upload.expires_at));
    const seconds = Math.max(1, Math.floor((until - now) / 1000));
    const parts = await Promise.all(
      numbers.map(async (partNumber) => ({
        partNumber,
        url: await s3.parts.signPart(upload.object_key, input.uploadId, partNumber, seconds),
      })),
    );
    return { parts, expiresAt: new Date(now + seconds * 1000).toISOString() };
  }

  async completeParts(member: HomeMember, input: CompletePartsInput, origin: string): Promise<{ ok: true }> {
    const { upload, s3 } = await this.open(member, input, origin, { live: true });
    const numbers = input.parts.map((p) => p.partNumber);
    if (numbers.some((n, i) => i > 0 && n <= (numbers[i - 1] ?? 0))) {
      throw new AppError('BAD_INPUT', 'Parts must be listed once each, in ascending order', { field: 'parts' });
    }
    this.checkPartNumbers(upload, numbers);
    try {
      await s3.parts.complete(upload.object_key, input.uploadId, input.parts, s3.capabilities.noOverwrite.complete);
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      // Completed already (an answer lost on the way back): the object is there.
      if (error.reason === 'not_found' && (await s3.stat(upload.object_key).catch(() => null))) {
        // fall through to the size check
      } else if (error.reason === 'refused' && (error.status === 412 || error.status === 409)) {
        // The no-overwrite guard refused: an object is at the key. This upload's own earlier completion
        // (a provider that refuses a repeated complete) has no upload left; anything else is not replaced.
        if (await this.stillOpen(s3, upload.object_key, input.uploadId)) await this.conflict(member, upload, s3);
      } else if (error.reason === 'refused' && error.status === 400) {
        throw new AppError('BAD_INPUT', `Storage refused the parts: ${error.message}`, { field: 'parts' });
      } else if (error.reason === 'not_found') {
        throw new AppError('UPLOAD_NOT_IN_STORAGE', 'Storage no longer has this upload: start it again');
      } else {
        throw storageAppError(error);
      }
    }
    let stat: Awaited<ReturnType<S3Storage['stat']>>;
    try {
      stat = await s3.stat(upload.object_key);
    } catch (error) {
      throw storageAppError(error);
    }
    if (!stat) throw new AppError('UPLOAD_NOT_IN_STORAGE', 'The joined file is not in storage');
    const limit = Math.min(Number(upload.declared_size) + MULTIPART_SIZE_SLACK, this.deps.config.maxUploadBytes);
    if (stat.size > limit) {
      await s3.delete(upload.object_key).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, homeId: member.homeId }, 'could not delete an oversize upload');
      });
      await this.uploads.closeMultipart(member.homeId, upload.object_key);
      throw new AppError(
        'UPLOAD_TOO_LARGE',
        `The parts add up to ${stat.size} bytes, more than the ${limit} declared`,
        {
          maxBytes: limit,
        },
      );
    }
    return { ok: true };
  }

  /**
   * The parts the bucket holds (ListParts, every page, at most the file's part count and MULTIPART_PARTS_MAX),
   * so a device resuming after a reopen trusts storage rather than its own records. An upload storage no
   * longer has is UPLOAD_NOT_IN_STORAGE, unless it was joined already (its answer lost on the way back):
   * then BAD_INPUT with `completed`, and completeParts with the same parts finishes it.
   */
  async listParts(member: HomeMember, input: { key: string; uploadId: string }, origin: string): Promise<ListedParts> {
    const { upload, s3 } = await this.open(member, input, origin, { live: true, kodo: 'BAD_INPUT' });
    const max = Math.min(MULTIPART_PARTS_MAX, partCountFor(Number(upload.declared_size)));
    try {
      const parts = await s3.parts.list(upload.object_key, input.uploadId, max);
      return { parts: parts.filter((p) => p.partNumber <= max) };
    } catch (error) {
      if (!(error instanceof StorageError) || error.reason !== 'not_found') throw storageAppError(error);
      if (await s3.stat(upload.object_key).catch(() => null)) {
        throw new AppError('BAD_INPUT', 'These parts are joined already: complete the upload again to finish it', {
          field: 'uploadId',
          completed: true,
        });
      }
      throw new AppError('UPLOAD_NOT_IN_STORAGE', 'Storage no longer has this upload: start it again');
    }
  }

  /**
   * The key holds an object this upload must not replace, so its parts can never become the file: nothing
   * is left half-open. The upload is aborted on the storage and its row forgotten (a confirm of the key then
   * answers NOT_FOUND and can never record the object that is there), and the device is told CONFLICT: it
   * starts again with a fresh ticket, under a new key. An abort the storage refuses is logged; the bucket's
   * own cleanup of incomplete uploads takes those parts.
   */
  private async conflict(member: HomeMember, upload: Upload, s3: S3Storage): Promise<never> {
    if (upload.upload_id) {
      await s3.parts.abort(upload.object_key, upload.upload_id).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, homeId: member.homeId }, 'could not abort a conflicting upload');
      });
    }
    await this.uploads.forget(member.homeId, upload.object_key);
    throw new AppError(
      'CONFLICT',
      'Storage already holds a file under this upload’s name, and it was not replaced: start the upload again',
      { field: 'key' },
    );
  }

  /** Whether storage still has the multipart upload (ListParts answers), so it was not completed. */
  private async stillOpen(s3: S3Storage, key: string, uploadId: string): Promise<boolean> {
    try {
      await s3.parts.list(key, uploadId, 1);
      return true;
    } catch (error) {
      if (error instanceof StorageError && error.reason === 'not_found') return false;
      throw storageAppError(error);
    }
  }

  async abortParts(member: HomeMember, input: AbortPartsInput, origin: string): Promise<{ ok: true }> {
    const { upload, s3 } = await this.open(member, input, origin, { live: false });
    try {
      await s3.parts.abort(upload.object_key, input.uploadId);
    } catch (error) {
      throw storageAppError(error);
    }
    await this.uploads.closeMultipart(member.homeId, upload.object_key);
    return { ok: true };
  }

  /**
   * The sweep: multipart uploads still open past their row's expiry are aborted, so their parts stop
   * costing storage. One whose bucket refuses (keys rotated away, unreachable) is tried again next pass,
   * until its row itself goes as stale.
   */
  async abortExpired(): Promise<number> {
    const rows = await this.uploads.openMultipartExpired(this.deps.clock.now().toISOString(), SWEEP_BATCH);
    const bindings = new BindingsRepository(this.deps.db);
    let aborted = 0;
    for (const row of rows) {
      try {
        const binding = row.binding_id ? await bindings.byId(row.home_id, row.binding_id) : undefined;
        const provider = binding ? this.deps.storage.forBinding(binding, '') : null;
        if (provider instanceof S3Storage && row.upload_id) await provider.parts.abort(row.object_key, row.upload_id);
        await this.uploads.closeMultipart(row.home_id, row.object_key);
        aborted++;
      } catch (error) {
        this.deps.logger.warn({ err: error, homeId: row.home_id }, 'could not abort an expired multipart upload');
      }
    }
    return aborted;
  }
}
