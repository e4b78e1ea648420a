/**
 * The one door new community content goes through (works, comments, messages): is the author allowed to
 * act (not suspended), and does the content start visible or wait for review? Both halves of the community
 * call it; the moderation half owns it (automatic content checks, the review queue, admins' decisions).
 *
 * Review modes (XIAOJIA_COMMUNITY_REVIEW, shared REVIEW_MODES): 'pre' keeps new content hidden until an
 * admin approves it; 'post' shows it at once and queues it for review. Either way a moderation_items row
 * records it, so the queue sees everything.
 *
 * Automatic checks, where WeChat is configured (WECHAT_APP_ID) and the author signed in with WeChat (an
 * openid): every text goes through msgSecCheck before anything is stored (risky: CONTENT_REJECTED; review:
 * held for an admin whatever the mode; a check that could not run holds it too), and each image of a work
 * is queued for mediaCheckAsync (services/community/media-checks.ts), whose verdict comes later to the push
 * URL; a risky image hides the work. Elsewhere: no automatic check, the review queue only.
 *
 * The text check is an HTTP call: callers that hold a transaction across `admit` should call `screen`
 * first, outside it, and pass the answer as `item.screening` (admit then makes no call of its own).
 */
import type { CommunityTarget } from '@xiaojia/shared';
import type { Db } from '../../db/index.js';
import type { ModerationItemsTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId } from '../../integrations/ids.js';
import { type SecurityScene, TEXT_CHECK_MAX } from '../../integrations/wechat-security.js';
import { CommunityAdminsRepository } from '../../repositories/community/admins.js';
import type { AppDeps } from '../../trpc/context.js';
import { MediaChecks } from './media-checks.js';

export interface NewContent {
  kind: Exclude<CommunityTarget, 'user'>;
  id: string;
  authorId: string;
  /** Every text the item carries (title, description, tags, a comment, a message), for the text check. */
  texts: readonly string[];
  /** What `screen` answered for these texts, when the caller ran it before its transaction. */
  screening?: Screening;
}

/** Where the item starts: shown now (post-review or approved), or hidden until an admin approves it. */
export type Admission = 'visible' | 'pending';

/** The text check's outcome: not run (no WeChat, no openid), passed, held for review, or failed to run. */
export type Screening = 'none' | 'pass' | 'review' | 'error';

/** WeChat's scenes: 1 a profile (资料), 2 a comment, 3 a forum post (a work), 4 social messages. */
const SCENES: Record<CommunityTarget, SecurityScene> = { user: 1, work: 3, comment: 2, message: 4 };

export class ContentGate {
  constructor(private readonly deps: AppDeps) {}

  /** Refuses a suspended account (COMMUNITY_SUSPENDED) before it publishes, comments, likes, follows or writes. */
  async assertCanAct(userId: string): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    const suspension = await new CommunityAdminsRepository(this.deps.db).activeSuspension(userId, now);
    if (suspension) {
      // details.until: when it ends; absent: until an admin lifts it.
      const details = suspension.until ? { until: suspension.until } : undefined;
      throw new AppError('COMMUNITY_SUSPENDED', `This account is suspended: ${suspension.reason}`, details);
    }
  }

  /** Whether automatic checks run at all on this server. */
  get checksConfigured(): boolean {
    return this.deps.config.wechat.appId !== '' && this.deps.config.wechat.appSecret !== '';
  }

  /**
   * The text check for `item` (WeChat's msgSecCheck, in pieces of at most 2500 characters). Refuses risky
   * content with CONTENT_REJECTED; answers 'none' where no check can run.
   */
  async screen(item: { kind: CommunityTarget; authorId: string; texts: readonly string[] }): Promise<Screening> {
    if (!this.checksConfigured) return 'none';
    const author = await this.deps.db
      .selectFrom('users')
      .select('wechat_openid')
      .where('id', '=', item.authorId)
      .executeTakeFirst();
    const openid = author?.wechat_openid;
    if (!openid) return 'none';
    const pieces = chunk(item.texts.filter((t) => t.trim() !== '').join('\n'), TEXT_CHECK_MAX);
    let screening: Screening = 'pass';
    for (const content of pieces) {
      let suggest: string;
      try {
        ({ suggest } = await this.deps.wechat.security.msgSecCheck({ openid, scene: SCENES[item.kind], content }));
      } catch (error) {
        this.deps.logger.warn({ err: error, kind: item.kind }, 'content check failed; held for review');
        return 'error';
      }
      if (suggest === 'risky') {
        throw new AppError('CONTENT_REJECTED', 'This content did not pass the content check', { check: 'text' });
      }
      if (suggest === 'review') screening = 'review';
    }
    return screening;
  }

  /**
   * A text shown as soon as it is stored, with no review item to hold it back (a profile's bio): the same
   * text check, but what WeChat wants reviewed, or what could not be checked, is refused too
   * (CONTENT_REJECTED, details.check 'review' / 'unavailable'), since nothing would keep it hidden meanwhile.
   * Where no check runs it passes, as every text does there.
   */
  async assertShowable(kind: 'user', authorId: string, texts: readonly string[]): Promise<void> {
    const screening = await this.screen({ kind, authorId, texts });
    if (screening === 'review' || screening === 'error') {
      throw new AppError('CONTENT_REJECTED', 'This content could not pass the content check now', {
        check: screening === 'review' ? 'review' : 'unavailable',
      });
    }
  }

  /** Records the new item for review and answers where it starts. Call inside the item's own transaction. */
  async admit(item: NewContent, db: Db = this.deps.db): Promise<Admission> {
    const screening = item.screening ?? (await this.screen(item));
    const itemId = newId();
    // 'none': no WeChat here, or an author without an openid (WeChat checks nothing without one).
    const images = item.kind === 'work' && screening !== 'none' ? await MediaChecks.imagesToCheck(db, item) : 0;
    const checkStatus: ModerationItemsTable['check_status'] =
      screening === 'review' ? 'review' : screening === 'error' ? 'error' : images > 0 ? 'pending' : screening;
    await db
      .insertInto('moderation_items')
      .values({
        id: itemId,
        target_kind: item.kind,
        target_id: item.id,
        author_id: item.authorId,
        status: 'pending',
        check_status: checkStatus,
        check_trace_id: null,
        reason: null,
        created_at: this.deps.clock.now().toISOString(),
        decided_by: null,
        decided_at: null,
      })
      .execute();
    if (images > 0) await new MediaChecks(this.deps).queue(db, itemId, item.id);
    // Held for a person: WeChat asked for review, or the check could not run.
    if (screening === 'review' || screening === 'error') return 'pending';
    return this.deps.config.communityReview === 'pre' ? 'pending' : 'visible';
  }
}

/** `text` in pieces of at most `size` characters (code points, so no surrogate pair is split). */
function chunk(text: string, size: number): string[] {
  const chars = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
  return pieces;
}
