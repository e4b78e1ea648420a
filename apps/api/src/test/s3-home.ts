/**
 * A home bound to an S3 bucket in tests: the embedded S3 peer on loopback (strict SigV4, expiry, POST
 * policy, multipart), bound as MinIO (an endpoint of the owner's own, which these tests' operator allows),
 * with the peer's clock following the API's.
 */
import type { UploadTicket } from '@xiaojia/shared';
import { expect } from 'vitest';
import { PEER_BUCKET, PEER_KEYS, startS3Peer, type TestPeer } from '../storage/embedded/s3/testing.js';
import { signUpAndGetToken } from './auth.js';
import { type callerFor, createTestDeps, type TestDeps } from './deps.js';

export type UploadGrantTicket = Extract<UploadTicket, { kind: 'upload' }>;

export interface S3Home {
  deps: TestDeps;
  peer: TestPeer;
  owner: Awaited<ReturnType<typeof signUpAndGetToken>>;
  /** The binding input (MinIO on the peer), for binding again or elsewhere. */
  binding: {
    provider: 's3';
    preset: 'minio' | 'custom';
    endpoint: string;
    bucket: string;
    accessKey: string;
    secretKey: string;
  };
  /** Moves both clocks (the API's and the storage's) on by `ms`. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** Starts an S3 peer (CORS for the app, clock at the API's) and binds `account`'s home to it as `preset`. */
export async function bindPeerBucket(
  deps: TestDeps,
  account: { caller: ReturnType<typeof callerFor>; homeId: string },
  preset: 'minio' | 'custom' = 'minio',
  peerOptions: { minPartBytes?: number } = {},
) {
  const peer = await startS3Peer(peerOptions);
  peer.peer.setCors(PEER_BUCKET, [{ origins: [deps.origin], methods: ['GET', 'POST', 'PUT'], headers: ['*'] }]);
  peer.clock.set(deps.clock.now());
  const binding = {
    provider: 's3' as const,
    preset,
    endpoint: peer.origin,
    bucket: PEER_BUCKET,
    accessKey: PEER_KEYS.accessKey,
    secretKey: PEER_KEYS.secretKey,
  };
  await account.caller.storage.bind({ homeId: account.homeId, ...binding });
  return { peer, binding };
}

export async function s3Home(preset: 'minio' | 'custom' = 'minio', peerOptions: { minPartBytes?: number } = {}) {
  const deps = await createTestDeps({ s3OwnEndpoints: true });
  const owner = await signUpAndGetToken(deps, 'owner');
  const { peer, binding } = await bindPeerBucket(deps, owner, preset, peerOptions);
  const home: S3Home = {
    deps,
    peer,
    owner,
    binding,
    advance(ms) {
      deps.clock.advance(ms);
      peer.clock.advance(ms);
    },
    close: () => peer.close(),
  };
  return home;
}

/** uploads.create for one file; the upload ticket (throws on a duplicate). */
export async function ticketFor(
  caller: S3Home['owner']['caller'],
  homeId: string,
  file: { size: number; mime?: 'image/jpeg' | 'video/mp4' | 'image/png'; qetag?: string },
): Promise<UploadGrantTicket> {
  const { tickets } = await caller.uploads.create({
    homeId,
    files: [{ filename: 'f', mime: 'image/jpeg', ...file }],
  });
  const ticket = tickets[0];
  if (ticket?.kind !== 'upload') throw new Error('expected an upload ticket');
  return ticket;
}

/** PUT `body` with a presigned grant's URL and headers (derivatives, PUT grants). */
export const putWith = (grant: { uploadUrl: string; headers?: Record<string, string> }, body: Buffer) =>
  fetch(grant.uploadUrl, { method: 'PUT', body: new Uint8Array(body), headers: grant.headers ?? {} });

export interface S3MultipartUpload {
  key: string;
  uploadId: string;
  partBytes: number;
}

/** uploads.create for a file large enough for parts: its key, UploadId and part size. */
export async function startMultipart(caller: S3Home['owner']['caller'], homeId: string, size: number) {
  const ticket = await ticketFor(caller, homeId, { size });
  if (ticket.multipart?.protocol !== 's3') throw new Error('expected an S3 multipart plan');
  return { key: ticket.key, uploadId: ticket.multipart.uploadId, partBytes: ticket.multipart.partBytes };
}

/**
 * Sends `body` cut in `partBytes` pieces through signed URLs (only the part numbers `only`, if given);
 * answers the parts to complete with.
 */
export async function sendParts(
  caller: S3Home['owner']['caller'],
  homeId: string,
  upload: S3MultipartUpload,
  body: Buffer,
  only?: readonly number[],
) {
  const count = Math.ceil(body.length / upload.partBytes);
  const numbers = only ?? Array.from({ length: count }, (_, i) => i + 1);
  const signed = await caller.uploads.signParts({
    homeId,
    key: upload.key,
    uploadId: upload.uploadId,
    partNumbers: [...numbers],
  });
  const parts = [];
  for (const part of signed.parts) {
    const slice = body.subarray((part.partNumber - 1) * upload.partBytes, part.partNumber * upload.partBytes);
    const response = await fetch(part.url, { method: 'PUT', body: new Uint8Array(slice), headers: part.headers });
    expect([response.status, response.status === 200 ? '' : await response.text()]).toEqual([200, '']);
    parts.push({ partNumber: part.partNumber, etag: response.headers.get('etag') ?? '' });
  }
  return parts;
}
