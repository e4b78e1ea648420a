import type Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { createTaroFetch, type TaroRequest } from './taro-fetch';

type Outcome =
  | { ok: true; statusCode: number; data: unknown; header?: Record<string, string> }
  | { ok: false; errMsg: string }
  | { hang: true };

/**
 * Plays wx.request as Taro exposes it: a promise for the response (any HTTP status resolves; only a
 * network failure rejects, with { errMsg }) that also carries abort().
 */
function platform(outcome: Outcome) {
  const calls: Taro.request.Option<string>[] = [];
  let aborted = 0;
  const request: TaroRequest = (option) => {
    calls.push(option);
    let rejectTask: (reason: unknown) => void = () => undefined;
    const promise = new Promise<Taro.request.SuccessCallbackResult<string>>((resolve, reject) => {
      rejectTask = reject;
      if ('hang' in outcome) return;
      if (outcome.ok) {
        resolve({
          statusCode: outcome.statusCode,
          data: outcome.data as string,
          header: outcome.header ?? {},
          cookies: [],
          errMsg: 'request:ok',
        });
      } else {
        reject({ errMsg: outcome.errMsg });
      }
    });
    return Object.assign(promise, {
      abort() {
        aborted += 1;
        rejectTask({ errMsg: 'request:fail abort' });
      },
      onHeadersReceived: () => undefined,
      offHeadersReceived: () => undefined,
      onChunkReceived: () => undefined,
      offChunkReceived: () => undefined,
    }) as unknown as Taro.RequestTask<string>;
  };
  return { request, calls, aborted: () => aborted };
}

describe('createTaroFetch', () => {
  it('sends method, headers and body through Taro.request without letting it parse the response', async () => {
    const wx = platform({ ok: true, statusCode: 200, data: '[{"result":{"data":1}}]' });
    const fetch = createTaroFetch(wx.request);
    const res = await fetch('https://api.example.com/trpc/health.echo?batch=1', {
      method: 'post',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t1' },
      body: '{"0":{"text":"hi"}}',
    });
    expect(wx.calls).toEqual([
      {
        url: 'https://api.example.com/trpc/health.echo?batch=1',
        method: 'POST',
        header: { 'content-type': 'application/json', authorization: 'Bearer t1' },
        data: '{"0":{"text":"hi"}}',
        dataType: 'text',
        responseType: 'text',
      },
    ]);
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual([{ result: { data: 1 } }]);
  });

  it('accepts headers as pairs or a Headers object, and URL or Request inputs', async () => {
    const wx = platform({ ok: true, statusCode: 204, data: '' });
    const fetch = createTaroFetch(wx.request);
    await fetch(new URL('https://a.example/x'), { headers: [['x-one', '1']] });
    await fetch({ url: 'https://a.example/y' }, { headers: new Headers({ 'X-Two': '2' }) });
    expect(wx.calls.map((c) => [c.url, c.method, c.header])).toEqual([
      ['https://a.example/x', 'GET', { 'x-one': '1' }],
      ['https://a.example/y', 'GET', { 'x-two': '2' }],
    ]);
  });

  it('resolves HTTP error statuses with ok=false and the error body, as fetch does', async () => {
    const body = { error: { message: 'Invalid input', code: -32600, data: { appCode: 'BAD_INPUT', httpStatus: 400 } } };
    for (const statusCode of [400, 401, 404, 500, 503]) {
      const fetch = createTaroFetch(platform({ ok: true, statusCode, data: JSON.stringify(body) }).request);
      const res = await fetch('https://a.example/trpc/x');
      expect(res.ok).toBe(false);
      expect(res.status).toBe(statusCode);
      await expect(res.json()).resolves.toEqual(body);
    }
  });

  it('serialises data that the runtime parsed anyway, and lower-cases response header names', async () => {
    const wx = platform({ ok: true, statusCode: 200, data: { already: 'parsed' }, header: { 'Content-Type': 'x/y' } });
    const res = await createTaroFetch(wx.request)('https://a.example/');
    await expect(res.json()).resolves.toEqual({ already: 'parsed' });
    expect(res.headers).toEqual({ 'content-type': 'x/y' });
  });

  it('rejects json() on a body that is not JSON with the status and the start of the body', async () => {
    const wx = platform({ ok: true, statusCode: 502, data: '<html>Bad Gateway</html>' });
    const res = await createTaroFetch(wx.request)('https://a.example/');
    await expect(res.text()).resolves.toBe('<html>Bad Gateway</html>');
    await expect(res.json()).rejects.toThrow(/HTTP 502\) is not JSON: <html>Bad Gateway/);
  });

  it('turns a network failure into a TypeError naming the platform error, like fetch', async () => {
    const wx = platform({ ok: false, errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' });
    const attempt = createTaroFetch(wx.request)('https://a.example/');
    await expect(attempt).rejects.toBeInstanceOf(TypeError);
    await expect(attempt).rejects.toThrow('Network request failed: request:fail net::ERR_CONNECTION_REFUSED');
  });

  it('aborts the Taro task when the signal fires and rejects with an AbortError', async () => {
    const wx = platform({ hang: true });
    const controller = new AbortController();
    const attempt = createTaroFetch(wx.request)('https://a.example/', { signal: controller.signal });
    controller.abort();
    await expect(attempt).rejects.toMatchObject({ name: 'AbortError' });
    expect(wx.aborted()).toBe(1);
  });

  it('does not start a request whose signal is already aborted', async () => {
    const wx = platform({ ok: true, statusCode: 200, data: '{}' });
    const controller = new AbortController();
    controller.abort();
    await expect(
      createTaroFetch(wx.request)('https://a.example/', { signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(wx.calls).toEqual([]);
  });

  it('refuses bodies it cannot send and methods Taro.request does not know', async () => {
    const fetch = createTaroFetch(platform({ ok: true, statusCode: 200, data: '{}' }).request);
    await expect(fetch('https://a.example/', { method: 'POST', body: new Uint8Array([1]) })).rejects.toThrow(
      /only string bodies/,
    );
    await expect(fetch('https://a.example/', { method: 'PATCH' })).rejects.toThrow(/unsupported HTTP method PATCH/);
  });
});
