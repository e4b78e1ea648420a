/**
 * Profiles and follows. A profile is one row (community_profiles, made on first use) with counters kept in
 * the same transaction as what they count; a follow or unfollow that changes nothing changes no counter.
 * No self-follow; a block either way refuses (COMMUNITY_BLOCKED).
 */
import type { CommunityMe, Profile } from '@xiaojia/shared';
import { inTransaction } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { CommunityAdminsRepository } from '../../repositories/community/admins.js';
import { ConversationsRepository } from '../../repositories/community/conversations.js';
import { SocialRepository } from '../../repositories/community/social.js';
import { ensureProfile } from '../../repositories/community/works.js';
import type { AppDeps } from '../../trpc/context.js';
import { cursorPosition, toPage } from '../paging.js';
import { refuseAcrossBlock } from './blocks.js';
import { ContentGate } from './gate.js';
import { takeCommunityRate } from './limits.js';

export class PeopleService {
  private readonly social: SocialRepository;

  constructor(private readonly deps: AppDeps) {
    this.social = new SocialRepository(deps.db);
  }

  /** The caller as the community sees them: the admin entry, the suspension banner, the messages badge. */
  async me(userId: string): Promise<CommunityMe> {
    const now = this.deps.clock.now().toISOString();
    const admins = new CommunityAdminsRepository(this.deps.db);
    const [row, isAdmin, suspension, unreadMessages] = await Promise.all([
      this.social.profile(userId),
      admins.isAdmin(userId),
      admins.activeSuspension(userId, now),
      new ConversationsRepository(this.deps.db).unreadTotal(userId),
    ]);
    if (!row) throw new AppError('NOT_FOUND', 'No such user');
    return {
      user: { userId: row.id, displayName: row.display_name },
      isAdmin,
      suspension: suspension ? { until: suspension.until, reason: suspension.reason } : null,
      unreadMessages,
    };
  }

  async profile(viewerId: string, userId: string): Promise<Profile> {
    const [row, followed] = await Promise.all([
      this.social.profile(userId, viewerId),
      this.social.follows(viewerId, userId),
    ]);
    if (!row) throw new AppError('NOT_FOUND', 'No such user');
    const blockedByMe = Boolean(Number(row.blocked_by_me));
    return {
      user: { userId: row.id, displayName: row.display_name },
      // Their words stay hidden from the one who blocked them, as everywhere else.
      bio: blockedByMe ? '' : (row.bio ?? ''),
      worksCount: Number(row.works_count ?? 0),
      followersCount: Number(row.followers_count ?? 0),
      followingCount: Number(row.following_count ?? 0),
      likesReceived: Number(row.likes_received ?? 0),
      followedByMe: followed,
      isMe: viewerId === userId,
      blockedByMe,
    };
  }

  /** The bio passes the content check like every text (CONTENT_REJECTED otherwise; the old one stays). */
  async setBio(userId: string, bio: string): Promise<Profile> {
    const gate = new ContentGate(this.deps);
    await gate.assertCanAct(userId);
    await gate.assertShowable('user', userId, [bio]);
    await ensureProfile(this.deps.db, userId, this.deps.clock.now().toISOString());
    await this.social.setBio(userId, bio);
    return this.profile(userId, userId);
  }

  async follow(userId: string, followeeId: string): Promise<{ following: boolean; followersCount: number }> {
    if (userId === followeeId) throw new AppError('BAD_INPUT', 'You cannot follow yourself', { field: 'userId' });
    await new ContentGate(this.deps).assertCanAct(userId);
    await takeCommunityRate(this.deps, 'follow', userId);
    if (!(await this.social.profile(followeeId))) throw new AppError('NOT_FOUND', 'No such user');
    await refuseAcrossBlock(this.deps, userId, followeeId, 'You cannot follow this account');
    const now = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.db, async (trx) => {
      await ensureProfile(trx, userId, now);
      await ensureProfile(trx, followeeId, now);
      if (await this.social.addFollow(trx, userId, followeeId, now)) {
        await this.social.bump(trx, userId, 'following_count', 1);
        await this.social.bump(trx, followeeId, 'followers_count', 1);
      }
    });
    return { following: true, followersCount: (await this.profile(userId, followeeId)).followersCount };
  }

  async unfollow(userId: string, followeeId: string): Promise<{ following: boolean; followersCount: number }> {
    await takeCommunityRate(this.deps, 'follow', userId);
    if (!(await this.social.profile(followeeId))) throw new AppError('NOT_FOUND', 'No such user');
    await inTransaction(this.deps.db, async (trx) => {
      if (await this.social.removeFollow(trx, userId, followeeId)) {
        await this.social.bump(trx, userId, 'following_count', -1);
        await this.social.bump(trx, followeeId, 'followers_count', -1);
      }
    });
    return { following: false, followersCount: (await this.profile(userId, followeeId)).followersCount };
  }

  /** Someone's followers or followees: NOT_FOUND across a block, and nobody blocked with the viewer listed. */
  async list(
    viewerId: string,
    side: 'followers' | 'following',
    input: { userId: string; cursor?: string | undefined; limit: number },
  ) {
    // The profile answers the one who blocked them (blockedByMe); their follow lists do not.
    const profile = await this.social.profile(input.userId, viewerId);
    if (!profile || Boolean(Number(profile.blocked_by_me))) throw new AppError('NOT_FOUND', 'No such user');
    const rows = await this.social.followList(
      input.userId,
      side,
      viewerId,
      input.limit + 1,
      cursorPosition(input.cursor),
    );
    const page = toPage(rows, input.limit, (r) => ({ sortAt: r.created_at, id: r.id }));
    return {
      items: page.rows.map((r) => ({ userId: r.id, displayName: r.display_name })),
      nextCursor: page.nextCursor,
    };
  }
}
