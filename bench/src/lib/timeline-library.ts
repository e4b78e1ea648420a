/**
 * The family library the client bench scrolls: seeded through the database (seed.ts) with every photo a
 * real object in the embedded store, and the facts the bench checks the screen against, read back from
 * the same database: which photo is the n-th on the timeline, and which photos the oldest month holds.
 */
import path from 'node:path';
import { createDb } from '../../../apps/api/src/db/index.js';
import { type Seeded, seed } from '../seed.js';
import { photoJpeg } from './images.js';
import type { StoredImage } from './seed-store.js';

/** The phone's clock (Asia/Shanghai): months are counted at +08:00, as the client asks photos.buckets. */
export const UTC_OFFSET_MINUTES = 480;
export const TIME_ZONE = 'Asia/Shanghai';
export const PASSWORD = 'bench family photos';

/** Landscape, portrait and wide pictures, as a phone's camera roll mixes them (the rows' shapes follow). */
const SHAPES: [number, number][] = [
  [480, 360],
  [480, 360],
  [360, 480],
  [480, 360],
  [360, 480],
  [480, 270],
];

async function pictures(): Promise<StoredImage[]> {
  return Promise.all(
    SHAPES.map(async ([width, height]) => ({ jpeg: await photoJpeg(width, height, 80), width, height })),
  );
}

export interface Library {
  seeded: Seeded;
  /** The id of the n-th photo of the timeline (1-based), newest first as photos.list orders them. */
  photoAt(n: number): Promise<string>;
  /** The oldest month (YYYY-MM at +08:00) and the ids of its photos. */
  oldestMonth(): Promise<{ month: string; ids: string[] }>;
  close(): Promise<void>;
}

export async function seedLibrary(dataDir: string, photos: number): Promise<Library> {
  const seeded = await seed({
    dataDir,
    mainHomePhotos: photos,
    memberShare: 0.2,
    otherUsers: 0,
    otherUserPhotos: 0,
    storedImages: await pictures(),
    password: PASSWORD,
  });
  const db = createDb({ kind: 'sqlite', file: path.join(dataDir, 'xiaojia.db') });
  const timeline = () =>
    db.selectFrom('photos').where('home_id', '=', seeded.home.id).where('deleted_at', 'is', null).select(['id']);
  return {
    seeded,
    async photoAt(n) {
      const row = await timeline()
        .orderBy('sort_at', 'desc')
        .orderBy('id', 'desc')
        .offset(n - 1)
        .limit(1)
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async oldestMonth() {
      const { sort_at } = await timeline()
        .select('sort_at')
        .orderBy('sort_at', 'asc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const local = new Date(Date.parse(sort_at) + UTC_OFFSET_MINUTES * 60_000);
      const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - UTC_OFFSET_MINUTES * 60_000;
      const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - UTC_OFFSET_MINUTES * 60_000;
      const rows = await timeline()
        .where('sort_at', '>=', new Date(start).toISOString())
        .where('sort_at', '<', new Date(end).toISOString())
        .execute();
      return { month: local.toISOString().slice(0, 7), ids: rows.map((row) => row.id) };
    },
    close: () => db.destroy(),
  };
}
