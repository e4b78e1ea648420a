import { describe, expect, it } from 'vitest';
import { putFile } from './put';
import { type CancelSignal, type PickedFile, UploadCancelled } from './queue';
import { StorageUploadError, storageDetail } from './storage-http';

/** An XMLHttpRequest the test answers by hand, recording what the page asked of it. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  aborted = false;
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: { loaded: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
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
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
  }
  answer(status: number, text = '') {
    this.status = status;
    this.responseText = text;
    this.onload?.();
  }
}

function signal() {
  const listeners: (() => void)[] = [];
  const s: CancelSignal & { cancel(): void } = {
    cancelled: false,
    onCancel: (listener) => listeners.push(listener),
    cancel() {
      (s as { cancelled: boolean }).cancelled = true;
      for (const listener of listeners) listener();
    },
  };
  return s;
}

const bytes = new Blob([new Uint8Array(1500)], { type: 'image/jpeg' });
const file: PickedFile = {
  path: 'blob:photo',
  name: 'a.jpg',
  size: 1500,
  mime: 'image/jpeg',
  source: { path: 'blob:photo', size: 1500, originalFileObj: bytes },
};
const HEADERS = { 'Content-Type': 'image/jpeg', 'Content-Length': '1500', 'If-None-Match': '*' };

async function started(progress: number[] = [], cancel = signal()) {
  FakeXhr.last = null;
  const done = putFile(
    {
      url: 'https://b.example/k?X-Amz-Signature=s',
      headers: HEADERS,
      file,
      onProgress: (n) => progress.push(n),
      signal: cancel,
    },
    FakeXhr as unknown as typeof XMLHttpRequest,
  );
  await new Promise((r) => setTimeout(r, 0));
  const xhr = FakeXhr.last as FakeXhr | null;
  if (!xhr) throw new Error('no request was made');
  return { done, xhr, cancel };
}

describe('the presigned PUT in the browser', () => {
  it('sends the File as the body with exactly the signed headers the browser lets a page set, with progress', async () => {
    const progress: number[] = [];
    const { done, xhr } = await started(progress);
    expect(xhr.method).toBe('PUT');
    expect(xhr.url).toBe('https://b.example/k?X-Amz-Signature=s');
    // Content-Length is the browser's own (from the body): setting it is refused.
    expect(xhr.headers).toEqual({ 'Content-Type': 'image/jpeg', 'If-None-Match': '*' });
    expect(xhr.body).toBe(bytes);
    xhr.upload.onprogress?.({ loaded: 700 });
    xhr.upload.onprogress?.({ loaded: 1500 });
    xhr.answer(200);
    await expect(done).resolves.toBeUndefined();
    expect(progress).toEqual([700, 1500]);
  });

  it("turns S3's XML refusal into a StorageUploadError with its code and message", async () => {
    const { done, xhr } = await started();
    xhr.answer(
      412,
      '<?xml version="1.0"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>',
    );
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUploadError);
    expect((error as StorageUploadError).status).toBe(412);
    expect((error as Error).message).toBe(
      'storage answered 412: PreconditionFailed: At least one of the pre-conditions you specified did not hold',
    );
  });

  it('fails as a network error when the request never gets an answer', async () => {
    const { done, xhr } = await started();
    xhr.onerror?.();
    await expect(done).rejects.toThrow(TypeError);
  });

  it('aborts the request on cancel and rejects with UploadCancelled', async () => {
    const { done, xhr, cancel } = await started();
    cancel.cancel();
    await expect(done).rejects.toBeInstanceOf(UploadCancelled);
    expect(xhr.aborted).toBe(true);
    // A late answer changes nothing.
    xhr.answer(200);
  });
});

describe('what storage said', () => {
  it('reads Kodo JSON, S3 XML, and the start of anything else', () => {
    expect(storageDetail('{"error":"file exists"}')).toBe('file exists');
    expect(storageDetail('<Error><Code>AccessDenied</Code></Error>')).toBe('AccessDenied');
    expect(storageDetail('<Error><Code>EntityTooLarge</Code><Message>Too big</Message></Error>')).toBe(
      'EntityTooLarge: Too big',
    );
    expect(storageDetail('Bad Gateway')).toBe('Bad Gateway');
    expect(storageDetail('x'.repeat(500))).toHaveLength(120);
    expect(storageDetail(undefined)).toBe('');
  });
});
