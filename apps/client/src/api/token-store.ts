/**
 * Where the session's bearer token lives between launches: Taro storage (wx storage on weapp,
 * localStorage on H5, AsyncStorage on RN). Read once, then served from memory; the async Taro storage
 * calls are used because the sync ones are missing on RN.
 */
export const TOKEN_STORAGE_KEY = 'xiaojia.sessionToken';

/** The part of Taro's async storage API the store uses; passed in so tests can use any implementation. */
export interface TaroStorage {
  getStorage(option: { key: string }): Promise<{ data: unknown }>;
  setStorage(option: { key: string; data: string }): Promise<unknown>;
  removeStorage(option: { key: string }): Promise<unknown>;
}

export interface TokenStore {
  get(): Promise<string | null>;
  set(token: string): Promise<void>;
  clear(): Promise<void>;
}

/** Taro's answer for a key never stored ("getStorage:fail data not found"). */
export function isMissingKey(error: unknown): boolean {
  return Boolean(
    error && typeof error === 'object' && 'errMsg' in error && /data not found/i.test(String(error.errMsg)),
  );
}

export function createTokenStore(storage: TaroStorage): TokenStore {
  let cached: Promise<string | null> | null = null;

  async function load(): Promise<string | null> {
    try {
      const { data } = await storage.getStorage({ key: TOKEN_STORAGE_KEY });
      return typeof data === 'string' && data !== '' ? data : null;
    } catch (error) {
      if (isMissingKey(error)) return null;
      throw error;
    }
  }

  return {
    get() {
      cached ??= load().catch((error: unknown) => {
        cached = null;
        throw error;
      });
      return cached;
    },
    async set(token) {
      if (token === '') throw new TypeError('TokenStore.set: empty token');
      await storage.setStorage({ key: TOKEN_STORAGE_KEY, data: token });
      cached = Promise.resolve(token);
    },
    async clear() {
      cached = Promise.resolve(null);
      await storage.removeStorage({ key: TOKEN_STORAGE_KEY });
    },
  };
}
