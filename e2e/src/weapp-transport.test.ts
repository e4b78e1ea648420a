/**
 * The mini-program's transport against the real server: the client's Taro.request-based fetch and tRPC
 * link, with wx.request played over Node's HTTP (it resolves on every HTTP status and rejects only on
 * network failure, with { errMsg }). WeChat itself cannot run here; everything past wx.request is real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../apps/client/src/api/client';
import { createTaroFetch, type TaroRequest } from '../../apps/client/src/api/taro-fetch';
import type { TokenStore } from '../../apps/client/src/api/token-store';
import { type RunningServer, startServer } from './harness.js';

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value: string, key: string) => {
    out[key] = value;
  });
  return out;
}

const wxRequest: TaroRequest = (option) => {
  const controller = new AbortController();
  const response = fetch(option.url, {
    method: option.method ?? 'GET',
    headers: option.header as Record<string, string>,
    body: typeof option.data === 'string' ? option.data : undefined,
    signal: controller.signal,
  }).then(
    async (res) => ({
      statusCode: res.status,
      data: await res.text(),
      header: headersOf(res),
      cookies: [],
      errMsg: 'request:ok',
    }),
    (error: Error) => Promise.reject({ errMsg: `request:fail ${error.message}` }),
  );
  return Object.assign(response, { abort: () => controller.abort() }) as unknown as ReturnType<TaroRequest>;
};

const noToken: TokenStore = { get: async () => null, set: async () => undefined, clear: async () => undefined };

describe('weapp transport (Taro.request fetch + tRPC link) against the real server', () => {
  let server: RunningServer | undefined;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  function api(url = `${server?.url}/trpc`) {
    return createApiClient({ url, tokens: noToken, fetch: createTaroFetch(wxRequest) });
  }

  it('runs a query and a mutation, batched', async () => {
    const client = api();
    const [health, echo] = await Promise.all([
      client.health.check.query(),
      client.health.echo.mutate({ text: '小家' }),
    ]);
    expect(health).toMatchObject({ ok: true, name: 'xiaojia' });
    expect(echo.text).toBe('小家');
  });

  it('surfaces the server refusing bad input as a TRPCClientError with the app error code', async () => {
    const error = await api()
      .health.echo.mutate({ text: '' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'TRPCClientError',
      data: { httpStatus: 400, appCode: 'BAD_INPUT' },
    });
  });

  it('reports an unreachable server as a network failure', async () => {
    const closed = `http://127.0.0.1:1/trpc`;
    await expect(api(closed).health.check.query()).rejects.toThrow(/^Network request failed: request:fail/);
  });
});
