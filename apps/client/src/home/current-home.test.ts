import { describe, expect, it } from 'vitest';
import { home } from '../../test/support/homes';
import type { TaroStorage } from '../api/token-store';
import { CURRENT_HOME_STORAGE_KEY, createCurrentHomeStore, isHomeScopedKey, pickCurrentHome } from './current-home';
import { canEditAlbums, canManageStorage, canTrashPhoto, canUpload } from './permissions';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  let failing = false;
  const storage: TaroStorage = {
    async getStorage({ key }) {
      if (failing) throw new Error('storage broken');
      if (!data.has(key)) throw { errMsg: 'getStorage:fail data not found' };
      return { data: data.get(key) };
    },
    async setStorage({ key, data: value }) {
      if (failing) throw new Error('storage broken');
      data.set(key, value);
    },
    async removeStorage({ key }) {
      data.delete(key);
    },
  };
  const fail = () => {
    failing = true;
  };
  return { storage, data, fail };
}

describe('pickCurrentHome', () => {
  const homes = [home('h1'), home('h2', 'viewer')];
  it('keeps the stored home while the user is in it', () => {
    expect(pickCurrentHome(homes, 'h2')?.id).toBe('h2');
  });
  it('falls back to the first home when nothing is stored or the stored home is gone', () => {
    expect(pickCurrentHome(homes, null)?.id).toBe('h1');
    expect(pickCurrentHome(homes, 'gone')?.id).toBe('h1');
  });
  it('is null for a user in no home', () => {
    expect(pickCurrentHome([], 'h1')).toBeNull();
  });
});

describe('current home store', () => {
  it('reads storage once, and remembers a choice in memory and in storage', async () => {
    const { storage, data } = memoryStorage({ [CURRENT_HOME_STORAGE_KEY]: 'h2' });
    const store = createCurrentHomeStore(() => storage);
    expect(store.peek()).toBeUndefined();
    const heard: (string | null | undefined)[] = [];
    store.subscribe(() => heard.push(store.peek()));
    await expect(store.load()).resolves.toBe('h2');
    await store.set('h3');
    expect(store.peek()).toBe('h3');
    expect(data.get(CURRENT_HOME_STORAGE_KEY)).toBe('h3');
    await store.set(null);
    expect(data.has(CURRENT_HOME_STORAGE_KEY)).toBe(false);
    expect(heard).toEqual(['h2', 'h3', null]);
  });

  it('reads nothing stored as null, and a broken storage too; a choice still holds in memory', async () => {
    const empty = createCurrentHomeStore(() => memoryStorage().storage);
    await expect(empty.load()).resolves.toBeNull();
    const broken = memoryStorage();
    broken.fail();
    const store = createCurrentHomeStore(() => broken.storage);
    await expect(store.load()).resolves.toBeNull();
    await store.set('h1');
    expect(store.peek()).toBe('h1');
  });

  it('lets a choice made while storage is being read win over what was stored', async () => {
    const { storage } = memoryStorage({ [CURRENT_HOME_STORAGE_KEY]: 'old' });
    const store = createCurrentHomeStore(() => storage);
    const loading = store.load();
    await store.set('new');
    await expect(loading).resolves.toBe('new');
  });
});

describe('isHomeScopedKey', () => {
  it("tells a home's queries by the homeId in their input", () => {
    const key = [['photos', 'list'], { input: { homeId: 'h1', limit: 60 }, type: 'infinite' }];
    expect(isHomeScopedKey(key)).toBe(true);
    expect(isHomeScopedKey(key, 'h1')).toBe(true);
    expect(isHomeScopedKey(key, 'h2')).toBe(false);
    expect(isHomeScopedKey([['homes', 'list'], { type: 'query' }])).toBe(false);
    expect(isHomeScopedKey([['auth', 'me']])).toBe(false);
  });
});

describe('permissions', () => {
  it('lets owners and members upload and edit albums, not viewers', () => {
    expect([canUpload('owner'), canUpload('member'), canUpload('viewer'), canUpload(undefined)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(canEditAlbums('viewer')).toBe(false);
  });
  it('lets the owner trash any photo, a member only their own, a viewer none', () => {
    expect(canTrashPhoto('owner', 'u2', 'u1')).toBe(true);
    expect(canTrashPhoto('member', 'u1', 'u1')).toBe(true);
    expect(canTrashPhoto('member', 'u2', 'u1')).toBe(false);
    expect(canTrashPhoto('member', 'u1', undefined)).toBe(false);
    expect(canTrashPhoto('viewer', 'u1', 'u1')).toBe(false);
  });
  it('leaves the storage binding to the owner', () => {
    expect([canManageStorage('owner'), canManageStorage('member'), canManageStorage('viewer')]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
