/**
 * A `fetch` for the WeChat mini-program, where there is none: enough of the Fetch API for tRPC's
 * httpBatchLink (`ok`, `status`, `json()`), built on Taro.request. Deliberately no Taro request
 * interceptors: they wrap the task and lose `.abort()`.
 */
import type Taro from '@tarojs/taro';
import { NetworkFailure } from '../lib/network-error';

/** The part of Taro.request this fetch uses; passed in so tests can play the platform. */
export type TaroRequest = (option: Taro.request.Option<string>) => Taro.RequestTask<string>;

export interface TaroFetchInit {
  method?: string;
  headers?: Record<string, string> | [string, string][] | { forEach(cb: (value: string, key: string) => void): void };
  body?: unknown;
  signal?: AbortSignal | null;
}

export interface TaroResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: Record<string, string>;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'] as const;
type Method = (typeof METHODS)[number];

function toMethod(method: string | undefined): Method {
  const upper = (method ?? 'GET').toUpperCase();
  const known = METHODS.find((m) => m === upper);
  if (!known) throw new TypeError(`taroFetch: unsupported HTTP method ${method}`);
  return known;
}

function toUrl(input: string | { href: string } | { url: string }): string {
  if (typeof input === 'string') return input;
  return 'url' in input ? input.url : input.href;
}

function toHeaders(headers: TaroFetchInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (Array.isArray(headers)) {
    for (const [key, value] of headers) out[key] = value;
  } else if (typeof headers.forEach === 'function') {
    headers.forEach((value, key) => {
      out[key] = value;
    });
  } else {
    Object.assign(out, headers);
  }
  return out;
}

function abortError(): Error {
  const error = new Error('The request was aborted');
  error.name = 'AbortError';
  return error;
}

/** Lower-cases header names: mini-program runtimes differ in how they spell them. */
function lowerKeys(header: TaroGeneral.IAnyObject | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(header ?? {})) out[key.toLowerCase()] = String(value);
  return out;
}

function createResponse(statusCode: number, data: unknown, header: TaroGeneral.IAnyObject | undefined): TaroResponse {
  // dataType 'text' asks the runtime not to parse, but some runtimes parse JSON anyway.
  const text = typeof data === 'string' ? data : data === undefined || data === null ? '' : JSON.stringify(data);
  return {
    ok: statusCode >= 200 && statusCode < 300,
    status: statusCode,
    headers: lowerKeys(header),
    text: async () => text,
    json: async () => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new SyntaxError(`taroFetch: response (HTTP ${statusCode}) is not JSON: ${text.slice(0, 120)}`);
      }
    },
  };
}

export function createTaroFetch(request: TaroRequest) {
  return function taroFetch(
    input: string | { href: string } | { url: string },
    init: TaroFetchInit = {},
  ): Promise<TaroResponse> {
    return new Promise<TaroResponse>((resolve, reject) => {
      const { signal } = init;
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
        reject(new TypeError('taroFetch: only string bodies are supported (use Taro.uploadFile for files)'));
        return;
      }
      let method: Method;
      try {
        method = toMethod(init.method);
      } catch (error) {
        reject(error);
        return;
      }
      const option: Taro.request.Option<string> = {
        url: toUrl(input),
        method,
        header: toHeaders(init.headers),
        dataType: 'text',
        responseType: 'text',
      };
      if (typeof init.body === 'string') option.data = init.body;

      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        task.abort();
        reject(abortError());
      };
      const task = request(option);
      signal?.addEventListener('abort', onAbort);
      task.then(
        (result) => {
          signal?.removeEventListener('abort', onAbort);
          if (settled) return;
          settled = true;
          resolve(createResponse(result.statusCode, result.data, result.header));
        },
        (error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          if (settled) return;
          settled = true;
          const detail = error && typeof error === 'object' && 'errMsg' in error ? String(error.errMsg) : String(error);
          // The same error type the Fetch API uses for network failures.
          reject(new NetworkFailure(detail));
        },
      );
    });
  };
}

export type TaroFetch = ReturnType<typeof createTaroFetch>;
