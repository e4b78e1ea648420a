/**
 * A page's work images with signed URLs, for any number of works across any number of homes: one query
 * for the images, one for their bindings, and the photo views' rounded deadlines (URL_WINDOW_MS), so every
 * viewer in the same window gets the same URL and a CDN in front of the author's bucket can cache it.
 * What leaves here is the image's own id, its size and the URL: never the photo's id, home, key or name.
 */
import type { WorkImage } from '@xiaojia/shared';
import { type ImageRow, WorksRepository } from '../../repositories/community/works.js';
import type { ImageVariant } from '../../storage/provider.js';
import type { AppDeps } from '../../trpc/context.js';
import { PhotoViews } from '../photo-views.js';

export class WorkImages {
  private constructor(
    private readonly byWork: Map<string, ImageRow[]>,
    private readonly views: PhotoViews,
  ) {}

  static async load(deps: AppDeps, origin: string, workIds: readonly string[]): Promise<WorkImages> {
    const works = new WorksRepository(deps.db);
    const rows = await works.images(workIds);
    const bindings = await works.bindingsFor(rows.filter((r) => r.binding_id !== null).map((r) => r.photo_id));
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
      url: this.views.url(row, variant),
    }));
  }

  first(workId: string, variant: ImageVariant): WorkImage | undefined {
    return this.images(workId, variant)[0];
  }
}
