/**
 * One request cannot ask for unbounded work: batches are capped at MAX_BATCH_CALLS and /trpc bodies at
 * TRPC_MAX_BODY_BYTES, both refused with a 4xx and an app code. And the Bearer scheme is case-insensitive.
 */
import { MAX_BATCH_CALLS } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { bearerToken, TRPC_MAX_BODY_BYTES } from './server.js';
import { signUpAndGetToken } from './test/auth.js';
import { createTestDeps } from './test/deps.js';

type TrpcAnswer = { result?: { data: unknown }; error?: { data: { appCode: string; httpStatus: number } } };

describe('HTTP limits and the Bearer scheme', () => {
  let base: string;
  let token: string;
  let homeId: string;

  // The test app listens on a real port (deps.origin), closed after each test by setup.ts.
  beforeEach(async () => {
    const deps = await createTestDeps();
    base = `${deps.origin}/trpc`;
    ({ token, homeId } = await signUpAndGetToken(deps));
  });

  /**
   * A GET batch of `count` albums.list calls of the caller's home, as tRPC's httpBatchLink would send it.
   * A batch far over the limit carries no inputs: it is refused before any is read, and 1000 home ids would
   * take the URL past Node's header size limit (431) before the server could refuse it.
   */
  async function albumsListBatch(count: number) {
    const paths = Array(count).fill('albums.list').join(',');
    const inputs = count <= MAX_BATCH_CALLS + 1 ? Array.from({ length: count }, (_, i) => [i, { homeId }]) : [];
    const input = encodeURIComponent(JSON.stringify(Object.fromEntries(inputs)));
    const response = await fetch(`${base}/${paths}?batch=1&input=${input}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as TrpcAnswer | TrpcAnswer[] };
  }

  it('refuses a batch of 1000 calls with 400 BATCH_TOO_LARGE and runs none of them', async () => {
    const answer = await albumsListBatch(1000);
    expect(answer.status).toBe(400);
    // One error for the whole request, not 1000 answers.
    expect(Array.isArray(answer.json)).toBe(false);
    expect((answer.json as TrpcAnswer).error?.data).toMatchObject({
      appCode: 'BATCH_TOO_LARGE',
      httpStatus: 400,
      details: { max: MAX_BATCH_CALLS },
    });
    expect(answer.text.length).toBeLessThan(2000);
  });

  it('answers a batch of exactly MAX_BATCH_CALLS calls, and refuses one more', async () => {
    const atLimit = await albumsListBatch(MAX_BATCH_CALLS);
    expect(atLimit.status, atLimit.text).toBe(200);
    expect(atLimit.json).toHaveLength(MAX_BATCH_CALLS);
    for (const part of atLimit.json as TrpcAnswer[]) {
      expect(part.result?.data).toEqual({ items: [], nextCursor: null });
    }
    expect((await albumsListBatch(MAX_BATCH_CALLS + 1)).status).toBe(400);
  });

  it('refuses a /trpc body over the limit with 413 REQUEST_TOO_LARGE', async () => {
    const text = 'x'.repeat(TRPC_MAX_BODY_BYTES);
    const response = await fetch(`${base}/health.echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as TrpcAnswer).error?.data.appCode).toBe('REQUEST_TOO_LARGE');
  });

  it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('accepts the %s scheme', async (scheme) => {
    const response = await fetch(`${base}/auth.me`, { headers: { authorization: `${scheme} ${token}` } });
    expect(response.status).toBe(200);
  });

  it.each(['Basic', 'Bearerx', 'Token'])('treats the %s scheme as no token', async (scheme) => {
    const response = await fetch(`${base}/auth.me`, { headers: { authorization: `${scheme} ${token}` } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as TrpcAnswer).error?.data.appCode).toBe('UNAUTHENTICATED');
  });
});

describe('bearerToken', () => {
  it('takes the token after a Bearer scheme in any case, with spaces or a tab between', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc ')).toBe('abc');
    expect(bearerToken('BEARER\tabc')).toBe('abc');
  });

  it('finds none without a token, or with another scheme', () => {
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken('Bearer    ')).toBeNull();
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearerabc')).toBeNull();
  });
});
