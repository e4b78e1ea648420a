/**
 * Nothing of the family leaks into the community: every community answer, walked as JSON, carries none of
 * the home's ids, the photos' ids, object keys or filenames, the album's id, or another member's id or
 * name. The image URLs are the one exception by necessity (a signed URL names its object, and today's keys
 * start h/<homeId>/, uploads.ts objectKeyFor), so they are checked apart: the only strings that hold a key,
 * never an original (thumb or preview only), never a photo's id, an album, a member or a filename.
 */
import { describe, expect, it } from 'vitest';
import { publishWork } from '../../test/community.js';
import { createTestDeps } from '../../test/deps.js';
import { makeFamily } from '../../test/homes.js';

function strings(value: unknown, path = '$', out: { path: string; value: string }[] = []) {
  if (typeof value === 'string') out.push({ path, value });
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) strings(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
  return out;
}

describe('the family stays private', () => {
  it('no community answer names the home, its photos, album, keys, filenames or other members', async () => {
    const deps = await createTestDeps();
    const { mom, dad, grandma, homeId } = await makeFamily(deps);
    const album = await mom.caller.albums.create({ homeId, name: '宝宝的第一年' });
    const { work, photos } = await publishWork(mom, { tags: ['baby'], title: 'First steps' }, { count: 2 });
    await mom.caller.albums.addPhotos({ homeId, albumId: album.id, photoIds: photos.map((p) => p.id) });
    const keys = (await deps.db.selectFrom('photos').select('object_key').where('home_id', '=', homeId).execute()).map(
      (r) => r.object_key,
    );
    const comment = await grandma.caller.works.comment({ workId: work.id, text: 'Cute' });
    await grandma.caller.works.comment({ workId: work.id, text: 'Yes', parentId: comment.id });
    await grandma.caller.works.like({ workId: work.id });
    await grandma.caller.follows.follow({ userId: mom.userId });

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
      published: (await publishWork(mom, { title: 'Again' })).work,
    };
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
    for (const { path, value } of all.filter((s) => !urls.includes(s))) {
      for (const secret of secrets) expect(value.includes(secret), `${path} holds ${secret}`).toBe(false);
    }
    for (const { value } of urls) {
      // A signed URL of a thumb or preview: never the original.
      expect(value).toMatch(/imageView2|imageMogr2|x-oss-process|thumb|preview/);
      for (const secret of [album.id, dad.userId, ...photos.map((p) => p.id), ...photos.map((p) => p.filename)]) {
        expect(value.includes(secret)).toBe(false);
      }
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
});
