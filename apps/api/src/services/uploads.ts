/**
 * Confirming a direct upload (design.md "The storage contract" 3): the storage itself is asked what
 * arrived under the ticket's key before the photo is recorded (a duplicate of one the home has keeps one
 * copy). Tickets are upload-tickets.ts.
 */
import { ACCEPTED_MIME, type ConfirmUploadInput, type ConfirmUploadResult, isVideoMime } from '@xiaojia/shared';
import type { Photo } from '../db/schema.js';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { PhotosRepository } from '../repositories/photos.js';
import { UploadsRepository } from '../repositories/uploads.js';
import type { ObjectStat, StorageProvider } from '../storage/provider.js';
import type { AppDeps } from '../trpc/context.js';
import { ActivityService } from './activity.js';
import { storedKeysOf, verifyDerivatives } from './derivatives.js';
import type { HomeMember } from './home-access.js';
import { NotificationsService } from './notifications.js';
import { PhotoViews } from './photo-views.js';
import { storageAppError } from './storage.js';
import { hashViewer, sniffStored, uploadStorage } from './stored-uploads.js';
import { probeStoredVideo } from './video-probe.js';

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
