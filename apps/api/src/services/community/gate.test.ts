import { afterEach, describe, expect, it } from 'vitest';
import { closeAllTestDeps, createTestDeps, type TestDeps } from '../../test/deps.js';
import { addUser } from '../../test/photo-rows.js';
import { ContentGate } from './gate.js';

const HOUR = 60 * 60 * 1000;

describe('ContentGate', () => {
  afterEach(closeAllTestDeps);

  async function suspend(deps: TestDeps, userId: string, until: Date | null): Promise<void> {
    await deps.db
      .insertInto('community_suspensions')
      .values({
        user_id: userId,
        reason: 'spam',
        until: until?.toISOString() ?? null,
        created_by: 'admin',
        created_at: deps.clock.now().toISOString(),
      })
      .execute();
  }

  it('refuses a suspended account until the suspension ends, and one suspended without end always', async () => {
    const deps = await createTestDeps();
    const gate = new ContentGate(deps);
    const { userId } = await addUser(deps.db, 'a');
    const forever = await addUser(deps.db, 'b');
    await gate.assertCanAct(userId);

    await suspend(deps, userId, new Date(deps.clock.now().getTime() + HOUR));
    await suspend(deps, forever.userId, null);
    await expect(gate.assertCanAct(userId)).rejects.toMatchObject({
      code: 'COMMUNITY_SUSPENDED',
      details: { until: expect.any(String) },
    });
    await expect(gate.assertCanAct(forever.userId)).rejects.toMatchObject({ code: 'COMMUNITY_SUSPENDED' });

    deps.clock.advance(HOUR);
    await gate.assertCanAct(userId);
    await expect(gate.assertCanAct(forever.userId)).rejects.toMatchObject({ code: 'COMMUNITY_SUSPENDED' });
  });

  it('queues every new item; post-review shows it at once, pre-review keeps it hidden', async () => {
    for (const [mode, expected] of [
      ['post', 'visible'],
      ['pre', 'pending'],
    ] as const) {
      const deps = await createTestDeps({ communityReview: mode });
      const { userId } = await addUser(deps.db, 'author');
      const admission = await new ContentGate(deps).admit({
        kind: 'work',
        id: 'w1',
        authorId: userId,
        texts: ['晨光'],
      });
      expect(admission).toBe(expected);
      const queued = await deps.db.selectFrom('moderation_items').selectAll().execute();
      expect(queued).toEqual([
        expect.objectContaining({ target_kind: 'work', target_id: 'w1', author_id: userId, status: 'pending' }),
      ]);
    }
  });
});
