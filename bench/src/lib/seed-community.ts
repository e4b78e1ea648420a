/**
 * 维扣图元 on top of seed.ts's photos: `works` works, one live photo of the family home each (its uploader the
 * author; wrapping round when there are fewer live photos than works), published over the last 60 days, and
 * `likes` likes from `likers` accounts, skewed so a few works are popular and most have a handful. Counters,
 * vote_weight and hot_key are what WorkLikesService would have left (each like weighing 1), in bulk inserts.
 * With `quietAuthors`, that many more accounts each author one of the oldest works (published 60 days ago,
 * nothing since) and the family home's owner follows all of them: the following feed's hard case.
 */
import path from 'node:path';
import { createDb, type Db } from '../../../apps/api/src/db/index.js';
import { newId } from '../../../apps/api/src/integrations/ids.js';
import { hotKey } from '../../../apps/api/src/services/community/hot.js';
import type { Seeded } from '../seed.js';

const ROWS_PER_INSERT = 400;
const DAY = 24 * 3600 * 1000;

async function insertAll(
  db: Db,
  table: 'users' | 'works' | 'work_photos' | 'work_likes' | 'follows',
  rows: readonly object[],
) {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto(table)
        .values(rows.slice(i, i + ROWS_PER_INSERT) as never)
        .execute();
    }
  });
}

export interface CommunitySeed {
  works: number;
  likes: number;
  likers: number;
  quietAuthors: number;
}

export async function seedCommunity(
  seeded: Seeded,
  counts: { works: number; likes: number; likers: number; quietAuthors?: number },
): Promise<CommunitySeed> {
  const db = createDb({ kind: 'sqlite', file: path.join(seeded.dataDir, 'xiaojia.db') });
  try {
    const photos = await db
      .selectFrom('photos')
      .select(['id', 'uploader_id', 'width', 'height'])
      .where('home_id', '=', seeded.home.id)
      .where('deleted_at', 'is', null)
      .execute();
    const now = Date.now();
    const created = new Date(now - 90 * DAY).toISOString();
    const likers = Array.from({ length: counts.likers }, (_, i) => ({
      id: newId(),
      username: `liker${i}`,
      display_name: `摄影爱好者${i}`,
      password_hash: null,
      wechat_openid: null,
      created_at: created,
      updated_at: created,
    }));
    const quiet = Array.from({ length: counts.quietAuthors ?? 0 }, (_, i) => ({
      id: newId(),
      username: `quiet${i}`,
      display_name: `偶尔发图${i}`,
      password_hash: null,
      wechat_openid: null,
      created_at: created,
      updated_at: created,
    }));
    await insertAll(db, 'users', [...likers, ...quiet]);
    await insertAll(
      db,
      'follows',
      quiet.map((q) => ({ follower_id: seeded.main.id, followee_id: q.id, created_at: created })),
    );

    const published = Array.from({ length: counts.works }, (_, i) => now - 60 * DAY + (i * 60 * DAY) / counts.works);
    // Skewed: a like lands on work floor(n * u^2) of a random order, so low indices gather many.
    const order = published.map((_, i) => i).sort(() => Math.random() - 0.5);
    const likesOf = new Map<number, Set<number>>();
    let likes = 0;
    while (likes < counts.likes) {
      const u = Math.random();
      const work = order[Math.floor(counts.works * u * u)] as number;
      const set = likesOf.get(work) ?? new Set<number>();
      likesOf.set(work, set);
      const before = set.size;
      if (before >= counts.likers) continue;
      set.add(Math.floor(Math.random() * counts.likers));
      if (set.size > before) likes++;
    }

    const works = [];
    const images = [];
    const likeRows = [];
    for (let i = 0; i < counts.works; i++) {
      const photo = photos[i % photos.length];
      if (!photo) throw new Error('no live photos to publish');
      const at = new Date(published[i] as number).toISOString();
      const id = newId(published[i]);
      const likedBy = likesOf.get(i) ?? new Set<number>();
      works.push({
        id,
        // The oldest works are the quiet authors' (one each), every later one the home's.
        author_id: quiet[i]?.id ?? photo.uploader_id,
        title: `作品 ${i}`,
        description: '',
        status: 'published',
        review_reason: null,
        exif: null,
        place: null,
        like_count: likedBy.size,
        comment_count: 0,
        vote_weight: likedBy.size,
        hot_key: hotKey(likedBy.size, at),
        created_at: at,
        updated_at: at,
        published_at: at,
      });
      images.push({
        id: newId(published[i]),
        work_id: id,
        photo_id: photo.id,
        position: 0,
        width: photo.width,
        height: photo.height,
        // A published work's snapshot as publishing records it (migration 0015; no object is read here).
        snapshot_key: `w/${id}.jpg`,
        snapshot_binding_id: null,
      });
      for (const liker of likedBy) {
        likeRows.push({ work_id: id, user_id: (likers[liker] as { id: string }).id, weight: 1, created_at: at });
      }
    }
    await insertAll(db, 'works', works);
    await insertAll(db, 'work_photos', images);
    await insertAll(db, 'work_likes', likeRows);
    return { works: works.length, likes: likeRows.length, likers: likers.length, quietAuthors: quiet.length };
  } finally {
    await db.destroy();
  }
}
