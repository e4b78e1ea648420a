import { beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { bindStorePeer } from '../test/storage.js';
import { clip, uploadVideo } from '../test/videos.js';

type Account = Awaited<ReturnType<typeof signUpAndGetToken>>;

async function get(url: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(url, { headers, method });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

describe.each([
  ['the embedded store', false],
  ['a bound Kodo bucket (Range forwarded)', true],
])('save-to-phone download of a video from %s, by byte ranges', (_name, bound) => {
  let deps: TestDeps;
  let alice: Account;
  let bytes: Buffer;
  let url: string;
  let etag: string;
  beforeEach(async () => {
    deps = await createTestDeps();
    alice = await signUpAndGetToken(deps, 'alice');
    if (bound) await bindStorePeer(deps, alice);
    bytes = await clip({ seconds: 3 });
    const { photo } = await uploadVideo(alice.caller, alice.homeId, { bytes, filename: '第一步.mp4' });
    const { downloadPath } = await alice.caller.photos.get({ homeId: alice.homeId, id: photo.id });
    url = `${deps.origin}${downloadPath}`;
    const whole = await get(url);
    expect(whole.res.status).toBe(200);
    expect(whole.res.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.body.equals(bytes)).toBe(true);
    etag = whole.res.headers.get('etag') ?? '';
  });

  it('answers 206 with Content-Range and exactly the bytes asked for: from-to, open-ended, suffix, past the end', async () => {
    const size = bytes.length;
    for (const [range, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, size - 1],
      ['bytes=-50', size - 50, size - 1],
      [`bytes=${size - 10}-${size + 1000}`, size - 10, size - 1],
      [`bytes=${size - 1}-${size - 1}`, size - 1, size - 1],
    ] as const) {
      const { res, body } = await get(url, { Range: range });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers.get('content-length'), range).toBe(String(end - start + 1));
      expect(body.equals(bytes.subarray(start, end + 1)), range).toBe(true);
    }
    const head = await get(url, { Range: 'bytes=0-9' }, 'HEAD');
    expect(head.res.status).toBe(206);
    expect(head.body.length).toBe(0);
  });

  it('answers 416 with the size for a range past the end, without touching storage', async () => {
    for (const range of [`bytes=${bytes.length}-`, 'bytes=99999999-99999999', 'bytes=-0']) {
      const { res, body } = await get(url, { Range: range });
      expect(res.status, range).toBe(416);
      expect(res.headers.get('content-range'), range).toBe(`bytes */${bytes.length}`);
      expect(JSON.parse(body.toString()), range).toEqual({ error: 'range not satisfiable' });
    }
  });

  it('sends the whole file for ranges it may ignore: malformed, several, reversed, another version', async () => {
    const ignored: Array<Record<string, string>> = [
      { Range: 'bytes=abc' },
      { Range: 'items=0-10' },
      { Range: 'bytes=0-1,5-6' },
      { Range: 'bytes=50-10' },
      { Range: 'bytes=0-9', 'If-Range': '"another-version"' },
      { Range: 'bytes=0-9', 'If-Range': 'Tue, 01 Dec 2026 00:00:00 GMT' },
    ];
    for (const headers of ignored) {
      const { res, body } = await get(url, headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(body.equals(bytes), JSON.stringify(headers)).toBe(true);
    }
    const same = await get(url, { Range: 'bytes=0-9', 'If-Range': etag });
    expect(same.res.status).toBe(206);
    expect(same.body.equals(bytes.subarray(0, 10))).toBe(true);
  });

  it("refuses another home's member and a link moved to another photo", async () => {
    const bob = await signUpAndGetToken(deps, 'bob');
    const other = await uploadVideo(bob.caller, bob.homeId, { bytes: await clip({ seconds: 1 }) });
    // Alice's signed query on Bob's photo: the signature names the photo.
    const moved = url.replace(/\/api\/photos\/[0-9a-f-]{36}\//, `/api/photos/${other.photo.id}/`);
    expect((await get(moved, { Range: 'bytes=0-9' })).res.status).toBe(403);
    await expect(alice.caller.photos.get({ homeId: alice.homeId, id: other.photo.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
