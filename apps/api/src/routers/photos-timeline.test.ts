/**
 * The windowed timeline through the API: photos.list with since/until (a month of the date scrubber),
 * and photos.buckets (the scrubber's map of the library), in the scopes the timeline has, and the inputs
 * each refuses.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { makeFamily } from '../test/homes.js';
import { uploadPhoto } from '../test/photos.js';

type Family = Awaited<ReturnType<typeof makeFamily>>;

/** May 2024 on a clock at +08:00. */
const MAY_AT_CST = { since: '2024-05-01T00:00:00+08:00', until: '2024-06-01T00:00:00+08:00' };

describe('photos.list since/until', () => {
  let deps: TestDeps;
  let family: Family;
  /** Photo ids by what they are, uploaded by 妈妈 unless named 爸爸's. */
  let photo: Record<'lastOfApril' | 'firstOfMay' | 'midMay' | 'dadsMidMay' | 'lastOfMay' | 'firstOfJune', string>;
  beforeEach(async () => {
    deps = await createTestDeps();
    family = await makeFamily(deps);
    const { mom, dad, homeId } = family;
    const up = async (who: typeof mom, takenAt: string) =>
      (await uploadPhoto(who.caller, homeId, { takenAt })).photo.id;
    photo = {
      lastOfApril: await up(mom, '2024-04-30T15:59:59.999Z'),
      firstOfMay: await up(mom, '2024-04-30T16:00:00.000Z'),
      midMay: await up(mom, '2024-05-15T12:00:00+08:00'),
      dadsMidMay: await up(dad, '2024-05-15T13:00:00+08:00'),
      lastOfMay: await up(mom, '2024-05-31T23:59:59.999+08:00'),
      firstOfJune: await up(mom, '2024-05-31T16:00:00.000Z'),
    };
  });

  it('lists only [since, until), whatever offset the instants are written in, a page at a time', async () => {
    const { mom, homeId } = family;
    const may = [photo.lastOfMay, photo.dadsMidMay, photo.midMay, photo.firstOfMay];
    const whole = await mom.caller.photos.list({ homeId, ...MAY_AT_CST });
    expect(whole.items.map((p) => p.id)).toEqual(may);
    expect(whole.nextCursor).toBeNull();
    // The same window in UTC.
    const inUtc = await mom.caller.photos.list({
      homeId,
      since: '2024-04-30T16:00:00Z',
      until: '2024-05-31T16:00:00Z',
    });
    expect(inUtc.items.map((p) => p.id)).toEqual(may);

    const first = await mom.caller.photos.list({ homeId, ...MAY_AT_CST, limit: 3 });
    expect(first.items.map((p) => p.id)).toEqual(may.slice(0, 3));
    const rest = await mom.caller.photos.list({ homeId, ...MAY_AT_CST, limit: 3, cursor: first.nextCursor ?? '' });
    expect([rest.items.map((p) => p.id), rest.nextCursor]).toEqual([may.slice(3), null]);

    // Either bound alone.
    expect((await mom.caller.photos.list({ homeId, until: MAY_AT_CST.since })).items.map((p) => p.id)).toEqual([
      photo.lastOfApril,
    ]);
    expect((await mom.caller.photos.list({ homeId, since: MAY_AT_CST.until })).items.map((p) => p.id)).toEqual([
      photo.firstOfJune,
    ]);
    // An empty window is no error.
    expect((await mom.caller.photos.list({ homeId, since: MAY_AT_CST.since, until: MAY_AT_CST.since })).items).toEqual(
      [],
    );
  });

  it('combines with onlyMine, albumId and the trash', async () => {
    const { mom, dad, homeId } = family;
    const ids = async (input: object) =>
      (await mom.caller.photos.list({ homeId, ...MAY_AT_CST, ...input })).items.map((p) => p.id);
    expect((await dad.caller.photos.list({ homeId, ...MAY_AT_CST, onlyMine: true })).items.map((p) => p.id)).toEqual([
      photo.dadsMidMay,
    ]);
    const album = await mom.caller.albums.create({ homeId, name: '五一' });
    await mom.caller.albums.addPhotos({
      homeId,
      albumId: album.id,
      photoIds: [photo.lastOfApril, photo.midMay, photo.firstOfJune],
    });
    expect(await ids({ albumId: album.id })).toEqual([photo.midMay]);
    await mom.caller.photos.trash({ homeId, ids: [photo.lastOfMay, photo.firstOfJune] });
    expect(await ids({ trashed: true })).toEqual([photo.lastOfMay]);
    expect(await ids({})).toEqual([photo.dadsMidMay, photo.midMay, photo.firstOfMay]);
  });

  it('refuses a window that ends before it starts, and instants that are not, with BAD_REQUEST', async () => {
    const { mom, homeId } = family;
    await expect(
      mom.caller.photos.list({ homeId, since: MAY_AT_CST.until, until: MAY_AT_CST.since }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { code: 'BAD_INPUT', details: { field: 'since' } } });
    for (const bad of ['2024-05-01', '2024-02-30T00:00:00Z', '2024-05-01T00:00:00', 'yesterday', '']) {
      for (const key of ['since', 'until']) {
        await expect(mom.caller.photos.list({ homeId, [key]: bad })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      }
    }
  });
});

describe('photos.buckets', () => {
  let deps: TestDeps;
  let family: Family;
  beforeEach(async () => {
    deps = await createTestDeps();
    family = await makeFamily(deps);
  });

  it("counts the timeline's photos per local day, months newest first, as the device's clock shows them", async () => {
    const { mom, dad, grandma, homeId } = family;
    const up = async (who: typeof mom, takenAt: string) =>
      (await uploadPhoto(who.caller, homeId, { takenAt })).photo.id;
    await up(mom, '2023-12-31T15:30:00Z'); // +08:00: Dec 31; -05:00: Dec 31
    await up(mom, '2023-12-31T16:30:00Z'); // +08:00: Jan 1;  -05:00: Dec 31
    await up(dad, '2024-01-01T06:00:00Z'); // +08:00: Jan 1;  -05:00: Jan 1
    await up(mom, '2024-02-29T10:00:00Z'); // the leap day everywhere here
    const trashed = await up(mom, '2024-02-29T11:00:00Z');
    await mom.caller.photos.trash({ homeId, ids: [trashed] });

    // A viewer sees the map as everyone does.
    expect(await grandma.caller.photos.buckets({ homeId, utcOffsetMinutes: 480 })).toEqual({
      months: [
        { month: '2024-02', count: 1, days: [[29, 1]] },
        { month: '2024-01', count: 2, days: [[1, 2]] },
        { month: '2023-12', count: 1, days: [[31, 1]] },
      ],
      total: 4,
    });
    expect(await mom.caller.photos.buckets({ homeId, utcOffsetMinutes: -300 })).toEqual({
      months: [
        { month: '2024-02', count: 1, days: [[29, 1]] },
        { month: '2024-01', count: 1, days: [[1, 1]] },
        { month: '2023-12', count: 2, days: [[31, 2]] },
      ],
      total: 4,
    });
    expect(await dad.caller.photos.buckets({ homeId, utcOffsetMinutes: 480, onlyMine: true })).toEqual({
      months: [{ month: '2024-01', count: 1, days: [[1, 1]] }],
      total: 1,
    });
  });

  it('counts one album, several days of one month newest first, and an empty home as nothing', async () => {
    const { mom, stranger, homeId } = family;
    const ids = [];
    for (const takenAt of ['2024-05-01T09:00:00+08:00', '2024-05-20T09:00:00+08:00', '2024-05-20T10:00:00+08:00']) {
      ids.push((await uploadPhoto(mom.caller, homeId, { takenAt })).photo.id);
    }
    await uploadPhoto(mom.caller, homeId, { takenAt: '2024-06-01T09:00:00+08:00' });
    const album = await mom.caller.albums.create({ homeId, name: '五月' });
    await mom.caller.albums.addPhotos({ homeId, albumId: album.id, photoIds: ids });
    expect(await mom.caller.photos.buckets({ homeId, albumId: album.id, utcOffsetMinutes: 480 })).toEqual({
      months: [
        {
          month: '2024-05',
          count: 3,
          days: [
            [20, 2],
            [1, 1],
          ],
        },
      ],
      total: 3,
    });
    expect(await stranger.caller.photos.buckets({ homeId: stranger.homeId, utcOffsetMinutes: 0 })).toEqual({
      months: [],
      total: 0,
    });
  });

  it("refuses an offset no time zone has and another home's album", async () => {
    const { mom, stranger, homeId } = family;
    for (const utcOffsetMinutes of [841, -841, 1.5, Number.NaN]) {
      await expect(mom.caller.photos.buckets({ homeId, utcOffsetMinutes })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        cause: { name: 'ZodError' },
      });
    }
    await expect(mom.caller.photos.buckets({ homeId } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const theirs = await stranger.caller.albums.create({ homeId: stranger.homeId, name: 'x' });
    await expect(
      mom.caller.photos.buckets({ homeId, albumId: theirs.id, utcOffsetMinutes: 480 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The edges of the range are real offsets (Kiribati, Baker Island).
    for (const utcOffsetMinutes of [840, -720]) {
      await expect(mom.caller.photos.buckets({ homeId, utcOffsetMinutes })).resolves.toEqual({ months: [], total: 0 });
    }
  });
});
