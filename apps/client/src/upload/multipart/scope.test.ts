import { describe, expect, it } from 'vitest';
import { sessionScope } from './scope';

function api(me: () => Promise<{ id: string }>, homes: () => Promise<{ items: { id: string }[] }>) {
  return { auth: { me: { query: me } }, homes: { list: { query: homes } } } as never;
}

describe('the records scope of the signed-in session', () => {
  it('is the account and the homes it is in now', async () => {
    let homes = ['h1', 'h2'];
    const scope = sessionScope(
      api(
        async () => ({ id: 'mum' }),
        async () => ({ items: homes.map((id) => ({ id })) }),
      ),
    );
    expect(await scope()).toEqual({ userId: 'mum', homeIds: new Set(['h1', 'h2']) });
    homes = ['h2'];
    expect(await scope()).toEqual({ userId: 'mum', homeIds: new Set(['h2']) });
  });

  it('is nobody when the session is gone or the server cannot be asked', async () => {
    const signedOut = Object.assign(new Error('UNAUTHENTICATED'), { data: { appCode: 'UNAUTHENTICATED' } });
    const homes = async () => ({ items: [{ id: 'h1' }] });
    expect(await sessionScope(api(() => Promise.reject(signedOut), homes))()).toBeNull();
    expect(
      await sessionScope(
        api(
          async () => ({ id: 'mum' }),
          () => Promise.reject(new TypeError('Failed to fetch')),
        ),
      )(),
    ).toBeNull();
  });
});
