import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerFor, createTestDeps, type TestDeps } from '../test/deps.js';

describe('health router', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(async () => {
    await deps.db.destroy();
  });

  it('answers check with the server time from the clock', async () => {
    deps.clock.set('2026-05-01T08:00:00.000Z');
    const health = await callerFor(deps).health.check();
    expect(health).toEqual({ ok: true, name: 'xiaojia', version: 'dev', time: '2026-05-01T08:00:00.000Z' });
  });

  it('echoes valid input and refuses malformed input with BAD_INPUT', async () => {
    const caller = callerFor(deps);
    await expect(caller.health.echo({ text: '你好' })).resolves.toMatchObject({ text: '你好' });
    await expect(caller.health.echo({ text: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.health.echo({ text: 'x'.repeat(201) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('has applied every migration to the fresh database', async () => {
    const tables = await deps.db.introspection.getTables();
    expect(tables.map((t) => t.name).sort()).toEqual(
      [
        'activities',
        'album_photos',
        'blocks',
        'challenge_entries',
        'challenge_votes',
        'challenges',
        'community_admins',
        'community_counters',
        'community_profiles',
        'community_suspensions',
        'conversation_reads',
        'conversations',
        'follows',
        'messages',
        'moderation_checks',
        'moderation_items',
        'reports',
        'work_comments',
        'work_likes',
        'work_photos',
        'work_tags',
        'works',
        'albums',
        'children',
        'growth_records',
        'home_invites',
        'home_members',
        'homes',
        'login_attempts',
        'milestones',
        'notify_subscriptions',
        'photo_comments',
        'photo_likes',
        'photos',
        'sessions',
        'snapshot_deletions',
        'storage_bindings',
        'uploads',
        'users',
      ].sort(),
    );
  });
});
