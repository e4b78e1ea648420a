/**
 * The community's feeds, each a keyset page on its own index (no scan per request): latest, hot (hot_key,
 * kept current by every like), by tag, following, and one author's works. Cards carry the first live
 * image as a thumb with its rounded-window URL.
 */
import { COMMUNITY_PAGE_MAX, type MyWorkCard, normalizeTag, type WorkCard, type WorkPage } from '@xiaojia/shared';
import { AppError } from '../../errors.js';
import { type CardRow, type HotKeyset, WorksRepository } from '../../repositories/community/works.js';
import type { AppDeps } from '../../trpc/context.js';
import { cursorPosition, toPage } from '../paging.js';
import { WorkImages } from './images.js';

interface PageInput {
  cursor?: string | undefined;
  limit: number;
}

/** The hot feed's cursor holds the number as text; anything else is BAD_INPUT like any bad cursor. */
function hotPosition(cursor: string | undefined): HotKeyset | undefined {
  const k = cursorPosition(cursor);
  if (!k) return undefined;
  const sortAt = Number(k.sortAt);
  if (!Number.isFinite(sortAt) || k.sortAt.trim() === '') {
    throw new AppError('BAD_INPUT', 'Invalid cursor', { field: 'cursor' });
  }
  return { sortAt, id: k.id };
}

export class FeedsService {
  private readonly works: WorksRepository;

  constructor(
    private readonly deps: AppDeps,
    private readonly origin: string,
  ) {
    this.works = new WorksRepository(deps.db);
  }

  async latest(viewerId: string, input: PageInput): Promise<WorkPage> {
    const rows = await this.works.feed('latest', viewerId, this.fetch(input), cursorPosition(input.cursor));
    return this.page(viewerId, rows, input.limit, (r) => ({ sortAt: r.published_at, id: r.id }));
  }

  async hot(viewerId: string, input: PageInput): Promise<WorkPage> {
    const rows = await this.works.feed('hot', viewerId, this.fetch(input), hotPosition(input.cursor));
    return this.page(viewerId, rows, input.limit, (r) => ({ sortAt: String(r.hot_key), id: r.id }));
  }

  async byTag(viewerId: string, input: PageInput & { tag: string }): Promise<WorkPage> {
    const rows = await this.works.byTag(
      normalizeTag(input.tag),
      viewerId,
      this.fetch(input),
      cursorPosition(input.cursor),
    );
    return this.page(viewerId, rows, input.limit, (r) => ({ sortAt: r.published_at, id: r.id }));
  }

  async following(viewerId: string, input: PageInput): Promise<WorkPage> {
    const rows = await this.works.following(viewerId, this.fetch(input), cursorPosition(input.cursor));
    return this.page(viewerId, rows, input.limit, (r) => ({ sortAt: r.published_at, id: r.id }));
  }

  async byAuthor(viewerId: string, input: PageInput & { userId: string }): Promise<WorkPage> {
    const rows = await this.works.byAuthor(input.userId, viewerId, this.fetch(input), cursorPosition(input.cursor));
    return this.page(viewerId, rows, input.limit, (r) => ({ sortAt: r.published_at, id: r.id }));
  }

  /**
   * The caller's own works in every state, newest made first, with status and the reason of a refusal.
   * A work none of whose photos is left (all trashed or purged) has no cover to show and is left out.
   */
  async mine(userId: string, input: PageInput): Promise<{ items: MyWorkCard[]; nextCursor: string | null }> {
    const rows = await this.works.mine(userId, this.fetch(input), cursorPosition(input.cursor));
    const page = toPage(rows, input.limit, (r) => ({ sortAt: r.created_at, id: r.id }));
    const byId = new Map(page.rows.map((r) => [r.id, r]));
    const items = (await this.cards(userId, page.rows)).map((card) => {
      const row = byId.get(card.id);
      return { ...card, status: row?.status ?? 'pending', reviewReason: row?.review_reason ?? null };
    });
    return { items, nextCursor: page.nextCursor };
  }

  private fetch(input: PageInput): number {
    return Math.min(input.limit, COMMUNITY_PAGE_MAX) + 1;
  }

  private async page(
    viewerId: string,
    rows: CardRow[],
    limit: number,
    positionOf: (row: CardRow) => { sortAt: string; id: string },
  ): Promise<WorkPage> {
    const page = toPage(rows, limit, positionOf);
    return { items: await this.cards(viewerId, page.rows), nextCursor: page.nextCursor };
  }

  /** Cards for a page of rows: images, bindings and the viewer's likes in three queries. */
  async cards(viewerId: string, rows: readonly CardRow[]): Promise<WorkCard[]> {
    const ids = rows.map((r) => r.id);
    const [images, liked] = await Promise.all([
      WorkImages.load(this.deps, this.origin, ids),
      this.works.likedBy(viewerId, ids),
    ]);
    const cards: WorkCard[] = [];
    for (const row of rows) {
      const cover = images.first(row.id, 'thumb');
      if (!cover) continue;
      cards.push({
        id: row.id,
        title: row.title,
        author: { userId: row.author_id, displayName: row.author_name },
        cover,
        imageCount: images.count(row.id),
        likeCount: Number(row.like_count),
        commentCount: Number(row.comment_count),
        likedByMe: liked.has(row.id),
        publishedAt: row.published_at,
      });
    }
    return cards;
  }
}
