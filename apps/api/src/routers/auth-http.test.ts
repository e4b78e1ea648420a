/**
 * The auth procedures over real HTTP: malformed input is a 4xx with a code (never a 500), and no response
 * body or log line ever carries a password, a token, its hash, a password hash or WeChat's session_key.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isErrorCode } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createHttpServer } from '../server.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { type FakeWeChat, startFakeWeChat } from '../test/fake-wechat.js';

interface Answer {
  status: number;
  text: string;
  json: { result?: { data: unknown }; error?: { message: string; data: { appCode: string; httpStatus: number } } };
}

describe('auth over HTTP', () => {
  let fake: FakeWeChat;
  let deps: TestDeps;
  let server: Server;
  let base: string;
  const logLines: string[] = [];
  const bodies: string[] = [];

  beforeEach(async () => {
    logLines.length = 0;
    bodies.length = 0;
    fake = await startFakeWeChat();
    deps = await createTestDeps({ wechat: { appId: fake.appId, appSecret: fake.appSecret, apiBase: fake.apiBase } });
    deps.logger = createLogger('trace', { write: (line: string) => void logLines.push(line) });
    server = createHttpServer({ deps });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await deps.db.destroy();
    await fake.close();
  });

  /** POST for mutations, GET for queries; `rawBody` sends bytes as they are. */
  async function call(
    procedure: string,
    options: { input?: unknown; rawBody?: string; token?: string; query?: boolean } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = options.query
      ? await fetch(
          `${base}/${procedure}${options.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(options.input))}`}`,
          { headers },
        )
      : await fetch(`${base}/${procedure}`, {
          method: 'POST',
          headers,
          body: options.rawBody ?? (options.input === undefined ? undefined : JSON.stringify(options.input)),
        });
    const text = await response.text();
    bodies.push(text);
    return { status: response.status, text, json: JSON.parse(text) };
  }

  function expectClientError(answer: Answer, appCode?: string) {
    expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
    expect(answer.status, answer.text).toBeLessThan(500);
    const code = answer.json.error?.data.appCode;
    expect(isErrorCode(code), answer.text).toBe(true);
    if (appCode) expect(code).toBe(appCode);
    expect(answer.text).not.toMatch(/stack|\.ts:\d+|SqliteError|at [A-Za-z]+ \(/);
  }

  it('answers malformed input on every procedure with a 4xx and a code, never a 500', async () => {
    const signUp = await call('auth.signUp', { input: { username: 'valid_user', password: 'password123' } });
    expect(signUp.status).toBe(200);
    const token = (signUp.json.result?.data as { token: string }).token;

    const long = (n: number) => 'x'.repeat(n);
    const credentialCases: unknown[] = [
      {},
      [],
      'alice',
      { username: 'alice' },
      { password: 'password123' },
      { username: 'ab', password: 'password123' },
      { username: long(33), password: 'password123' },
      { username: 'has space', password: 'password123' },
      { username: '小家', password: 'password123' },
      { username: 123, password: 'password123' },
      { username: 'alice', password: 'short' },
      { username: 'alice', password: long(129) },
      { username: 'alice', password: 12345678 },
      { username: 'alice', password: 'password123', device: long(101) },
      { username: 'alice', password: 'password123', device: 'bell\u0007' },
    ];
    for (const procedure of ['auth.signUp', 'auth.signIn']) {
      expectClientError(await call(procedure, { rawBody: '{"username": "alice", ' }));
      for (const input of credentialCases) expectClientError(await call(procedure, { input }), 'BAD_INPUT');
    }
    for (const input of [
      { username: 'alice', password: 'password123', displayName: '' },
      { username: 'alice', password: 'password123', displayName: long(41) },
      { username: 'alice', password: 'password123', displayName: 'line\nbreak' },
    ]) {
      expectClientError(await call('auth.signUp', { input }), 'BAD_INPUT');
    }

    const codeCases: unknown[] = [
      {},
      { code: '' },
      { code: long(129) },
      { code: 'has space' },
      { code: '码' },
      { code: 7 },
    ];
    for (const input of codeCases) {
      expectClientError(await call('auth.signInWithWechat', { input }), 'BAD_INPUT');
      expectClientError(await call('auth.linkWechat', { input, token }), 'BAD_INPUT');
    }
    for (const input of [{}, { id: 'not-a-uuid' }, { id: 42 }, { id: `${long(36)}` }]) {
      expectClientError(await call('auth.revokeDevice', { input, token }), 'BAD_INPUT');
    }

    // Procedures without input: what can be malformed is the credential or the method.
    for (const procedure of ['auth.me', 'auth.devices']) {
      expectClientError(await call(procedure, { query: true }), 'UNAUTHENTICATED');
      expectClientError(await call(procedure, { query: true, token: 'garbage' }), 'UNAUTHENTICATED');
      expectClientError(await call(procedure, { token }));
    }
    expectClientError(await call('auth.signOut', { token: 'garbage' }), 'UNAUTHENTICATED');
    expectClientError(await call('auth.signOut', { query: true, token }));
    expectClientError(
      await call('auth.revokeDevice', { input: { id: '0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b' }, token }),
      'NOT_FOUND',
    );
    expectClientError(await call('auth.nonexistent', { input: {} }));
    // The first account still works after all that.
    expect((await call('auth.me', { query: true, token })).status).toBe(200);
  });

  it('never puts a password, token, hash or session_key in a response or a log line', async () => {
    const password = 'Secret-Pa55word-for-mama';
    const wrongPassword = 'Wrong-Pa55word-guessed';
    const tokens: string[] = [];
    /** The one body allowed to show each token: the sign-in answer that issued it. */
    const issuedIn = new Map<string, string>();
    const tokenOf = (answer: Answer) => {
      const token = (answer.json.result?.data as { token: string }).token;
      tokens.push(token);
      issuedIn.set(token, answer.text);
      return token;
    };

    const first = tokenOf(await call('auth.signUp', { input: { username: 'mama', password, device: 'phone' } }));
    for (let i = 0; i < 5; i++) {
      expectClientError(await call('auth.signIn', { input: { username: 'mama', password: wrongPassword } }));
    }
    expectClientError(await call('auth.signIn', { input: { username: 'mama', password } }), 'LOCKED_OUT');
    deps.clock.advance(31 * 60_000);
    const second = tokenOf(await call('auth.signIn', { input: { username: 'mama', password } }));
    await call('auth.me', { query: true, token: first });
    const devices = await call('auth.devices', { query: true, token: second });
    await call('auth.linkWechat', { input: { code: fake.issueCode('o-mama') }, token: first });
    const third = tokenOf(await call('auth.signInWithWechat', { input: { code: fake.issueCode('o-mama') } }));
    tokenOf(await call('auth.signInWithWechat', { input: { code: fake.issueCode('o-other') } }));
    const firstId = (devices.json.result?.data as { items: { id: string; current: boolean }[] }).items.find(
      (d) => !d.current,
    )?.id;
    await call('auth.revokeDevice', { input: { id: firstId }, token: third });
    await call('auth.signOut', { token: second });
    expectClientError(await call('auth.me', { query: true, token: second }), 'UNAUTHENTICATED');
    expectClientError(await call('auth.me', { query: true, token: first }), 'UNAUTHENTICATED');

    const storedHashes = [
      ...(await deps.db.selectFrom('sessions').select('token_hash').execute()).map((r) => r.token_hash),
      ...(await deps.db.selectFrom('users').select('password_hash').execute()).map((r) => r.password_hash ?? ''),
    ].filter(Boolean);
    const { hashToken } = await import('../services/auth.js');
    const secrets = [
      password,
      wrongPassword,
      ...tokens,
      ...tokens.map(hashToken),
      ...storedHashes,
      ...fake.sessionKeys,
      fake.appSecret,
    ];
    expect(tokens).toHaveLength(4);
    expect(fake.sessionKeys).toHaveLength(3);
    expect(logLines.length).toBeGreaterThan(20);
    for (const secret of secrets) {
      for (const text of [...bodies, ...logLines]) {
        if (issuedIn.get(secret) === text) continue;
        expect(text.includes(secret), `leaked into: ${text}`).toBe(false);
      }
    }
    // The log does record what an operator needs.
    expect(logLines.some((l) => l.includes('sign-in locked out'))).toBe(true);
  });
});
