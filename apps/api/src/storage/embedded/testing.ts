/**
 * Test wiring for the embedded store: a fresh store directory, the store's handler on a real HTTP server
 * on a random loopback port, and the official qiniu SDK clients pointed at it.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import qiniu from 'qiniu';
import { ManualClock } from '../../integrations/clock.js';
import { createEmbeddedStore, type EmbeddedStore, type EmbeddedStoreOptions } from './index.js';

export interface TestStore {
  store: EmbeddedStore;
  dir: string;
  origin: string;
  clock: ManualClock;
  mac: qiniu.auth.digest.Mac;
  uploader: qiniu.form_up.FormUploader;
  bucketManager: qiniu.rs.BucketManager;
  /** An upload token from the SDK's PutPolicy, signed with the store's keys. */
  uploadToken(policy: Omit<qiniu.rs.PutPolicyOptions, 'scope'> & { scope?: string }): string;
  /** A signed download URL from the SDK, valid for `seconds` by the store's clock. */
  downloadUrl(key: string, seconds?: number, fop?: string): string;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestStore(
  options: Partial<Omit<EmbeddedStoreOptions, 'dir' | 'logger' | 'clock'>> = {},
): Promise<TestStore> {
  const dir = await mkdtemp(path.join(tmpdir(), 'xiaojia-store-'));
  // Starts at the real time (tokens made elsewhere by the SDK are dated by it); test tokens: uploadToken.
  const clock = new ManualClock(new Date());
  const make = () =>
    createEmbeddedStore({
      dir,
      clock,
      logger: pino({ level: 'silent' }),
      maxUploadBytes: 64 * 1024 * 1024,
      ...options,
    });
  let store = await make();
  const server: Server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    store.handler(req, res, pathname).then(
      (handled) => {
        if (!handled) res.writeHead(404).end();
      },
      (error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
        else res.destroy();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const test: TestStore = {
    store,
    dir,
    origin,
    clock,
    mac: new qiniu.auth.digest.Mac(store.credentials.accessKey, store.credentials.secretKey),
    uploader: new qiniu.form_up.FormUploader(store.qiniuConfig(origin)),
    bucketManager: new qiniu.rs.BucketManager(
      new qiniu.auth.digest.Mac(store.credentials.accessKey, store.credentials.secretKey),
      store.qiniuConfig(origin),
    ),
    uploadToken(policy) {
      // The SDK dates a token by the real clock (deadline = Date.now() + expires): dated by the store's
      // clock instead, so a test that advances it expires the token exactly, however slow the machine.
      const put = new qiniu.rs.PutPolicy({ scope: store.bucket, ...policy });
      const sdkFlags = put.getFlags.bind(put);
      const deadline = Math.floor(clock.now().getTime() / 1000) + Number(policy.expires ?? 3600);
      put.getFlags = () => ({ ...sdkFlags(), deadline });
      return put.uploadToken(test.mac);
    },
    downloadUrl(key, seconds = 300, fop) {
      const deadline = Math.floor(clock.now().getTime() / 1000) + seconds;
      const domain = store.endpoints(origin).downloadDomain;
      const base = fop ? `${key}?${fop}` : key;
      return test.bucketManager.privateDownloadUrl(domain, base, deadline);
    },
    async restart() {
      store.close();
      store = await make();
      test.store = store;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return test;
}

/**
 * A form upload that streams a file from disk: token, key, then the file, one chunk in memory at a time.
 * (The SDK's FormUploader keeps the whole file in memory to compute its crc32: fine for photos, not for
 * measuring memory.)
 */
export function streamFormUpload(
  uploadUrl: string,
  token: string,
  key: string,
  file: string,
  size: number,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const boundary = `----xiaojia${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="token"\r\n\r\n${token}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\n${key}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(
      uploadUrl,
      {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + size + tail.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', reject);
    req.write(head);
    const source = createReadStream(file, { highWaterMark: 256 * 1024 });
    source.pipe(req, { end: false });
    source.on('end', () => req.end(tail));
    source.on('error', reject);
  });
}
