/**
 * What a family does together around the photos (issue 14, "Together"): likes and comments on photos, the
 * home's activity feed (动态) with each member's "seen up to" mark for its unread badge, and WeChat
 * subscribe-message credits.
 *
 * - photo_likes / photo_comments hang off their photo with ON DELETE CASCADE: when a purge (a member's,
 *   trash expiry's, a deleted home's) finally removes the photo row, its likes and comments go with it, on
 *   both databases, whichever code path deleted the row.
 * - activities: one row per run of things one member did (an upload batch, likes, comments, a milestone, a
 *   join), updated in place while the run goes on (services/activity.ts). photo_ids is a JSON array of the
 *   newest photo ids the entry shows (at most ACTIVITY_PHOTOS_SHOWN); photos purged since drop out when the
 *   feed is read. ref_id is the newest comment of a comment entry, so deleting it can take its words out.
 *   child_id names a child of migration 0005's `children` without a foreign key: this migration does not
 *   depend on that one.
 * - home_members.feed_seen_at: when the member last opened the feed (null: never, and then their joining
 *   counts as the mark). A column of the membership, so it goes when they leave.
 * - notify_subscriptions: per member of a home, the one-time subscribe-message grants left and when the
 *   last message went; keyed by the membership (cascade), so leaving or a deleted home drops it.
 *
 * Indexes, each for a query it serves (the repositories name them): the feed's keyset and unread count
 * (activities_feed, actor_id last so the count never reads the table), the grouping lookup of a member's
 * newest entry of a kind (activities_actor), a deleted account's like entries (activities_by_actor), a
 * photo's likers newest first (photo_likes_photo; the primary key answers "liked by me" and the count), a
 * deleted account's likes (photo_likes_user), a photo's comments oldest first (photo_comments_photo), one
 * member's comments in a run (photo_comments_author).
 *
 * Frozen: never edit a migration that has shipped; add a new one.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('photo_likes')
    .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('photo_likes_pk', ['photo_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('photo_likes_photo')
    .on('photo_likes')
    .columns(['photo_id', 'created_at desc', 'user_id desc'])
    .execute();
  await db.schema.createIndex('photo_likes_user').on('photo_likes').column('user_id').execute();

  await db.schema
    .createTable('photo_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('photo_comments_photo')
    .on('photo_comments')
    .columns(['photo_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('photo_comments_author')
    .on('photo_comments')
    .columns(['home_id', 'author_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('photo_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('text', 'text')
    .addColumn('child_id', 'text')
    .addColumn('ref_id', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('activities_feed')
    .on('activities')
    .columns(['home_id', 'last_at desc', 'id desc', 'actor_id'])
    .execute();
  await db.schema
    .createIndex('activities_actor')
    .on('activities')
    .columns(['home_id', 'actor_id', 'kind', 'last_at desc'])
    .execute();
  await db.schema.createIndex('activities_by_actor').on('activities').columns(['actor_id', 'kind']).execute();

  await db.schema.alterTable('home_members').addColumn('feed_seen_at', 'text').execute();

  await db.schema
    .createTable('notify_subscriptions')
    .addColumn('home_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('credits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_sent_at', 'text')
    .addPrimaryKeyConstraint('notify_subscriptions_pk', ['home_id', 'user_id'])
    .addForeignKeyConstraint(
      'notify_subscriptions_member',
      ['home_id', 'user_id'],
      'home_members',
      ['home_id', 'user_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notify_subscriptions').execute();
  await db.schema.alterTable('home_members').dropColumn('feed_seen_at').execute();
  await db.schema.dropTable('activities').execute();
  await db.schema.dropTable('photo_comments').execute();
  await db.schema.dropTable('photo_likes').execute();
}
