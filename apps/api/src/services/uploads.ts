/**
 * Direct uploads (design.md "The storage contract" 1–3): the server picks the key under the user's
 * prefix and grants a token for exactly that key; confirm asks the storage itself before recording.
 */
import {
  ACCEPTED_MIME,
  type ConfirmUploadInput,
  type ConfirmUploadResult,
  type CreateUploadsInput,
  isVideoMime,
  MULTIPART_THRESHOLD_BYTES,
  type UploadRequest,
  type UploadTicket,
} from '@xiaojia/shared';
import type { Photo } from '../db/schema.js';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { PhotosRepository } from '../repositories/photos.js';
import { UploadsRepository } from '../repositories/uploads.js';
import type { ObjectStat, StorageProvider } from '../storage/provider.js';
import { S3Storage } from '../storage/s3/storage.js';
import type { AppDeps } from '../trpc/context.js';
import { ActivityService } from './activity.js';
import { derivativeGrants, needsDerivatives, storedKeysOf, verifyDerivatives } from './derivatives.js';
import { type HomeMember, roleCan } from './home-access.js';
import { kodoMultipartExpiry, kodoMultipartPlan, usesKodoMultipart } from './kodo-multipart.js';
import { NotificationsService } from './notifications.js';
import { PhotoViews } from './photo-views.js';
import { StorageService, storageAppError } from './storage.js';
import { sniffStored, uploadStorage } from './stored-uploads.js';
import { MULTIPART_UPLOAD_MS, partBytesFor } from './upload-parts.js';
import { probeStoredVideo } from './video-probe.js';

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

/** Who asks about photos by hash: they may be answered only photos they can see (the trash's rule). */
const hashViewer = (member: HomeMember) => ({ userId: member.userId, seesAllTrash: roleCan(member, 'moderate') });

/**
 * The device's qetag as the photo records it: on a Kodo-protocol store (a Qiniu bucket, the embedded store)
 * the stored hash is the qetag, so a claim that differs is false and dropped; S3 cannot check it (its ETag is
 * an MD5), so it is kept as the uploader's claim, which only ever counts for their own uploads.
 */
export function checkedQetag(provider: StorageProvider, claimed: string | null, storedEtag: string): string | null {
  if (claimed === null) return null;
  return provider.kind === 's3' || claimed === storedEtag ? claimed : null;
}

export class UploadsService {
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

  /** Idempotent: confirming the same key again answers the same photo. */
  async confirm(member: HomeMember, input: ConfirmUploadInput, origin: string): Promise<ConfirmUploadResult> {
    const upload = await this.uploads.byKey(member.homeId, member.userId, input.key);
    if (!upload) throw new AppError('NOT_FOUND', 'No such upload');
    const recorded = await this.photos.byKey(member.homeId, input.key);
    if (recorded) return this.result(member, recorded, false, input, origin);
    if (upload.photo_id) {
      // Confirmed before as a duplicate of another photo.
      const original = await this.photos.byId(member.homeId, upload.photo_id);
      if (original) return this.result(member, original, true, input, origin);
    }

    const provider = await uploadStorage(this.deps, upload, origin);
    const stat = await this.statOrThrow(provider, input.key);
    // S3 keeps the type the uploader sent: the bytes say what it is.
    const mime = (await sniffStored(this.deps, provider, input.key)) ?? stat.mime;

    // Only the storage's own etag finds a duplicate here: the bytes are in, and a device's claim could
    // otherwise drop them for another photo (S3 cannot check a qetag).
    const duplicate = (
      await this.photos.byEtags(member.homeId, [stat.etag], hashViewer(member), { claims: false })
    ).get(stat.etag);
    const qetag = checkedQetag(provider, upload.qetag, stat.etag);
    if (upload.qetag && qetag === null) {
      this.deps.logger.warn({ homeId: member.homeId }, 'a device sent a qetag its stored file does not have');
    }
    if (duplicate) {
      // Same content already in the library: keep one copy (with whatever the client stored beside it).
      for (const key of storedKeysOf({ object_key: input.key, derivatives: (input.derivatives ?? []).join(',') })) {
        await provider.delete(key).catch((error: unknown) => {
          this.deps.logger.warn({ err: error, homeId: member.homeId }, 'could not delete a duplicate upload');
        });
      }
      await this.uploads.markConfirmed(member.homeId, input.key, duplicate.id);
      return this.result(member, duplicate, true, input, origin);
    }
    const derivatives = await verifyDerivatives(this.deps, provider, input.key, input.derivatives);

    const video = isVideoMime(mime);
    const facts = video ? await probeStoredVideo(this.deps, provider, input.key, member.homeId) : null;
    const now = this.deps.clock.now().toISOString();
    const takenAt = input.takenAt ? new Date(input.takenAt).toISOString() : null;
    const photo: Photo = {
      id: newId(),
      home_id: member.homeId,
      uploader_id: member.userId,
      binding_id: upload.binding_id,
      object_key: input.key,
      filename: upload.filename,
      etag: stat.etag,
      size: stat.size,
      mime,
      width: facts?.width ?? input.width ?? null,
      height: facts?.height ?? input.height ?? null,
      taken_at: takenAt,
      created_at: now,
      sort_at: takenAt ?? now,
      deleted_at: null,
      purge_requested_at: null,
      purge_attempts: 0,
      purge_error: null,
      thumbhash: input.thumbhash ?? null,
      // The stored object's own facts when the storage can probe it, else the device's word.
      duration_ms: video ? (facts?.durationMs ?? input.durationMs ?? null) : null,
      video_codec: facts?.codec ?? null,
      qetag,
      derivatives,
    };
    try {
      await this.photos.insert(photo);
    } catch (error) {
      // A concurrent confirm of the same key won the unique (home, key) race: answer its photo.
      const winner = await this.photos.byKey(member.homeId, input.key);
      if (winner) return this.result(member, winner, false, input, origin);
      throw error;
    }
    await this.uploads.markConfirmed(member.homeId, input.key, photo.id);
    await this.recordNewPhoto(member, photo);
    return this.result(member, photo, false, input, origin);
  }

  /**
   * A new photo is in the library: it joins the member's upload entry in the feed, and the others may get a
   * WeChat message (sent after the answer). The photo is stored whatever happens here, so a failure is
   * logged, never the upload's.
   */
  private async recordNewPhoto(member: HomeMember, photo: Photo): Promise<void> {
    try {
      await new ActivityService(this.deps).record(member, { kind: 'upload', photoIds: [photo.id] });
      new NotificationsService(this.deps).newPhotos(member);
    } catch (error) {
      this.deps.logger.error({ err: error, homeId: member.homeId, photoId: photo.id }, 'could not record an upload');
    }
  }

  private async statOrThrow(provider: StorageProvider, key: string): Promise<ObjectStat> {
    let stat: ObjectStat | null;
    try {
      stat = await provider.stat(key);
    } catch (error) {
      throw storageAppError(error);
    }
    if (!stat) throw new AppError('UPLOAD_NOT_IN_STORAGE', 'The file has not arrived in storage (upload it first)');
    if (!(ACCEPTED_MIME as readonly string[]).includes(stat.mime)) {
      throw new AppError('UPLOAD_UNSUPPORTED_TYPE', `Stored object has unsupported type ${stat.mime}`);
    }
    return stat;
  }

  /**
   * The photo this confirm stands for. One recorded without a thumbhash (an upload from before thumbhashes,
   * now sent again and found a duplicate) takes the one this device made; one that has a thumbhash keeps it.
   */
  private async result(
    member: HomeMember,
    found: Photo,
    duplicate: boolean,
    input: ConfirmUploadInput,
    origin: string,
  ): Promise<ConfirmUploadResult> {
    let photo = found;
    if (input.thumbhash && photo.thumbhash === null) {
      const adopted = await this.photos.adoptThumbhash(member.homeId, photo.id, input.thumbhash);
      // Lost a race to another confirm that gave it one: answer what the row holds.
      photo = adopted
        ? { ...photo, thumbhash: input.thumbhash }
        : ((await this.photos.byId(member.homeId, photo.id)) ?? photo);
    }
    const views = await PhotoViews.for(this.deps, member.homeId, origin, [photo]);
    return { photo: views.dto(photo), duplicate };
  }
}
