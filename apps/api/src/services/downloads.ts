/**
 * Download links: photos.get signs a short-lived path on the API's own origin, and the download route
 * opens it here. Whether the photo can be read at all (its bucket still bound) is PhotoViews' rule, the
 * same one that decides whether the timeline shows a URL. The link names its user; the photo must be in a
 * home they are in when the link is opened, so removing a member ends their links at once.
 */
import type { Photo } from '../db/schema.js';
import { PhotosRepository } from '../repositories/photos.js';
import { type ByteRange, parseRange } from '../storage/byte-range.js';
import { type ObjectDownload, StorageError } from '../storage/provider.js';
import type { AppDeps } from '../trpc/context.js';
import { PhotoViews } from './photo-views.js';
import { type LinkQuery, SignedLinks } from './signed-links.js';

/** How long a download link made by photos.get stays valid. */
export const DOWNLOAD_LINK_MS = 10 * 60 * 1000;
/** The storage URL the bytes are fetched through lives this long. */
const STORAGE_URL_SECONDS = 300;

/** The message a download link signs: who may fetch which photo until when. */
const linkMessage = (userId: string, photoId: string, expires: number) => `download:${userId}:${photoId}:${expires}`;

export interface DownloadLink extends LinkQuery {
  photoId: string;
}

/** Why a link does not give the photo; `status` is the HTTP answer. */
export class DownloadRefused extends Error {
  override name = 'DownloadRefused';
  constructor(
    readonly status: 403 | 404 | 409 | 416 | 502,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface OpenedDownload {
  photo: Photo;
  download: ObjectDownload;
  /** The byte range being sent (the storage gave just that), or null: the whole file. */
  range: ByteRange | null;
}

/** What the client asked for: a Range header, and If-Range (send the range only if the file is still this one). */
export interface RangeRequest {
  range?: string;
  ifRange?: string;
}

/** The quoted ETag the download path answers with: the content hash, so it changes only with the bytes. */
export const downloadEtag = (photo: Pick<Photo, 'etag'>) => `"${photo.etag}"`;

export class DownloadsService {
  constructor(private readonly deps: AppDeps) {}

  private links(photoId: string): SignedLinks {
    return new SignedLinks(this.deps, DOWNLOAD_LINK_MS, (userId, expires) => linkMessage(userId, photoId, expires));
  }

  /** `/api/photos/<id>/download?u=&e=&s=`, valid for DOWNLOAD_LINK_MS. */
  pathFor(userId: string, photoId: string): string {
    return `/api/photos/${photoId}/download?${this.links(photoId).sign(userId).query}`;
  }

  /** Checks the link, then starts streaming the photo from the storage holding it. */
  async open(link: DownloadLink, storageOrigin: string, asked: RangeRequest = {}): Promise<OpenedDownload> {
    const checked = this.links(link.photoId).check(link);
    if (!checked.ok) {
      throw new DownloadRefused(403, checked.reason === 'expired' ? 'download link expired' : 'invalid download link');
    }
    const userId = checked.userId;
    const now = Math.floor(this.deps.clock.now().getTime() / 1000);
    const photo = await new PhotosRepository(this.deps.db).byIdForMember(userId, link.photoId);
    if (!photo) throw new DownloadRefused(404, 'no such photo');
    const size = Number(photo.size);
    // If-Range naming another version (or a date, which this path never gives out): the whole file.
    const wanted = !asked.ifRange || asked.ifRange === downloadEtag(photo) ? parseRange(asked.range, size) : null;
    if (wanted === 'unsatisfiable') {
      throw new DownloadRefused(416, 'range not satisfiable', { 'Content-Range': `bytes */${size}` });
    }
    const views = await PhotoViews.for(this.deps, photo.home_id, storageOrigin, [photo]);
    const deadline = new Date((now + STORAGE_URL_SECONDS) * 1000);
    const download = await this.fetchOriginal(views, photo, deadline, wanted ?? undefined);
    return { photo, download, range: wanted && download.partial ? wanted : null };
  }

  private async fetchOriginal(
    views: PhotoViews,
    photo: Photo,
    deadline: Date,
    range: ByteRange | undefined,
  ): Promise<ObjectDownload> {
    try {
      // Opening a bound bucket's provider unseals its secret, so it fails like storage does.
      const provider = views.provider(photo);
      if (provider) return await provider.download(photo.object_key, deadline, range);
    } catch (error) {
      if (error instanceof StorageError && error.reason === 'not_found')
        throw new DownloadRefused(404, 'not in storage');
      this.deps.logger.warn({ photoId: photo.id, reason: (error as Error).message }, 'download from storage failed');
      throw new DownloadRefused(502, 'storage unavailable');
    }
    throw new DownloadRefused(409, 'the bucket holding this photo is not bound');
  }
}
