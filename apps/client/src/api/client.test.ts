import type Taro from '@tarojs/taro';
import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@xiaojia/api';
import { MAX_BATCH_CALLS } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { ApiConfigError, createApiClient, createFailingApiClient, resolveApiUrl } from './client';
import { createTaroFetch, type TaroRequest } from './taro-fetch';
import type { TokenStore } from './token-store';

function tokens(token: string | null): TokenStore {
  let current = token;
  return {
    get: async () => current,
    set: async (t) => {
      current = t;
    },
    clear: async () => {
      current = null;
    },
  };
}

/** wx.request answering every call with one HTTP status and JSON body, recording what was sent. */
function answering(statusCode: number, body: unknown) {
  const sent: Taro.request.Option<string>[] = [];
  const request: TaroRequest = (option) => {
    sent.push(option);
    const result = { statusCode, data: JSON.stringify(body), header: {}, cookies: [], errMsg: 'request:ok' };
    return Object.assign(Promise.resolve(result), { abort: () => undefined }) as unknown as Taro.RequestTask<string>;
  };
  return { request, sent };
}

describe('resolveApiUrl', () => {
  it('uses the same origin on H5 and the configured origin anywhere', () => {
    expect(resolveApiUrl('h5', '')).toBe('/trpc');
    expect(resolveApiUrl('h5', undefined)).toBe('/trpc');
    expect(resolveApiUrl('weapp', 'https://photos.example.com/')).toBe('https://photos.example.com/trpc');
    expect(resolveApiUrl('rn', ' http://10.0.2.2:3000 ')).toBe('http://10.0.2.2:3000/trpc');
  });

  it('says how to fix a weapp or RN build made without an API origin, or with a malformed one', () => {
    expect(() => resolveApiUrl('weapp', '')).toThrow(ApiConfigError);
    expect(() => resolveApiUrl('rn', undefined)).toThrow(/TARO_APP_API_URL=https:\/\/your-server/);
    expect(() => resolveApiUrl('weapp', 'photos.example.com')).toThrow(/must be an http\(s\) origin/);
  });
});

describe('createApiClient over the Taro.request fetch (the weapp path)', () => {
  it('sends the bearer token and decodes a batched query result', async () => {
    const health = { ok: true, name: 'xiaojia', version: '1.2.3', time: '2026-05-01T08:00:00.000Z' };
    const wx = answering(200, [{ result: { data: health } }]);
    const api = createApiClient({
      url: 'https://photos.example.com/trpc',
      tokens: tokens('session-1'),
      fetch: createTaroFetch(wx.request),
    });
    await expect(api.health.check.query()).resolves.toEqual(health);
    expect(wx.sent).toHaveLength(1);
    expect(wx.sent[0]?.method).toBe('GET');
    expect(wx.sent[0]?.url).toMatch(/^https:\/\/photos\.example\.com\/trpc\/health\.check\?batch=1/);
    expect(wx.sent[0]?.header).toMatchObject({ authorization: 'Bearer session-1' });
  });

  it('sends no authorization header without a token, and mutations as POST with a JSON body', async () => {
    const wx = answering(200, [{ result: { data: { text: 'hi', at: '2026-05-01T08:00:00.000Z' } } }]);
    const api = createApiClient({
      url: 'https://x.example/trpc',
      tokens: tokens(null),
      fetch: createTaroFetch(wx.request),
    });
    await expect(api.health.echo.mutate({ text: 'hi' })).resolves.toMatchObject({ text: 'hi' });
    expect(wx.sent[0]?.method).toBe('POST');
    expect(JSON.parse(String(wx.sent[0]?.data))).toEqual({ 0: { text: 'hi' } });
    expect(wx.sent[0]?.header).not.toHaveProperty('authorization');
  });

  it('turns an error status with a tRPC error body into a TRPCClientError carrying the app code', async () => {
    const wx = answering(400, [
      {
        error: {
          message: 'Invalid input',
          code: -32600,
          data: { code: 'BAD_REQUEST', httpStatus: 400, path: 'health.echo', appCode: 'BAD_INPUT' },
        },
      },
    ]);
    const api = createApiClient({
      url: 'https://x.example/trpc',
      tokens: tokens(null),
      fetch: createTaroFetch(wx.request),
    });
    const error = await api.health.echo.mutate({ text: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    const trpcError = error as TRPCClientError<AppRouter>;
    expect(trpcError.message).toBe('Invalid input');
    expect(trpcError.data).toMatchObject({ httpStatus: 400, appCode: 'BAD_INPUT' });
  });

  it('turns a network failure into a TRPCClientError that says what happened', async () => {
    const request: TaroRequest = () =>
      Object.assign(Promise.reject({ errMsg: 'request:fail timeout' }), {
        abort: () => undefined,
      }) as unknown as Taro.RequestTask<string>;
    const api = createApiClient({
      url: 'https://x.example/trpc',
      tokens: tokens(null),
      fetch: createTaroFetch(request),
    });
    await expect(api.health.check.query()).rejects.toThrow('Network request failed: request:fail timeout');
  });

  it('splits calls made together into batches no larger than the server accepts', async () => {
    const wx = answering(200, []);
    const api = createApiClient({
      url: 'https://x.example/trpc',
      tokens: tokens(null),
      fetch: createTaroFetch(wx.request),
    });
    await Promise.allSettled(Array.from({ length: MAX_BATCH_CALLS + 5 }, () => api.health.check.query()));
    const batchSizes = wx.sent.map((option) => new URL(option.url).pathname.split('/').at(-1)?.split(',').length);
    expect(batchSizes).toEqual([MAX_BATCH_CALLS, 5]);
  });

  it('lets a misconfigured build start and report its configuration error on every call', async () => {
    const api = createFailingApiClient(new ApiConfigError('no API server'), tokens(null));
    await expect(api.health.check.query()).rejects.toThrow('no API server');
  });
});
