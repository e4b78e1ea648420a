/**
 * Upload tickets (design.md "The storage contract" 1–2): the server picks each file's key under the home's
 * prefix and grants an upload of exactly that key (with an S3 multipart upload started for a large file,
 * and grants for the thumbnails the client makes where the bucket cannot), or answers "you already have
 * this photo". Confirming what arrived is uploads.ts.
 */
import {
  ACCEPTED_MIME,
  type CreateUploadsInput,
  MULTIPART_THRESHOLD_BYTES,
  type UploadRequest,
  type UploadTicket,
} from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { PhotosRepository } from '../repositories/photos.js';
import { UploadsRepository } from '../repositories/uploads.js';
import type { StorageProvider } from '../storage/provider.js';
import { S3Storage } from '../storage/s3/storage.js';
import type { AppDeps } from '../trpc/context.js';
import { derivativeGrants, needsDerivatives } from './derivatives.js';
import type { HomeMember } from './home-access.js';
import { kodoMultipartExpiry, kodoMultipartPlan, usesKodoMultipart } from './kodo-multipart.js';
import { StorageService, storageAppError } from './storage.js';
import { hashViewer } from './stored-uploads.js';
import { MULTIPART_UPLOAD_MS, partBytesFor } from './upload-parts.js';

/** How long an upload grant is valid: long enough for a big photo on slow mobile data. */
export const UPLOAD_GRANT_MS = 15 * 60 * 1000;
/** Slack over the declared size (the device may re-encode metadata between asking and sending). */
const SIZE_SLACK = 64 * 1024;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
};

/**
 * h/<home>/<yyyy>/<mm>/<uuidv7>.<ext>: the home's prefix, spread by month, unguessable. (Photos from before
 * homes keep their u/<user>/ keys: their home has the user's id.)
 */
export function objectKeyFor(homeId: string, mime: string, now: Date): string {
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  return `h/${homeId}/${month}/${newId(now.getTime())}.${EXTENSIONS[mime] ?? 'bin'}`;
}

export class UploadTicketsService {
  private readonly photos: PhotosRepository;
  private readonly uploads: UploadsRepository;

  constructor(private readonly deps: AppDeps) {
    this.photos = new PhotosRepository(deps.db);
    this.uploads = new UploadsRepository(deps.db);
  }

  async create(member: HomeMember, input: CreateUploadsInput, origin: string): Promise<UploadTicket[]> {
    const cap = this.deps.config.maxUploadBytes;
    input.files.forEach((file, index) => {
      if (file.size > cap) {
        throw new AppError('UPLOAD_TOO_LARGE', `${file.filename} is larger than the ${cap}-byte limit`, {
          field: `files.${index}.size`,
          maxBytes: cap,
        });
      }
    });
    const { provider, bindingId } = await new StorageService(this.deps).uploadTarget(member.homeId, origin);
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + UPLOAD_GRANT_MS);
    const tickets: UploadTicket[] = [];
    const rows = [];
    // The device's qetags find photos it can see whose storage etag is that hash, or its own uploads that
    // claimed it (S3 cannot check a claim: another member's never counts), of the same size.
    const known = await this.photos.byEtags(
      member.homeId,
      input.files.flatMap((file) => (file.qetag ? [file.qetag] : [])),
      hashViewer(member),
      { claims: true },
    );
    for (const file of input.files) {
      const found = file.qetag ? known.get(file.qetag) : undefined;
      const existing = found && Number(found.size) === file.size ? found : undefined;
      if (existing) {
        tickets.push({ kind: 'duplicate', photoId: existing.id });
        continue;
      }
      const key = objectKeyFor(member.homeId, file.mime, now);
      const kodoParts = usesKodoMultipart(provider, file.size);
      const grant = await provider.grantUpload({
        key,
        expiresAt: kodoParts ? kodoMultipartExpiry(now, file.size) : expiresAt,
        maxBytes: Math.min(file.size + SIZE_SLACK, cap),
        mimeTypes: ACCEPTED_MIME,
        declared: { mime: file.mime, bytes: file.size },
      });
      const extra = await this.s3Extras(provider, key, file, expiresAt);
      tickets.push({
        kind: 'upload',
        key,
        ...grant,
        ...extra.ticket,
        ...(kodoParts ? { multipart: kodoMultipartPlan(provider, grant, file.size) } : {}),
      });
      rows.push({
        object_key: key,
        home_id: member.homeId,
        uploader_id: member.userId,
        binding_id: bindingId,
        filename: file.filename,
        declared_size: file.size,
        declared_mime: file.mime,
        created_at: now.toISOString(),
        expires_at: extra.rowExpiresAt ?? grant.expiresAt,
        photo_id: null,
        upload_id: extra.uploadId,
        qetag: file.qetag ?? null,
      });
    }
    await this.uploads.insertMany(rows);
    return tickets;
  }

  /**
   * What an S3 bucket adds to a ticket: a multipart upload the server starts for a large file (its row
   * then lives as long as such an upload may take), and grants for the thumbnails the client makes where
   * the bucket cannot.
   */
  private async s3Extras(
    provider: StorageProvider,
    key: string,
    file: UploadRequest,
    expiresAt: Date,
  ): Promise<{
    ticket: Partial<Extract<UploadTicket, { kind: 'upload' }>>;
    uploadId: string | null;
    rowExpiresAt?: string;
  }> {
    if (!(provider instanceof S3Storage)) return { ticket: {}, uploadId: null };
    const ticket: Partial<Extract<UploadTicket, { kind: 'upload' }>> = {};
    const s3 = needsDerivatives(provider);
    if (s3) ticket.derivatives = await derivativeGrants(s3, key, expiresAt);
    if (file.size < MULTIPART_THRESHOLD_BYTES) return { ticket, uploadId: null };
    let uploadId: string;
    try {
      uploadId = await provider.parts.create(key, file.mime);
    } catch (error) {
      throw storageAppError(error);
    }
    ticket.multipart = { protocol: 's3', uploadId, partBytes: partBytesFor(file.size) };
    const rowExpiresAt = new Date(this.deps.clock.now().getTime() + MULTIPART_UPLOAD_MS).toISOString();
    return { ticket, uploadId, rowExpiresAt };
  }
}
