/**
 * The family tables' queries on SQLite's planner: each seeks the index migration 0005 made for it, so a
 * home's children, a child's page of milestones (after a cursor too), a photo's milestones, a child's growth
 * records and the purge's clean-up never scan a table.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db, migrateToLatest } from '../db/index.js';
import { newId } from '../integrations/ids.js';
import { addUser, type Member } from '../test/photo-rows.js';
import { planOf, planOfCall, statementsOf } from '../test/query-plan.js';
import { ChildrenRepository } from './children.js';
import { GrowthRepository } from './growth.js';
import { MilestonesRepository } from './milestones.js';
import { PhotoPurgesRepository } from './photo-purges.js';

describe('family query plans', () => {
  // SQLite whatever XIAOJIA_TEST_DATABASE says: the assertions are about SQLite's planner.
  let db: Db;
  let owner: Member;
  const childId = newId();
  const photoId = newId();
  beforeEach(async () => {
    db = createDb({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    owner = await addUser(db, 'owner');
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('seek their indexes', async () => {
    const { homeId } = owner;
    const plan = (action: (d: Db) => Promise<unknown>) => planOfCall(db, action);
    expect(await plan((d) => new ChildrenRepository(d).list(homeId))).toMatch(
      /SEARCH children USING INDEX children_home \(home_id=\?\)/,
    );
    const milestones = (d: Db) => new MilestonesRepository(d);
    expect(await plan((d) => milestones(d).page(homeId, childId, 51))).toMatch(
      /SEARCH milestones USING INDEX milestones_child_date \(child_id=\?\)/,
    );
    const after = await plan((d) => milestones(d).page(homeId, childId, 51, { date: '2024-05-01', id: newId() }));
    expect(after).toMatch(/SEARCH milestones USING INDEX milestones_child_date \(child_id=\? AND date>\?\)/);
    expect(after).toMatch(/SEARCH photos USING INDEX sqlite_autoindex_photos_1 \(id=\?\)/);
    expect(after).not.toMatch(/TEMP B-TREE/);
    expect(await plan((d) => milestones(d).forPhoto(homeId, photoId, 100))).toMatch(
      /SEARCH milestones USING INDEX milestones_home_photo \(home_id=\? AND photo_id=\?\)/,
    );
    expect(await plan((d) => new GrowthRepository(d).ofChild(homeId, childId, 1000))).toMatch(
      /SEARCH growth_records USING INDEX growth_child_date \(child_id=\?\)/,
    );

    const purge = await statementsOf(db, (d) =>
      new PhotoPurgesRepository(d).deleteRow({ id: photoId, home_id: homeId }, new Date().toISOString()),
    );
    const plans = await Promise.all(purge.map((statement) => planOf(db, statement)));
    expect(plans.join('\n')).not.toMatch(/SCAN (milestones|children)/);
    expect(plans[0]).toMatch(/SEARCH milestones USING INDEX milestones_home_photo \(home_id=\? AND photo_id=\?\)/);
    expect(plans[1]).toMatch(/SEARCH children USING INDEX children_home \(home_id=\?\)/);
  });
});
