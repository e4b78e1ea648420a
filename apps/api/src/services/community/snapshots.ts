/**
 * Community snapshots (migration 0015). A published image is never the family photo's own object: its key
 * (h/<homeId>/<month>/…) names the home and the month, and an original may carry GPS. At publish the
 * server makes a snapshot of each image from the photo's preview-sized image (the stored preview
 * derivative where the photo has one, else the provider's processed preview; a video's poster frame),
 * re-encoded with sharp: upright, no metadata at all (EXIF, GPS, XMP, ICC: colours in sRGB), at most
 * SNAPSHOT_PX on its long side, and a SNAPSHOT_THUMB_PX thumbnail beside it (buckets without image
 * processing need no fops to show it). Both are written with the provider's put in the same bucket as
 * the photo under w/<snapshotId>.jpg and w/<snapshotId>.thumb.jpg: nothing there says which home.
 *
 * Crash safety: a guard row (snapshot_deletions, due in GUARD_MS) is written before the objects, and
 * removed in the transaction that records the work; a crash in between leaves objects the sweep deletes.
 * Retired snapshots (unpublish, an admin's take-down, account deletion, a purged photo) are queued and
 * deleted at once where possible; a failed delete stays queued with a backoff and the sweep retries it,
 * so retiring never fails for the storage's sake. Works published before 0015 get their snapshots from the
 * sweep (backfill): until then their images are simply not shown, never the photo's key.
 */
import { isVideoMime } from '@xiaojia/shared';
import type { Db } from '../../db/index.js';
import type { StorageBinding } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId } from '../../integrations/ids.js';
import {
  type SnapshotSourceRow,
  SnapshotsRepository,
  snapshotThumbKey,
} from '../../repositories/community/snapshots.js';
import { loadSharp } from '../../storage/embedded/sharp.js';
import { type ObjectDownload, StorageError, type StorageProvider } from '../../storage/provider.js';
import type { AppDeps } from '../../trpc/context.js';
import { derivativeKey, derivativesOf } from '../derivatives.js';
import { PhotoViews } from '../photo-views.js';
import { storageAppError } from '../storage.js';

export const SNAPSHOT_PX = 2048;
export const SNAPSHOT_THUMB_PX = 480;
/** A preview-sized source is far below this; an original read where no preview exists may not be. */
export const SNAPSHOT_SOURCE_MAX_BYTES = 64 * 1024 * 1024;
/** How long a write's guard waits before the sweep treats its objects as a crash's leftovers. */
const GUARD_MS = 60 * 60 * 1000;
/** Reads of the source are signed for this long. */
const READ_MS = 10 * 60 * 1000;
/** A failed delete is retried after 2^attempts minutes, at most this long. */
const MAX_RETRY_MS = 6 * 60 * 60 * 1000;
const SWEEP_BATCH = 50;
const BACKFILL_BATCH = 20;

/** A snapshot written for one image: its key (its thumbnail beside it) and the bucket it is in. */
export interface MadeSnapshot {
  key: string;
  bindingId: string | null;
}

async function readBounded(download: Promise<ObjectDownload>): Promise<Buffer> {
  const { body } = await download;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > SNAPSHOT_SOURCE_MAX_BYTES) {
      body.destroy();
      throw new StorageError('refused', 'The photo’s preview is too large to publish');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The snapshot's two JPEGs from the source bytes: upright, sRGB, no metadata, bounded. */
export async function renderSnapshot(source: Buffer): Promise<{ image: Buffer; thumb: Buffer }> {
  const sharp = await loadSharp();
  // sharp writes no metadata unless asked (withMetadata / keepExif / keepIccProfile): EXIF, GPS, XMP and the
  // ICC profile are all dropped, and the pixels converted to sRGB.
  const image = await sharp(source, { failOn: 'error' })
    .rotate()
    .resize(SNAPSHOT_PX, SNAPSHOT_PX, { fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .jpeg({ quality: 85, mozjpeg: true })
    .toBuffer();
  const thumb = await sharp(image)
    .resize(SNAPSHOT_THUMB_PX, SNAPSHOT_THUMB_PX, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75, mozjpeg: true })
    .toBuffer();
  return { image, thumb };
}

export class WorkSnapshots {
  private readonly repo: SnapshotsRepository;

  constructor(private readonly deps: AppDeps) {
    this.repo = new SnapshotsRepository(deps.db);
  }

  /**
   * Make and write one snapshot per photo (in order), each guarded. Any failure deletes what was written
   * and throws an AppError saying what the storage said; nothing is recorded on a work.
   */
  async make(photos: readonly SnapshotSourceRow[], origin: string): Promise<MadeSnapshot[]> {
    const bindingIds = [...new Set(photos.map((p) => p.binding_id).filter((id): id is string => id !== null))];
    const views = PhotoViews.withBindings(this.deps, origin, await this.repo.bindings(bindingIds));
    const made: MadeSnapshot[] = [];
    try {
      for (const photo of photos) made.push(await this.makeOne(photo, views));
    } catch (error) {
      await this.abandon(made, origin);
      if (error instanceof AppError) throw error;
      const cause = storageAppError(error);
      throw new AppError(cause.code, `The photo could not be copied for the community: ${cause.message}`);
    }
    return made;
  }

  private async makeOne(photo: SnapshotSourceRow, views: PhotoViews): Promise<MadeSnapshot> {
    const provider = views.provider(photo);
    if (!provider) {
      throw new AppError('STORAGE_UNBOUND_PHOTO', 'This photo’s bucket is no longer bound: it cannot be published');
    }
    const readUntil = new Date(this.deps.clock.now().getTime() + READ_MS);
    const source = derivativesOf(photo).includes('preview')
      ? provider.download(derivativeKey(photo.object_key, 'preview'), readUntil)
      : provider.downloadVariant(photo.object_key, readUntil, 'preview', isVideoMime(photo.mime) ? 'video' : 'image');
    let rendered: { image: Buffer; thumb: Buffer };
    try {
      rendered = await renderSnapshot(await readBounded(source));
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new AppError('UPLOAD_UNSUPPORTED_TYPE', 'This photo’s image could not be read to publish it');
    }
    const snapshot = { key: `w/${newId()}.jpg`, bindingId: photo.binding_id };
    const now = this.deps.clock.now();
    await this.repo.queue(
      this.deps.db,
      [snapshot],
      new Date(now.getTime() + GUARD_MS).toISOString(),
      now.toISOString(),
      newId,
    );
    try {
      await provider.put(snapshot.key, rendered.image, 'image/jpeg');
      await provider.put(snapshotThumbKey(snapshot.key), rendered.thumb, 'image/jpeg');
    } catch (error) {
      await this.abandon([snapshot], '');
      throw error;
    }
    return snapshot;
  }

  /** The snapshots are recorded on their work (in `db`, the recording transaction): their guards go. */
  keep(db: Db, made: readonly MadeSnapshot[]): Promise<void> {
    return this.repo.unqueue(
      db,
      made.map((m) => m.key),
    );
  }

  /** Snapshots written for a work that was not recorded: deleted now, or by the sweep. */
  async abandon(made: readonly MadeSnapshot[], origin: string): Promise<void> {
    const keys = made.map((m) => m.key);
    await this.repo.dueNow(keys, this.deps.clock.now().toISOString());
    await this.deleteQueued(origin, [...keys, ...keys.map(snapshotThumbKey)]);
  }

  /** Retire these works' snapshots in `db` (the caller's transaction); returns the objects to delete after. */
  retireWorks(db: Db, workIds: readonly string[]): Promise<string[]> {
    return this.repo.retire(db, { workIds }, this.deps.clock.now().toISOString(), newId);
  }

  /** Retire every snapshot of one author's works (their account is deleted), in `db`. */
  retireAuthor(db: Db, authorId: string): Promise<string[]> {
    return this.repo.retire(db, { authorId }, this.deps.clock.now().toISOString(), newId);
  }

  /** Retire the snapshots of images showing these photos (a purge), in `db`. */
  retirePhotos(db: Db, photoIds: readonly string[]): Promise<string[]> {
    return this.repo.retire(db, { photoIds }, this.deps.clock.now().toISOString(), newId);
  }

  /**
   * Delete queued objects that are due (only `objects` when given): best effort, never throws for the
   * storage. A failure is recorded with a backoff for the sweep; a binding that no longer exists (its
   * home is gone for good) leaves nothing to delete from, so its rows go. Returns how many were deleted.
   */
  async deleteQueued(origin: string, objects?: readonly string[]): Promise<number> {
    const now = this.deps.clock.now();
    const rows = await this.repo.due(now.toISOString(), SWEEP_BATCH, objects);
    const bindings = new Map<string, StorageBinding | undefined>();
    let deleted = 0;
    for (const row of rows) {
      try {
        let binding: StorageBinding | undefined;
        if (row.binding_id) {
          if (!bindings.has(row.binding_id)) bindings.set(row.binding_id, await this.repo.binding(row.binding_id));
          binding = bindings.get(row.binding_id);
          if (!binding) {
            this.deps.logger.warn({ key: row.object_key }, 'snapshot bucket is gone; nothing to delete');
            await this.repo.done(row.id);
            continue;
          }
        }
        const provider: StorageProvider = this.deps.storage.forBinding(binding ?? null, origin || this.selfOrigin());
        await provider.delete(row.object_key);
        await this.repo.done(row.id);
        deleted += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const retryMs = Math.min(MAX_RETRY_MS, 2 ** row.attempts * 60_000);
        await this.repo.failed(row.id, message, new Date(now.getTime() + retryMs).toISOString());
        this.deps.logger.warn({ key: row.object_key, reason: message }, 'snapshot delete failed; will retry');
      }
    }
    return deleted;
  }

  /**
   * Snapshots for images of showing works that have none (works published before 0015, or approved again
   * after a take-down), a bounded batch per sweep. A failure is logged and tried again next sweep.
   */
  async backfill(origin: string): Promise<number> {
    let made = 0;
    for (const row of await this.repo.missing(BACKFILL_BATCH)) {
      try {
        const [snapshot] = await this.make([row], origin);
        if (!snapshot) continue;
        const attached = await this.deps.db.transaction().execute(async (trx) => {
          const ok = await new SnapshotsRepository(trx).attach(row.image_id, snapshot.key, snapshot.bindingId);
          if (ok) await this.keep(trx, [snapshot]);
          return ok;
        });
        if (attached) made += 1;
        else await this.abandon([snapshot], origin);
      } catch (error) {
        this.deps.logger.warn({ err: error, image: row.image_id }, 'snapshot backfill failed; will retry');
      }
    }
    return made;
  }

  /** One sweep pass: due deletions, then missing snapshots. */
  async sweep(origin: string): Promise<{ snapshotsDeleted: number; snapshotsMade: number }> {
    const snapshotsDeleted = await this.deleteQueued(origin);
    const snapshotsMade = await this.backfill(origin);
    return { snapshotsDeleted, snapshotsMade };
  }

  /** The embedded store's deletes go to loopback whatever origin its target is made for. */
  private selfOrigin(): string {
    return this.deps.config.publicUrl || 'http://127.0.0.1';
  }
}
