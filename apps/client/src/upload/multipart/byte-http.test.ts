import { describe, expect, it } from 'vitest';
import { createAbort } from '../cancel';
import { UploadCancelled } from '../queue';
import { type TaroBytesRequest, taroByteHttp, xhrByteHttp } from './byte-http';
import { PartTransferError } from './errors';
import { platformNetwork } from './network';

/** XMLHttpRequest as the browser and RN run it, played by the test. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  aborted = false;
  status = 0;
  responseText = '';
  responseHeaders: Record<string, string> = {};
  upload: { onprogress: ((event: { loaded: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
  }
}

const xhr = () => FakeXhr.last as FakeXhr;

describe('bytes over XMLHttpRequest (H5, RN)', () => {
  const http = xhrByteHttp(FakeXhr as unknown as new () => XMLHttpRequest);

  it('sends the bytes with the headers, reports upload progress and reads the answer and its headers', async () => {
    const progress: number[] = [];
    const body = new Uint8Array([1, 2, 3]).buffer;
    const answer = http({
      method: 'PUT',
      url: 'https://bucket.example.com/k?partNumber=1',
      headers: { 'content-type': 'application/octet-stream' },
      body,
      signal: createAbort().signal,
      onUploadProgress: (n) => progress.push(n),
    });
    expect([xhr().method, xhr().url, xhr().headers, xhr().body]).toEqual([
      'PUT',
      'https://bucket.example.com/k?partNumber=1',
      { 'content-type': 'application/octet-stream' },
      body,
    ]);
    xhr().upload.onprogress?.({ loaded: 2 });
    Object.assign(xhr(), { status: 200, responseText: '{"etag":"e"}', responseHeaders: { etag: '"abc"' } });
    xhr().onload?.();
    const response = await answer;
    expect(progress).toEqual([2]);
    expect([response.status, response.text, response.header('ETag')]).toEqual([200, '{"etag":"e"}', '"abc"']);
  });

  it('fails with a network error when never answered, and with UploadCancelled when cut', async () => {
    const lost = http({ method: 'GET', url: 'https://up.example.com/x', signal: createAbort().signal });
    xhr().onerror?.();
    const error = await lost.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartTransferError);
    expect((error as PartTransferError).status).toBe(0);
    expect((error as Error).message).toMatch(/^Network request failed: GET up\.example\.com/);

    const abort = createAbort();
    const cut = http({ method: 'PUT', url: 'https://up.example.com/x', signal: abort.signal });
    abort.abort();
    await expect(cut).rejects.toBeInstanceOf(UploadCancelled);
    expect(xhr().aborted).toBe(true);
  });
});

describe('bytes over Taro.request (WeChat)', () => {
  it('PUTs the ArrayBuffer as text-in text-out, and finds headers whatever their case', async () => {
    const options: Parameters<TaroBytesRequest>[0][] = [];
    const request: TaroBytesRequest = (option) => {
      options.push(option);
      setTimeout(() =>
        (option.success as (r: unknown) => void)({ statusCode: 200, data: '', header: { ETag: '"w"' } }),
      );
      return { abort: () => undefined };
    };
    const body = new ArrayBuffer(4);
    const response = await taroByteHttp(request)({
      method: 'PUT',
      url: 'https://bucket.example.com/k',
      headers: { 'content-length': '4' },
      body,
      signal: createAbort().signal,
    });
    expect(options[0]).toMatchObject({
      method: 'PUT',
      data: body,
      header: { 'content-length': '4' },
      dataType: 'text',
    });
    expect(response.header('etag')).toBe('"w"');
    expect(response.header('x-missing')).toBeNull();
  });

  it('turns fail into a network error and cancel into an aborted task', async () => {
    const failing: TaroBytesRequest = (option) => {
      setTimeout(() => (option.fail as (e: unknown) => void)({ errMsg: 'request:fail timeout' }));
      return { abort: () => undefined };
    };
    const error = await taroByteHttp(failing)({
      method: 'GET',
      url: 'https://x.example.com/',
      signal: createAbort().signal,
    }).catch((e: unknown) => e);
    expect((error as PartTransferError).retryable).toBe(true);
    expect((error as Error).message).toMatch(/request:fail timeout/);

    let aborted = false;
    const hanging: TaroBytesRequest = () => ({
      abort: () => {
        aborted = true;
      },
    });
    const abort = createAbort();
    const cut = taroByteHttp(hanging)({ method: 'PUT', url: 'https://x.example.com/', signal: abort.signal });
    abort.abort();
    await expect(cut).rejects.toBeInstanceOf(UploadCancelled);
    expect(aborted).toBe(true);
  });
});

describe("the browser's network state", () => {
  it('follows the online and offline events', () => {
    const network = platformNetwork();
    const seen: boolean[] = [];
    const stop = network.subscribe((online) => seen.push(online));
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    stop();
    window.dispatchEvent(new Event('offline'));
    expect(seen).toEqual([false, true]);
    expect(network.online()).toBe(navigator.onLine);
  });
});
