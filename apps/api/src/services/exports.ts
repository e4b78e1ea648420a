/**
 * A home's export: every live original (trash excluded) and a metadata.json (photos, albums, the children's
 * profiles, milestones and growth records), as one tar streamed from storage to the client. Anyone in the home may export it (EXPORT_CAPABILITY: a viewer can already save
 * each photo one by one). The archive's exact size is known before the first byte (tar entries are sized
 * by their contents, and metadata.json is built first), so the response carries a Content-Length and
 * browsers and Taro.downloadFile show progress. Photos are read one at a time, each at the pace the
 * client takes it; the only thing held whole in memory is the list of photos and metadata.json.
 */

import type { Writable } from 'node:stream';
import { EXPORT_LINK_SECONDS, type ExportLink, type ExportMetadata } from '@xiaojia/shared';
import { TAR_END_BYTES, TarWriter, tarEntryBytes } from '../cli/tar.js';
import { AppError } from '../errors.js';
import { ChildrenRepository } from '../repositories/children.js';
import { type ExportPhotoRow, ExportsRepository } from '../repositories/exports.js';
import { HomesRepository } from '../repositories/homes.js';
import type { StorageProvider } from '../storage/provider.js';
import type { AppDeps } from '../trpc/context.js';
import { ExportNames, safeFileName } from './export-names.js';
import { type Capability, HomeAccess, type HomeMember } from './home-access.js';
import { PhotoViews } from './photo-views.js';
import { type LinkQuery, SignedLinks } from './signed-links.js';

/** Who may export a home: everyone in it. */
export const EXPORT_CAPABILITY: Capability = 'view';
/** Photos read from the database at a time while planning. */
const PAGE_SIZE = 1000;
/** Each photo's storage URL is signed when its turn comes, for this long. */
const STORAGE_URL_MS = 5 * 60 * 1000;

/** Why an export link does not start; `status` is the HTTP answer. */
export class ExportRefused extends Error {
  override name = 'ExportRefused';
  constructor(
    readonly status: 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

interface ExportEntry {
  path: string;
  photo: ExportPhotoRow;
  provider: StorageProvider;
}

/** Everything needed to write one archive, and its exact size in bytes. */
export interface ExportPlan {
  filename: string;
  size: number;
  metadata: Buffer;
  entries: ExportEntry[];
}

/** One export at a time per user, on this instance (each download holds a storage read open for its length). */
export class ExportSlots {
  private readonly running = new Set<string>();

  /** Takes the user's slot, or answers false when an export of theirs is still under way. */
  take(userId: string): boolean {
    if (this.running.has(userId)) return false;
    this.running.add(userId);
    return true;
  }

  release(userId: string): void {
    this.running.delete(userId);
  }
}

const linkMessage = (userId: string, homeId: string, expires: number) => `export:${userId}:${homeId}:${expires}`;

export class ExportsService {
  constructor(private readonly deps: AppDeps) {}

  private links(homeId: string): SignedLinks {
    return new SignedLinks(this.deps, EXPORT_LINK_SECONDS * 1000, (userId, expires) =>
      linkMessage(userId, homeId, expires),
    );
  }

  /** A short-lived link to download the member's home as one archive, with its size and photo count. */
  async createLink(member: HomeMember, origin: string): Promise<ExportLink> {
    const plan = await this.plan(member.homeId, origin);
    const { query, expiresAt } = this.links(member.homeId).sign(member.userId);
    return {
      path: `/api/homes/${member.homeId}/export?${query}`,
      expiresAt: expiresAt.toISOString(),
      filename: plan.filename,
      size: plan.size,
      photoCount: plan.entries.length,
    };
  }

  /** Checks the link and that its user is still in the home, then plans the archive afresh. */
  async open(homeId: string, link: LinkQuery, origin: string): Promise<{ userId: string; plan: ExportPlan }> {
    const checked = this.links(homeId).check(link);
    if (!checked.ok) {
      throw new ExportRefused(403, checked.reason === 'expired' ? 'export link expired' : 'invalid export link');
    }
    try {
      await new HomeAccess(this.deps).require({ id: checked.userId }, homeId, EXPORT_CAPABILITY);
    } catch (error) {
      if (error instanceof AppError) throw new ExportRefused(404, 'no such home');
      throw error;
    }
    return { userId: checked.userId, plan: await this.plan(homeId, origin) };
  }

  /**
   * Writes the archive to `out`, waiting whenever it is full. Throws (leaving `out` to the caller to
   * destroy) when a photo cannot be read whole, so a client never gets a silently short archive.
   */
  async write(plan: ExportPlan, out: Writable): Promise<void> {
    const tar = new TarWriter(out);
    await tar.addBuffer('metadata.json', plan.metadata, 0o644);
    for (const { path, photo, provider } of plan.entries) {
      const deadline = new Date(this.deps.clock.now().getTime() + STORAGE_URL_MS);
      const download = await provider.download(photo.object_key, deadline);
      const size = Number(photo.size);
      if (download.size !== null && download.size !== size) {
        download.body.destroy();
        throw new Error(`export: ${photo.id} is ${download.size} bytes in storage, ${size} recorded`);
      }
      await tar.add(path, size, download.body, { mode: 0o644, mtime: new Date(photo.sort_at) });
    }
    await tar.finish();
  }

  private async plan(homeId: string, origin: string): Promise<ExportPlan> {
    const home = await new HomesRepository(this.deps.db).byId(homeId);
    if (!home) throw new AppError('NOT_FOUND', 'No such home');
    const repository = new ExportsRepository(this.deps.db);
    const photos = await this.allPhotos(repository, homeId);
    const views = await PhotoViews.for(this.deps, homeId, origin, photos);
    const names = new ExportNames();
    const entries: ExportEntry[] = [];
    const described: ExportMetadata['photos'] = [];
    for (const photo of photos) {
      // A photo whose bucket is unbound cannot be read: it is listed without a path.
      const provider = views.provider(photo);
      const path = provider ? names.pathFor(photo.filename, photo.sort_at) : null;
      if (provider && path) entries.push({ path, photo, provider });
      described.push({
        path,
        id: photo.id,
        filename: photo.filename,
        mime: photo.mime,
        size: Number(photo.size),
        width: photo.width,
        height: photo.height,
        takenAt: photo.taken_at,
        uploadedAt: photo.created_at,
        uploader: photo.uploader_name || null,
      });
    }
    const metadata = Buffer.from(
      `${JSON.stringify(
        {
          home: { id: home.id, name: home.name },
          exportedAt: this.deps.clock.now().toISOString(),
          photos: described,
          albums: await this.albums(repository, homeId),
          children: await this.children(repository, homeId, new Set(photos.map((p) => p.id))),
        } satisfies ExportMetadata,
        null,
        2,
      )}\n`,
    );
    const size =
      tarEntryBytes(metadata.length) +
      entries.reduce((sum, entry) => sum + tarEntryBytes(Number(entry.photo.size)), 0) +
      TAR_END_BYTES;
    const day = this.deps.clock.now().toISOString().slice(0, 10);
    return { filename: `${safeFileName(home.name, 'xiaojia')} ${day}.tar`, size, metadata, entries };
  }

  private async allPhotos(repository: ExportsRepository, homeId: string): Promise<ExportPhotoRow[]> {
    const photos: ExportPhotoRow[] = [];
    for (;;) {
      const last = photos.at(-1);
      const page = await repository.photosPage(homeId, PAGE_SIZE, last && { sortAt: last.sort_at, id: last.id });
      photos.push(...page);
      if (page.length < PAGE_SIZE) return photos;
    }
  }

  private async albums(repository: ExportsRepository, homeId: string): Promise<ExportMetadata['albums']> {
    const [albums, links] = await Promise.all([repository.albums(homeId), repository.albumPhotos(homeId)]);
    const photoIds = new Map(albums.map((album) => [album.id, [] as string[]]));
    for (const link of links) photoIds.get(link.album_id)?.push(link.photo_id);
    return albums.map((album) => ({
      id: album.id,
      name: album.name,
      createdAt: album.created_at,
      photoIds: photoIds.get(album.id) ?? [],
    }));
  }

  /** The children with their milestones and growth records; photo ids only of photos in the archive. */
  private async children(
    repository: ExportsRepository,
    homeId: string,
    exported: ReadonlySet<string>,
  ): Promise<ExportMetadata['children']> {
    const children = await new ChildrenRepository(this.deps.db).list(homeId);
    const ids = children.map((child) => child.id);
    const [milestones, growth] = await Promise.all([
      repository.milestones(homeId, ids),
      repository.growth(homeId, ids),
    ]);
    const inArchive = (photoId: string | null) => (photoId !== null && exported.has(photoId) ? photoId : null);
    return children.map((child) => ({
      id: child.id,
      name: child.name,
      birthday: child.birthday,
      sex: child.sex,
      avatarPhotoId: inArchive(child.avatar_photo_id),
      createdAt: child.created_at,
      milestones: milestones
        .filter((m) => m.child_id === child.id)
        .map((m) => ({
          id: m.id,
          kind: m.kind,
          title: m.title,
          date: m.date,
          photoId: inArchive(m.photo_id),
          createdAt: m.created_at,
        })),
      growth: growth
        .filter((g) => g.child_id === child.id)
        .map((g) => ({
          id: g.id,
          date: g.date,
          heightCm: g.height_cm,
          weightKg: g.weight_kg,
          headCm: g.head_cm,
          createdAt: g.created_at,
        })),
    }));
  }
}
