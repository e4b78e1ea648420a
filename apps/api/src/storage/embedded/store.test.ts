import { mkdir, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import qiniu from 'qiniu';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { qetag } from '../qetag.js';
import { ObjectNotFoundError } from './index.js';
import { startTestStore, type TestStore } from './testing.js';

const { PutExtra } = qiniu.form_up;

/** Every file under a directory, recursively (relative paths). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function pngBytes(width = 40, height = 30): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } })
    .png()
    .toBuffer();
}

/** A hand-made multipart body, for what the SDK never sends (bad crc32, fields after the file). */
function multipart(parts: Array<{ name: string; value: string | Buffer; filename?: string; type?: string }>) {
  const boundary = `----xiaojia${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.type) head += `Content-Type: ${part.type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** GET with the path sent exactly as given: fetch would resolve `..` segments in it first. */
function rawGet(url: string): Promise<string> {
  const { host } = new URL(url);
  const rawPath = url.slice(url.indexOf(host) + host.length);
  return new Promise((resolve, reject) => {
    const [hostname, port] = host.split(':');
    request({ hostname, port: Number(port), path: rawPath }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    })
      .on('error', reject)
      .end();
  });
}

async function postForm(url: string, form: ReturnType<typeof multipart>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': form.contentType }, body: form.body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('embedded store through the official qiniu SDK', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await startTestStore();
  });
  afterEach(async () => {
    await t.close();
  });

  it('uploads, stats, lists, downloads (signed) and deletes', async () => {
    const data = Buffer.from('小家 family album\n'.repeat(100));
    const token = t.uploadToken({
      scope: `${t.store.bucket}:albums/1/`,
      isPrefixalScope: 1,
      expires: 600,
      insertOnly: 1,
      returnBody:
        '{"key":"$(key)","etag":"$(etag)","fsize":$(fsize),"mimeType":"$(mimeType)","bucket":"$(bucket)",' +
        '"fname":"$(fname)","ext":"$(ext)","w":$(imageInfo.width),"note":"$(x:note)","missing":"$(x:absent)"}',
    });
    const up = await t.uploader.put(
      token,
      'albums/1/说明.txt',
      data,
      new PutExtra('说明 "a".txt', { 'x:note': 'he said "hi"' }),
    );
    expect(up.resp.statusCode).toBe(200);
    expect(up.data).toEqual({
      key: 'albums/1/说明.txt',
      etag: qetag(data),
      fsize: data.length,
      mimeType: 'text/plain',
      bucket: t.store.bucket,
      fname: '说明 %22a%22.txt',
      ext: '.txt',
      w: null,
      note: 'he said "hi"',
      missing: '',
    });

    const st = await t.bucketManager.stat(t.store.bucket, 'albums/1/说明.txt');
    expect(st.resp.statusCode).toBe(200);
    expect(st.data).toMatchObject({ fsize: data.length, hash: qetag(data), mimeType: 'text/plain', type: 0 });
    expect(st.data.putTime).toBe(t.clock.now().getTime() * 10_000);

    const listed = await t.bucketManager.listPrefix(t.store.bucket, { prefix: 'albums/' });
    expect(listed.resp.statusCode).toBe(200);
    expect(listed.data.marker).toBe('');
    expect(listed.data.items.map((i) => i.key)).toEqual(['albums/1/说明.txt']);

    const res = await fetch(t.downloadUrl('albums/1/说明.txt'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('content-length')).toBe(String(data.length));
    expect(res.headers.get('etag')).toBe(`"${qetag(data)}"`);
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);

    const del = await t.bucketManager.delete(t.store.bucket, 'albums/1/说明.txt');
    expect(del.resp.statusCode).toBe(200);
    expect((await t.bucketManager.stat(t.store.bucket, 'albums/1/说明.txt')).resp.statusCode).toBe(612);
    expect((await t.bucketManager.delete(t.store.bucket, 'albums/1/说明.txt')).resp.statusCode).toBe(612);
    expect((await fetch(t.downloadUrl('albums/1/说明.txt'))).status).toBe(404);
    expect(await filesUnder(path.join(t.dir, 'data'))).toEqual([]);
  });

  it('reports image size in returnBody and detects the type from the bytes', async () => {
    const png = await pngBytes(40, 30);
    const token = t.uploadToken({
      expires: 600,
      detectMime: 1,
      returnBody: '{"w":$(imageInfo.width),"h":$(imageInfo.height),"mime":"$(mimeType)","fsize":$(fsize)}',
    });
    // Declared as JPEG with a .jpg name; the bytes say PNG.
    const up = await t.uploader.put(token, 'p.jpg', png, new PutExtra('p.jpg', {}, 'image/jpeg'));
    expect(up.resp.statusCode).toBe(200);
    expect(up.data).toEqual({ w: 40, h: 30, mime: 'image/png', fsize: png.length });
  });

  it('sniffs the type of a file part that declares none', async () => {
    const form = multipart([
      { name: 'token', value: t.uploadToken({ expires: 60, returnBody: '{"mime":"$(mimeType)"}' }) },
      { name: 'key', value: 'untyped' },
      { name: 'file', value: await pngBytes(), filename: 'untyped' },
    ]);
    expect(await postForm(t.store.endpoints(t.origin).uploadUrl, form)).toEqual({
      status: 200,
      body: { mime: 'image/png' },
    });
  });

  it('uses the etag as key when the form has none, as Kodo does', async () => {
    const data = Buffer.from('no key given');
    const up = await t.uploader.put(t.uploadToken({ expires: 60 }), null, data, null);
    expect(up.resp.statusCode).toBe(200);
    expect(up.data).toEqual({ hash: qetag(data), key: qetag(data) });
  });

  describe('refuses uploads the token does not allow', () => {
    async function put(token: string, key: string, body: Buffer, extra: qiniu.form_up.PutExtra | null = null) {
      const res = await t.uploader.put(token, key, body, extra);
      return { status: res.resp.statusCode as number, body: res.data as { error?: string } };
    }

    it('a token signed with the wrong key, a forged access key, a damaged token or none', async () => {
      const good = t.uploadToken({ expires: 60 });
      const [, sig, policy] = good.split(':');
      const otherMac = new qiniu.auth.digest.Mac(t.store.credentials.accessKey, 'x'.repeat(40));
      const wrongSecret = new qiniu.rs.PutPolicy({ scope: t.store.bucket, expires: 60 }).uploadToken(otherMac);
      expect(await put(wrongSecret, 'k', Buffer.from('x'))).toEqual({ status: 401, body: { error: 'bad token' } });
      expect((await put(`AK${'a'.repeat(38)}:${sig}:${policy}`, 'k', Buffer.from('x'))).status).toBe(401);
      expect((await put(`${good}x`, 'k', Buffer.from('x'))).status).toBe(401);
      const form = multipart([
        { name: 'key', value: 'k' },
        { name: 'file', value: 'x', filename: 'k' },
      ]);
      expect(await postForm(t.store.endpoints(t.origin).uploadUrl, form)).toEqual({
        status: 401,
        body: { error: 'token not specified' },
      });
    });

    it('a key outside the exact scope or the prefix scope, and another bucket', async () => {
      const exact = t.uploadToken({ scope: `${t.store.bucket}:a/b.txt`, expires: 60 });
      expect(await put(exact, 'a/c.txt', Buffer.from('x'))).toEqual({
        status: 403,
        body: { error: "key doesn't match with scope" },
      });
      expect((await put(exact, 'a/b.txt', Buffer.from('x'))).status).toBe(200);

      const prefixed = t.uploadToken({ scope: `${t.store.bucket}:users/7/`, isPrefixalScope: 1, expires: 60 });
      expect((await put(prefixed, 'users/8/p.jpg', Buffer.from('x'))).status).toBe(403);
      expect((await put(prefixed, 'users/7', Buffer.from('x'))).status).toBe(403);
      expect((await put(prefixed, 'users/7/../8/p.jpg', Buffer.from('y'))).status).toBe(200);
      expect((await put(prefixed, 'users/7/p.jpg', Buffer.from('x'))).status).toBe(200);

      const otherBucket = t.uploadToken({ scope: 'someone-else', expires: 60 });
      expect(await put(otherBucket, 'k', Buffer.from('x'))).toEqual({ status: 631, body: { error: 'no such bucket' } });
      expect((await t.bucketManager.stat(t.store.bucket, 'users/8/p.jpg')).resp.statusCode).toBe(612);
    });

    it('after the deadline', async () => {
      const token = t.uploadToken({ expires: 60 });
      // The SDK stamps the deadline from the wall clock, which has moved on since the store's clock was
      // set: step well past it.
      t.clock.advance(5 * 60_000);
      expect(await put(token, 'late.txt', Buffer.from('x'))).toEqual({
        status: 401,
        body: { error: 'token out of date' },
      });
    });

    it('an overwrite with insertOnly or a whole-bucket scope, while a key scope may replace', async () => {
      const insertOnly = t.uploadToken({ expires: 60, insertOnly: 1 });
      expect((await put(insertOnly, 'once.txt', Buffer.from('first'))).status).toBe(200);
      expect(await put(insertOnly, 'once.txt', Buffer.from('second'))).toEqual({
        status: 614,
        body: { error: 'file exists' },
      });
      expect((await t.bucketManager.stat(t.store.bucket, 'once.txt')).data.hash).toBe(qetag(Buffer.from('first')));

      // A whole-bucket scope only adds, as on Kodo; naming the key allows the overwrite.
      expect((await put(t.uploadToken({ expires: 60 }), 'once.txt', Buffer.from('third'))).status).toBe(614);
      const replace = t.uploadToken({ scope: `${t.store.bucket}:once.txt`, expires: 60 });
      expect((await put(replace, 'once.txt', Buffer.from('third'))).status).toBe(200);
      expect((await t.bucketManager.stat(t.store.bucket, 'once.txt')).data.hash).toBe(qetag(Buffer.from('third')));
      // The replaced version's bytes are gone, not orphaned.
      expect(await filesUnder(path.join(t.dir, 'data'))).toHaveLength(1);
    });

    it('a file above fsizeLimit or below fsizeMin, leaving nothing behind', async () => {
      const limited = t.uploadToken({ expires: 60, fsizeLimit: 1000 });
      expect((await put(limited, 'big.bin', Buffer.alloc(1000, 1))).status).toBe(200);
      const tooBig = await put(limited, 'big2.bin', Buffer.alloc(200_000, 1));
      expect(tooBig.status).toBe(413);
      const minimum = t.uploadToken({ expires: 60, fsizeMin: 10 });
      expect((await put(minimum, 'small.bin', Buffer.alloc(9, 1))).status).toBe(403);
      expect((await t.bucketManager.stat(t.store.bucket, 'big2.bin')).resp.statusCode).toBe(612);
      expect((await t.bucketManager.stat(t.store.bucket, 'small.bin')).resp.statusCode).toBe(612);
      expect(await readdir(path.join(t.dir, 'tmp'))).toEqual([]);
      expect(await filesUnder(path.join(t.dir, 'data'))).toHaveLength(1);
    });

    it('the wrong type, judged by the bytes, with allow and deny lists', async () => {
      const imagesOnly = t.uploadToken({ expires: 60, mimeLimit: 'image/*', detectMime: 1 });
      const text = Buffer.from('not a picture at all');
      const refused = await put(imagesOnly, 'fake.jpg', text, new PutExtra('fake.jpg', {}, 'image/jpeg'));
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatch(/text\/plain/);
      expect((await put(imagesOnly, 'real.png', await pngBytes())).status).toBe(200);

      const noText = t.uploadToken({ expires: 60, mimeLimit: '!text/plain;application/json' });
      expect((await put(noText, 'a.txt', text)).status).toBe(403);
      expect((await put(noText, 'b.png', await pngBytes())).status).toBe(200);
      expect(await readdir(path.join(t.dir, 'tmp'))).toEqual([]);
    });

    it('a crc32 that does not match the bytes', async () => {
      const form = multipart([
        { name: 'token', value: t.uploadToken({ expires: 60 }) },
        { name: 'key', value: 'crc.txt' },
        { name: 'file', value: 'hello', filename: 'crc.txt' },
        { name: 'crc32', value: '12345' },
      ]);
      expect(await postForm(t.store.endpoints(t.origin).uploadUrl, form)).toEqual({
        status: 406,
        body: { error: 'crc32 not match' },
      });
      expect((await t.bucketManager.stat(t.store.bucket, 'crc.txt')).resp.statusCode).toBe(612);
    });

    it('a form with two files, or the token after the file', async () => {
      const uploadUrl = t.store.endpoints(t.origin).uploadUrl;
      const token = t.uploadToken({ expires: 60 });
      const twoFiles = multipart([
        { name: 'token', value: token },
        { name: 'key', value: 'two.txt' },
        { name: 'file', value: 'one', filename: 'a.txt' },
        { name: 'file', value: 'two', filename: 'b.txt' },
      ]);
      expect((await postForm(uploadUrl, twoFiles)).status).toBe(400);
      const tokenLast = multipart([
        { name: 'key', value: 'late-token.txt' },
        { name: 'file', value: 'x', filename: 'a.txt' },
        { name: 'token', value: token },
      ]);
      expect(await postForm(uploadUrl, tokenLast)).toEqual({ status: 401, body: { error: 'token not specified' } });
      expect((await t.bucketManager.listPrefix(t.store.bucket, {})).data.items).toEqual([]);
      expect(await readdir(path.join(t.dir, 'tmp'))).toEqual([]);
    });

    it('policy features the embedded store cannot honour, by name', async () => {
      const token = t.uploadToken({ expires: 60, callbackUrl: 'http://example.invalid/cb' });
      const res = await put(token, 'cb.txt', Buffer.from('x'));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/callbackUrl/);
    });
  });

  it('answers 599 and keeps nothing when the disk fails under an upload', async () => {
    // A file where the data directory should be: every rename into place fails.
    await rm(path.join(t.dir, 'data'), { recursive: true });
    await writeFile(path.join(t.dir, 'data'), 'not a directory');
    const res = await t.uploader.put(t.uploadToken({ expires: 60 }), 'disk.txt', Buffer.from('x'), null);
    expect(res.resp.statusCode).toBe(599);
    expect(res.data).toEqual({ error: 'server operation failed' });
    expect(await readdir(path.join(t.dir, 'tmp'))).toEqual([]);
    expect((await t.bucketManager.stat(t.store.bucket, 'disk.txt')).resp.statusCode).toBe(612);
  });

  it('leaves nothing behind when the client aborts mid-upload', async () => {
    const token = t.uploadToken({ expires: 60 });
    const boundary = 'abortboundary';
    const url = new URL(t.store.endpoints(t.origin).uploadUrl);
    await new Promise<void>((resolve) => {
      const req = request(url, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': 10_000_000 },
      });
      req.on('error', () => resolve());
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="token"\r\n\r\n${token}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\naborted.bin\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n`,
      );
      req.write(Buffer.alloc(300_000, 7), () => {
        // Give the server time to start writing the temp file, then cut the connection.
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100);
      });
    });
    // The server notices the abort asynchronously.
    for (let i = 0; i < 50 && (await readdir(path.join(t.dir, 'tmp'))).length > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await readdir(path.join(t.dir, 'tmp'))).toEqual([]);
    expect((await t.bucketManager.stat(t.store.bucket, 'aborted.bin')).resp.statusCode).toBe(612);
  });

  describe('signed downloads', () => {
    const body = Buffer.from('0123456789abcdefghij');
    beforeEach(async () => {
      expect((await t.uploader.put(t.uploadToken({ expires: 60 }), 'd/file.txt', body, null)).resp.statusCode).toBe(
        200,
      );
    });

    it('refuses a tampered, expired, foreign-signed or unsigned URL', async () => {
      const url = t.downloadUrl('d/file.txt', 60);
      expect((await fetch(url)).status).toBe(200);

      const otherKey = url.replace('d/file.txt', 'd/other.txt');
      expect(await (await fetch(otherKey)).json()).toEqual({ error: 'bad token' });
      const longer = url.replace(/e=(\d+)/, (_m, e: string) => `e=${Number(e) + 3600}`);
      expect((await fetch(longer)).status).toBe(401);
      const withFop = url.replace('?e=', '?imageInfo&e=');
      expect((await fetch(withFop)).status).toBe(401);
      const lastChar = url.at(-2) === 'A' ? 'B' : 'A';
      expect((await fetch(`${url.slice(0, -2)}${lastChar}=`)).status).toBe(401);
      expect((await fetch(url.split('?')[0] as string)).status).toBe(401);
      expect((await fetch(url.replace(/&token=.*$/, ''))).status).toBe(401);

      const foreign = new qiniu.rs.BucketManager(
        new qiniu.auth.digest.Mac(t.store.credentials.accessKey, 'y'.repeat(40)),
        t.store.qiniuConfig(t.origin),
      );
      const deadline = Math.floor(t.clock.now().getTime() / 1000) + 60;
      const foreignUrl = foreign.privateDownloadUrl(t.store.endpoints(t.origin).downloadDomain, 'd/file.txt', deadline);
      expect((await fetch(foreignUrl)).status).toBe(401);

      t.clock.advance(61_000);
      const expired = await fetch(url);
      expect(expired.status).toBe(401);
      expect(await expired.json()).toEqual({ error: 'token out of date' });
    });

    it('answers Range, HEAD and conditional requests', async () => {
      const url = t.downloadUrl('d/file.txt');
      const part = await fetch(url, { headers: { range: 'bytes=5-9' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 5-9/${body.length}`);
      expect(await part.text()).toBe('56789');

      const tail = await fetch(url, { headers: { range: 'bytes=-4' } });
      expect(await tail.text()).toBe('ghij');
      const open = await fetch(url, { headers: { range: 'bytes=15-' } });
      expect(await open.text()).toBe('fghij');
      const beyond = await fetch(url, { headers: { range: 'bytes=100-' } });
      expect(beyond.status).toBe(416);
      expect(beyond.headers.get('content-range')).toBe(`bytes */${body.length}`);

      const head = await fetch(url, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe(String(body.length));

      const etag = head.headers.get('etag') as string;
      expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
      const staleIfRange = await fetch(url, { headers: { range: 'bytes=0-1', 'if-range': '"old"' } });
      expect(staleIfRange.status).toBe(200);
    });

    it('serves a forced download name with attname', async () => {
      const deadline = Math.floor(t.clock.now().getTime() / 1000) + 60;
      const url = t.bucketManager.privateDownloadUrl(
        t.store.endpoints(t.origin).downloadDomain,
        `d/file.txt?attname=${encodeURIComponent('宝宝.txt')}`,
        deadline,
      );
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="__.txt"; filename*=UTF-8''${encodeURIComponent('宝宝.txt')}`,
      );
    });
  });

  describe('management', () => {
    it('lists by prefix with marker and delimiter, in key order', async () => {
      const keys = ['b/2', 'a/1', 'a/3', 'a/2', 'a/sub/x', 'a/sub/y', 'a/z', 'ab', 'c'];
      const token = t.uploadToken({ expires: 60 });
      for (const key of keys) {
        expect((await t.uploader.put(token, key, Buffer.from(key), null)).resp.statusCode).toBe(200);
      }
      const seen: string[] = [];
      let marker = '';
      let pages = 0;
      do {
        const page = await t.bucketManager.listPrefix(t.store.bucket, { prefix: 'a/', limit: 2, marker });
        expect(page.resp.statusCode).toBe(200);
        seen.push(...page.data.items.map((i) => i.key));
        marker = page.data.marker ?? '';
        pages++;
      } while (marker);
      expect(seen).toEqual(['a/1', 'a/2', 'a/3', 'a/sub/x', 'a/sub/y', 'a/z']);
      expect(pages).toBe(3);

      const folded = await t.bucketManager.listPrefix(t.store.bucket, { prefix: 'a/', delimiter: '/' });
      expect(folded.data.items.map((i) => i.key)).toEqual(['a/1', 'a/2', 'a/3', 'a/z']);
      expect(folded.data.commonPrefixes).toEqual(['a/sub/']);

      const bad = await t.bucketManager.listPrefix(t.store.bucket, { marker: 'not-a-marker' });
      expect(bad.resp.statusCode).toBe(640);
    });

    it('runs batch stat and delete with per-operation codes', async () => {
      const token = t.uploadToken({ expires: 60 });
      await t.uploader.put(token, 'one', Buffer.from('1'), null);
      const res = await t.bucketManager.batch([
        qiniu.rs.statOp(t.store.bucket, 'one'),
        qiniu.rs.deleteOp(t.store.bucket, 'one'),
        qiniu.rs.statOp(t.store.bucket, 'one'),
      ]);
      expect(res.resp.statusCode).toBe(298);
      expect(res.data.map((r: { code: number }) => r.code)).toEqual([200, 200, 612]);
    });

    it('names the bucket domain on the uc host, as listBucketDomains expects', async () => {
      const res = await t.bucketManager.listBucketDomains(t.store.bucket);
      expect(res.resp.statusCode).toBe(200);
      expect(res.data).toEqual([expect.objectContaining({ domain: new URL(t.origin).host, tbl: t.store.bucket })]);
      expect((await t.bucketManager.listBucketDomains('another-bucket')).resp.statusCode).toBe(631);
    });

    it('refuses requests not signed with the store keys, and other buckets', async () => {
      const foreign = new qiniu.rs.BucketManager(
        new qiniu.auth.digest.Mac(t.store.credentials.accessKey, 'z'.repeat(40)),
        t.store.qiniuConfig(t.origin),
      );
      expect((await foreign.stat(t.store.bucket, 'x')).resp.statusCode).toBe(401);
      expect((await foreign.listPrefix(t.store.bucket, {})).resp.statusCode).toBe(401);
      expect((await foreign.delete(t.store.bucket, 'x')).resp.statusCode).toBe(401);
      expect((await foreign.listBucketDomains(t.store.bucket)).resp.statusCode).toBe(401);
      expect((await t.bucketManager.stat('another-bucket', 'x')).resp.statusCode).toBe(631);
      const unsigned = await fetch(
        `${t.origin}/store/rs/stat/${Buffer.from(`${t.store.bucket}:x`).toString('base64url')}`,
      );
      expect(unsigned.status).toBe(401);
    });

    it('refuses a signed request whose X-Qiniu-Date is more than 15 minutes off', async () => {
      const url = `${t.origin}/store/rs/stat/${qiniu.util.encodedEntry(t.store.bucket, 'x')}`;
      async function statAt(date: Date) {
        const headers: Record<string, string> = {
          'X-Qiniu-Date': date
            .toISOString()
            .replace(/[-:]/g, '')
            .replace(/\.\d+Z$/, 'Z'),
          'Content-Type': 'application/x-www-form-urlencoded',
        };
        headers.Authorization = qiniu.util.generateAccessTokenV2(
          t.mac,
          url,
          'GET',
          'application/x-www-form-urlencoded',
          undefined,
          headers,
        );
        const res = await fetch(url, { headers });
        return { status: res.status, body: await res.json() };
      }
      expect(await statAt(new Date(Date.now() - 60_000))).toEqual({
        status: 612,
        body: { error: 'no such file or directory' },
      });
      expect(await statAt(new Date(Date.now() - 16 * 60_000))).toEqual({
        status: 403,
        body: { error: 'request time too skewed' },
      });
      // The store's own clock governs deadlines only: a test clock far ahead does not skew signed requests.
      t.clock.advance(24 * 3600_000);
      expect((await t.bucketManager.stat(t.store.bucket, 'x')).resp.statusCode).toBe(612);
    });
  });

  it('opens an object straight from disk for server code, and says when it is absent', async () => {
    const data = Buffer.from('read me without HTTP');
    await t.uploader.put(t.uploadToken({ expires: 60 }), 'direct.txt', data, null);
    const object = await t.store.open('direct.txt');
    expect({ size: object.size, mime: object.mime, etag: object.etag }).toEqual({
      size: data.length,
      mime: 'text/plain',
      etag: qetag(data),
    });
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    await expect(t.store.open('absent.txt')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('sweeps leftovers of a crash at start, but only old ones another process cannot still be using', async () => {
    await t.uploader.put(t.uploadToken({ expires: 60 }), 'kept.txt', Buffer.from('kept'), null);
    const hourAgo = new Date(Date.now() - 61 * 60_000);
    const staleTemp = path.join(t.dir, 'tmp', 'stale.part');
    const freshTemp = path.join(t.dir, 'tmp', 'fresh.part');
    const staleOrphan = path.join(t.dir, 'data', 'ab', 'abstale');
    const freshOrphan = path.join(t.dir, 'data', 'ab', 'abfresh');
    await mkdir(path.dirname(staleOrphan), { recursive: true });
    for (const file of [staleTemp, freshTemp, staleOrphan, freshOrphan]) await writeFile(file, 'x');
    await utimes(staleTemp, hourAgo, hourAgo);
    await utimes(staleOrphan, hourAgo, hourAgo);
    await t.restart();
    expect(await readdir(path.join(t.dir, 'tmp'))).toEqual(['fresh.part']);
    expect(await readdir(path.join(t.dir, 'data', 'ab'))).toEqual(['abfresh']);
    expect(await rawGet(t.downloadUrl('kept.txt'))).toBe('kept');
  });

  it('keeps keys with slashes, dots and unicode inside the store, and objects and keys across restarts', async () => {
    const token = t.uploadToken({ expires: 60 });
    const keys = ['../../escape.txt', 'a/../../b', '/leading', '照片/宝宝 第一天.txt', 'with space?x'];
    for (const key of keys) {
      expect((await t.uploader.put(token, key, Buffer.from(`v:${key}`), null)).resp.statusCode).toBe(200);
    }
    const before = t.store.credentials;
    await t.restart();
    expect(t.store.credentials).toEqual(before);
    const mode = (await stat(path.join(t.dir, 'store-keys.json'))).mode & 0o777;
    expect(mode).toBe(0o600);
    for (const key of keys) {
      const st = await t.bucketManager.stat(t.store.bucket, key);
      expect(st.data.hash).toBe(qetag(Buffer.from(`v:${key}`)));
    }
    for (const key of ['../../escape.txt', '照片/宝宝 第一天.txt', 'a/../../b']) {
      expect(await rawGet(t.downloadUrl(key))).toBe(`v:${key}`);
    }
    // Everything the store wrote is inside its directory, under names it chose.
    const files = await filesUnder(t.dir);
    expect(files.every((f) => !f.startsWith('..'))).toBe(true);
    expect(files.filter((f) => f.startsWith('data/'))).toHaveLength(keys.length);
  });
});

describe('embedded store limits and browser access', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await startTestStore({ maxUploadBytes: 1000 });
  });
  afterEach(async () => {
    await t.close();
  });

  it('caps every upload at maxUploadBytes, whatever the token allows', async () => {
    const token = t.uploadToken({ expires: 60, fsizeLimit: 10_000_000 });
    expect((await t.uploader.put(token, 'ok.bin', Buffer.alloc(1000, 1), null)).resp.statusCode).toBe(200);
    const tooBig = await t.uploader.put(token, 'big.bin', Buffer.alloc(1001, 1), null);
    expect(tooBig.resp.statusCode).toBe(413);
    // A declared body far beyond the cap is refused before any of it is read.
    const res = await fetch(t.store.endpoints(t.origin).uploadUrl, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: Buffer.alloc(3 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect(await readdir(path.join(t.dir, 'tmp'))).toEqual([]);
  });

  it('refuses a form with a second file part without crashing, and keeps nothing', async () => {
    const token = t.uploadToken({ expires: 60, scope: `${t.store.bucket}:two.bin` });
    for (let round = 0; round < 5; round++) {
      const form = new FormData();
      form.set('token', token);
      form.set('key', 'two.bin');
      form.append('file', new Blob([new Uint8Array(10).fill(1)]), 'a.bin');
      form.append('file', new Blob([new Uint8Array(10).fill(2)]), 'b.bin');
      const res = await fetch(t.store.endpoints(t.origin).uploadUrl, { method: 'POST', body: form });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: expect.stringMatching(/too many parts/) });
    }
    // The store still answers, and the refused upload left no object and no temp file.
    expect((await t.bucketManager.stat(t.store.bucket, 'two.bin')).resp.statusCode).toBe(612);
    expect(await readdir(path.join(t.dir, 'tmp'))).toEqual([]);
  });

  it('answers CORS preflights for browser uploads and range reads', async () => {
    const res = await fetch(t.store.endpoints(t.origin).uploadUrl, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:10086', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/range/);
    const wrongMethod = await fetch(t.store.endpoints(t.origin).uploadUrl);
    expect(wrongMethod.status).toBe(405);
  });
});
