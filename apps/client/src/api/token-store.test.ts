import { getStorage, removeStorage, setStorage } from '@tarojs/taro-h5/dist/api/storage/index.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTokenStore, type TaroStorage, TOKEN_STORAGE_KEY } from './token-store';

// Taro's real H5 storage (localStorage underneath), the same code the H5 build runs.
const h5Storage: TaroStorage = { getStorage, setStorage, removeStorage };

describe('token store on Taro storage', () => {
  beforeEach(() => localStorage.clear());

  it('has no token on a fresh install', async () => {
    await expect(createTokenStore(h5Storage).get()).resolves.toBeNull();
  });

  it('keeps a token across app launches', async () => {
    await createTokenStore(h5Storage).set('session-abc');
    await expect(createTokenStore(h5Storage).get()).resolves.toBe('session-abc');
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toContain('session-abc');
  });

  it('forgets the token on clear, in memory and in storage', async () => {
    const store = createTokenStore(h5Storage);
    await store.set('session-abc');
    await store.clear();
    await expect(store.get()).resolves.toBeNull();
    await expect(createTokenStore(h5Storage).get()).resolves.toBeNull();
  });

  it('reads storage once and then answers from memory', async () => {
    let reads = 0;
    const counting: TaroStorage = {
      ...h5Storage,
      getStorage: (option) => {
        reads += 1;
        return h5Storage.getStorage(option);
      },
    };
    await createTokenStore(h5Storage).set('t');
    const store = createTokenStore(counting);
    await Promise.all([store.get(), store.get()]);
    await store.get();
    expect(reads).toBe(1);
  });

  it('refuses an empty token', async () => {
    await expect(createTokenStore(h5Storage).set('')).rejects.toThrow(/empty token/);
  });

  it('passes on storage failures other than a missing key, and retries the next time', async () => {
    let fail = true;
    const flaky: TaroStorage = {
      ...h5Storage,
      getStorage: (option) =>
        fail ? Promise.reject({ errMsg: 'getStorage:fail storage is broken' }) : h5Storage.getStorage(option),
    };
    const store = createTokenStore(flaky);
    await expect(store.get()).rejects.toMatchObject({ errMsg: 'getStorage:fail storage is broken' });
    fail = false;
    await expect(store.get()).resolves.toBeNull();
  });
});
