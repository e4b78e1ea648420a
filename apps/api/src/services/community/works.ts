/**
 * Works (作品): publishing a home's photos to the community, editing, unpublishing, a work's page and its
 * share card. Only the uploader of a photo publishes it (a viewer of the home never can: WORK_NOT_YOURS);
 * every new or edited work passes the ContentGate (suspensions refused, queued for review, hidden until
 * approved under pre-review). A work that is not published exists only for its author: anyone else gets
 * NOT_FOUND, as for an id that never was.
 */
import type { ShareCard, Work as WorkDto, WorkExif, zPublishWorkInput, zUpdateWorkInput } from '@xiaojia/shared';
import type { z } from 'zod';
import { type Db, inTransaction } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { newId } from '../../integrations/ids.js';
import { SocialRepository } from '../../repositories/community/social.js';
import { type PublishablePhoto, type Work, WorksRepository } from '../../repositories/community/works.js';
import type { AppDeps } from '../../trpc/context.js';
import { type HomeMember, roleCan } from '../home-access.js';
import { ContentGate } from './gate.js';
import { hotKey } from './hot.js';
import { WorkImages } from './images.js';
import { takeCommunityRate } from './limits.js';
import { WorkSnapshots } from './snapshots.js';

type Facts = Pick<z.output<typeof zPublishWorkInput>, 'title' | 'description' | 'tags' | 'showExif' | 'exif' | 'place'>;

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'No such work');
}

/** The work as `viewerId` may see it: published or their own, no block with its author; NOT_FOUND otherwise. */
export async function requireVisibleWork(works: WorksRepository, workId: string, viewerId: string): Promise<Work> {
  const work = await works.visibleTo(workId, viewerId);
  if (!work) throw notFound();
  return work;
}

/** A published work (likes, comments, shares need one; the author's pending work is not there yet). */
export async function requirePublishedWork(works: WorksRepository, workId: string): Promise<Work> {
  const work = await works.byId(workId);
  if (!work || work.status !== 'published') throw notFound();
  return work;
}

/**
 * A pending work becomes published at `at` (an admin approving it: the moderation half calls this inside
 * its decision's transaction): its publication time, hot_key, by-tag position and the author's works_count
 * follow. A work published before (and edited since) keeps its original time.
 */
export async function markWorkPublished(db: Db, workId: string, at: string): Promise<void> {
  const works = new WorksRepository(db);
  const work = await works.byId(workId, db);
  if (!work) return;
  const publishedAt = work.published_at ?? at;
  await works.update(db, workId, {
    status: 'published',
    review_reason: null,
    published_at: publishedAt,
    hot_key: hotKey(Number(work.vote_weight), publishedAt),
    updated_at: at,
  });
  const tags = await works.tags(workId, db);
  await works.replaceTags(db, workId, tags, publishedAt);
  await works.recountAuthor(db, work.author_id, at);
}

/**
 * A deleted account's works leave the community (status 'unpublished', the profile's count with them) and
 * their snapshots are retired, in the deletion's transaction `db`; returns the objects to delete after.
 */
export async function withdrawAuthor(deps: AppDeps, db: Db, authorId: string, at: string): Promise<string[]> {
  await db
    .updateTable('works')
    .set({ status: 'unpublished', updated_at: at })
    .where('author_id', '=', authorId)
    .where('status', '!=', 'unpublished')
    .execute();
  await new WorksRepository(db).recountAuthor(db, authorId, at);
  return new WorkSnapshots(deps).retireAuthor(db, authorId);
}

function storedExif(facts: Facts): string | null {
  return facts.showExif && facts.exif && Object.keys(facts.exif).length > 0 ? JSON.stringify(facts.exif) : null;
}

export class WorksService {
  private readonly works: WorksRepository;
  private readonly gate: ContentGate;

  constructor(private readonly deps: AppDeps) {
    this.works = new WorksRepository(deps.db);
    this.gate = new ContentGate(deps);
  }

  async publish(member: HomeMember, input: z.output<typeof zPublishWorkInput>, origin: string): Promise<WorkDto> {
    await this.gate.assertCanAct(member.userId);
    if (!roleCan(member, 'contribute')) {
      throw new AppError('WORK_NOT_YOURS', 'A viewer of this home cannot publish its photos');
    }
    await takeCommunityRate(this.deps, 'work', member.userId);
    const photos = new Map((await this.works.photosOfHome(member.homeId, input.photoIds)).map((p) => [p.id, p]));
    for (const id of input.photoIds) {
      const photo = photos.get(id);
      if (!photo || photo.deleted_at !== null || photo.purge_requested_at !== null) {
        throw new AppError('NOT_FOUND', 'No such photo', { photoId: id });
      }
      if (photo.uploader_id !== member.userId) {
        throw new AppError('WORK_NOT_YOURS', 'Only the photo’s uploader can publish it', { photoId: id });
      }
      if (!photo.mime.startsWith('image/')) {
        throw new AppError('UPLOAD_UNSUPPORTED_TYPE', 'Videos cannot be published yet', { photoId: id });
      }
    }
    // The community's copies first, outside the transaction (storage calls): a failure here throws a clear
    // error with nothing written; a failure after deletes them again (snapshots.ts).
    const ordered = input.photoIds.map((photoId) => photos.get(photoId) as PublishablePhoto);
    const snapshots = new WorkSnapshots(this.deps);
    const made = await snapshots.make(ordered, origin);
    const now = this.deps.clock.now().toISOString();
    const id = newId();
    try {
      await inTransaction(this.deps.db, async (trx) => {
        const admission = await this.gate.admit(
          { kind: 'work', id, authorId: member.userId, texts: [input.title, input.description, ...input.tags] },
          trx,
        );
        const visible = admission === 'visible';
        const work: Work = {
          id,
          author_id: member.userId,
          title: input.title,
          description: input.description,
          status: visible ? 'published' : 'pending',
          review_reason: null,
          exif: storedExif(input),
          place: input.place || null,
          like_count: 0,
          comment_count: 0,
          vote_weight: 0,
          hot_key: hotKey(0, now),
          created_at: now,
          updated_at: now,
          published_at: visible ? now : null,
        };
        const images = ordered.map((photo, position) => ({
          id: newId(),
          work_id: id,
          photo_id: photo.id,
          position,
          width: photo.width,
          height: photo.height,
          snapshot_key: made[position]?.key ?? null,
          snapshot_binding_id: made[position]?.bindingId ?? null,
        }));
        await this.works.insert(trx, work, images, input.tags);
        await this.works.recountAuthor(trx, member.userId, now);
        await snapshots.keep(trx, made);
      });
    } catch (error) {
      await snapshots.abandon(made, origin);
      throw error;
    }
    return this.get(member.userId, id, origin);
  }

  /** The author edits the facts; the work goes back through review (an admin's refusal stands until one approves). */
  async update(userId: string, input: z.output<typeof zUpdateWorkInput>, origin: string): Promise<WorkDto> {
    await this.gate.assertCanAct(userId);
    const work = await this.requireOwn(userId, input.workId);
    if (work.status === 'unpublished') throw notFound();
    await takeCommunityRate(this.deps, 'work', userId);
    const now = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.db, async (trx) => {
      const admission = await this.gate.admit(
        { kind: 'work', id: work.id, authorId: userId, texts: [input.title, input.description, ...input.tags] },
        trx,
      );
      const refused = work.status === 'rejected' || work.status === 'hidden';
      const status = admission === 'visible' && !refused ? 'published' : 'pending';
      const publishedAt = status === 'published' ? (work.published_at ?? now) : work.published_at;
      await this.works.update(trx, work.id, {
        title: input.title,
        description: input.description,
        exif: storedExif(input),
        place: input.place || null,
        status,
        updated_at: now,
        published_at: publishedAt,
        hot_key: hotKey(work.vote_weight, publishedAt ?? now),
      });
      await this.works.replaceTags(trx, work.id, input.tags, publishedAt ?? work.created_at);
      await this.works.recountAuthor(trx, userId, now);
    });
    return this.get(userId, work.id, origin);
  }

  /**
   * Gone from every feed, tag, profile and page at once (they all read status 'published'), and its
   * snapshots from the bucket: deleted right after, or by the sweep when the storage fails (never a failed
   * unpublish for the storage's sake).
   */
  async unpublish(userId: string, workId: string, origin: string): Promise<{ ok: true }> {
    const work = await this.requireOwn(userId, workId);
    const now = this.deps.clock.now().toISOString();
    const snapshots = new WorkSnapshots(this.deps);
    const retired = await inTransaction(this.deps.db, async (trx) => {
      await this.works.update(trx, work.id, { status: 'unpublished', updated_at: now });
      await this.works.recountAuthor(trx, userId, now);
      return snapshots.retireWorks(trx, [work.id]);
    });
    await snapshots.deleteQueued(origin, retired);
    return { ok: true };
  }

  /** A work's page: previews, author, counts, tags, EXIF and place if shown; the reason only to the author. */
  async get(viewerId: string, workId: string, origin: string): Promise<WorkDto> {
    const work = await requireVisibleWork(this.works, workId, viewerId);
    const isMine = work.author_id === viewerId;
    const [images, tags, liked, author] = await Promise.all([
      WorkImages.load(this.deps, origin, [work.id]),
      this.works.tags(work.id),
      this.works.likedBy(viewerId, [work.id]),
      new SocialRepository(this.deps.db).profile(work.author_id),
    ]);
    if (!isMine && images.count(work.id) === 0) throw notFound();
    return {
      id: work.id,
      title: work.title,
      description: work.description,
      tags,
      exif: work.exif ? (JSON.parse(work.exif) as WorkExif) : null,
      place: work.place,
      status: work.status,
      reviewReason: isMine ? work.review_reason : null,
      author: {
        userId: work.author_id,
        displayName: author?.display_name ?? '',
        worksCount: Number(author?.works_count ?? 0),
        followersCount: Number(author?.followers_count ?? 0),
      },
      images: images.images(work.id, 'preview'),
      likeCount: Number(work.like_count),
      commentCount: Number(work.comment_count),
      likedByMe: liked.has(work.id),
      isMine,
      publishedAt: work.published_at,
      createdAt: work.created_at,
    };
  }

  /** What a WeChat share needs: the title, the first image (rounded-window URL), the mini-program path. */
  async shareCard(viewerId: string, workId: string, origin: string): Promise<ShareCard> {
    const work = await requireVisibleWork(this.works, workId, viewerId);
    if (work.status !== 'published') throw notFound();
    const images = await WorkImages.load(this.deps, origin, [work.id]);
    const image = images.first(work.id, 'preview');
    if (!image) throw notFound();
    return { title: work.title, imageUrl: image.url, path: `pages/work/index?id=${work.id}` };
  }

  /** The caller's own work; another's answers NOT_FOUND if they may not see it, WORK_NOT_YOURS if they may. */
  private async requireOwn(userId: string, workId: string): Promise<Work> {
    const work = await requireVisibleWork(this.works, workId, userId);
    if (work.author_id !== userId) throw new AppError('WORK_NOT_YOURS', 'This work is someone else’s');
    return work;
  }
}
