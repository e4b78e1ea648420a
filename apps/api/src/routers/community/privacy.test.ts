/**
 * Nothing of the family leaks into the community: every community answer (a work's page, its share card,
 * comments, every feed, profiles, challenges), walked as JSON, carries none of the home's ids, the photos'
 * ids, object keys or filenames, the album's id, or another member's id or name; and no image URL names
 * an h/ key either: a work's images are its snapshots (w/<id>.jpg, services/community/snapshots.ts),
 * re-encoded without any metadata (a GPS-tagged photo publishes no GPS). Unpublishing deletes them from the
 * bucket; a storage failure while publishing leaves nothing behind. Both on the embedded store and on an
 * S3 bucket (the embedded S3 peer bound as MinIO: no image processing, so the source is the original).
 */
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PEER_BUCKET, type TestPeer } from '../../storage/embedded/s3/testing.js';
import { makeAdmin, publishWork, refusal } from '../../test/community.js';
import { createTestDeps, type TestDeps } from '../../test/deps.js';
import { makeFamily } from '../../test/homes.js';
import { uploadPhoto } from '../../test/photos.js';
import { bindPeerBucket } from '../../test/s3-home.js';

function strings(value: unknown, path = '$', out: { path: string; value: string }[] = []) {
  if (typeof value === 'string') out.push({ path, value });
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) strings(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
  return out;
}

/** A JPEG with a GPS position and a camera in its EXIF, as a phone writes it. */
function gpsJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .withExif({
      IFD0: { Make: 'XiaojiaPhone', Model: 'GPS-1', Copyright: 'Mom' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 10/1 0/1' },
    })
    .jpeg()
    .toBuffer();
}

const HOUR = 3600_000;

type Where = 'embedded' | 's3';

describe.each<Where>(['embedded', 's3'])('the family stays private (%s bucket)', (where) => {
  let deps: TestDeps;
  let peer: TestPeer | null = null;
  let family: Awaited<ReturnType<typeof makeFamily>>;

  beforeEach(async () => {
    deps = await createTestDeps({ s3OwnEndpoints: true });
    family = await makeFamily(deps);
    if (where === 's3') peer = (await bindPeerBucket(deps, family.mom)).peer;
  });
  afterEach(async () => {
    await peer?.close();
    peer = null;
  });

  const advance = (ms: number) => {
    deps.clock.advance(ms);
    peer?.clock.advance(ms);
  };
  const keysOfHome = async () =>
    (await deps.db.selectFrom('photos').select('object_key').where('home_id', '=', family.homeId).execute()).map(
      (r) => r.object_key,
    );
  /** The snapshot objects in the S3 bucket (the embedded store is checked through its rows). */
  const bucketSnapshots = () => peer?.peer.objects.keys(PEER_BUCKET, 'w/') ?? [];

  it('no community answer names the home, its photos, album, keys, filenames or other members', async () => {
    const { mom, dad, grandma, homeId } = family;
    const admin = grandma;
    await makeAdmin(deps, admin.userId);
    const album = await mom.caller.albums.create({ homeId, name: '宝宝的第一年' });
    const { work, photos } = await publishWork(mom, { tags: ['baby'], title: 'First steps' }, { count: 2 });
    await mom.caller.albums.addPhotos({ homeId, albumId: album.id, photoIds: photos.map((p) => p.id) });
    const comment = await grandma.caller.works.comment({ workId: work.id, text: 'Cute' });
    await grandma.caller.works.comment({ workId: work.id, text: 'Yes', parentId: comment.id });
    await grandma.caller.follows.follow({ userId: mom.userId });
    const challenge = await admin.caller.challenges.create({
      title: '秋天',
      rules: 'Leaves only',
      submitStartsAt: new Date(deps.clock.now().getTime() + HOUR).toISOString(),
      submitEndsAt: new Date(deps.clock.now().getTime() + 2 * HOUR).toISOString(),
      voteEndsAt: new Date(deps.clock.now().getTime() + 3 * HOUR).toISOString(),
      entriesPerUser: 2,
    });
    advance(HOUR + 60_000);
    await mom.caller.challenges.submit({ challengeId: challenge.id, workId: work.id });

    const answers = {
      get: await grandma.caller.works.get({ workId: work.id }),
      own: await mom.caller.works.get({ workId: work.id }),
      card: await grandma.caller.works.shareCard({ workId: work.id }),
      comments: await grandma.caller.works.comments({ workId: work.id }),
      latest: await grandma.caller.feeds.latest({}),
      hot: await grandma.caller.feeds.hot({}),
      tag: await grandma.caller.feeds.tag({ tag: 'baby' }),
      following: await grandma.caller.feeds.following({}),
      author: await grandma.caller.feeds.author({ userId: mom.userId }),
      profile: await grandma.caller.profiles.get({ userId: mom.userId }),
      followers: await mom.caller.profiles.followers({ userId: mom.userId }),
      like: await grandma.caller.works.like({ workId: work.id }),
      challenges: await grandma.caller.challenges.list({ when: 'current' }),
      challenge: await grandma.caller.challenges.get({ challengeId: challenge.id }),
      published: (await publishWork(mom, { title: 'Again' })).work,
    };
    const keys = await keysOfHome();
    const secrets = [
      homeId,
      album.id,
      dad.userId,
      dad.user.displayName,
      ...photos.flatMap((p) => [p.id, p.filename]),
      ...keys,
    ];
    const all = strings(answers);
    const urls = all.filter((s) => s.path.endsWith('.url') || s.path.endsWith('.imageUrl'));
    expect(urls.length).toBeGreaterThan(10);
    for (const { path, value } of all) {
      for (const secret of secrets) expect(value.includes(secret), `${path} holds ${secret}`).toBe(false);
    }
    for (const { path, value } of urls) {
      // A signed GET of a snapshot, nothing else: no h/ key, no processing of an original.
      const pathname = decodeURIComponent(new URL(value).pathname);
      expect(pathname, path).toMatch(/\/w\/[0-9a-f-]{36}(\.thumb)?\.jpg$/);
      expect(pathname.includes('h/'), path).toBe(false);
      expect(value).not.toMatch(/imageView2|imageMogr2|x-oss-process|vframe/);
    }
    // Nor any key the family's tables have, under any name.
    const fields = new Set(
      all.map((s) =>
        s.path
          .replace(/\[\d+\]/g, '[]')
          .split('.')
          .at(-1),
      ),
    );
    for (const field of ['homeId', 'photoId', 'albumId', 'uploaderId', 'filename', 'key', 'objectKey', 'originalUrl']) {
      expect(fields.has(field)).toBe(false);
    }
  });

  it('publishes a GPS-tagged photo with no EXIF, GPS, XMP or ICC in the served bytes, upright and bounded', async () => {
    const { mom, homeId } = family;
    const original = await gpsJpeg();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const { photo } = await uploadPhoto(mom.caller, homeId, { bytes: original });
    const work = await mom.caller.works.publish({ homeId, photoIds: [photo.id], title: 'Where we were' });
    const image = work.images[0];
    if (!image?.url) throw new Error('no image');
    const served = await fetch(image.url);
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 300, 200]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    for (const marker of ['Exif', 'GPS', 'XiaojiaPhone', 'Mom']) expect(bytes.includes(marker)).toBe(false);

    const card = (await mom.caller.feeds.latest({})).items[0];
    const thumbUrl = JSON.stringify(card).match(/"(http[^"]+\.thumb\.jpg[^"]*)"/)?.[1];
    if (!thumbUrl) throw new Error('no thumbnail url on the card');
    const thumb = await sharp(Buffer.from(await (await fetch(thumbUrl)).arrayBuffer())).metadata();
    expect(thumb.exif).toBeUndefined();
    expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBeLessThanOrEqual(480);
  });

  it('unpublishing deletes the snapshots: their URLs answer 404', async () => {
    const { mom } = family;
    const { work } = await publishWork(mom, { title: 'Brief' }, { count: 2 });
    const urls = work.images.map((i) => i.url as string);
    for (const url of urls) expect((await fetch(url)).status).toBe(200);
    if (peer) expect(bucketSnapshots()).toHaveLength(4);
    await mom.caller.works.unpublish({ workId: work.id });
    for (const url of urls) expect((await fetch(url)).status).toBe(404);
    expect(await deps.db.selectFrom('snapshot_deletions').selectAll().execute()).toEqual([]);
    expect(bucketSnapshots()).toEqual([]);
  });

  it('a storage failure while publishing is a clear error, and leaves no work and no snapshot behind', async () => {
    const { mom, homeId } = family;
    const first = (await uploadPhoto(mom.caller, homeId)).photo;
    const second = (await uploadPhoto(mom.caller, homeId)).photo;
    // The second photo's object is gone from the bucket (deleted there by hand): its snapshot cannot be
    // made after the first one's was written.
    const row = await deps.db
      .selectFrom('photos')
      .select('object_key')
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow();
    if (peer) await peer.client().send(new DeleteObjectCommand({ Bucket: PEER_BUCKET, Key: row.object_key }));
    else await deps.storage.embedded(deps.origin).delete(row.object_key);

    const publish = mom.caller.works.publish({ homeId, photoIds: [first.id, second.id], title: 'Half' });
    await expect(publish).rejects.toThrow(/could not be copied for the community/);
    expect(await refusal(mom.caller.works.publish({ homeId, photoIds: [first.id, second.id], title: 'x' }))).toBe(
      'STORAGE_UNREACHABLE',
    );
    expect(await deps.db.selectFrom('works').selectAll().execute()).toEqual([]);
    expect(await deps.db.selectFrom('work_photos').selectAll().execute()).toEqual([]);
    // Whatever was written was deleted again at once.
    expect(await deps.db.selectFrom('snapshot_deletions').selectAll().execute()).toEqual([]);
    expect(bucketSnapshots()).toEqual([]);
    expect((await mom.caller.feeds.latest({})).items).toEqual([]);
  });
});
