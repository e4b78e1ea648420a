/** The app's one API client and token store, wired to the platform the build targets. */
import Taro from '@tarojs/taro';
import { type ApiClient, createApiClient, createFailingApiClient, resolveApiUrl } from './client';
import { createTaroFetch } from './taro-fetch';
import { createTokenStore, type TaroStorage } from './token-store';

/**
 * The device's storage. Taro's APIs are called as `Taro.x(...)` member expressions: the H5 build rewrites
 * exactly those into imports of its web implementations, so passing the Taro object around would lose them
 * (on H5 `Taro.setStorage` read off the object is undefined).
 */
export const taroStorage: TaroStorage = {
  getStorage: (option) => Taro.getStorage(option),
  setStorage: (option) => Taro.setStorage(option),
  removeStorage: (option) => Taro.removeStorage(option),
};

export const tokenStore = createTokenStore(taroStorage);

export function createPlatformApiClient(): ApiClient {
  let url: string;
  try {
    url = resolveApiUrl(process.env.TARO_ENV, process.env.TARO_APP_API_URL);
  } catch (error) {
    return createFailingApiClient(error as Error, tokenStore);
  }
  // TARO_ENV is replaced at build time, so each build keeps only its own branch.
  if (process.env.TARO_ENV === 'weapp') {
    return createApiClient({ url, tokens: tokenStore, fetch: createTaroFetch((option) => Taro.request(option)) });
  }
  return createApiClient({ url, tokens: tokenStore });
}
