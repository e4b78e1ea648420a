/**
 * S3Parts.list against the embedded S3 peer: ListParts page after page (NextPartNumberMarker), bounded
 * by `max`, ETags unquoted; a gone upload is not_found.
 */
import { CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
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

describe('S3Parts.list', () => {
  const parts = () =>
    new S3Parts(
      () => peer.client(),
      PEER_BUCKET,
      () => peer.clock.now(),
    );

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
