/**
 * Tickets for large files on Kodo-protocol buckets carry a Qiniu v2 plan, and the plan works: the file is
 * sent in parts to the plan's upload host with the plan's token, then confirmed like any upload.
 */
import { createHash, randomBytes } from 'node:crypto';
import { MULTIPART_THRESHOLD_BYTES, type UploadTicket } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { ResumableClient } from '../storage/embedded/resumable/client.js';
import { qetag } from '../storage/qetag.js';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { bindStorePeer } from '../test/storage.js';
import { kodoMultipartExpiry, kodoPartBytes } from './kodo-multipart.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Random bytes behind an MP4 `ftyp` box, so storage sniffs video/mp4. */
function mp4Like(size: number): Buffer {
  const data = randomBytes(size);
  Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom')]).copy(data);
  return data;
}

/** Sends the file the way the ticket's plan says: init, parts of partBytes, complete. */
async function sendByPlan(ticket: UploadTicket, data: Buffer) {
  if (ticket.kind !== 'upload' || ticket.multipart?.protocol !== 'qiniu-v2') throw new Error('expected a v2 plan');
  const plan = ticket.multipart;
  const client = new ResumableClient(plan.uploadUrl, plan.bucket, ticket.key, plan.token);
  const { uploadId } = (await client.init()).body;
  const parts = [];
  for (let n = 1; (n - 1) * plan.partBytes < data.length; n++) {
    const answer = await client.putPart(uploadId, n, data.subarray((n - 1) * plan.partBytes, n * plan.partBytes));
    expect(answer.status).toBe(200);
    parts.push({ partNumber: n, etag: answer.body.etag });
  }
  return client.complete(uploadId, parts, { fname: 'first-steps.mp4', mimeType: 'video/mp4' });
}

describe('uploads.create multipart plans for Kodo buckets', () => {
  let deps: TestDeps;
  let alice: Awaited<ReturnType<typeof signUpAndGetToken>>;
  beforeEach(async () => {
    deps = await createTestDeps();
    alice = await signUpAndGetToken(deps, 'alice');
  });

  it.each([
    ['the embedded store', false],
    ['a bound Qiniu bucket', true],
  ])('plans a v2 upload of a large file into %s, and the file arrives whole', async (_name, bound) => {
    if (bound) await bindStorePeer(deps, alice);
    const data = mp4Like(MULTIPART_THRESHOLD_BYTES + 3 * MiB + 17);
    const { tickets } = await alice.caller.uploads.create({
      homeId: alice.homeId,
      files: [
        { filename: 'first-steps.mp4', size: data.length, mime: 'video/mp4' },
        { filename: 'small.mp4', size: MULTIPART_THRESHOLD_BYTES - 1, mime: 'video/mp4' },
      ],
    });
    const [big, small] = tickets;
    if (big?.kind !== 'upload' || small?.kind !== 'upload') throw new Error('expected upload tickets');
    expect(small.multipart).toBeUndefined();
    expect(big.multipart).toEqual({
      protocol: 'qiniu-v2',
      uploadUrl: big.uploadUrl,
      bucket: 'xiaojia-local',
      token: big.fields.token,
      partBytes: 8 * MiB,
    });
    // The longer life of a resumable grant, and the form grant's 15 minutes.
    const now = deps.clock.now().getTime();
    expect(new Date(big.expiresAt).getTime() - now).toBeGreaterThanOrEqual(2 * 60 * 60 * 1000 - 1000);
    expect(new Date(small.expiresAt).getTime() - now).toBeLessThanOrEqual(15 * 60 * 1000);

    const done = await sendByPlan(big, data);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ key: big.key, etag: qetag(data), size: data.length, mime: 'video/mp4' });
    const { photo } = await alice.caller.uploads.confirm({ homeId: alice.homeId, key: big.key });
    expect(photo).toMatchObject({ mime: 'video/mp4', size: data.length });
    const stored = await deps.storage.embedded(deps.origin).download(big.key, new Date(now + 60_000));
    const hash = createHash('sha1');
    for await (const chunk of stored.body) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(createHash('sha1').update(data).digest('hex'));
  });

  it('refuses parts past the declared size with the plan token', async () => {
    const size = MULTIPART_THRESHOLD_BYTES;
    const { tickets } = await alice.caller.uploads.create({
      homeId: alice.homeId,
      files: [{ filename: 'v.mp4', size, mime: 'video/mp4' }],
    });
    const ticket = tickets[0];
    if (ticket?.kind !== 'upload' || ticket.multipart?.protocol !== 'qiniu-v2') throw new Error('expected a plan');
    const client = new ResumableClient(
      ticket.multipart.uploadUrl,
      ticket.multipart.bucket,
      ticket.key,
      ticket.multipart.token,
    );
    const { uploadId } = (await client.init()).body;
    expect((await client.putPart(uploadId, 1, mp4Like(8 * MiB))).status).toBe(200);
    expect((await client.putPart(uploadId, 2, mp4Like(MiB))).status).toBe(413);
  });

  it('picks parts that keep any file within 10,000, and a bounded grant', () => {
    expect(kodoPartBytes(8 * MiB)).toBe(8 * MiB);
    expect(kodoPartBytes(4 * GiB)).toBe(8 * MiB);
    expect(kodoPartBytes(100 * GiB)).toBe(11 * MiB);
    expect(kodoPartBytes(10_000 * GiB)).toBe(64 * MiB);
    const now = new Date('2026-01-01T00:00:00Z');
    expect(kodoMultipartExpiry(now, 8 * MiB).getTime() - now.getTime()).toBe(2 * 60 * 60 * 1000);
    expect(kodoMultipartExpiry(now, 4 * GiB).getTime() - now.getTime()).toBe(24 * 60 * 60 * 1000);
  });
});
