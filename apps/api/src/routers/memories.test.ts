/**
 * memories.today: photos on today's local month and day in earlier years at +08:00, −05:00 and +05:45,
 * either side of local midnight; 29 February from a common and a leap year; at most a few photos a year
 * with the year's count; the years bounded by MEMORY_YEARS_MAX; trash, this year and another home left
 * out; the children's occasions; who may ask; and a bounded number of statements whatever the years.
 */
import { MEMORY_PHOTOS_PER_YEAR, MEMORY_YEARS_MAX, zPhoto } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoriesService } from '../services/memories.js';
import type { TestDeps } from '../test/deps.js';
import { addChild, appCodeOf, type Family, familyAt } from '../test/family.js';
import { insertPhotoRows, photoRow } from '../test/photo-rows.js';
import { statementsOf } from '../test/query-plan.js';

describe('memories.today', () => {
  let deps: TestDeps;
  let family: Family;
  beforeEach(async () => {
    ({ deps, family } = await familyAt());
  });

  /** Photos of the family's home (or `homeId`) taken at these instants; returns their ids in order. */
  const photosAt = async (instants: string[], homeId = family.homeId, trashed = false) => {
    const rows = instants.map((at) =>
      photoRow({ userId: family.mom.userId, homeId }, at, trashed ? '2026-06-01T00:00:00.000Z' : null),
    );
    await insertPhotoRows(deps.db, rows);
    return rows.map((r) => r.id);
  };
  const today = (date: string, utcOffsetMinutes: number) =>
    family.grandma.caller.memories.today({ homeId: family.homeId, today: date, utcOffsetMinutes });
  /** [year, yearsAgo, count, photo ids] per year. */
  const summary = (memories: Awaited<ReturnType<typeof today>>) =>
    memories.years.map((y) => [y.year, y.yearsAgo, y.count, y.photos.map((p) => p.id)]);

  it('at +08:00, takes the photos within the local day in each earlier year, most recent year first', async () => {
    const [startOf2025, endOf2025, in2024] = await photosAt([
      '2025-06-14T16:00:00.000Z', // 2025-06-15 00:00 at +08:00
      '2025-06-15T15:59:59.999Z', // 2025-06-15 23:59:59.999
      '2024-06-15T03:00:00.000Z',
    ]);
    await photosAt([
      '2025-06-14T15:59:59.999Z', // 2025-06-14 23:59:59.999 at +08:00
      '2025-06-15T16:00:00.000Z', // 2025-06-16 00:00
      '2026-06-15T01:00:00.000Z', // today itself is not a memory
    ]);
    await photosAt(['2023-06-15T03:00:00.000Z'], family.homeId, true);
    await photosAt(['2022-06-15T03:00:00.000Z'], family.stranger.homeId);
    const memories = await today('2026-06-15', 480);
    expect(summary(memories)).toEqual([
      [2025, 1, 2, [endOf2025, startOf2025]],
      [2024, 2, 1, [in2024]],
    ]);
    for (const photo of memories.years.flatMap((y) => y.photos)) {
      expect(zPhoto.strict().parse(photo)).toEqual(photo);
      expect(photo.thumbUrl).toContain(photo.id);
    }
    expect(Date.parse(memories.urlsExpireAt)).toBeGreaterThan(deps.clock.now().getTime());
  });

  it('at −05:00 and +05:45, across a year end and a leap day', async () => {
    const [newYear, lateNewYear] = await photosAt([
      '2025-01-01T05:00:00.000Z', // 2025-01-01 00:00 at −05:00
      '2021-01-02T04:59:59.999Z', // 2021-01-01 23:59:59.999 at −05:00
    ]);
    const [lastOf2024] = await photosAt(['2025-01-01T04:59:59.999Z']); // 2024-12-31 23:59:59.999 at −05:00
    expect(summary(await today('2026-01-01', -300))).toEqual([
      [2025, 1, 1, [newYear]],
      [2021, 5, 1, [lateNewYear]],
    ]);
    // At UTC the same instants fall on other days.
    expect(summary(await today('2026-01-01', 0))).toEqual([[2025, 1, 2, [newYear, lastOf2024]]]);
    expect(summary(await today('2025-12-31', -300))).toEqual([[2024, 1, 1, [lastOf2024]]]);
    expect(summary(await today('2026-12-31', -300))).toEqual([[2024, 2, 1, [lastOf2024]]]);

    const [march] = await photosAt([
      '2024-02-29T18:15:00.000Z', // 2024-03-01 00:00 at +05:45
      '2024-02-28T18:15:00.000Z', // 2024-02-29 00:00 at +05:45: the leap day, not March
    ]);
    expect(summary(await today('2026-03-01', 345))).toEqual([[2024, 2, 1, [march]]]);
  });

  it('shows a leap year’s 29 February on a common year’s 28th, and nothing for it in common years', async () => {
    const [feb28, feb29, common] = await photosAt([
      '2024-02-28T12:00:00.000Z',
      '2024-02-29T12:00:00.000Z',
      '2025-02-28T12:00:00.000Z',
    ]);
    await photosAt(['2025-03-01T12:00:00.000Z']);
    expect(summary(await today('2027-02-28', 0))).toEqual([
      [2025, 2, 1, [common]],
      [2024, 3, 2, [feb29, feb28]],
    ]);
    // In a leap year the 28th is the 28th, and the 29th the 29th.
    expect(summary(await today('2028-02-28', 0))).toEqual([
      [2025, 3, 1, [common]],
      [2024, 4, 1, [feb28]],
    ]);
    expect(summary(await today('2028-02-29', 0))).toEqual([[2024, 4, 1, [feb29]]]);
  });

  it(`shows the ${MEMORY_PHOTOS_PER_YEAR} newest of a day with its count, for at most ${MEMORY_YEARS_MAX} years back`, async () => {
    const many = await photosAt(
      Array.from({ length: MEMORY_PHOTOS_PER_YEAR + 3 }, (_, i) => `2025-06-15T0${i}:00:00.000Z`),
    );
    const [oldest] = await photosAt([`${2026 - MEMORY_YEARS_MAX}-06-15T12:00:00.000Z`]);
    await photosAt([`${2026 - MEMORY_YEARS_MAX - 1}-06-15T12:00:00.000Z`]);
    const memories = await today('2026-06-15', 0);
    expect(summary(memories)).toEqual([
      [2025, 1, MEMORY_PHOTOS_PER_YEAR + 3, [...many].reverse().slice(0, MEMORY_PHOTOS_PER_YEAR)],
      [2026 - MEMORY_YEARS_MAX, MEMORY_YEARS_MAX, 1, [oldest]],
    ]);
  });

  it('names the children who celebrate today: months, a birthday, 100 days', async () => {
    const { mom, homeId } = family;
    const sixMonths = await addChild(mom, '2025-12-15', homeId, '小米');
    const one = await addChild(mom, '2025-06-15', homeId, '大米');
    const hundred = await addChild(mom, '2026-03-07', homeId, '豆豆');
    await addChild(mom, '2024-03-14', homeId, '没事');
    await addChild(mom, '2026-12-15', homeId, '还没出生');
    const { occasions, years } = await today('2026-06-15', 480);
    expect(years).toEqual([]);
    expect(occasions).toEqual(
      expect.arrayContaining([
        { childId: sixMonths.id, childName: '小米', kind: 'months', value: 6 },
        { childId: one.id, childName: '大米', kind: 'years', value: 1 },
        { childId: hundred.id, childName: '豆豆', kind: 'days', value: 100 },
      ]),
    );
    expect(occasions).toHaveLength(3);
  });

  it('answers everyone in the home, NOT_FOUND outside it, BAD_INPUT for a malformed day or offset', async () => {
    const { mom, dad, stranger, homeId } = family;
    for (const who of [mom, dad]) {
      expect(await appCodeOf(who.caller.memories.today({ homeId, today: '2026-06-15', utcOffsetMinutes: 0 }))).toBe(
        'OK',
      );
    }
    expect(await appCodeOf(stranger.caller.memories.today({ homeId, today: '2026-06-15', utcOffsetMinutes: 0 }))).toBe(
      'NOT_FOUND',
    );
    for (const [day, offset] of [
      ['2026-02-29', 0],
      ['2026-13-01', 0],
      ['15/06/2026', 0],
      ['2026-06-15', 15 * 60],
      ['2026-06-15', 0.5],
    ] as const) {
      expect(await appCodeOf(mom.caller.memories.today({ homeId, today: day, utcOffsetMinutes: offset }))).toBe(
        'BAD_INPUT',
      );
    }
  });

  it('asks the database a fixed number of statements, however many years the library spans', async () => {
    const instants = Array.from({ length: 40 }, (_, i) => `${1990 + i}-06-15T12:00:00.000Z`);
    await photosAt(instants.filter((at) => at < '2026'));
    await addChild(family.mom, '2025-12-15', family.homeId);
    const member = { userId: family.grandma.userId, homeId: family.homeId, role: 'viewer' as const };
    let years = 0;
    const statements = await statementsOf(deps.db, async (db) => {
      const memories = await new MemoriesService({ ...deps, db }).today(
        member,
        { today: '2026-06-15', utcOffsetMinutes: 480 },
        deps.origin,
      );
      years = memories.years.length;
    });
    expect(years).toBe(MEMORY_YEARS_MAX);
    // The oldest photo, the day's photos of every year in one statement, the children (no bucket bound).
    expect(statements).toHaveLength(3);
  });
});
