/**
 * What happens to the family records when what they hang on goes: a photo purged leaves its milestones
 * without it (in the purge's transaction); a deleted home takes its children, milestones and growth
 * records once the sweep has purged its photos; a deleted account leaves what it recorded in its family's
 * home, created_by pointing at the anonymised user.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { housekeeping } from '../services/housekeeping.js';
import { TEST_PASSWORD } from '../test/auth.js';
import { addChild, familyAt } from '../test/family.js';
import type { TestAccount } from '../test/homes.js';
import { uploadPhoto } from '../test/photos.js';

/** A child in `homeId` with a milestone on a new photo and a growth record, all made by `who`. */
async function recordFamily(who: TestAccount, homeId: string) {
  const photo = (await uploadPhoto(who.caller, homeId)).photo.id;
  const child = await addChild(who, '2024-03-15', homeId);
  await who.caller.milestones.create({
    homeId,
    childId: child.id,
    kind: 'first_smile',
    date: '2024-05-01',
    photoId: photo,
  });
  await who.caller.growth.add({ homeId, childId: child.id, date: '2024-05-01', weightKg: 6 });
  return { photo, child };
}

/** [table, rows of the home, of them made by `userId`] for the three family tables. */
async function familyRows(db: Db, homeId: string, userId: string) {
  const out: [string, number, number][] = [];
  for (const table of ['children', 'milestones', 'growth_records'] as const) {
    const rows = await db.selectFrom(table).select('created_by').where('home_id', '=', homeId).execute();
    out.push([table, rows.length, rows.filter((r) => r.created_by === userId).length]);
  }
  return out;
}

describe('family records over the life of photos, homes and accounts', () => {
  it('go with their home once the sweep has purged its photos, and only with it', async () => {
    const { deps, family } = await familyAt();
    const { mom, stranger, homeId } = family;
    await recordFamily(mom, homeId);
    await recordFamily(stranger, stranger.homeId);
    const { name } = await mom.caller.homes.get({ homeId });
    await mom.caller.homes.delete({ homeId, confirmName: name });
    // Gone for everyone at once; the rows wait for the photos to leave the bucket.
    expect((await familyRows(deps.db, homeId, mom.userId)).map(([, n]) => n)).toEqual([1, 1, 1]);
    await housekeeping(deps, deps.origin);
    expect(await deps.db.selectFrom('homes').select('id').where('id', '=', homeId).execute()).toEqual([]);
    expect(await familyRows(deps.db, homeId, mom.userId)).toEqual([
      ['children', 0, 0],
      ['milestones', 0, 0],
      ['growth_records', 0, 0],
    ]);
    expect(await familyRows(deps.db, stranger.homeId, stranger.userId)).toEqual([
      ['children', 1, 1],
      ['milestones', 1, 1],
      ['growth_records', 1, 1],
    ]);
  });

  it('stay in the family’s home when the member who recorded them deletes their account', async () => {
    const { deps, family } = await familyAt();
    const { mom, dad, homeId } = family;
    const { photo, child } = await recordFamily(dad, homeId);
    await dad.caller.account.delete({ password: TEST_PASSWORD });
    await housekeeping(deps, deps.origin);
    expect(await familyRows(deps.db, homeId, dad.userId)).toEqual([
      ['children', 1, 1],
      ['milestones', 1, 1],
      ['growth_records', 1, 1],
    ]);
    const [milestone] = (await mom.caller.milestones.list({ homeId, childId: child.id })).items;
    expect(milestone).toMatchObject({ kind: 'first_smile', photoId: photo });
    expect((await mom.caller.growth.list({ homeId, childId: child.id })).items).toMatchObject([{ weightKg: 6 }]);
    const user = await deps.db.selectFrom('users').selectAll().where('id', '=', dad.userId).executeTakeFirstOrThrow();
    expect(user.display_name).toBe('');
    // A photo purged later still only loses its milestones' photo.
    await mom.caller.photos.trash({ homeId, ids: [photo] });
    await mom.caller.photos.purge({ homeId, ids: [photo] });
    expect((await mom.caller.milestones.list({ homeId, childId: child.id })).items).toMatchObject([
      { kind: 'first_smile', photoId: null },
    ]);
  });
});
