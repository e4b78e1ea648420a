/**
 * Popular tags (发现's tag search): the most used tags of the latest RECENT_WORKS published works that
 * still show, never a pending, refused, hidden or unpublished one, at most POPULAR_TAGS_MAX.
 *
 * Why a cached bounded query rather than a counter table: "recent" needs counts that decay (per-day
 * buckets), kept right on every path that changes what shows (publish, edit, unpublish, an admin's hide or
 * decision, a photo trashed or purged under a work), each a place to drift; the question needs no
 * precision by the second. One bounded statement (works_latest's first RECENT_WORKS rows and their tags)
 * per CACHE_MS per server answers it, reads only what shows, and cannot drift: a work hidden or edited
 * leaves the answer at the next refresh. The cache is per database (one per server; tests each have theirs)
 * and one refresh at a time shares its answer with every caller waiting.
 */
import { POPULAR_TAGS_MAX, type PopularTags } from '@xiaojia/shared';
import type { Db } from '../../db/index.js';
import { WorksRepository } from '../../repositories/community/works.js';
import type { AppDeps } from '../../trpc/context.js';

export const RECENT_WORKS = 1000;
export const CACHE_MS = 10 * 60 * 1000;

interface Cached {
  at: number;
  items: Promise<PopularTags['items']>;
}
const cache = new WeakMap<Db, Cached>();

export class TagsService {
  constructor(private readonly deps: AppDeps) {}

  async popular(limit: number): Promise<PopularTags> {
    const now = this.deps.clock.now().getTime();
    let cached = cache.get(this.deps.db);
    if (!cached || now - cached.at >= CACHE_MS || now < cached.at) {
      const items = new WorksRepository(this.deps.db).popularTags(RECENT_WORKS, POPULAR_TAGS_MAX);
      cached = { at: now, items };
      cache.set(this.deps.db, cached);
      // A failed refresh is not kept: the next call tries again.
      items.catch(() => {
        if (cache.get(this.deps.db) === cached) cache.delete(this.deps.db);
      });
    }
    return { items: (await cached.items).slice(0, limit) };
  }
}
