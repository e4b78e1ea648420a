/**
 * Raw HTTP with a bytes body for the multipart protocols, per platform: XMLHttpRequest in the browser and
 * on React Native (RN's XHR takes an ArrayBuffer body and reports upload progress), Taro.request on WeChat
 * (the only way to PUT there; it reports no upload progress, so parts count when they finish). A request
 * never answered rejects with PartTransferError(0); a cancelled one with UploadCancelled. http.ts and
 * http.weapp.ts pick one for the build.
 */
import type Taro from '@tarojs/taro';
import type { CancelSignal } from '../queue';
import { UploadCancelled } from '../queue';
import { PartTransferError } from './errors';

export interface ByteRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: ArrayBuffer | string;
  signal: CancelSignal;
  onUploadProgress?(sent: number): void;
}

export interface ByteResponse {
  status: number;
  text: string;
  /** A response header, whatever its case; null when absent (or hidden by CORS). */
  header(name: string): string | null;
}

export type ByteHttp = (request: ByteRequest) => Promise<ByteResponse>;

/** XMLHttpRequest's constructor as the browser and React Native give it (passed in so tests play it). */
export type XhrConstructor = new () => XMLHttpRequest;

export function xhrByteHttp(Xhr: XhrConstructor): ByteHttp {
  return (request) =>
    new Promise((resolve, reject) => {
      if (request.signal.cancelled) {
        reject(new UploadCancelled());
        return;
      }
      const xhr = new Xhr();
      let over = false;
      const finish = (outcome: () => void) => {
        if (over) return;
        over = true;
        outcome();
      };
      xhr.open(request.method, request.url);
      for (const [name, value] of Object.entries(request.headers ?? {})) xhr.setRequestHeader(name, value);
      if (request.onUploadProgress && xhr.upload) {
        const report = request.onUploadProgress;
        xhr.upload.onprogress = (event) => {
          if (!over) report(event.loaded);
        };
      }
      xhr.onload = () =>
        finish(() =>
          resolve({
            status: xhr.status,
            text: typeof xhr.responseText === 'string' ? xhr.responseText : '',
            header: (name) => xhr.getResponseHeader(name),
          }),
        );
      xhr.onerror = () => finish(() => reject(new PartTransferError(0, `${request.method} ${hostOf(request.url)}`)));
      xhr.ontimeout = xhr.onerror;
      request.signal.onCancel(() =>
        finish(() => {
          xhr.abort();
          reject(new UploadCancelled());
        }),
      );
      xhr.send(request.body ?? null);
    });
}

/** The part of Taro.request this uses (passed in so tests play WeChat). */
export type TaroBytesRequest = (option: Taro.request.Option<string>) => { abort(): void };

export function taroByteHttp(request: TaroBytesRequest): ByteHttp {
  return (options) =>
    new Promise((resolve, reject) => {
      if (options.signal.cancelled) {
        reject(new UploadCancelled());
        return;
      }
      let over = false;
      const task = request({
        url: options.url,
        method: options.method,
        header: options.headers ?? {},
        data: options.body ?? '',
        // Text back, untouched: Qiniu answers JSON, S3 answers nothing (its ETag is a header).
        dataType: 'text',
        responseType: 'text',
        success: (result) => {
          if (over) return;
          over = true;
          const headers = (result.header ?? {}) as Record<string, unknown>;
          resolve({
            status: result.statusCode,
            text: typeof result.data === 'string' ? result.data : JSON.stringify(result.data ?? ''),
            header: (name) => {
              const found = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
              const value = found === undefined ? undefined : headers[found];
              return value === undefined || value === null ? null : String(value);
            },
          });
        },
        fail: (error) => {
          if (over) return;
          over = true;
          reject(new PartTransferError(0, `${options.method} ${hostOf(options.url)}: ${error.errMsg}`));
        },
      } as Taro.request.Option<string>);
      options.signal.onCancel(() => {
        if (over) return;
        over = true;
        task.abort();
        reject(new UploadCancelled());
      });
    });
}

function hostOf(url: string): string {
  return /^[a-z]+:\/\/([^/?#]+)/i.exec(url)?.[1] ?? url;
}
