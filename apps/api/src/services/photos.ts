/**
 * Timeline, viewer, trash and purge. Purge deletes from storage first and the row only after; a storage
 * failure leaves the photo "purge pending" for the sweep, which several instances may run at once.
 */
import {
  type Count,
  type GetPhotoInput,
  type IdBatch,
  type ListPhotosInput,
  type PhotoBucket,
  type PhotoBuckets,
  type PhotoBucketsInput,
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
import { type DayCount, PhotoDaysRepository } from '../repositories/photo-days.js';
import { PhotoPurgesRepository } from '../repositories/photo-purges.js';
import type { Keyset, PhotoScope } from '../repositories/photo-scope.js';
import { PhotosRepository, type SortWindow } from '../repositories/photos.js';
import { UsersRepository } from '../repositories/users.js';
import { StorageError } from '../storage/provider.js';
import type { AppDeps } from '../trpc/context.js';
import { storedKeysOf } from './derivatives.js';
import { DownloadsService } from './downloads.js';
import { type HomeMember, requireRole, roleCan } from './home-access.js';
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

/**
 * since/until as sort_at is stored (UTC, from toISOString), so they compare with it as text whatever
 * offset the client wrote them in. A window that ends before it starts is BAD_INPUT.
 */
function sortWindow(input: { since?: string | undefined; until?: string | undefined }): SortWindow {
  const since = input.since ? new Date(input.since).toISOString() : undefined;
  const until = input.until ? new Date(input.until).toISOString() : undefined;
  if (since && until && since > until) {
    throw new AppError('BAD_INPUT', 'since must not be after until', { field: 'since' });
  }
  return { since, until };
}

/** Day counts, newest first, as months newest first, each with its [day of month, count] pairs. */
function byMonth(days: readonly DayCount[]): PhotoBuckets {
  const months: PhotoBucket[] = [];
  let total = 0;
  for (const { day, count } of days) {
    const month = day.slice(0, 7);
    let bucket = months.at(-1);
    if (bucket?.month !== month) {
      bucket = { month, count: 0, days: [] };
      months.push(bucket);
    }
    bucket.count += count;
    bucket.days.push([Number(day.slice(8, 10)), count]);
    total += count;
  }
  return { months, total };
}

/** Every id must be in the home, or nothing changes: another home's id answers NOT_FOUND. */
export async function requirePhotosInHome(
  photos: PhotosRepository,
  homeId: string,
  ids: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await photos.idsInHome(homeId, unique);
  if (found.length !== unique.length) throw new AppError('NOT_FOUND', 'No such photo');
  return unique;
}

/** A photo of the home's timeline, to like or comment on: a trashed or another home's one answers NOT_FOUND. */
export async function requirePhotoOnTimeline(photos: PhotosRepository, homeId: string, id: string): Promise<Photo> {
  const photo = await photos.liveById(homeId, id);
  if (!photo) throw new AppError('NOT_FOUND', 'No such photo');
  return photo;
}

/**
 * Photos the member may trash, restore or purge: the owner any in the home, a member only what they
 * uploaded (FORBIDDEN for someone else's photo in the same home; NOT_FOUND for another home's).
 */
async function requireChangeablePhotos(
  photos: PhotosRepository,
  member: HomeMember,
  ids: readonly string[],
): Promise<string[]> {
  const unique = await requirePhotosInHome(photos, member.homeId, ids);
  if (roleCan(member, 'moderate')) return unique;
  requireRole(member, 'contribute');
  const own = await photos.idsInHome(member.homeId, unique, member.userId);
  if (own.length !== unique.length) {
    throw new AppError('FORBIDDEN', 'Only the owner of the home can remove photos someone else uploaded', {
      role: member.role,
      needs: 'owner',
    });
  }
  return unique;
}

export class PhotosService {
  private readonly photos: PhotosRepository;
  private readonly purges: PhotoPurgesRepository;

  constructor(private readonly deps: AppDeps) {
    this.photos = new PhotosRepository(deps.db);
    this.purges = new PhotoPurgesRepository(deps.db);
  }

  /**
   * Which photos a list shows. The trash shows what the caller may restore: everything to the owner, their
   * own uploads to a member; a viewer has no trash.
   */
  private async scope(
    member: HomeMember,
    { albumId, trashed, onlyMine = false }: { albumId?: string | undefined; trashed: boolean; onlyMine?: boolean },
  ): Promise<PhotoScope> {
    if (trashed) requireRole(member, 'contribute');
    if (albumId && !(await new AlbumsRepository(this.deps.db).exists(member.homeId, albumId))) {
      throw new AppError('NOT_FOUND', 'No such album');
    }
    const ownTrash = trashed && !roleCan(member, 'moderate');
    return { homeId: member.homeId, trashed, albumId, uploaderId: onlyMine || ownTrash ? member.userId : undefined };
  }

  async list(member: HomeMember, rawInput: ListPhotosInput, origin: string): Promise<PhotoPage> {
    const input = zListPhotosInput.parse(rawInput);
    const window = sortWindow(input);
    const scope = await this.scope(member, input);
    const after = input.cursor ? decodeCursor(input.cursor) : undefined;
    const rows = await this.photos.page(scope, input.limit + 1, after, window);
    const items = rows.slice(0, input.limit);
    const last = items.at(-1);
    const views = await PhotoViews.for(this.deps, member.homeId, origin, items);
    return {
      items: items.map((p) => views.dto(p)),
      nextCursor: rows.length > input.limit && last ? encodeCursor({ sortAt: last.sort_at, id: last.id }) : null,
      urlsExpireAt: views.expiresAt.toISOString(),
    };
  }

  /**
   * The date scrubber's map: the timeline's photos (or an album's, or only the caller's) counted per local
   * day at the device's UTC offset, in one query.
   */
  async buckets(member: HomeMember, input: PhotoBucketsInput): Promise<PhotoBuckets> {
    const scope = await this.scope(member, { albumId: input.albumId, trashed: false, onlyMine: input.onlyMine });
    return byMonth(await new PhotoDaysRepository(this.deps.db).countsByDay(scope, input.utcOffsetMinutes));
  }

  async get(member: HomeMember, rawInput: GetPhotoInput, origin: string): Promise<PhotoDetail> {
    const input = zGetPhotoInput.parse(rawInput);
    const photo = await this.photos.byId(member.homeId, input.id);
    if (!photo) throw new AppError('NOT_FOUND', 'No such photo');
    const trashed = photo.deleted_at !== null;
    const scope = await this.scope(member, { albumId: trashed ? undefined : input.albumId, trashed });
    if (trashed && scope.uploaderId && photo.uploader_id !== scope.uploaderId) {
      throw new AppError('NOT_FOUND', 'No such photo');
    }
    const [neighbours, albumIds, views, uploader] = await Promise.all([
      this.photos.neighbours(scope, { sortAt: photo.sort_at, id: photo.id }),
      new AlbumsRepository(this.deps.db).albumIdsOfPhoto(member.homeId, photo.id),
      PhotoViews.for(this.deps, member.homeId, origin, [photo]),
      new UsersRepository(this.deps.db).findById(photo.uploader_id),
    ]);
    return {
      photo: views.dto(photo),
      uploaderName: uploader?.display_name ?? '',
      previewUrl: views.url(photo, 'preview'),
      originalUrl: views.url(photo),
      downloadPath: new DownloadsService(this.deps).pathFor(member.userId, photo.id),
      prevId: neighbours.prevId,
      nextId: neighbours.nextId,
      albumIds,
      urlsExpireAt: views.expiresAt.toISOString(),
    };
  }

  async trash(member: HomeMember, input: IdBatch): Promise<Count> {
    const ids = await requireChangeablePhotos(this.photos, member, input.ids);
    return { count: await this.photos.trash(member.homeId, ids, this.deps.clock.now().toISOString()) };
  }

  async restore(member: HomeMember, input: IdBatch): Promise<Count> {
    const ids = await requireChangeablePhotos(this.photos, member, input.ids);
    return { count: await this.photos.restore(member.homeId, ids) };
  }

  /**
   * Delete forever (trashed photos only). Returns how many are gone; the rest stay pending and the
   * sweep retries them, so the user never sees them again either way.
   */
  async purge(member: HomeMember, input: IdBatch, origin: string): Promise<Count & { pending: number }> {
    const ids = await requireChangeablePhotos(this.photos, member, input.ids);
    const now = this.deps.clock.now().toISOString();
    const pending = await this.purges.requestPurge(member.homeId, ids, now);
    let purged = 0;
    for (const photo of pending) {
      if (await this.purgeOne(photo, photo.purge_requested_at ?? now, origin)) purged++;
    }
    return { count: purged, pending: pending.length - purged };
  }

  /** One purge attempt, claimed so that no other instance works on the same photo at the same time. */
  private async purgeOne(photo: Photo, seenAt: string, origin: string): Promise<boolean> {
    const now = this.deps.clock.now().toISOString();
    if (!(await this.purges.claimPurge(photo.id, seenAt, now))) return false;
    const binding = photo.binding_id
      ? await new BindingsRepository(this.deps.db).byId(photo.home_id, photo.binding_id)
      : null;
    try {
      const provider = this.deps.storage.forBinding(binding, origin);
      // Client-made thumbnails first, the original last: a failure half-way is retried whole.
      for (const key of storedKeysOf(photo)) await provider.delete(key);
    } catch (error) {
      const message = error instanceof StorageError ? error.message : 'storage delete failed';
      await this.purges.recordPurgeFailure(photo.id, message);
      this.deps.logger.warn({ photoId: photo.id, reason: message }, 'purge failed; will retry');
      return false;
    }
    await this.purges.deleteRow(photo, now);
    return true;
  }

  /**
   * The background sweep: trash older than the retention becomes pending, then pending purges whose last
   * attempt is old enough are retried. Safe to run on several instances at once.
   */
  async sweep(origin: string, batch = 100): Promise<{ expired: number; purged: number; failed: number }> {
    const now = this.deps.clock.now();
    const dueAt = new Date(now.getTime() - PURGE_RETRY_MS).toISOString();
    // Expired trash is marked as if its last attempt were one retry interval ago, so it is due at once.
    const expired = await this.purges.requestExpiredPurges(
      new Date(now.getTime() - TRASH_RETENTION_DAYS * DAY_MS).toISOString(),
      dueAt,
    );
    // A deleted home queues its photos when it is deleted; this catches any a crash in between left behind.
    await this.purges.requestPurgeOfDeletedHomes(dueAt);
    const due = await this.purges.pendingPurges(new Date(now.getTime() - PURGE_RETRY_MS).toISOString(), batch);
    let purged = 0;
    for (const photo of due) {
      if (await this.purgeOne(photo, photo.purge_requested_at ?? '', origin)) purged++;
    }
    return { expired, purged, failed: due.length - purged };
  }
}
