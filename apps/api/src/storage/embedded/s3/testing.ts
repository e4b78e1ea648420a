/**
 * Test wiring for the S3 peer: a fresh directory, the peer on a real HTTP server on a random loopback
 * port, and an official AWS SDK client signed with the peer's keys.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { ManualClock } from '../../../integrations/clock.js';
import type { S3Target } from '../../s3/storage.js';
import { type PeerCorsRule, S3Peer } from './peer.js';

export const PEER_KEYS = {
  accessKey: 'XIAOJIATESTACCESSKEY',
  secretKey: 'xiaojia/test+secret/key=0123456789abcdef',
  region: 'us-east-1',
};
export const PEER_BUCKET = 'family-photos';
export const APP_ORIGIN = 'https://xiaojia.example.com';
export const GOOD_CORS: PeerCorsRule[] = [
  { origins: [APP_ORIGIN], methods: ['GET', 'PUT', 'POST'], headers: ['*'], exposeHeaders: ['ETag'] },
];

/** An S3 provider target on the peer (MinIO addressing: path style), with `patch` applied. */
export function peerTarget(peer: Pick<TestPeer, 'origin'>, patch: Partial<S3Target> = {}): S3Target {
  return {
    preset: 'minio',
    endpoint: peer.origin,
    region: PEER_KEYS.region,
    pathStyle: true,
    bucket: PEER_BUCKET,
    accessKey: PEER_KEYS.accessKey,
    secretKey: PEER_KEYS.secretKey,
    domain: null,
    ...patch,
  };
}

export interface TestPeer {
  peer: S3Peer;
  origin: string;
  /** The peer's clock; it starts at the real time (the SDK's own clock for clients made here). */
  clock: ManualClock;
  client(config?: Partial<S3ClientConfig>): S3Client;
  close(): Promise<void>;
}

export async function startS3Peer(options: { maxObjectBytes?: number; minPartBytes?: number } = {}): Promise<TestPeer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'xiaojia-s3-'));
  const clock = new ManualClock(new Date());
  const peer = new S3Peer({ ...PEER_KEYS, dir, clock, buckets: { [PEER_BUCKET]: GOOD_CORS }, ...options });
  const server = createServer((req, res) => {
    peer.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    peer,
    origin,
    clock,
    client: (config = {}) =>
      new S3Client({
        region: PEER_KEYS.region,
        endpoint: origin,
        forcePathStyle: true,
        credentials: { accessKeyId: PEER_KEYS.accessKey, secretAccessKey: PEER_KEYS.secretKey },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 1,
        ...config,
      }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
