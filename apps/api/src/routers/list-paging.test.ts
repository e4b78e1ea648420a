/** albums.list and auth.devices answer one bounded page at a time, in order, and only the caller's (home's). */
import { ALBUM_PAGE_MAX, ALBUMS_PER_HOME_MAX, DEVICE_PAGE_MAX } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../integrations/ids.js';
import { signUpAndGetToken, TEST_PASSWORD } from '../test/auth.js';
import { callerFor, createTestDeps, type TestDeps } from '../test/deps.js';

type Account = Awaited<ReturnType<typeof signUpAndGetToken>>;

/** Follows nextCursor to the end, `limit` at a time; returns the pages' ids. */
async function allPages(
  fetchPage: (cursor?: string) => Promise<{ items: { id: string }[]; nextCursor: string | null }>,
) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    pages.push(page.items.map((item) => item.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

describe('albums.list pages', () => {
  let deps: TestDeps;
  let alice: Account;
  beforeEach(async () => {
    deps = await createTestDeps();
    alice = await signUpAndGetToken(deps, 'alice');
  });

  it('pages most recently changed first, without gaps or repeats, and ends with a null cursor', async () => {
    const created: string[] = [];
    for (const name of ['一', '二', '三', '四', '五']) {
      created.push((await alice.caller.albums.create({ homeId: alice.homeId, name })).id);
      deps.clock.advance(1000);
    }
    // Renaming the first album makes it the most recently changed.
    await alice.caller.albums.rename({ homeId: alice.homeId, id: created[0] as string, name: '一改' });
    const pages = await allPages((cursor) =>
      alice.caller.albums.list({ homeId: alice.homeId, limit: 2, ...(cursor ? { cursor } : {}) }),
    );
    expect(pages).toEqual([[created[0], created[4]], [created[3], created[2]], [created[1]]]);
  });

  it('never shows another home its albums, on any page', async () => {
    const bob = await signUpAndGetToken(deps, 'bob');
    const bobs = (await bob.caller.albums.create({ homeId: bob.homeId, name: 'Bob' })).id;
    const alices = [
      (await alice.caller.albums.create({ homeId: alice.homeId, name: 'A1' })).id,
      (await alice.caller.albums.create({ homeId: alice.homeId, name: 'A2' })).id,
    ];
    const pages = await allPages((cursor) =>
      alice.caller.albums.list({ homeId: alice.homeId, limit: 1, ...(cursor ? { cursor } : {}) }),
    );
    expect(pages.flat().sort()).toEqual([...alices].sort());
    expect((await bob.caller.albums.list({ homeId: bob.homeId })).items.map((a) => a.id)).toEqual([bobs]);
  });

  it('refuses a page larger than the maximum, or a made-up cursor, with BAD_INPUT', async () => {
    await expect(alice.caller.albums.list({ homeId: alice.homeId, limit: ALBUM_PAGE_MAX + 1 })).rejects.toMatchObject({
      cause: { issues: [expect.objectContaining({ path: ['limit'] })] },
    });
    await expect(alice.caller.albums.list({ homeId: alice.homeId, cursor: 'not-a-cursor' })).rejects.toMatchObject({
      cause: { code: 'BAD_INPUT', details: { field: 'cursor' } },
    });
    await expect(alice.caller.albums.list({ homeId: alice.homeId, limit: ALBUM_PAGE_MAX })).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('stops creating albums at the per-home maximum with ALBUM_LIMIT_REACHED', async () => {
    const { userId, homeId } = await signUpAndGetToken(deps, 'collector');
    const collector = callerFor(deps, {
      token: (await callerFor(deps).auth.signIn({ username: 'collector', password: TEST_PASSWORD })).token,
    });
    const at = deps.clock.now().toISOString();
    const rows = Array.from({ length: ALBUMS_PER_HOME_MAX - 1 }, (_, i) => ({
      id: newId(),
      home_id: homeId,
      created_by: userId,
      name: `album ${i}`,
      cover_photo_id: null,
      created_at: at,
      updated_at: at,
    }));
    for (let i = 0; i < rows.length; i += 200)
      await deps.db
        .insertInto('albums')
        .values(rows.slice(i, i + 200))
        .execute();
    await expect(collector.albums.create({ homeId, name: 'the last one' })).resolves.toMatchObject({
      name: 'the last one',
    });
    await expect(collector.albums.create({ homeId, name: 'one too many' })).rejects.toMatchObject({
      cause: { code: 'ALBUM_LIMIT_REACHED', details: { max: ALBUMS_PER_HOME_MAX } },
    });
    // Other homes are not affected.
    await expect(alice.caller.albums.create({ homeId: alice.homeId, name: 'mine' })).resolves.toMatchObject({
      name: 'mine',
    });
  });
});

describe('auth.devices pages', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });

  it('pages most recently used first, marks this device, and shows no one else their sessions', async () => {
    const phone = await signUpAndGetToken(deps, 'mama');
    const labels = ['tablet', 'laptop', 'tv'];
    for (const device of labels) {
      deps.clock.advance(60_000);
      await callerFor(deps).auth.signIn({ username: 'mama', password: TEST_PASSWORD, device });
    }
    const other = await signUpAndGetToken(deps, 'baba');
    deps.clock.advance(60_000);
    const pages: { label: string; current: boolean }[][] = [];
    let cursor: string | undefined;
    do {
      const page = await phone.caller.auth.devices({ limit: 3, ...(cursor ? { cursor } : {}) });
      pages.push(page.items.map(({ label, current }) => ({ label, current })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // Asking with the phone's session is a use of it, so the phone comes first.
    expect(pages).toEqual([
      [
        { label: 'vitest', current: true },
        { label: 'tv', current: false },
        { label: 'laptop', current: false },
      ],
      [{ label: 'tablet', current: false }],
    ]);
    const bobsIds = (await other.caller.auth.devices()).items.map((d) => d.id);
    expect(bobsIds).toHaveLength(1);
    const mamasIds = await allPages((c) => phone.caller.auth.devices({ limit: 1, ...(c ? { cursor: c } : {}) }));
    expect(mamasIds.flat()).toHaveLength(4);
    expect(mamasIds.flat()).not.toContain(bobsIds[0]);
  });

  it('refuses a page larger than the maximum', async () => {
    const { caller } = await signUpAndGetToken(deps);
    await expect(caller.auth.devices({ limit: DEVICE_PAGE_MAX + 1 })).rejects.toMatchObject({
      cause: { issues: [expect.objectContaining({ path: ['limit'] })] },
    });
    expect((await caller.auth.devices({ limit: DEVICE_PAGE_MAX })).items).toHaveLength(1);
  });
});
