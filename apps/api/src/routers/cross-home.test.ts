/**
 * The cross-home and cross-role matrix. Every home-scoped procedure (found by walking the router, so new
 * ones are covered without editing this file) refuses a caller outside the home with NOT_FOUND and a role
 * that may not with FORBIDDEN; ids of another home answer NOT_FOUND; a removed member is an outsider at
 * once; and no refused call changes anything.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { joinHome, makeFamily, type TestAccount } from '../test/homes.js';
import { uploadPhoto } from '../test/photos.js';
import { appRouter } from '../trpc/router.js';

/** Procedures that do not act on one home's things (they take no homeId). */
const NOT_HOME_SCOPED = new Set(['homes.list', 'homes.create', 'invites.preview', 'invites.accept']);
/**
 * 维扣图元, the community, answers to accounts, not homes: works, discovery and people, and the safety half
 * (moderation, reports, blocks, messages, contests), and its popular tags. Only publishing reads a home (its photos).
 */
const COMMUNITY = [
  'works.',
  'feeds.',
  'tags.',
  'profiles.',
  'follows.',
  'moderation.',
  'reports.',
  'blocks.',
  'messages.',
  'challenges.',
];
const isCommunity = (path: string) => path !== 'works.publish' && COMMUNITY.some((prefix) => path.startsWith(prefix));
const isHomeScoped = (path: string) =>
  !isCommunity(path) &&
  !path.startsWith('auth.') &&
  !path.startsWith('account.') &&
  !path.startsWith('health.') &&
  !NOT_HOME_SCOPED.has(path);
/** What a viewer (亲友) may call: seeing (and exporting what they see, the children's records included), and leaving. */
const VIEWER_MAY = new Set([
  'homes.get',
  'homes.members',
  'homes.leave',
  'photos.list',
  'photos.buckets',
  'photos.get',
  'albums.list',
  'albums.get',
  'storage.status',
  'exports.create',
  'children.list',
  'milestones.list',
  'milestones.forPhoto',
  'growth.list',
  'memories.today',
  // Together (issue 14): every role likes, comments, reads the feed and subscribes to its messages.
  'likes.forPhoto',
  'likes.set',
  'comments.list',
  'comments.add',
  'comments.delete',
  'activity.list',
  'activity.unread',
  'activity.markSeen',
  'notifications.settings',
  'notifications.subscribe',
  // 维扣图元 (issue 17): the role gate lets every member through; a viewer is then refused WORK_NOT_YOURS for
  // every photo, as is anyone for a photo they did not upload (routers/community/works.test.ts).
  'works.publish',
]);
/**
 * What a member (家人) may call besides the viewer's: uploading and albums (and trash, of their own), and
 * keeping the children's profiles, milestones and growth records.
 */
const MEMBER_MAY = new Set([
  ...VIEWER_MAY,
  'uploads.create',
  'uploads.confirm',
  'uploads.signParts',
  'uploads.completeParts',
  'uploads.listParts',
  'uploads.abortParts',
  'albums.create',
  'albums.rename',
  'albums.delete',
  'albums.addPhotos',
  'albums.removePhotos',
  'albums.setCover',
  'photos.trash',
  'photos.restore',
  'photos.purge',
  'children.create',
  'children.update',
  'children.delete',
  'milestones.create',
  'milestones.update',
  'milestones.delete',
  'growth.add',
  'growth.update',
  'growth.delete',
]);

const homeProcedures = Object.keys(appRouter._def.procedures).filter(isHomeScoped).sort();
/** The walks below call each with just a homeId; leaving would end the caller's membership mid-walk. */
const walked = homeProcedures.filter((path) => path !== 'homes.leave');

type Call = (input: unknown) => Promise<unknown>;
function procedure(account: TestAccount, path: string): Call {
  const node = path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], account.caller);
  return node as Call;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('who may call what in a home', () => {
  let deps: TestDeps;
  let family: Awaited<ReturnType<typeof makeFamily>>;
  beforeEach(async () => {
    deps = await createTestDeps();
    family = await makeFamily(deps);
  });

  it('covers a meaningful set of home procedures', () => {
    expect(homeProcedures.length).toBeGreaterThan(25);
    for (const path of [...MEMBER_MAY]) expect(homeProcedures).toContain(path);
  });

  it('someone outside the home gets NOT_FOUND from every one of them', async () => {
    for (const path of homeProcedures) {
      expect([path, await codeOf(procedure(family.stranger, path)({ homeId: family.homeId }))]).toEqual([
        path,
        'NOT_FOUND',
      ]);
    }
  });

  it('a viewer gets FORBIDDEN from everything but seeing and leaving', async () => {
    for (const path of walked) {
      const code = await codeOf(procedure(family.grandma, path)({ homeId: family.homeId }));
      // Allowed ones go on to check the rest of their input (BAD_INPUT) or answer.
      expect([path, code === 'FORBIDDEN']).toEqual([path, !VIEWER_MAY.has(path)]);
    }
  });

  it('a member gets FORBIDDEN from what only the owner may do', async () => {
    for (const path of walked) {
      const code = await codeOf(procedure(family.dad, path)({ homeId: family.homeId }));
      expect([path, code === 'FORBIDDEN']).toEqual([path, !MEMBER_MAY.has(path)]);
    }
  });

  it('anyone but the owner may leave; the owner hands over first', async () => {
    const { mom, dad, grandma, homeId } = family;
    await grandma.caller.homes.leave({ homeId });
    await expect(grandma.caller.homes.get({ homeId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(mom.caller.homes.leave({ homeId })).rejects.toMatchObject({
      cause: { code: 'HOME_OWNER_MUST_HAND_OVER' },
    });
    await mom.caller.homes.transferOwnership({ homeId, userId: dad.userId });
    expect((await dad.caller.homes.get({ homeId })).role).toBe('owner');
    await mom.caller.homes.leave({ homeId });
    expect((await dad.caller.homes.members({ homeId })).items.map((m) => m.role)).toEqual(['owner']);
  });

  it('a member may invite once the owner allows it', async () => {
    const { dad, mom, homeId } = family;
    await expect(dad.caller.invites.create({ homeId, role: 'viewer' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await mom.caller.homes.update({ homeId, membersCanInvite: true });
    const { code } = await dad.caller.invites.create({ homeId, role: 'viewer' });
    const aunt = await signUpAndGetToken(deps);
    await aunt.caller.invites.accept({ code });
    expect((await aunt.caller.homes.get({ homeId })).role).toBe('viewer');
  });
});

describe('what each role may do to photos and albums', () => {
  let deps: TestDeps;
  let family: Awaited<ReturnType<typeof makeFamily>>;
  let momsPhoto: string;
  let momsKey: string;
  let dadsPhoto: string;
  let momsAlbum: string;
  beforeEach(async () => {
    deps = await createTestDeps();
    family = await makeFamily(deps);
    const { mom, dad, homeId } = family;
    const momsUpload = await uploadPhoto(mom.caller, homeId);
    momsPhoto = momsUpload.photo.id;
    momsKey = momsUpload.key;
    dadsPhoto = (await uploadPhoto(dad.caller, homeId)).photo.id;
    momsAlbum = (await mom.caller.albums.create({ homeId, name: '宝宝' })).id;
    await mom.caller.albums.addPhotos({ homeId, albumId: momsAlbum, photoIds: [momsPhoto] });
  });

  it('everyone in the home sees every photo, with who uploaded it', async () => {
    const { mom, dad, grandma, homeId } = family;
    for (const who of [mom, dad, grandma]) {
      const { items } = await who.caller.photos.list({ homeId });
      expect(items.map((p) => [p.id, p.uploaderId]).sort()).toEqual(
        [
          [momsPhoto, mom.userId],
          [dadsPhoto, dad.userId],
        ].sort(),
      );
    }
    const detail = await grandma.caller.photos.get({ homeId, id: dadsPhoto });
    expect(detail.uploaderName).toBe(dad.user.displayName);
    const mine = await dad.caller.photos.list({ homeId, onlyMine: true });
    expect(mine.items.map((p) => p.id)).toEqual([dadsPhoto]);
  });

  it('a member trashes what they uploaded, not what others did; the owner trashes anything', async () => {
    const { mom, dad, homeId } = family;
    await expect(dad.caller.photos.trash({ homeId, ids: [momsPhoto] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(dad.caller.photos.trash({ homeId, ids: [dadsPhoto, momsPhoto] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await mom.caller.photos.list({ homeId })).items).toHaveLength(2);
    expect(await dad.caller.photos.trash({ homeId, ids: [dadsPhoto] })).toEqual({ count: 1 });
    expect(await mom.caller.photos.trash({ homeId, ids: [momsPhoto] })).toEqual({ count: 1 });
    // The trash shows each what they may restore: the owner everything, a member their own.
    expect((await mom.caller.photos.list({ homeId, trashed: true })).items).toHaveLength(2);
    expect((await dad.caller.photos.list({ homeId, trashed: true })).items.map((p) => p.id)).toEqual([dadsPhoto]);
    await expect(dad.caller.photos.restore({ homeId, ids: [momsPhoto] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(dad.caller.photos.purge({ homeId, ids: [momsPhoto] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(dad.caller.photos.get({ homeId, id: momsPhoto })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await mom.caller.photos.restore({ homeId, ids: [momsPhoto, dadsPhoto] })).toEqual({ count: 2 });
  });

  it('a member cannot delete an album someone else made; the owner can', async () => {
    const { mom, dad, homeId } = family;
    await expect(dad.caller.albums.delete({ homeId, id: momsAlbum })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Making and filling albums is shared family work.
    await dad.caller.albums.addPhotos({ homeId, albumId: momsAlbum, photoIds: [dadsPhoto] });
    const dadsAlbum = (await dad.caller.albums.create({ homeId, name: '爸爸的' })).id;
    expect(await mom.caller.albums.delete({ homeId, id: dadsAlbum })).toEqual({ count: 1 });
    expect((await mom.caller.albums.get({ homeId, id: momsAlbum })).photoCount).toBe(2);
  });

  it('another home’s ids answer NOT_FOUND even from inside one’s own home, and change nothing', async () => {
    const { stranger, homeId } = family;
    const own = stranger.homeId;
    const strangersPhoto = (await uploadPhoto(stranger.caller, own)).photo.id;
    const strangersAlbum = (await stranger.caller.albums.create({ homeId: own, name: 'x' })).id;
    const momsComment = (await family.mom.caller.comments.add({ homeId, photoId: momsPhoto, text: '真可爱' })).id;
    const parts = { homeId: own, key: momsKey, uploadId: 'any-upload-id' };
    const calls: [string, () => Promise<unknown>][] = [
      ['photos.get', () => stranger.caller.photos.get({ homeId: own, id: momsPhoto })],
      ['photos.list in their album', () => stranger.caller.photos.list({ homeId: own, albumId: momsAlbum })],
      ['photos.trash mixed', () => stranger.caller.photos.trash({ homeId: own, ids: [strangersPhoto, momsPhoto] })],
      ['photos.restore', () => stranger.caller.photos.restore({ homeId: own, ids: [momsPhoto] })],
      ['photos.purge', () => stranger.caller.photos.purge({ homeId: own, ids: [momsPhoto] })],
      ['albums.get', () => stranger.caller.albums.get({ homeId: own, id: momsAlbum })],
      ['albums.rename', () => stranger.caller.albums.rename({ homeId: own, id: momsAlbum, name: 'x' })],
      ['albums.delete', () => stranger.caller.albums.delete({ homeId: own, id: momsAlbum })],
      [
        'albums.addPhotos (their photo)',
        () => stranger.caller.albums.addPhotos({ homeId: own, albumId: strangersAlbum, photoIds: [momsPhoto] }),
      ],
      [
        'albums.setCover (their photo)',
        () => stranger.caller.albums.setCover({ homeId: own, albumId: strangersAlbum, photoId: momsPhoto }),
      ],
      ['homes.removeMember', () => stranger.caller.homes.removeMember({ homeId: own, userId: family.dad.userId })],
      ['likes.forPhoto', () => stranger.caller.likes.forPhoto({ homeId: own, photoId: momsPhoto })],
      ['likes.set', () => stranger.caller.likes.set({ homeId: own, photoId: momsPhoto, liked: true })],
      ['comments.list', () => stranger.caller.comments.list({ homeId: own, photoId: momsPhoto })],
      ['comments.add', () => stranger.caller.comments.add({ homeId: own, photoId: momsPhoto, text: 'hi' })],
      ['comments.delete', () => stranger.caller.comments.delete({ homeId: own, commentId: momsComment })],
      // Multipart parts of an upload of another home (S3 buckets: uploads-s3.test.ts has real upload ids).
      ['uploads.signParts', () => stranger.caller.uploads.signParts({ ...parts, partNumbers: [1] })],
      [
        'uploads.completeParts',
        () => stranger.caller.uploads.completeParts({ ...parts, parts: [{ partNumber: 1, etag: 'e' }] }),
      ],
      ['uploads.abortParts', () => stranger.caller.uploads.abortParts(parts)],
      ['uploads.confirm', () => stranger.caller.uploads.confirm({ homeId: own, key: momsKey })],
    ];
    for (const [name, call] of calls) expect([name, await codeOf(call())]).toEqual([name, 'NOT_FOUND']);
    const { mom } = family;
    expect((await mom.caller.photos.list({ homeId })).items).toHaveLength(2);
    expect(await mom.caller.albums.get({ homeId, id: momsAlbum })).toMatchObject({ name: '宝宝', photoCount: 1 });
    expect((await mom.caller.homes.members({ homeId })).items).toHaveLength(3);
    expect(await mom.caller.likes.forPhoto({ homeId, photoId: momsPhoto })).toMatchObject({
      likeCount: 0,
      commentCount: 1,
    });
    // Nothing of theirs reached either feed.
    const kinds = async (who: TestAccount, home: string) =>
      (await who.caller.activity.list({ homeId: home })).items.map((a) => [a.kind, a.actorId]);
    expect(await kinds(mom, homeId)).not.toContainEqual(['like', stranger.userId]);
    expect((await kinds(stranger, own)).map(([kind]) => kind)).toEqual(['upload']);
  });

  it('another home’s children, milestones and growth records answer NOT_FOUND and change nothing', async () => {
    const { mom, stranger, homeId } = family;
    const own = stranger.homeId;
    const child = await mom.caller.children.create({ homeId, name: '小米', birthday: '2024-03-15' });
    const milestone = await mom.caller.milestones.create({
      homeId,
      childId: child.id,
      kind: 'crawl',
      date: '2024-09-01',
    });
    const record = await mom.caller.growth.add({ homeId, childId: child.id, date: '2024-09-01', weightKg: 8 });
    const childId = child.id;
    const calls: [string, () => Promise<unknown>][] = [
      ['children.update', () => stranger.caller.children.update({ homeId: own, childId, name: 'x' })],
      ['children.delete', () => stranger.caller.children.delete({ homeId: own, childId })],
      [
        'children.create (their photo)',
        () =>
          stranger.caller.children.create({ homeId: own, name: 'x', birthday: '2024-01-01', avatarPhotoId: momsPhoto }),
      ],
      ['milestones.list', () => stranger.caller.milestones.list({ homeId: own, childId })],
      ['milestones.forPhoto', () => stranger.caller.milestones.forPhoto({ homeId: own, photoId: momsPhoto })],
      [
        'milestones.create',
        () => stranger.caller.milestones.create({ homeId: own, childId, kind: 'stand', date: '2024-10-01' }),
      ],
      [
        'milestones.update',
        () => stranger.caller.milestones.update({ homeId: own, milestoneId: milestone.id, kind: 'stand' }),
      ],
      ['milestones.delete', () => stranger.caller.milestones.delete({ homeId: own, milestoneId: milestone.id })],
      ['growth.list', () => stranger.caller.growth.list({ homeId: own, childId })],
      ['growth.add', () => stranger.caller.growth.add({ homeId: own, childId, date: '2024-10-01', weightKg: 9 })],
      ['growth.update', () => stranger.caller.growth.update({ homeId: own, recordId: record.id, weightKg: 1 })],
      ['growth.delete', () => stranger.caller.growth.delete({ homeId: own, recordId: record.id })],
    ];
    for (const [name, call] of calls) expect([name, await codeOf(call())]).toEqual([name, 'NOT_FOUND']);
    expect((await mom.caller.children.list({ homeId })).items).toMatchObject([{ id: childId, name: '小米' }]);
    expect((await mom.caller.milestones.list({ homeId, childId })).items).toMatchObject([{ kind: 'crawl' }]);
    expect((await mom.caller.growth.list({ homeId, childId })).items).toMatchObject([{ weightKg: 8 }]);
  });

  it('a removed member loses the home at once, for every procedure and their download links', async () => {
    const { mom, dad, homeId } = family;
    const { downloadPath } = await dad.caller.photos.get({ homeId, id: momsPhoto });
    expect((await fetch(`${deps.origin}${downloadPath}`)).status).toBe(200);
    await mom.caller.homes.removeMember({ homeId, userId: dad.userId });
    for (const path of homeProcedures) {
      expect([path, await codeOf(procedure(dad, path)({ homeId }))]).toEqual([path, 'NOT_FOUND']);
    }
    expect((await fetch(`${deps.origin}${downloadPath}`)).status).toBe(404);
    expect((await dad.caller.homes.list()).items.map((h) => h.id)).toEqual([dad.homeId]);
    // What they uploaded stays in the home.
    expect((await mom.caller.photos.list({ homeId })).items.map((p) => p.id)).toContain(dadsPhoto);
  });

  it('a viewer joining again through another invite keeps one membership', async () => {
    const { mom, grandma, homeId } = family;
    await joinHome(mom, grandma, 'member');
    expect((await grandma.caller.homes.get({ homeId })).role).toBe('viewer');
    expect((await mom.caller.homes.members({ homeId })).items).toHaveLength(3);
  });
});
