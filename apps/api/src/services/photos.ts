/**
 * Timeline, viewer, trash and purge. Purge deletes from storage first and the row only after; a storage
 * failure leaves the photo "purge pending" for the sweep, which several instances may run at once.
 */
import {
  type Count,
  type GetPhotoInput,
  type IdBatch,
  type ListPhotosInput,
  type PhotoDetail,
  type PhotoPage,
  TRASH_RETENTION_DAYS,
  zGetPhotoInput,
  zListPhotosInput,
} from '@xiaojia/shared';
import type { Photo } from '../db/schema.js';
import { AppError } from '../errors.js';
import { AlbumsRepository } from '../repositories/albums.js';
import { BindingsRepository } from '../repositories/bindings.js';
import { type Keyset, type PhotoScope, PhotosRepository } from '../repositories/photos.js';
import { StorageError } from '../storage/provider.js';
import type { AppDeps } from '../trpc/context.js';
import type { AuthedUser } from './auth.js';
import { DownloadsService } from './downloads.js';
import { PhotoViews } from './photo-views.js';

const DAY_MS = 24 * 3600 * 1000;
/** A failed purge is retried after this long. */
export const PURGE_RETRY_MS = 10 * 60 * 1000;

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify([k.sortAt, k.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Keyset {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { sortAt: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError('BAD_INPUT', 'Invalid cursor', { field: 'cursor' });
}

/** Every id must be the owner's, or nothing changes: another user's id answers NOT_FOUND. */
export async function requireOwnedPhotos(
  photos: PhotosRepository,
  ownerId: string,
  ids: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(ids)];
  const owned = await photos.ownedIds(ownerId, unique);
  if (owned.length !== unique.length) throw new AppError('NOT_FOUND', 'No such photo');
  return unique;
}

export class PhotosService {
  private readonly photos: PhotosRepository;

  constructor(private readonly deps: AppDeps) {
    this.photos = new PhotosRepository(deps.db);
  }

  private async scope(user: AuthedUser, albumId: string | undefined, trashed: boolean): Promise<PhotoScope> {
    if (albumId && !(await new AlbumsRepository(this.deps.db).exists(user.id, albumId))) {
      throw new AppError('NOT_FOUND', 'No such album');
    }
    return { ownerId: user.id, trashed, albumId };
  }

  async list(user: AuthedUser, rawInput: ListPhotosInput, origin: string): Promise<PhotoPage> {
    const input = zListPhotosInput.parse(rawInput);
    const scope = await this.scope(user, input.albumId, input.trashed);
    const after = input.cursor ? decodeCursor(input.cursor) : undefined;
    const rows = await this.photos.page(scope, input.limit + 1, after);
    const items = rows.slice(0, input.limit);
    const last = items.at(-1);
    const views = await PhotoViews.for(this.deps, user.id, origin, items);
    return {
      items: items.map((p) => views.dto(p)),
      nextCursor: rows.length > input.limit && last ? encodeCursor({ sortAt: last.sort_at, id: last.id }) : null,
    };
  }

  async get(user: AuthedUser, rawInput: GetPhotoInput, origin: string): Promise<PhotoDetail> {
    const input = zGetPhotoInput.parse(rawInput);
    const photo = await this.photos.byId(user.id, input.id);
    if (!photo) throw new AppError('NOT_FOUND', 'No such photo');
    const trashed = photo.deleted_at !== null;
    const scope = await this.scope(user, trashed ? undefined : input.albumId, trashed);
    const [neighbours, albumIds, views] = await Promise.all([
      this.photos.neighbours(scope, { sortAt: photo.sort_at, id: photo.id }),
      new AlbumsRepository(this.deps.db).albumIdsOfPhoto(user.id, photo.id),
      PhotoViews.for(this.deps, user.id, origin, [photo]),
    ]);
    return {
      photo: views.dto(photo),
      previewUrl: views.url(photo, 'preview'),
      originalUrl: views.url(photo),
      downloadPath: new DownloadsService(this.deps).pathFor(user.id, photo.id),
      prevId: neighbours.prevId,
      nextId: neighbours.nextId,
      albumIds,
      urlsExpireAt: views.expiresAt.toISOString(),
    };
  }

  private requireOwned(user: AuthedUser, ids: readonly string[]): Promise<string[]> {
    return requireOwnedPhotos(this.photos, user.id, ids);
  }

  async trash(user: AuthedUser, input: IdBatch): Promise<Count> {
    const ids = await this.requireOwned(user, input.ids);
    return { count: await this.photos.trash(user.id, ids, this.deps.clock.now().toISOString()) };
  }

  async restore(user: AuthedUser, input: IdBatch): Promise<Count> {
    const ids = await this.requireOwned(user, input.ids);
    return { count: await this.photos.restore(user.id, ids) };
  }

  /**
   * Delete forever (trashed photos only). Returns how many are gone; the rest stay pending and the
   * sweep retries them, so the user never sees them again either way.
   */
  async purge(user: AuthedUser, input: IdBatch, origin: string): Promise<Count & { pending: number }> {
    const ids = await this.requireOwned(user, input.ids);
    const now = this.deps.clock.now().toISOString();
    const pending = await this.photos.requestPurge(user.id, ids, now);
    let purged = 0;
    for (const photo of pending) {
      if (await this.purgeOne(photo, photo.purge_requested_at ?? now, origin)) purged++;
    }
    return { count: purged, pending: pending.length - purged };
  }

  /** One purge attempt, claimed so that no other instance works on the same photo at the same time. */
  private async purgeOne(photo: Photo, seenAt: string, origin: string): Promise<boolean> {
    const now = this.deps.clock.now().toISOString();
    if (!(await this.photos.claimPurge(photo.id, seenAt, now))) return false;
    const binding = photo.binding_id
      ? await new BindingsRepository(this.deps.db).byId(photo.owner_id, photo.binding_id)
      : null;
    try {
      await this.deps.storage.forBinding(binding, origin).delete(photo.object_key);
    } catch (error) {
      const message = error instanceof StorageError ? error.message : 'storage delete failed';
      await this.photos.recordPurgeFailure(photo.id, message);
      this.deps.logger.warn({ photoId: photo.id, reason: message }, 'purge failed; will retry');
      return false;
    }
    await this.photos.deleteRow(photo.id);
    return true;
  }

  /**
   * The background sweep: trash older than the retention becomes pending, then pending purges whose last
   * attempt is old enough are retried. Safe to run on several instances at once.
   */
  async sweep(origin: string, batch = 100): Promise<{ expired: number; purged: number; failed: number }> {
    const now = this.deps.clock.now();
    // Expired trash is marked as if its last attempt were one retry interval ago, so it is due at once.
    const expired = await this.photos.requestExpiredPurges(
      new Date(now.getTime() - TRASH_RETENTION_DAYS * DAY_MS).toISOString(),
      new Date(now.getTime() - PURGE_RETRY_MS).toISOString(),
    );
    const due = await this.photos.pendingPurges(new Date(now.getTime() - PURGE_RETRY_MS).toISOString(), batch);
    let purged = 0;
    for (const photo of due) {
      if (await this.purgeOne(photo, photo.purge_requested_at ?? '', origin)) purged++;
    }
    return { expired, purged, failed: due.length - purged };
  }
}
