/**
 * works, work_photos, work_tags: a work's rows and the feeds over them. A work reads a home's tables in one
 * place only: the photos it shows (to check the uploader at publish, and to sign its images' URLs), and
 * never hands a home's id, a photo's id or a key to the services beyond what the URL signer needs.
 *
 * Feeds are keyset pages on their own indexes: works_latest, works_hot (hot_key, kept current on each
 * vote), work_tags_feed, works_author; a work whose images are all trashed or purged is left out (the
 * EXISTS below is one probe of work_photos_order per row).
 */
import { type Expression, type ExpressionBuilder, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database, Photo, WorkPhotosTable, WorksTable } from '../../db/schema.js';
import { pastKeyset } from '../keyset.js';
import type { Keyset } from '../photo-scope.js';
import { notBlocked, outsideBlocksOf } from './blocks.js';

export type Work = Selectable<WorksTable>;

/** A photo of the caller's home as publishing needs it (its object too: the snapshot is made from it). */
export type PublishablePhoto = Pick<
  Photo,
  | 'id'
  | 'home_id'
  | 'uploader_id'
  | 'mime'
  | 'width'
  | 'height'
  | 'deleted_at'
  | 'purge_requested_at'
  | 'binding_id'
  | 'object_key'
  | 'derivatives'
>;

/**
 * An image of a work with what signing its URL needs: its snapshot (w/<id>.jpg, services/community/
 * snapshots.ts) and the bucket it is in; never the photo's id, home or key.
 */
export interface ImageRow {
  id: string;
  work_id: string;
  position: number;
  width: number | null;
  height: number | null;
  snapshot_key: string;
  snapshot_binding_id: string | null;
}

export interface CardRow {
  id: string;
  title: string;
  author_id: string;
  author_name: string;
  like_count: number;
  comment_count: number;
  published_at: string;
  hot_key: number;
}

/** One of the author's own works in any state (works.mine). */
export interface MyCardRow extends CardRow {
  status: Work['status'];
  review_reason: string | null;
  created_at: string;
}

export type FeedOrder = 'latest' | 'hot';
export interface HotKeyset {
  sortAt: number;
  id: string;
}

/**
 * The work whose id is `workId` (a works id column, whatever its alias) still shows at least one live
 * photo, with its snapshot made: one probe of work_photos_order per row.
 */
function hasLiveImage<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, workId: Expression<string>) {
  const e = eb as unknown as ExpressionBuilder<Database, never>;
  return e.exists(
    e
      .selectFrom('work_photos')
      .innerJoin('photos', 'photos.id', 'work_photos.photo_id')
      .select(sql.lit(1).as('one'))
      .where('work_photos.work_id', '=', workId)
      .where('work_photos.snapshot_key', 'is not', null)
      .where('photos.deleted_at', 'is', null)
      .where('photos.purge_requested_at', 'is', null),
  );
}

/** A card's columns of works joined with its author's users row (published_at beside, never null). */
const CARD_COLUMNS = [
  'works.id',
  'works.title',
  'works.author_id',
  'users.display_name as author_name',
  'works.like_count',
  'works.comment_count',
  'works.hot_key',
] as const;

export class WorksRepository {
  constructor(private readonly db: Db) {}

  /** Photos of `homeId` among `ids` (another home's ids are simply absent). */
  photosOfHome(homeId: string, ids: readonly string[]): Promise<PublishablePhoto[]> {
    return this.db
      .selectFrom('photos')
      .select([
        'id',
        'home_id',
        'uploader_id',
        'mime',
        'width',
        'height',
        'deleted_at',
        'purge_requested_at',
        'binding_id',
        'object_key',
        'derivatives',
      ])
      .where('home_id', '=', homeId)
      .where('id', 'in', [...ids])
      .execute();
  }

  async insert(db: Db, work: Work, images: readonly WorkPhotosTable[], tags: readonly string[]): Promise<void> {
    await db.insertInto('works').values(work).execute();
    await db
      .insertInto('work_photos')
      .values([...images])
      .execute();
    await this.replaceTags(db, work.id, tags, work.published_at ?? work.created_at);
  }

  /** The work's tags become `tags`, each placed in the by-tag feed at `at`. */
  async replaceTags(db: Db, workId: string, tags: readonly string[], at: string): Promise<void> {
    await db.deleteFrom('work_tags').where('work_id', '=', workId).execute();
    if (tags.length > 0) {
      await db
        .insertInto('work_tags')
        .values(tags.map((tag) => ({ work_id: workId, tag, published_at: at })))
        .execute();
    }
  }

  byId(id: string, db: Db = this.db): Promise<Work | undefined> {
    return db.selectFrom('works').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async tags(workId: string, db: Db = this.db): Promise<string[]> {
    const rows = await db.selectFrom('work_tags').select('tag').where('work_id', '=', workId).orderBy('tag').execute();
    return rows.map((r) => r.tag);
  }

  update(db: Db, id: string, values: Partial<Work>): Promise<unknown> {
    return db.updateTable('works').set(values).where('id', '=', id).execute();
  }

  /**
   * The author's works_count is what their profile lists: works published and still showing. Recounted
   * (works_author index, bounded by one author's works) whenever a work's status changes, so every path
   * that changes it (publish, unpublish, an admin's decision) keeps it right by calling this.
   */
  async recountAuthor(db: Db, authorId: string, now: string): Promise<void> {
    await ensureProfile(db, authorId, now);
    await db
      .updateTable('community_profiles')
      .set((eb) => ({
        works_count: eb
          .selectFrom('works')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('works.author_id', '=', authorId)
          .where('works.status', '=', 'published'),
      }))
      .where('user_id', '=', authorId)
      .execute();
  }

  /**
   * Live images of these works in order, with their snapshots (one query for a page). An image whose
   * snapshot is not made yet (a work from before migration 0015, until the sweep makes it) is left out.
   */
  async images(workIds: readonly string[]): Promise<ImageRow[]> {
    if (workIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('work_photos')
      .innerJoin('photos', 'photos.id', 'work_photos.photo_id')
      .select([
        'work_photos.id',
        'work_photos.work_id',
        'work_photos.position',
        'work_photos.width',
        'work_photos.height',
        'work_photos.snapshot_key',
        'work_photos.snapshot_binding_id',
      ])
      .where('work_photos.work_id', 'in', [...workIds])
      .where('work_photos.snapshot_key', 'is not', null)
      .where('photos.deleted_at', 'is', null)
      .where('photos.purge_requested_at', 'is', null)
      .orderBy('work_photos.work_id')
      .orderBy('work_photos.position')
      .execute();
    return rows as ImageRow[];
  }

  /** Which of these works `userId` liked. */
  async likedBy(userId: string, workIds: readonly string[]): Promise<Set<string>> {
    if (workIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('work_likes')
      .select('work_id')
      .where('user_id', '=', userId)
      .where('work_id', 'in', [...workIds])
      .execute();
    return new Set(rows.map((r) => r.work_id));
  }

  private cardColumns() {
    return this.db
      .selectFrom('works')
      .innerJoin('users', 'users.id', 'works.author_id')
      .select(CARD_COLUMNS)
      .select((eb) => eb.fn.coalesce('works.published_at', sql.lit('')).as('published_at'));
  }

  /** Published works still showing an image, by authors not blocked with `viewerId` either way. */
  private cards(viewerId: string) {
    return this.cardColumns()
      .where('works.status', '=', 'published')
      .where((eb) => hasLiveImage(eb, eb.ref('works.id')))
      .where((eb) => notBlocked(eb, eb.val(viewerId), eb.ref('works.author_id')));
  }

  /**
   * The work if `viewerId` may open it: published or their own, and no block between them and its
   * author (anything else is NOT_FOUND to the services, as for an id that never was).
   */
  visibleTo(workId: string, viewerId: string): Promise<Work | undefined> {
    return this.db
      .selectFrom('works')
      .selectAll()
      .where('id', '=', workId)
      .where((eb) => eb.or([eb('status', '=', 'published'), eb('author_id', '=', viewerId)]))
      .where((eb) => notBlocked(eb, eb.val(viewerId), eb.ref('works.author_id')))
      .executeTakeFirst();
  }

  /** Every work of `authorId`'s whatever its state, newest made first (works_author's prefix, one author's works). */
  mine(authorId: string, limit: number, after?: Keyset): Promise<MyCardRow[]> {
    let q = this.cardColumns()
      .select(['works.status', 'works.review_reason', 'works.created_at'])
      .where('works.author_id', '=', authorId);
    if (after) q = q.where((eb) => pastKeyset(eb, { sort: 'works.created_at', id: 'works.id' }, after, 'desc'));
    return q.orderBy('works.created_at', 'desc').orderBy('works.id', 'desc').limit(limit).execute() as Promise<
      MyCardRow[]
    >;
  }

  /** Latest (works_latest) or hot (works_hot) published works past `after`. */
  feed(order: FeedOrder, viewerId: string, limit: number, after?: Keyset | HotKeyset): Promise<CardRow[]> {
    let q = this.cards(viewerId);
    const sort = order === 'hot' ? 'works.hot_key' : 'works.published_at';
    if (after) q = q.where((eb) => pastKeyset(eb, { sort, id: 'works.id' }, after, 'desc'));
    return q.orderBy(sort, 'desc').orderBy('works.id', 'desc').limit(limit).execute() as Promise<CardRow[]>;
  }

  /** One author's published works, newest first (works_author). */
  byAuthor(authorId: string, viewerId: string, limit: number, after?: Keyset): Promise<CardRow[]> {
    let q = this.cards(viewerId).where('works.author_id', '=', authorId);
    if (after) q = q.where((eb) => pastKeyset(eb, { sort: 'works.published_at', id: 'works.id' }, after, 'desc'));
    return q.orderBy('works.published_at', 'desc').orderBy('works.id', 'desc').limit(limit).execute() as Promise<
      CardRow[]
    >;
  }

  /**
   * Works of the people `followerId` follows, newest first, driven from follows so a page costs by how
   * many people one follows, not by how much the whole community published since a quiet followee's last
   * work (bench 18e). The conditions on a card are the other feeds' (cards): published, an image still
   * live, no block either way with the author; the image check is made on the page's candidates only (it
   * is most of a row's cost, and 200 followees would pay it 200 times a page): `followingCandidates` gives
   * the next `limit` published works in the feed's order whatever their images, and a round keeps those
   * still showing. Only works that no longer show make another round (bounded by them, as the other
   * feeds' index walks are).
   */
  async following(followerId: string, limit: number, after?: Keyset): Promise<CardRow[]> {
    const rows: CardRow[] = [];
    let position = after;
    for (;;) {
      const candidates = await this.followingCandidates(followerId, limit, position);
      const cards = await this.showingCards(candidates.map((c) => c.id));
      for (const { id } of candidates) {
        const card = cards.get(id);
        if (!card) continue;
        rows.push(card);
        if (rows.length === limit) return rows;
      }
      const last = candidates.at(-1);
      if (!last || candidates.length < limit) return rows;
      position = { sortAt: last.published_at, id: last.id };
    }
  }

  /**
   * The next `limit` published works of `followerId`'s followees past `after` (not blocked either way),
   * newest first, images unchecked, positions only, in one statement of two steps:
   * - heads: each followee's newest work past `after` (follows_pk, the follower's prefix; one row of
   *   works_author each), and the `limit` followees whose heads are newest. No other followee can have a
   *   work on the page: `limit` heads are newer than anything of theirs.
   * - those followees' newest `limit` past `after` (a seek of works_author each), merged by one sort of at
   *   most limit × limit narrow rows, instead of followees × limit.
   */
  private followingCandidates(
    followerId: string,
    limit: number,
    after?: Keyset,
  ): Promise<{ id: string; published_at: string }[]> {
    // Correlated by `followee`, a reference to the outer query's column.
    const newestOf = (followee: Expression<string>, n: number) => {
      let q = this.db
        .selectFrom('works as fw')
        .select('fw.id')
        .where('fw.author_id', '=', followee)
        .where('fw.status', '=', 'published');
      if (after) q = q.where((e) => pastKeyset(e, { sort: 'fw.published_at', id: 'fw.id' }, after, 'desc'));
      return q.orderBy('fw.published_at', 'desc').orderBy('fw.id', 'desc').limit(n);
    };
    return this.db
      .with('heads', (db) =>
        db
          .selectFrom('follows')
          .innerJoin('works as head', (join) =>
            join.on((eb) => eb('head.id', '=', newestOf(eb.ref('follows.followee_id'), 1))),
          )
          .select('follows.followee_id')
          .where('follows.follower_id', '=', followerId)
          .where((eb) => outsideBlocksOf(eb, followerId, eb.ref('follows.followee_id')))
          .orderBy('head.published_at', 'desc')
          .orderBy('head.id', 'desc')
          .limit(limit),
      )
      .selectFrom('heads')
      .innerJoin('works', (join) => join.on((eb) => eb('works.id', 'in', newestOf(eb.ref('heads.followee_id'), limit))))
      .select('works.id')
      .select((eb) => eb.fn.coalesce('works.published_at', sql.lit('')).as('published_at'))
      .orderBy('works.published_at', 'desc')
      .orderBy('works.id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Cards of those of these works that still show an image (hasLiveImage, one probe each), by id. */
  private async showingCards(workIds: readonly string[]): Promise<Map<string, CardRow>> {
    if (workIds.length === 0) return new Map();
    const rows = (await this.cardColumns()
      .where('works.id', 'in', [...workIds])
      .where((eb) => hasLiveImage(eb, eb.ref('works.id')))
      .execute()) as CardRow[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * The `limit` most used tags of the latest `recent` published works still showing an image, most used
   * first, then by tag: one walk of works_latest's first `recent` rows (a probe of work_photos each), their
   * tags by work_tags_pk, grouped. Bounded by `recent` whatever the community's size.
   */
  async popularTags(recent: number, limit: number): Promise<{ tag: string; works: number }[]> {
    const latest = this.db
      .selectFrom('works')
      .select('works.id')
      .where('works.status', '=', 'published')
      .where((eb) => hasLiveImage(eb, eb.ref('works.id')))
      .orderBy('works.published_at', 'desc')
      .orderBy('works.id', 'desc')
      .limit(recent);
    const rows = await this.db
      .selectFrom(latest.as('recent'))
      .innerJoin('work_tags', 'work_tags.work_id', 'recent.id')
      .select('work_tags.tag')
      .select((eb) => eb.fn.countAll<number>().as('works'))
      .groupBy('work_tags.tag')
      .orderBy('works', 'desc')
      .orderBy('work_tags.tag')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ tag: r.tag, works: Number(r.works) }));
  }

  /** Published works tagged `tag`, newest first (work_tags_feed). */
  byTag(tag: string, viewerId: string, limit: number, after?: Keyset): Promise<CardRow[]> {
    let q = this.cards(viewerId)
      .innerJoin('work_tags', 'work_tags.work_id', 'works.id')
      .where('work_tags.tag', '=', tag);
    if (after)
      q = q.where((eb) => pastKeyset(eb, { sort: 'work_tags.published_at', id: 'work_tags.work_id' }, after, 'desc'));
    return q
      .orderBy('work_tags.published_at', 'desc')
      .orderBy('work_tags.work_id', 'desc')
      .limit(limit)
      .execute() as Promise<CardRow[]>;
  }
}

/** A user's community_profiles row, made on first use. */
export async function ensureProfile(db: Db, userId: string, now: string): Promise<void> {
  await db
    .insertInto('community_profiles')
    .values({
      user_id: userId,
      bio: '',
      works_count: 0,
      followers_count: 0,
      following_count: 0,
      likes_received: 0,
      created_at: now,
    })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}
