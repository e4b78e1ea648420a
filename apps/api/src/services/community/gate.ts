/**
 * The one door new community content goes through (works, comments, messages): is the author allowed to
 * act (not suspended), and does the content start visible or wait for review? Both halves of the community
 * call it; the moderation half owns it (automatic content checks, the review queue, admins' decisions).
 *
 * Review modes (XIAOJIA_COMMUNITY_REVIEW, shared REVIEW_MODES): 'pre' keeps new content hidden until an
 * admin approves it; 'post' shows it at once and queues it for review. Either way a moderation_items row
 * records it, so the queue sees everything.
 */
import type { CommunityTarget } from '@xiaojia/shared';
import { AppError } from '../../errors.js';
import { newId } from '../../integrations/ids.js';
import type { AppDeps } from '../../trpc/context.js';

export interface NewContent {
  kind: Exclude<CommunityTarget, 'user'>;
  id: string;
  authorId: string;
  /** Every text the item carries (title, description, tags, a comment, a message), for the text check. */
  texts: readonly string[];
}

/** Where the item starts: shown now (post-review or approved), or hidden until an admin approves it. */
export type Admission = 'visible' | 'pending';

export class ContentGate {
  constructor(private readonly deps: AppDeps) {}

  /** Refuses a suspended account (COMMUNITY_SUSPENDED) before it publishes, comments, likes, follows or writes. */
  async assertCanAct(userId: string): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    const suspension = await this.deps.db
      .selectFrom('community_suspensions')
      .select(['reason', 'until'])
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
      .executeTakeFirst();
    if (suspension) {
      // details.until: when it ends; absent: until an admin lifts it.
      const details = suspension.until ? { until: suspension.until } : undefined;
      throw new AppError('COMMUNITY_SUSPENDED', `This account is suspended: ${suspension.reason}`, details);
    }
  }

  /** Records the new item for review and answers where it starts. Call inside the item's own transaction. */
  async admit(item: NewContent, db = this.deps.db): Promise<Admission> {
    const admission: Admission = this.deps.config.communityReview === 'pre' ? 'pending' : 'visible';
    await db
      .insertInto('moderation_items')
      .values({
        id: newId(),
        target_kind: item.kind,
        target_id: item.id,
        author_id: item.authorId,
        status: 'pending',
        check_status: 'none',
        check_trace_id: null,
        reason: null,
        created_at: this.deps.clock.now().toISOString(),
        decided_by: null,
        decided_at: null,
      })
      .execute();
    return admission;
  }
}
