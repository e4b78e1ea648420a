/**
 * The family home's life together, on top of seed.ts's photos, in one chronological pass over its
 * timeline: its photos arrive in upload batches of 1–20 (the owner's, and the member's one in five), each
 * an upload entry of the feed as ActivityService leaves it (count, the newest ACTIVITY_PHOTOS_SHOWN ids);
 * then `comments` comments and `likes` likes fall on random batches, by the other one of the two (now and
 * then the uploader answering), each batch's likes and each author's comments on it one grouped entry.
 * The owner last looked at the feed a few dozen entries ago, so the badge has something to count.
 */
import path from 'node:path';
import { createDb, type Db } from '../../../apps/api/src/db/index.js';
import type { ActivitiesTable, PhotoCommentsTable, PhotoLikesTable } from '../../../apps/api/src/db/schema.js';
import { newId } from '../../../apps/api/src/integrations/ids.js';
import { openingWords } from '../../../apps/api/src/services/activity.js';
import { ACTIVITY_PHOTOS_SHOWN } from '../../../packages/shared/src/together.js';
import type { Seeded } from '../seed.js';

export interface TogetherSeed {
  comments: number;
  likes: number;
  entries: number;
  uploadBatches: number;
}

const ROWS_PER_INSERT = 400;
const MINUTE = 60_000;
const WORDS = [
  '宝宝今天笑得好开心',
  '好可爱',
  '长大了好多',
  '奶奶想你了',
  '这张拍得真好',
  '像爸爸',
  '眼睛像妈妈',
  'so cute!',
  '哈哈哈',
  '第一次吃辅食吗？',
];

async function insertAll<T>(db: Db, table: 'activities' | 'photo_comments' | 'photo_likes', rows: readonly T[]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + ROWS_PER_INSERT) as never)
      .execute();
  }
}

export async function seedTogether(seeded: Seeded, counts: { comments: number; likes: number }): Promise<TogetherSeed> {
  const db = createDb({ kind: 'sqlite', file: path.join(seeded.dataDir, 'xiaojia.db') });
  try {
    const homeId = seeded.home.id;
    const live = await db
      .selectFrom('photos')
      .select(['id', 'sort_at'])
      .where('home_id', '=', homeId)
      .where('deleted_at', 'is', null)
      .orderBy('sort_at')
      .orderBy('id')
      .execute();
    const people = [seeded.main.id, seeded.member.id];
    const batches: { ids: string[]; uploader: string; at: number }[] = [];
    for (let i = 0; i < live.length; ) {
      const size = 1 + Math.floor(Math.random() * 20);
      const ids = live.slice(i, i + size).map((p) => p.id);
      const newest = live[Math.min(i + size, live.length) - 1];
      i += size;
      batches.push({
        ids,
        uploader: Math.random() < 0.2 ? seeded.member.id : seeded.main.id,
        at: Date.parse(newest?.sort_at ?? '') + 3600_000,
      });
    }
    const activities: ActivitiesTable[] = [];
    const entry = (
      actor: string,
      kind: ActivitiesTable['kind'],
      count: number,
      ids: string[],
      at: number,
      text: string | null = null,
    ) =>
      activities.push({
        id: newId(at),
        home_id: homeId,
        actor_id: actor,
        kind,
        count,
        photo_ids: JSON.stringify(ids.slice(-ACTIVITY_PHOTOS_SHOWN).reverse()),
        text,
        child_id: null,
        ref_id: null,
        started_at: new Date(at).toISOString(),
        last_at: new Date(at + count * 10_000).toISOString(),
      });
    for (const b of batches) entry(b.uploader, 'upload', b.ids.length, b.ids, b.at);

    const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)] as T;
    const other = (uploader: string) =>
      Math.random() < 0.3 ? uploader : (people.find((p) => p !== uploader) ?? uploader);
    const comments: PhotoCommentsTable[] = [];
    const commentsOn = new Map<number, Map<string, PhotoCommentsTable[]>>();
    for (let c = 0; c < counts.comments; c++) {
      const index = Math.floor(Math.random() * batches.length);
      const b = batches[index] as (typeof batches)[number];
      const author = other(b.uploader);
      const byAuthor = commentsOn.get(index) ?? new Map<string, PhotoCommentsTable[]>();
      commentsOn.set(index, byAuthor);
      const mine = byAuthor.get(author) ?? [];
      byAuthor.set(author, mine);
      const at = b.at + 20 * MINUTE + mine.length * MINUTE;
      const row = {
        id: newId(at),
        home_id: homeId,
        photo_id: pick(b.ids),
        author_id: author,
        text: `${pick(WORDS)} ${c}`,
        created_at: new Date(at).toISOString(),
      };
      mine.push(row);
      comments.push(row);
    }
    for (const [index, byAuthor] of commentsOn) {
      const b = batches[index] as (typeof batches)[number];
      for (const [author, rows] of byAuthor) {
        const last = rows.at(-1) as PhotoCommentsTable;
        entry(
          author,
          'comment',
          rows.length,
          [...new Set(rows.map((r) => r.photo_id))],
          b.at + 20 * MINUTE,
          openingWords(last.text),
        );
      }
    }
    const likes = new Map<string, PhotoLikesTable>();
    const likedIn = new Map<number, string[]>();
    for (let l = 0; l < counts.likes; l++) {
      const index = Math.floor(Math.random() * batches.length);
      const b = batches[index] as (typeof batches)[number];
      const liker = people.find((p) => p !== b.uploader) ?? b.uploader;
      const photo = pick(b.ids);
      if (likes.has(`${photo}:${liker}`)) continue;
      const at = b.at + 10 * MINUTE;
      likes.set(`${photo}:${liker}`, {
        home_id: homeId,
        photo_id: photo,
        user_id: liker,
        created_at: new Date(at).toISOString(),
      });
      likedIn.set(index, [...(likedIn.get(index) ?? []), photo]);
    }
    for (const [index, ids] of likedIn) {
      const b = batches[index] as (typeof batches)[number];
      entry(people.find((p) => p !== b.uploader) ?? b.uploader, 'like', ids.length, ids, b.at + 10 * MINUTE);
    }

    await db.transaction().execute(async (trx) => {
      await insertAll(trx, 'activities', activities);
      await insertAll(trx, 'photo_comments', comments);
      await insertAll(trx, 'photo_likes', [...likes.values()]);
      // The owner looked at the feed 60 entries ago.
      const mark = await trx
        .selectFrom('activities')
        .select('last_at')
        .where('home_id', '=', homeId)
        .orderBy('last_at', 'desc')
        .offset(60)
        .limit(1)
        .executeTakeFirst();
      await trx
        .updateTable('home_members')
        .set({ feed_seen_at: mark?.last_at ?? null })
        .where('home_id', '=', homeId)
        .where('user_id', '=', seeded.main.id)
        .execute();
    });
    return { comments: comments.length, likes: likes.size, entries: activities.length, uploadBatches: batches.length };
  } finally {
    await db.destroy();
  }
}
