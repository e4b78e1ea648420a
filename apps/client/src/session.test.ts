import type { ErrorCode } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { memoryStorage as inMemory } from '../test/support/storage';
import { createTokenStore, type TaroStorage } from './api/token-store';
import { createSessionExit } from './session';

/** Taro storage in memory (the real token store on top), as Taro's H5 localStorage behaves. */
const memoryStorage = (): TaroStorage => inMemory().storage;

/** A promise settled from outside, so a test decides when the server answers. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/**
 * The session exit over a real token store, with the welcome page as a list of visits: each restart
 * records its reason and, like Taro.reLaunch, lands on the welcome page.
 */
async function setUp(token: string | null, refuses: () => Promise<boolean> = async () => true) {
  const tokens = createTokenStore(memoryStorage());
  if (token) await tokens.set(token);
  const visits: (ErrorCode | undefined)[] = [];
  let onWelcome = false;
  let resumed = 0;
  let ended = 0;
  const exit = createSessionExit({
    tokens,
    serverRefusesSession: refuses,
    async restartAtWelcome(reason) {
      visits.push(reason);
      onWelcome = true;
    },
    onWelcomePage: () => onWelcome,
    resumeUploads: () => {
      resumed += 1;
    },
    endUploads: () => {
      ended += 1;
    },
  });
  return { exit, tokens, visits, resumed: () => resumed, ended: () => ended };
}

describe('session exit', () => {
  it('signing out goes to the welcome page once, with no word of expiry, though a screen is refused meanwhile', async () => {
    const server = deferred<boolean>();
    const { exit, tokens, visits } = await setUp('tok-1', () => server.promise);
    exit.signingOut();
    // The server has forgotten the session; the account screen's device list is answered UNAUTHENTICATED.
    const refused = exit.lost('UNAUTHENTICATED');
    server.resolve(true);
    await refused;
    await exit.signedOut();
    expect(visits).toEqual([undefined]);
    expect(await tokens.get()).toBeNull();
  });

  it("ends the account's uploads as soon as the user confirms signing out, before the server answers", async () => {
    const { exit, ended, resumed } = await setUp('tok-1');
    exit.signingOut();
    expect(ended()).toBe(1);
    await exit.signedOut();
    expect(ended()).toBeGreaterThanOrEqual(1);
    expect(resumed()).toBe(0);
  });

  it('a lost session does not end the uploads (they wait, paused, for the same account)', async () => {
    const { exit, visits, ended } = await setUp('tok-1');
    await exit.lost('SESSION_EXPIRED');
    expect(visits).toEqual(['SESSION_EXPIRED']);
    expect(ended()).toBe(0);
  });

  it('ignores a refusal that arrives while the sign-out is already on its way to the welcome page', async () => {
    const { exit, visits } = await setUp('tok-1');
    const leaving = exit.signedOut();
    await exit.lost('UNAUTHENTICATED');
    await leaving;
    expect(visits).toEqual([undefined]);
  });

  it('a refusal checked before the sign-out but answered after it does not say the session expired', async () => {
    const server = deferred<boolean>();
    const { exit, visits } = await setUp('tok-1', () => server.promise);
    const checking = exit.lost('UNAUTHENTICATED');
    exit.signingOut();
    await exit.signedOut();
    server.resolve(true);
    await checking;
    expect(visits).toEqual([undefined]);
  });

  it('without a token (Back after signing out reopened a page) goes to sign-in without saying expired', async () => {
    const { exit, visits } = await setUp(null);
    await exit.lost('UNAUTHENTICATED');
    expect(visits).toEqual([undefined]);
    // Already there: further refusals stay put.
    await exit.lost('UNAUTHENTICATED');
    expect(visits).toEqual([undefined]);
  });

  it('a session revoked elsewhere says so, once, however many screens are refused', async () => {
    const server = deferred<boolean>();
    const { exit, tokens, visits } = await setUp('tok-1', () => server.promise);
    const first = exit.lost('UNAUTHENTICATED');
    const second = exit.lost('UNAUTHENTICATED');
    server.resolve(true);
    await Promise.all([first, second]);
    await exit.lost('UNAUTHENTICATED');
    expect(visits).toEqual(['UNAUTHENTICATED']);
    expect(await tokens.get()).toBeNull();
  });

  it('an expired session says it expired', async () => {
    const { exit, visits } = await setUp('tok-1');
    await exit.lost('SESSION_EXPIRED');
    expect(visits).toEqual(['SESSION_EXPIRED']);
  });

  it('a late refusal of an earlier session leaves the new one alone and lets uploads carry on', async () => {
    const { exit, tokens, visits, resumed } = await setUp('tok-2', async () => false);
    await exit.lost('UNAUTHENTICATED');
    expect(visits).toEqual([]);
    expect(await tokens.get()).toBe('tok-2');
    expect(resumed()).toBe(1);
  });

  it('a refusal answered after signing in again as someone else ends nothing', async () => {
    const server = deferred<boolean>();
    const { exit, tokens, visits } = await setUp('tok-1', () => server.promise);
    const checking = exit.lost('UNAUTHENTICATED');
    await tokens.set('tok-2');
    server.resolve(true);
    await checking;
    expect(visits).toEqual([]);
    expect(await tokens.get()).toBe('tok-2');
  });
});
