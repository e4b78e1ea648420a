/**
 * 维扣图元, the photography community (issue 17): every table both halves build on, in one migration so they
 * share one schema. Nothing here points from a home to the community: a work points at the photos it
 * shows (work_photos.photo_id, so the uploader check and a purge reach it), never the other way, and no
 * community answer reads a home's tables beyond that one join.
 *
 * - community_profiles: a user's public face (bio) and counters kept by the services, so a profile is one
 *   row read. Rows appear on first use.
 * - community_admins / community_suspensions: admins are made with the CLI; a suspension (until null:
 *   indefinite) stops publishing, commenting, liking, following and messaging.
 * - works: status (shared WORK_STATUSES), the author's chosen EXIF (JSON) and place (null unless chosen),
 *   counters, vote_weight (likes weighted against voting rings) and hot_key, the hot ranking's order key,
 *   kept up to date on each vote so the hot feed is an index scan (works_hot), like the latest (works_latest).
 * - work_photos: a work's images in order, with their own ids (the only ids the community sees). ON DELETE
 *   CASCADE from photos: a purged photo leaves every work at once.
 * - work_tags: (tag, published_at, work_id) for the by-tag feed's keyset.
 * - work_likes (with the weight the like was given), work_comments (one level of replies: parent_id),
 *   follows, blocks, reports (one per reporter and target), moderation_items (the review queue and the
 *   content checks: WeChat's async media check answers by trace id).
 * - conversations between two users (user_low < user_high), requested or active; conversation_reads for the
 *   unread counts; messages.
 * - challenges (摄影挑战) with their windows, challenge_entries (votes counted, rank when results are out),
 *   challenge_votes (one per work per voter).
 *
 * Times are ISO text as everywhere; booleans are integers 0/1 (both databases).
 * Frozen: never edit a migration that has shipped; add a new one.
 */
import type { Kysely } from 'kysely';

const user = 'users.id';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('community_profiles')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references(user).onDelete('cascade'))
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('works_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('followers_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('following_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('likes_received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('community_admins')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references(user).onDelete('cascade'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('community_suspensions')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references(user).onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('until', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('works')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_reason', 'text')
    .addColumn('exif', 'text')
    .addColumn('place', 'text')
    .addColumn('like_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('vote_weight', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('hot_key', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('works_latest').on('works').columns(['status', 'published_at desc', 'id desc']).execute();
  await db.schema.createIndex('works_hot').on('works').columns(['status', 'hot_key desc', 'id desc']).execute();
  await db.schema
    .createIndex('works_author')
    .on('works')
    .columns(['author_id', 'status', 'published_at desc', 'id desc'])
    .execute();

  await db.schema
    .createTable('work_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_id', 'text', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addUniqueConstraint('work_photos_order', ['work_id', 'position'])
    .execute();
  await db.schema.createIndex('work_photos_photo').on('work_photos').column('photo_id').execute();

  await db.schema
    .createTable('work_tags')
    .addColumn('work_id', 'text', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_tags_pk', ['work_id', 'tag'])
    .execute();
  await db.schema
    .createIndex('work_tags_feed')
    .on('work_tags')
    .columns(['tag', 'published_at desc', 'work_id desc'])
    .execute();

  await db.schema
    .createTable('work_likes')
    .addColumn('work_id', 'text', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('weight', 'real', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_likes_pk', ['work_id', 'user_id'])
    .execute();
  await db.schema.createIndex('work_likes_user').on('work_likes').columns(['user_id', 'created_at desc']).execute();

  await db.schema
    .createTable('work_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_id', 'text', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('work_comments.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('work_comments_work')
    .on('work_comments')
    .columns(['work_id', 'parent_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('work_comments_author')
    .on('work_comments')
    .columns(['author_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('follows')
    .addColumn('follower_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('followee_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('follows_pk', ['follower_id', 'followee_id'])
    .execute();
  await db.schema
    .createIndex('follows_followee')
    .on('follows')
    .columns(['followee_id', 'created_at desc', 'follower_id desc'])
    .execute();
  await db.schema
    .createIndex('follows_follower')
    .on('follows')
    .columns(['follower_id', 'created_at desc', 'followee_id desc'])
    .execute();

  await db.schema
    .createTable('blocks')
    .addColumn('blocker_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('blocked_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blocks_pk', ['blocker_id', 'blocked_id'])
    .execute();
  await db.schema.createIndex('blocks_blocked').on('blocks').column('blocked_id').execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reporter_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolution', 'text')
    .addUniqueConstraint('reports_once', ['reporter_id', 'target_kind', 'target_id'])
    .execute();
  await db.schema.createIndex('reports_queue').on('reports').columns(['status', 'created_at', 'id']).execute();
  await db.schema.createIndex('reports_target').on('reports').columns(['target_kind', 'target_id']).execute();

  await db.schema
    .createTable('moderation_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('check_status', 'text', (c) => c.notNull())
    .addColumn('check_trace_id', 'text', (c) => c.unique())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('moderation_queue')
    .on('moderation_items')
    .columns(['status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('moderation_target')
    .on('moderation_items')
    .columns(['target_kind', 'target_id'])
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_low', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('user_high', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_message_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('conversations_pair', ['user_low', 'user_high'])
    .execute();
  await db.schema
    .createIndex('conversations_low')
    .on('conversations')
    .columns(['user_low', 'last_message_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('conversations_high')
    .on('conversations')
    .columns(['user_high', 'last_message_at desc', 'id desc'])
    .execute();
  await db.schema
    .createTable('conversation_reads')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('last_read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_reads_pk', ['conversation_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('sender_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('messages_conversation')
    .on('messages')
    .columns(['conversation_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('cover_work_id', 'text', (c) => c.references('works.id').onDelete('set null'))
    .addColumn('submit_starts_at', 'text', (c) => c.notNull())
    .addColumn('submit_ends_at', 'text', (c) => c.notNull())
    .addColumn('vote_ends_at', 'text', (c) => c.notNull())
    .addColumn('entries_per_user', 'integer', (c) => c.notNull())
    .addColumn('results_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('challenges_by_start')
    .on('challenges')
    .columns(['submit_starts_at desc', 'id desc'])
    .execute();
  await db.schema
    .createTable('challenge_entries')
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
    .addColumn('work_id', 'text', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rank', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('challenge_entries_pk', ['challenge_id', 'work_id'])
    .execute();
  await db.schema
    .createIndex('challenge_entries_votes')
    .on('challenge_entries')
    .columns(['challenge_id', 'votes desc', 'work_id'])
    .execute();
  await db.schema
    .createIndex('challenge_entries_user')
    .on('challenge_entries')
    .columns(['challenge_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('challenge_votes')
    .addColumn('challenge_id', 'text', (c) => c.notNull())
    .addColumn('work_id', 'text', (c) => c.notNull())
    .addColumn('voter_id', 'text', (c) => c.notNull().references(user).onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('challenge_votes_pk', ['challenge_id', 'work_id', 'voter_id'])
    .addForeignKeyConstraint(
      'challenge_votes_entry',
      ['challenge_id', 'work_id'],
      'challenge_entries',
      ['challenge_id', 'work_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'challenge_votes',
    'challenge_entries',
    'challenges',
    'messages',
    'conversation_reads',
    'conversations',
    'moderation_items',
    'reports',
    'blocks',
    'follows',
    'work_comments',
    'work_likes',
    'work_tags',
    'work_photos',
    'works',
    'community_suspensions',
    'community_admins',
    'community_profiles',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
