/**
 * A page's work images with signed URLs, for any number of works across any number of homes: one query
 * for the images, one for their bindings, and the photo views' rounded deadlines (URL_WINDOW_MS), so every
 * viewer in the same window gets the same URL and a CDN in front of the author's bucket can cache it.
 * The URL is the image's snapshot's (w/<id>.jpg, or its .thumb.jpg: services/community/snapshots.ts), a
 * plain signed GET of an object made for the community: never the family photo's object or a variant of it.
 * What leaves here is the image's own id, its size and the URL: never the photo's id, home, key or name.
 */
import type { WorkImage } from '@xiaojia/shared';
import { SnapshotsRepository, snapshotThumbKey } from '../../repositories/community/snapshots.js';
import { type ImageRow, WorksRepository } from '../../repositories/community/works.js';
import type { ImageVariant } from '../../storage/provider.js';
import type { AppDeps } from '../../trpc/context.js';
import { PhotoViews } from '../photo-views.js';

type SnapshotRef = Pick<ImageRow, 'snapshot_key' | 'snapshot_binding_id'>;

/** The signed URL of a snapshot (its thumbnail for 'thumb'), or null when its bucket is unbound. */
function signSnapshot(views: PhotoViews, row: SnapshotRef, variant: ImageVariant): string | null {
  const provider = views.provider({ binding_id: row.snapshot_binding_id });
  if (!provider) return null;
  const key = variant === 'thumb' ? snapshotThumbKey(row.snapshot_key) : row.snapshot_key;
  return provider.signedUrl(key, views.expiresAt);
}

export class WorkImages {
  private constructor(
    private readonly byWork: Map<string, ImageRow[]>,
    private readonly views: PhotoViews,
  ) {}

  static async load(deps: AppDeps, origin: string, workIds: readonly string[]): Promise<WorkImages> {
    const rows = await new WorksRepository(deps.db).images(workIds);
    const bindingIds = new Set(rows.map((r) => r.snapshot_binding_id).filter((id): id is string => id !== null));
    const bindings = await new SnapshotsRepository(deps.db).bindings([...bindingIds]);
    const byWork = new Map<string, ImageRow[]>();
    for (const row of rows) byWork.set(row.work_id, [...(byWork.get(row.work_id) ?? []), row]);
    return new WorkImages(byWork, PhotoViews.withBindings(deps, origin, bindings));
  }

  /** How many live images the work has (0: it is not shown). */
  count(workId: string): number {
    return this.byWork.get(workId)?.length ?? 0;
  }

  images(workId: string, variant: ImageVariant): WorkImage[] {
    return (this.byWork.get(workId) ?? []).map((row) => ({
      id: row.id,
      width: row.width,
      height: row.height,
      url: signSnapshot(this.views, row, variant),
    }));
  }

  /** One image's snapshot URL on its own (the content check sends it to WeChat); null without a snapshot. */
  static async url(
    deps: AppDeps,
    origin: string,
    row: { snapshot_key: string | null; snapshot_binding_id: string | null },
  ): Promise<string | null> {
    if (row.snapshot_key === null) return null;
    const ids = row.snapshot_binding_id ? [row.snapshot_binding_id] : [];
    const views = PhotoViews.withBindings(deps, origin, await new SnapshotsRepository(deps.db).bindings(ids));
    return signSnapshot(
      views,
      { snapshot_key: row.snapshot_key, snapshot_binding_id: row.snapshot_binding_id },
      'preview',
    );
  }

  first(workId: string, variant: ImageVariant): WorkImage | undefined {
    return this.images(workId, variant)[0];
  }
}
