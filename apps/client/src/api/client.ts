/**
 * The typed tRPC client. The client knows the server only as `type AppRouter`: no server code is bundled.
 */
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '@xiaojia/api';
import { MAX_BATCH_CALLS } from '@xiaojia/shared';
import type { TaroFetch } from './taro-fetch';
import type { TokenStore } from './token-store';

export type ApiClient = ReturnType<typeof createTRPCClient<AppRouter>>;

export class ApiConfigError extends Error {
  override name = 'ApiConfigError';
}

/**
 * Where /trpc lives. H5 is served by the API itself, so it uses its own origin unless told otherwise;
 * weapp and RN have no origin of their own and need TARO_APP_API_URL at build time.
 */
export function resolveApiUrl(taroEnv: string | undefined, configured: string | undefined): string {
  const base = (configured ?? '').trim().replace(/\/+$/, '');
  if (base !== '') {
    if (!/^https?:\/\/[^/]+/.test(base)) {
      throw new ApiConfigError(
        `TARO_APP_API_URL must be an http(s) origin such as https://photos.example.com, got "${base}"`,
      );
    }
    return `${base}/trpc`;
  }
  if (taroEnv === 'h5') return '/trpc';
  throw new ApiConfigError(
    `This ${taroEnv ?? 'unknown'} build has no API server: rebuild it with TARO_APP_API_URL=https://your-server`,
  );
}

export interface ApiClientOptions {
  /** Full URL of the tRPC endpoint, e.g. https://photos.example.com/trpc or /trpc. */
  url: string;
  tokens: TokenStore;
  /** The platform's fetch; tRPC falls back to the global fetch when absent (H5, RN). */
  fetch?: TaroFetch | typeof globalThis.fetch;
}

export function createApiClient({ url, tokens, fetch }: ApiClientOptions): ApiClient {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url,
        // The server refuses larger batches (BATCH_TOO_LARGE); more calls at once go as several requests.
        maxItems: MAX_BATCH_CALLS,
        ...(fetch ? { fetch } : {}),
        async headers() {
          const token = await tokens.get();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}

/** A client whose every call fails with `error`: a misconfigured build still starts and says what is wrong. */
export function createFailingApiClient(error: Error, tokens: TokenStore): ApiClient {
  return createApiClient({ url: '/trpc', tokens, fetch: () => Promise.reject(error) });
}
