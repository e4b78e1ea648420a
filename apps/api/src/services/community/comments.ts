/**
 * Comments on works, with one level of replies: a reply answers a top-level comment of the same work.
 * Every comment passes the ContentGate (pending ones are shown only to their author until approved);
 * the work's comment_count counts visible ones. The writer deletes their own, the work's author any on
 * their work (a top-level comment takes its replies with it). Listed oldest first, replies grouped.
 */
import { type CommentThread, REPLIES_SHOWN_MAX, type WorkComment } from '@xiaojia/shared';
import { inTransaction } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { newId } from '../../integrations/ids.js';
import { type CommentRow, SocialRepository } from '../../repositories/community/social.js';
import { WorksRepository } from '../../repositories/community/works.js';
import type { AppDeps } from '../../trpc/context.js';
import { cursorPosition, toPage } from '../paging.js';
import { refuseAcrossBlock } from './blocks.js';
import { ContentGate } from './gate.js';
import { takeCommunityRate } from './limits.js';
import { reviewReasonsFor } from './review-reasons.js';
import { requirePublishedWork, requireVisibleWork } from './works.js';

function present(
  row: CommentRow,
  viewerId: string,
  workAuthorId: string,
  reasons: ReadonlyMap<string, string>,
): WorkComment {
  return {
    id: row.id,
    author: { userId: row.author_id, displayName: row.author_name },
    text: row.text,
    status: row.status,
    reviewReason: row.author_id === viewerId ? (reasons.get(row.id) ?? null) : null,
    createdAt: row.created_at,
    canDelete: row.author_id === viewerId || workAuthorId === viewerId,
  };
}

export class WorkCommentsService {
  private readonly works: WorksRepository;
  private readonly social: SocialRepository;

  constructor(private readonly deps: AppDeps) {
    this.works = new WorksRepository(deps.db);
    this.social = new SocialRepository(deps.db);
  }

  async add(
    userId: string,
    input: { workId: string; text: string; parentId?: string | undefined },
  ): Promise<WorkComment> {
    const gate = new ContentGate(this.deps);
    await gate.assertCanAct(userId);
    await takeCommunityRate(this.deps, 'comment', userId);
    const work = await requirePublishedWork(this.works, input.workId);
    await refuseAcrossBlock(this.deps, userId, work.author_id, 'You cannot comment on this work');
    if (input.parentId) {
      const parent = await this.social.comment(input.parentId);
      const seen =
        parent && (parent.status === 'visible' || (parent.status === 'pending' && parent.author_id === userId));
      if (!parent || !seen || parent.work_id !== work.id || parent.parent_id !== null) {
        throw new AppError('NOT_FOUND', 'No such comment to reply to', { field: 'parentId' });
      }
    }
    const id = newId();
    const now = this.deps.clock.now().toISOString();
    const status = await inTransaction(this.deps.db, async (trx) => {
      const admission = await gate.admit({ kind: 'comment', id, authorId: userId, texts: [input.text] }, trx);
      const status = admission === 'visible' ? 'visible' : 'pending';
      await this.social.insertComment(trx, {
        id,
        work_id: work.id,
        author_id: userId,
        parent_id: input.parentId ?? null,
        text: input.text,
        status,
        created_at: now,
      });
      if (status === 'visible') await this.social.countComments(trx, work.id, 1);
      return status;
    });
    const author = await this.social.profile(userId);
    return present(
      {
        id,
        work_id: work.id,
        author_id: userId,
        author_name: author?.display_name ?? '',
        parent_id: input.parentId ?? null,
        text: input.text,
        status,
        created_at: now,
      },
      userId,
      work.author_id,
      new Map(),
    );
  }

  async remove(userId: string, commentId: string): Promise<{ count: number }> {
    const comment = await this.social.comment(commentId);
    if (!comment || (comment.status !== 'visible' && comment.author_id !== userId)) {
      throw new AppError('NOT_FOUND', 'No such comment');
    }
    await requireVisibleWork(this.works, comment.work_id, userId);
    if (comment.author_id !== userId && comment.work_author_id !== userId) {
      throw new AppError('COMMENT_NOT_YOURS', 'Only its writer or the work’s author deletes a comment');
    }
    return inTransaction(this.deps.db, async (trx) => {
      const removed = await this.social.deleteComment(trx, commentId);
      await this.social.countComments(trx, comment.work_id, -removed.visible);
      return { count: removed.all };
    });
  }

  async list(
    userId: string,
    input: { workId: string; cursor?: string | undefined; limit: number },
  ): Promise<{ items: CommentThread[]; nextCursor: string | null }> {
    const work = await requireVisibleWork(this.works, input.workId, userId);
    const rows = await this.social.topComments(work.id, userId, input.limit + 1, cursorPosition(input.cursor));
    const page = toPage(rows, input.limit, (r) => ({ sortAt: r.created_at, id: r.id }));
    const replies = await this.social.replies(
      work.id,
      userId,
      page.rows.map((r) => r.id),
      REPLIES_SHOWN_MAX,
    );
    const reasons = await reviewReasonsFor(
      this.deps.db,
      'comment',
      userId,
      [...page.rows, ...replies].map((r) => ({ id: r.id, status: r.status, ownerId: r.author_id })),
    );
    const items = page.rows.map((row) => {
      const own = replies.filter((r) => r.parent_id === row.id);
      return {
        ...present(row, userId, work.author_id, reasons),
        replies: own.map((r) => present(r, userId, work.author_id, reasons)),
        replyCount: Number(own[0]?.reply_count ?? 0),
      };
    });
    return { items, nextCursor: page.nextCursor };
  }
}
