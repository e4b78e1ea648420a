import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObjectRecord } from './catalog.js';
import { type StorePaths, storePaths } from './context.js';
import { DerivedImages, type RenderImage } from './derived.js';
import type { ImageStep } from './fop.js';
import { startTestStore } from './testing.js';

/** A renderer whose renders run until released, counting how many run at once. */
function heldRenderer() {
  const calls: string[] = [];
  const releases: Array<() => void> = [];
  let active = 0;
  let peak = 0;
  const render: RenderImage = (source) => {
    calls.push(source);
    active++;
    peak = Math.max(peak, active);
    return new Promise((resolve) =>
      releases.push(() => {
        active--;
        resolve(Buffer.from(`rendered ${path.basename(source)}`));
      }),
    );
  };
  return {
    render,
    calls,
    /** Waits (polling, no fixed delay) until `count` renders are running, then releases one. */
    async releaseOnce(count = 1) {
      await vi.waitFor(() => expect(releases.length).toBeGreaterThanOrEqual(count));
      releases.shift()?.();
    },
    get active() {
      return active;
    },
    get peak() {
      return peak;
    },
  };
}

function record(file: string): ObjectRecord {
  return {
    key: `k/${file}`,
    file,
    fsize: 1,
    hash: 'etag',
    md5: 'md5',
    mimeType: 'image/jpeg',
    putTime: 0,
    width: null,
    height: null,
    endUser: null,
  };
}

const steps: ImageStep[] = [{ autoOrient: false, rotate: 0, viewMode: 2, width: 100 }];

describe('DerivedImages', () => {
  let paths: StorePaths;
  beforeEach(async () => {
    paths = storePaths(await mkdtemp(path.join(tmpdir(), 'xiaojia-derived-')));
    await mkdir(paths.tmp, { recursive: true });
  });
  afterEach(async () => {
    await rm(paths.root, { recursive: true, force: true });
  });

  it('never runs more renders at once than its concurrency, however many distinct images are asked for', async () => {
    const renderer = heldRenderer();
    const derived = new DerivedImages(paths, { concurrency: 2, maxWaiting: 20, render: renderer.render });
    const files = Array.from({ length: 8 }, (_, i) => `file${i}`);
    const done = Promise.all(files.map((file) => derived.file(record(file), steps, 'thumb.webp')));
    for (let released = 0; released < files.length; released++) {
      // Both slots fill up while work is waiting; the last ones drain one by one.
      await renderer.releaseOnce(Math.min(2, files.length - released));
      expect(renderer.active).toBeLessThanOrEqual(2);
    }
    const written = await done;
    expect(renderer.peak).toBe(2);
    expect(renderer.calls).toHaveLength(8);
    expect(await readFile(written[3] as string, 'utf8')).toBe('rendered file3');
  });

  it('renders identical concurrent requests once, then serves the cached file', async () => {
    const renderer = heldRenderer();
    const derived = new DerivedImages(paths, { concurrency: 2, maxWaiting: 0, render: renderer.render });
    // maxWaiting 0 as well: the nine followers join the first render instead of queueing their own.
    const requests = Array.from({ length: 10 }, () => derived.file(record('same'), steps, 'thumb.webp'));
    await renderer.releaseOnce();
    const answers = await Promise.all(requests);
    expect(new Set(answers).size).toBe(1);
    expect(renderer.calls).toHaveLength(1);
    expect(await derived.file(record('same'), steps, 'thumb.webp')).toBe(answers[0]);
    expect(renderer.calls).toHaveLength(1);
    // Another variant of the same image is its own render.
    const other = derived.file(record('same'), steps, 'preview.webp');
    await renderer.releaseOnce();
    expect(await other).not.toBe(answers[0]);
    expect(renderer.calls).toHaveLength(2);
  });
});

describe('image renders over HTTP when the queue is full', () => {
  it('answers 503 with Retry-After and a Kodo error body, and serves again once a slot frees', async () => {
    const renderer = heldRenderer();
    const t = await startTestStore({ imageRendering: { concurrency: 1, maxWaiting: 0, render: renderer.render } });
    try {
      const token = t.uploadToken({ expires: 600 });
      for (const key of ['a.jpg', 'b.jpg']) {
        expect((await t.uploader.put(token, key, Buffer.from([0xff, 0xd8, 0xff, 0xe0]), null)).resp.statusCode).toBe(
          200,
        );
      }
      const first = fetch(t.downloadUrl('a.jpg', 300, 'imageView2/2/w/100'));
      await vi.waitFor(() => expect(renderer.calls).toHaveLength(1));
      const refused = await fetch(t.downloadUrl('b.jpg', 300, 'imageView2/2/w/100'));
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await refused.json()).toEqual({ error: 'too many images being processed, retry later' });
      await renderer.releaseOnce();
      expect((await first).status).toBe(200);
      const retried = fetch(t.downloadUrl('b.jpg', 300, 'imageView2/2/w/100'));
      await renderer.releaseOnce();
      expect((await retried).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
