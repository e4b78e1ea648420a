import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN, PEER_BUCKET as Bucket, startS3Peer, type TestPeer } from './testing.js';

let peer: TestPeer;
beforeEach(async () => {
  peer = await startS3Peer();
});
afterEach(async () => {
  await peer.close();
});

const preflight = (origin: string, method: string, headers: string) =>
  fetch(`${peer.origin}/${Bucket}/h/1/p.jpg`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers },
  });

describe('CORS on the S3 peer, by the bucket rules', () => {
  it('answers a preflight the rules allow, with the origin, methods and headers asked for, unsigned', async () => {
    const answer = await preflight(APP_ORIGIN, 'PUT', 'content-type,if-none-match');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET, PUT, POST');
    expect(answer.headers.get('access-control-allow-headers')).toBe('content-type, if-none-match');
    expect(answer.headers.get('access-control-expose-headers')).toBe('ETag');
  });

  it('refuses a preflight from another origin, for a method not allowed, or on a bucket without rules', async () => {
    expect((await preflight('https://evil.example', 'PUT', 'content-type')).status).toBe(403);
    expect((await preflight(APP_ORIGIN, 'DELETE', '')).status).toBe(403);
    peer.peer.setCors(Bucket, [{ origins: [APP_ORIGIN], methods: ['PUT'], headers: ['content-type'] }]);
    expect((await preflight(APP_ORIGIN, 'PUT', 'content-type,if-none-match')).status).toBe(403);
    peer.peer.setCors(Bucket, null);
    const refused = await preflight(APP_ORIGIN, 'PUT', 'content-type');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>AccessForbidden</Code>');
  });

  it("marks a signed PUT from an allowed origin readable by that origin, and only that origin's", async () => {
    const signed = (Key: string) =>
      getSignedUrl(peer.client(), new PutObjectCommand({ Bucket, Key, ContentType: 'image/jpeg' }), { expiresIn: 600 });
    const url = await signed('h/1/p.jpg');
    const body = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    const put = await fetch(url, {
      method: 'PUT',
      body,
      headers: { 'Content-Type': 'image/jpeg', Origin: APP_ORIGIN },
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(put.headers.get('access-control-expose-headers')).toBe('ETag');
    const other = await fetch(await signed('h/1/q.jpg'), {
      method: 'PUT',
      body,
      headers: { 'Content-Type': 'image/jpeg', Origin: 'https://evil.example' },
    });
    // Storage does not refuse by origin (the browser does): the answer just does not say it may be read.
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
