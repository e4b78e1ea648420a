/**
 * The feeds seek their indexes (SQLite's plan, whatever XIAOJIA_TEST_DATABASE says): latest on works_latest,
 * hot on works_hot, by tag on work_tags_feed, an author's on works_author, first page and deep page alike,
 * with no temporary sort, so a page costs the same at any depth (bench 17); the viewer's blocks are two
 * primary-key seeks per row. Following starts from the follower's follows and seeks each followee's newest
 * works on works_author, sorting only the merge of those bounded lists (bench 18e).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db, migrateToLatest } from '../../db/index.js';
import { addUser, type Member } from '../../test/photo-rows.js';
import { planOf, planOfCall, statementsOf } from '../../test/query-plan.js';
import { WorksRepository } from './works.js';

describe('the feeds’ plans', () => {
  let db: Db;
  let mom: Member;
  beforeEach(async () => {
    db = createDb({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    mom = await addUser(db, 'mom');
  });
  afterEach(async () => {
    await db.destroy();
  });

  const past = { sortAt: '2026-05-01T00:00:00.000Z', id: '01900000-0000-7000-8000-000000000000' };
  const cases: [string, (r: WorksRepository) => Promise<unknown>, string][] = [
    ['latest', (r) => r.feed('latest', mom.userId, 21), 'works_latest'],
    ['latest, deep', (r) => r.feed('latest', mom.userId, 21, past), 'works_latest'],
    ['hot', (r) => r.feed('hot', mom.userId, 21), 'works_hot'],
    ['hot, deep', (r) => r.feed('hot', mom.userId, 21, { sortAt: 120.5, id: past.id }), 'works_hot'],
    ['tag, deep', (r) => r.byTag('sea', mom.userId, 21, past), 'work_tags_feed'],
    ['author, deep', (r) => r.byAuthor(mom.userId, mom.userId, 21, past), 'works_author'],
  ];
  for (const [name, call, index] of cases) {
    it(`${name} walks ${index} without sorting`, async () => {
      const plan = await planOfCall(db, (d) => call(new WorksRepository(d)));
      expect(plan).toContain(index);
      expect(plan).not.toContain('USE TEMP B-TREE');
      // The viewer's blocks either way: two seeks of blocks' primary key per row, never a scan.
      expect(plan.match(/SEARCH blk USING COVERING INDEX \S+ \(blocker_id=\? AND blocked_id=\?\)/g)).toHaveLength(2);
      expect(plan).not.toContain('SCAN blk');
    });
  }

  for (const [name, after] of [
    ['first page', undefined],
    ['deep', past],
  ] as const) {
    it(`following (${name}) starts from the follower's follows and seeks works_author per followee`, async () => {
      const [candidates, ...rest] = await statementsOf(db, (d) =>
        new WorksRepository(d).following(mom.userId, 21, after),
      );
      if (!candidates) throw new Error('no statement');
      // Without follows there is no candidate, so no second statement (the cards of those still showing).
      expect(rest).toEqual([]);
      const plan = await planOf(db, candidates);
      const lines = plan.split('\n');
      // Heads first: from the follower's follows, each followee's newest work (one seek of works_author).
      expect(lines.slice(0, 2)).toEqual([
        'CO-ROUTINE heads',
        expect.stringMatching(/^SEARCH follows USING COVERING INDEX \S+ \(follower_id=\?\)$/),
      ]);
      // Then, for the `limit` followees with the newest heads, their works: a seek of works_author again.
      expect(plan.match(/SEARCH fw USING COVERING INDEX works_author \(author_id=\? AND status=\?/g)).toHaveLength(2);
      expect(plan).toContain('SEARCH works USING INDEX sqlite_autoindex_works_1 (id=?)');
      expect(plan).not.toContain('work_photos');
      expect(plan).not.toMatch(/SCAN (works|fw|follows|blk|head)\b/);
      // Two sorts, of bounded narrow rows: the heads (one per followee), and the merge at the end.
      expect(lines.filter((l) => l.includes('TEMP B-TREE'))).toEqual([
        'USE TEMP B-TREE FOR ORDER BY',
        'USE TEMP B-TREE FOR ORDER BY',
      ]);
      expect(lines.at(-1)).toBe('USE TEMP B-TREE FOR ORDER BY');
      // The follower's blocks either way, each read once as a set (not probed per followee).
      expect(plan).toMatch(/LIST SUBQUERY \d+\nSEARCH bs USING COVERING INDEX \S+ \(blocker_id=\?\)/);
      expect(plan).toMatch(/LIST SUBQUERY \d+\nSEARCH bs USING INDEX blocks_blocked \(blocked_id=\?\)/);
      expect(plan).not.toMatch(/CORRELATED \w+ SUBQUERY \d+\nSEARCH (bs|blk)/);
    });
  }
});
