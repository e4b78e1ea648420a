/**
 * Comments on photos, by every role (capability `view`), oldest first. A trashed or another home's photo
 * answers NOT_FOUND. The author deletes their own comment, the owner any (COMMENT_NOT_YOURS otherwise). A
 * deleted account's comments stay, their author shown as deleted (authorName null). Limited per user
 * (COMMENTS_PER_WINDOW), counted in the database so every instance shares the count.
 */
import {
  type Comment,
  type CommentPage,
  type Count,
  type ListCommentsInput,
  type zAddCommentInput,
  zListCommentsInput,
} from '@xiaojia/shared';
import type { z } from 'zod';
import type { PhotoComment } from '../db/schema.js';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { CommentsRepository } from '../repositories/comments.js';
import { PhotosRepository } from '../repositories/photos.js';
import { liveName, UsersRepository } from '../repositories/users.js';
import type { AppDeps } from '../trpc/context.js';
import { ActivityService } from './activity.js';
import { type HomeMember, roleCan } from './home-access.js';
import { cursorPosition, toPage } from './paging.js';
import { requirePhotoOnTimeline } from './photos.js';
import { RateLimiter } from './rate-limit.js';

/** Comments one person may write per window: a lively conversation, not a flood. */
export const COMMENTS_PER_WINDOW = 30;
export const COMMENT_WINDOW_MS = 10 * 60 * 1000;

export class CommentsService {
  private readonly comments: CommentsRepository;
  private readonly photos: PhotosRepository;

  constructor(private readonly deps: AppDeps) {
    this.comments = new CommentsRepository(deps.db);
    this.photos = new PhotosRepository(deps.db);
  }

  private dto(member: HomeMember, row: PhotoComment, authorName: string): Comment {
    return {
      id: row.id,
      photoId: row.photo_id,
      authorId: row.author_id,
      authorName: liveName(authorName),
      text: row.text,
      createdAt: row.created_at,
      canDelete: row.author_id === member.userId || roleCan(member, 'moderate'),
    };
  }

  async list(member: HomeMember, rawInput: ListCommentsInput): Promise<CommentPage> {
    const input = zListCommentsInput.parse(rawInput);
    await requirePhotoOnTimeline(this.photos, member.homeId, input.photoId);
    const rows = await this.comments.page(input.photoId, input.limit + 1, cursorPosition(input.cursor));
    const page = toPage(rows, input.limit, (r) => ({ sortAt: r.created_at, id: r.id }));
    return { items: page.rows.map((r) => this.dto(member, r, r.author_name)), nextCursor: page.nextCursor };
  }

  /** `input` as the router parsed it: the text trimmed, checked and its blank lines folded (zCommentText). */
  async add(member: HomeMember, input: z.output<typeof zAddCommentInput>): Promise<Comment> {
    await new RateLimiter(this.deps).take(
      `comment:${member.userId}`,
      { max: COMMENTS_PER_WINDOW, windowMs: COMMENT_WINDOW_MS },
      'Too many comments in a short time',
    );
    await requirePhotoOnTimeline(this.photos, member.homeId, input.photoId);
    const row: PhotoComment = {
      id: newId(),
      home_id: member.homeId,
      photo_id: input.photoId,
      author_id: member.userId,
      text: input.text,
      created_at: this.deps.clock.now().toISOString(),
    };
    await this.comments.insert(row);
    await new ActivityService(this.deps).record(member, {
      kind: 'comment',
      photoIds: [row.photo_id],
      text: row.text,
      refId: row.id,
    });
    const author = await new UsersRepository(this.deps.db).findById(member.userId);
    return this.dto(member, row, author?.display_name ?? '');
  }

  async delete(member: HomeMember, commentId: string): Promise<Count> {
    const comment = await this.comments.byId(member.homeId, commentId);
    if (!comment) throw new AppError('NOT_FOUND', 'No such comment');
    await requirePhotoOnTimeline(this.photos, member.homeId, comment.photo_id);
    if (comment.author_id !== member.userId && !roleCan(member, 'moderate')) {
      throw new AppError('COMMENT_NOT_YOURS', 'Only its author or the owner of the home can delete a comment', {
        role: member.role,
      });
    }
    const count = await this.comments.delete(member.homeId, commentId);
    if (count > 0) await new ActivityService(this.deps).commentDeleted(comment);
    return { count };
  }
}
