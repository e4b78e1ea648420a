/**
 * Every procedure of the router, found by walking it (so new ones are covered without editing this file),
 * called over real HTTP by a signed-in user with malformed input: always a 4xx with a known code, never a
 * 500 and never internals.
 */
import { isErrorCode } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { appRouter } from './router.js';

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription' };
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).map(
  ([path, p]) => ({
    path,
    type: p._def.type,
  }),
);

const GARBAGE: unknown[] = [
  null,
  'text',
  42,
  [],
  { id: 'not-a-uuid' },
  { ids: Array.from({ length: 501 }, () => '01900000-0000-7000-8000-000000000000') },
  { ids: [{}] },
  { files: [{ filename: '', size: -1, mime: 'application/x-sh' }] },
  { key: '' },
  { cursor: 5, limit: 100000 },
  { name: 'x'.repeat(10_000) },
  { albumId: '../../etc/passwd', photoIds: 'all' },
  { accessKey: '<script>', secretKey: null, bucket: 'UPPER', domain: 'ftp://x', region: 'moon' },
  { username: {}, password: [] },
];

describe('malformed input on every procedure', () => {
  let deps: TestDeps;
  let token: string;
  beforeEach(async () => {
    deps = await createTestDeps();
    token = (await signUpAndGetToken(deps)).token;
  });

  it('covers a meaningful router', () => {
    expect(procedures.length).toBeGreaterThan(25);
  });

  it.each(procedures)('$path', async ({ path, type }) => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    for (const input of GARBAGE) {
      const response =
        type === 'query'
          ? await fetch(`${deps.origin}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
          : await fetch(`${deps.origin}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input) });
      const text = await response.text();
      const label = `${path} <- ${JSON.stringify(input).slice(0, 80)}: ${text.slice(0, 300)}`;
      // Procedures without input ignore it and answer normally; everything else is a clean 4xx.
      if (response.status === 200) continue;
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.status, label).toBeLessThan(500);
      // Node refuses an oversized query string before tRPC sees it (431, no body): still a clean 4xx.
      if (response.status === 431) continue;
      const body = JSON.parse(text) as { error?: { data?: { appCode?: string } } };
      expect(isErrorCode(body.error?.data?.appCode), label).toBe(true);
      expect(text, label).not.toMatch(/stack|\.ts:\d+|SqliteError|node_modules/);
    }
  });

  it('a body that is not JSON is a 400, not a 500', async () => {
    const response = await fetch(`${deps.origin}/trpc/albums.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"name":',
    });
    expect(response.status).toBe(400);
  });
});
