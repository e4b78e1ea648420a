/** `xiaojia admin grant|revoke|list`: by username or id, idempotent, and plain about unknown accounts. */
import { describe, expect, it } from 'vitest';
import { accounts, refusal } from '../test/community.js';
import { createTestDeps } from '../test/deps.js';
import { adminCommand } from './admins.js';
import { CliError } from './errors.js';

describe('admin CLI', () => {
  it('grants by username or id, lists, revokes, and refuses unknown accounts and usage', async () => {
    const deps = await createTestDeps();
    const [alice, bob] = await accounts(deps, 2);
    if (!alice || !bob) throw new Error('no accounts');
    expect(await adminCommand(deps.db, ['list'])).toEqual(['no community admins']);
    expect((await adminCommand(deps.db, ['grant', alice.user.username ?? '']))[0]).toContain(
      'is now a community admin',
    );
    expect((await adminCommand(deps.db, ['grant', alice.userId]))[0]).toContain('already');
    await adminCommand(deps.db, ['grant', bob.userId]);
    const listed = await adminCommand(deps.db, ['list']);
    expect(listed).toHaveLength(2);
    expect(listed[0]).toContain(alice.userId);
    // The new admin passes adminProcedure; a revoked one no longer does.
    await alice.caller.moderation.queue({});
    expect((await adminCommand(deps.db, ['revoke', alice.userId]))[0]).toContain('no longer');
    expect(await refusal(alice.caller.moderation.queue({}))).toBe('COMMUNITY_NOT_ADMIN');
    expect((await adminCommand(deps.db, ['revoke', alice.userId]))[0]).toContain('was not');

    await expect(adminCommand(deps.db, ['grant', 'nobody'])).rejects.toBeInstanceOf(CliError);
    await expect(adminCommand(deps.db, ['promote', 'x'])).rejects.toThrow(/usage/);
    await expect(adminCommand(deps.db, ['grant'])).rejects.toThrow(/usage/);
  });
});
