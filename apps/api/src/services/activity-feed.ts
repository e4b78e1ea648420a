/**
 * Reading the feed (动态): a page of entries newest first, each with its actor's name and the photos it
 * shows that are still in the timeline (a trashed or purged photo silently drops out), signed through
 * PhotoViews: one query for the page, one for all of its photos, one for the bindings they live in. The
 * unread badge counts entries by others touched since the member's mark.
 */
import {
  ACTIVITY_PHOTOS_SHOWN,
  ACTIVITY_UNREAD_MAX,
  type Activity,
  type ActivityPage,
  type ActivityUnread,
  type Count,
  type ListActivityInput,
  zListActivityInput,
} from '@xiaojia/shared';
import type { Photo } from '../db/schema.js';
import { AppError } from '../errors.js';
import { ActivitiesRepository, type FeedRow } from '../repositories/activities.js';
import { PhotosRepository } from '../repositories/photos.js';
import { liveName } from '../repositories/users.js';
import type { AppDeps } from '../trpc/context.js';
import { parsePhotoIds } from './activity.js';
import type { HomeMember } from './home-access.js';
import { cursorPosition, toPage } from './paging.js';
import { PhotoViews } from './photo-views.js';

export class ActivityFeedService {
  private readonly activities: ActivitiesRepository;

  constructor(private readonly deps: AppDeps) {
    this.activities = new ActivitiesRepository(deps.db);
  }

  private async seenAt(member: HomeMember): Promise<string> {
    const seen = await this.activities.seenAt(member.homeId, member.userId);
    if (seen === undefined) throw new AppError('NOT_FOUND', 'No such home');
    return seen;
  }

  async list(member: HomeMember, rawInput: ListActivityInput, origin: string): Promise<ActivityPage> {
    const input = zListActivityInput.parse(rawInput);
    const [rows, seenAt] = await Promise.all([
      this.activities.page(member.homeId, input.limit + 1, cursorPosition(input.cursor)),
      this.seenAt(member),
    ]);
    const page = toPage(rows, input.limit, (r) => ({ sortAt: r.last_at, id: r.id }));
    const idsOf = new Map(page.rows.map((r) => [r.id, parsePhotoIds(r.photo_ids)]));
    const photos = await new PhotosRepository(this.deps.db).liveByIds(member.homeId, [
      ...new Set([...idsOf.values()].flat()),
    ]);
    const views = await PhotoViews.for(this.deps, member.homeId, origin, photos);
    const byId = new Map(photos.map((p) => [p.id, p]));
    const shown = (row: FeedRow) =>
      (idsOf.get(row.id) ?? [])
        .map((id) => byId.get(id))
        .filter((p): p is Photo => p !== undefined)
        .slice(0, ACTIVITY_PHOTOS_SHOWN)
        .map((p) => ({
          id: p.id,
          thumbUrl: views.url(p, 'thumb'),
          thumbhash: p.thumbhash,
          width: p.width,
          height: p.height,
        }));
    const items: Activity[] = page.rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      actorId: row.actor_id,
      actorName: liveName(row.actor_name),
      count: row.count,
      photos: shown(row),
      text: row.text,
      childName: row.child_name,
      startedAt: row.started_at,
      at: row.last_at,
      unread: row.actor_id !== member.userId && row.last_at > seenAt,
    }));
    return { items, nextCursor: page.nextCursor, urlsExpireAt: views.expiresAt.toISOString() };
  }

  /** The tab's badge: entries by others since the member last looked, up to ACTIVITY_UNREAD_MAX + 1 ("99+"). */
  async unread(member: HomeMember): Promise<ActivityUnread> {
    return { count: await this.activities.unreadCount(member.homeId, member.userId, ACTIVITY_UNREAD_MAX + 1) };
  }

  /** The member has looked at the feed up to now; answers how many entries that cleared from the badge. */
  async markSeen(member: HomeMember): Promise<Count> {
    const cleared = await this.unread(member);
    if (!(await this.activities.markSeen(member.homeId, member.userId, this.deps.clock.now().toISOString()))) {
      throw new AppError('NOT_FOUND', 'No such home');
    }
    return cleared;
  }
}
