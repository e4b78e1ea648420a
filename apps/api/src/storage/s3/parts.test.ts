/**
 * S3Parts.list against the embedded S3 peer: ListParts page after page (NextPartNumberMarker), bounded
 * by `max`, ETags unquoted; a gone upload is not_found. S3Parts.complete with and without the guard.
 */
import { CreateMultipartUploadCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PEER_BUCKET, startS3Peer, type TestPeer } from '../embedded/s3/testing.js';
import { StorageError } from '../provider.js';
import { S3Parts } from './parts.js';

let peer: TestPeer;
beforeEach(async () => {
  peer = await startS3Peer({ minPartBytes: 1 });
});
afterEach(async () => {
  await peer.close();
});

const Key = 'h/1/long.mp4';

async function uploadWith(count: number) {
  const s3 = peer.client();
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: PEER_BUCKET, Key }));
  if (!UploadId) throw new Error('no UploadId');
  for (let n = 1; n <= count; n++) {
    await s3.send(new UploadPartCommand({ Bucket: PEER_BUCKET, Key, UploadId, PartNumber: n, Body: `part ${n}` }));
  }
  return UploadId;
}

const parts = () =>
  new S3Parts(
    () => peer.client(),
    PEER_BUCKET,
    () => peer.clock.now(),
  );

describe('S3Parts.list', () => {
  it('follows the pages to the end, and stops at max', async () => {
    const uploadId = await uploadWith(5);
    const all = await parts().list(Key, uploadId, 100, 2);
    expect(all.map((p) => p.partNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(all[0]).toEqual({ partNumber: 1, etag: expect.stringMatching(/^[0-9a-f]{32}$/), size: 'part 1'.length });
    expect((await parts().list(Key, uploadId, 3, 2)).map((p) => p.partNumber)).toEqual([1, 2, 3]);
    expect((await parts().list(Key, uploadId, 100)).length).toBe(5);
  });

  it('answers not_found for an unknown upload', async () => {
    const failure = await parts()
      .list(Key, 'nosuchupload', 10)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).reason).toBe('not_found');
  });
});

describe('S3Parts.complete', () => {
  it('sends the no-overwrite guard, signed: an object at the key stays, unless no guard is given', async () => {
    const s3 = peer.client();
    await s3.send(new PutObjectCommand({ Bucket: PEER_BUCKET, Key, Body: 'earlier' }));
    const uploadId = await uploadWith(1);
    const [listed] = await parts().list(Key, uploadId, 1);
    const done = [{ partNumber: 1, etag: listed?.etag ?? '' }];
    const refused = await parts()
      .complete(Key, uploadId, done, ['if-none-match', '*'])
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ reason: 'refused', status: 412 });
    expect(peer.peer.objects.get(PEER_BUCKET, Key)?.size).toBe('earlier'.length);
    await parts().complete(Key, uploadId, done, null);
    expect(peer.peer.objects.get(PEER_BUCKET, Key)?.size).toBe('part 1'.length);
  });
});
