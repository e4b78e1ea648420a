/**
 * Likes on works: idempotent (a second like or unlike changes nothing), each weighted against voting rings
 * (hot.ts likeWeight) with the weight stored on the like, so the unlike takes back exactly what the like
 * gave. The work's counters and hot_key change in the same transaction as the like row: the row lock the
 * counter UPDATE takes orders concurrent likes of one work, so hot_key is computed from the latest weight.
 */
import { inTransaction } from '../../db/index.js';
import { SocialRepository } from '../../repositories/community/social.js';
import { ensureProfile, WorksRepository } from '../../repositories/community/works.js';
import type { AppDeps } from '../../trpc/context.js';
import { refuseAcrossBlock } from './blocks.js';
import { ContentGate } from './gate.js';
import { hotKey, likeWeight, MUTUAL_LIKES } from './hot.js';
import { takeCommunityRate } from './limits.js';
import { requirePublishedWork } from './works.js';

export interface LikeResult {
  likeCount: number;
  likedByMe: boolean;
}

export class WorkLikesService {
  private readonly works: WorksRepository;
  private readonly social: SocialRepository;

  constructor(private readonly deps: AppDeps) {
    this.works = new WorksRepository(deps.db);
    this.social = new SocialRepository(deps.db);
  }

  async like(userId: string, workId: string): Promise<LikeResult> {
    const work = await this.prepare(userId, workId);
    await refuseAcrossBlock(this.deps, userId, work.author_id, 'You cannot like this work');
    const weight = await this.weight(userId, work.author_id);
    const now = this.deps.clock.now().toISOString();
    return inTransaction(this.deps.db, async (trx) => {
      const added = await this.social.addLike(trx, { work_id: workId, user_id: userId, weight, created_at: now });
      if (!added) return { likeCount: Number((await this.works.byId(workId, trx))?.like_count ?? 0), likedByMe: true };
      const counted = await this.social.countLike(trx, workId, 1, weight);
      await this.rerank(trx, workId, counted);
      await ensureProfile(trx, counted.author_id, now);
      await this.social.bump(trx, counted.author_id, 'likes_received', 1);
      return { likeCount: Number(counted.like_count), likedByMe: true };
    });
  }

  async unlike(userId: string, workId: string): Promise<LikeResult> {
    await this.prepare(userId, workId);
    const now = this.deps.clock.now().toISOString();
    return inTransaction(this.deps.db, async (trx) => {
      const weight = await this.social.removeLike(trx, workId, userId);
      if (weight === null)
        return { likeCount: Number((await this.works.byId(workId, trx))?.like_count ?? 0), likedByMe: false };
      const counted = await this.social.countLike(trx, workId, -1, -weight);
      await this.rerank(trx, workId, counted);
      await ensureProfile(trx, counted.author_id, now);
      await this.social.bump(trx, counted.author_id, 'likes_received', -1);
      return { likeCount: Number(counted.like_count), likedByMe: false };
    });
  }

  /** Suspended accounts refused, the rate taken, the work published. */
  private async prepare(userId: string, workId: string) {
    await new ContentGate(this.deps).assertCanAct(userId);
    await takeCommunityRate(this.deps, 'like', userId);
    return requirePublishedWork(this.works, workId);
  }

  private async rerank(
    trx: Parameters<WorksRepository['update']>[0],
    workId: string,
    counted: { vote_weight: number; published_at: string | null },
  ): Promise<void> {
    if (counted.published_at === null) return;
    await this.works.update(trx, workId, { hot_key: hotKey(Number(counted.vote_weight), counted.published_at) });
  }

  /** The weight `likerId`'s like of `authorId`'s work carries (hot.ts). */
  async weight(likerId: string, authorId: string): Promise<number> {
    if (likerId === authorId) return likeWeight({ self: true, accountAgeMs: 0, active: true, mutual: false });
    const facts = await this.social.likerFacts(likerId);
    const [given, received] = await Promise.all([
      this.social.likesOfAuthor(likerId, authorId, MUTUAL_LIKES),
      this.social.likesOfAuthor(authorId, likerId, MUTUAL_LIKES),
    ]);
    return likeWeight({
      self: false,
      accountAgeMs:
        this.deps.clock.now().getTime() - Date.parse(facts?.created_at ?? this.deps.clock.now().toISOString()),
      active: Number(facts?.works_count ?? 0) > 0 || Number(facts?.following_count ?? 0) > 0,
      mutual: given >= MUTUAL_LIKES && received >= MUTUAL_LIKES,
    });
  }
}
