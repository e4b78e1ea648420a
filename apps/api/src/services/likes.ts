/**
 * Likes (赞) on photos, by every role (capability `view`). A trashed or another home's photo answers
 * NOT_FOUND; liking is idempotent, and only a like that is new is recorded in the feed (an unlike is not).
 * Limited per user (LIKES_PER_WINDOW), counted in the database so every instance shares the count.
 */
import { LIKERS_SHOWN_MAX, type PhotoSocial } from '@xiaojia/shared';
import { LikesRepository } from '../repositories/likes.js';
import { PhotosRepository } from '../repositories/photos.js';
import type { AppDeps } from '../trpc/context.js';
import { ActivityService } from './activity.js';
import type { HomeMember } from './home-access.js';
import { requirePhotoOnTimeline } from './photos.js';
import { RateLimiter } from './rate-limit.js';

/** Likes and unlikes one person may make per window: far above a grandparent liking a whole album. */
export const LIKES_PER_WINDOW = 300;
export const LIKE_WINDOW_MS = 10 * 60 * 1000;

export class LikesService {
  private readonly likes: LikesRepository;
  private readonly photos: PhotosRepository;

  constructor(private readonly deps: AppDeps) {
    this.likes = new LikesRepository(deps.db);
    this.photos = new PhotosRepository(deps.db);
  }

  /** The viewer's line under a photo: its likes, whether the caller is among them, the first likers, comments. */
  async forPhoto(member: HomeMember, photoId: string): Promise<PhotoSocial> {
    await requirePhotoOnTimeline(this.photos, member.homeId, photoId);
    return this.social(member, photoId);
  }

  async set(member: HomeMember, input: { photoId: string; liked: boolean }): Promise<PhotoSocial> {
    await new RateLimiter(this.deps).take(
      `like:${member.userId}`,
      { max: LIKES_PER_WINDOW, windowMs: LIKE_WINDOW_MS },
      'Too many likes in a short time',
    );
    await requirePhotoOnTimeline(this.photos, member.homeId, input.photoId);
    if (!input.liked) {
      await this.likes.remove(input.photoId, member.userId);
      return this.social(member, input.photoId);
    }
    const now = this.deps.clock.now().toISOString();
    const added = await this.likes.add({
      home_id: member.homeId,
      photo_id: input.photoId,
      user_id: member.userId,
      created_at: now,
    });
    if (added) await new ActivityService(this.deps).record(member, { kind: 'like', photoIds: [input.photoId] });
    return this.social(member, input.photoId);
  }

  private async social(member: HomeMember, photoId: string): Promise<PhotoSocial> {
    const [counts, likers] = await Promise.all([
      this.likes.counts(photoId, member.userId),
      this.likes.likers(photoId, LIKERS_SHOWN_MAX),
    ]);
    return {
      likeCount: counts.like_count,
      likedByMe: counts.liked_by_me > 0,
      likers: likers.map((l) => ({ userId: l.user_id, displayName: l.display_name })),
      commentCount: counts.comment_count,
    };
  }
}
