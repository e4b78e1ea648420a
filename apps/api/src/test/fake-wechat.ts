/**
 * A local stand-in for WeChat's code2session endpoint on loopback, speaking its wire format: GET
 * /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code, HTTP 200 with JSON that holds
 * either openid + session_key or errcode + errmsg. Codes are single use, like the real ones.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWeChat {
  /** http://127.0.0.1:<port>: use as WECHAT_API_BASE. */
  apiBase: string;
  appId: string;
  appSecret: string;
  /** A fresh single-use login code that code2session turns into this openid (as Taro.login would give). */
  issueCode(openid: string): string;
  /** Makes the next answer this errcode (e.g. 45011 rate limit, -1 busy) whatever the code. */
  failNextWith(errcode: number): void;
  /** Holds every answer this long (to test the client's timeout). */
  delayMs: number;
  /** Every session_key handed out, so tests can assert none leaks. */
  sessionKeys: string[];
  requests: number;
  close(): Promise<void>;
}

const ERRMSG: Record<number, string> = {
  40029: 'invalid code',
  40163: 'code been used',
  45011: 'api minute-quota reach limit',
  40125: 'invalid appsecret',
  40013: 'invalid appid',
  [-1]: 'system error',
};

export async function startFakeWeChat(
  appId = 'wx-test-app',
  appSecret = 'fake-secret-0123456789abcdef',
): Promise<FakeWeChat> {
  const codes = new Map<string, string>();
  const used = new Set<string>();
  let forced: number | null = null;

  const answer = (params: URLSearchParams): Record<string, unknown> => {
    const error = (errcode: number) => ({ errcode, errmsg: ERRMSG[errcode] ?? 'error' });
    if (forced !== null) {
      const errcode = forced;
      forced = null;
      return error(errcode);
    }
    if (params.get('appid') !== appId) return error(40013);
    if (params.get('secret') !== appSecret) return error(40125);
    if (params.get('grant_type') !== 'authorization_code') return error(40002);
    const code = params.get('js_code') ?? '';
    if (used.has(code)) return error(40163);
    const openid = codes.get(code);
    if (!openid) return error(40029);
    codes.delete(code);
    used.add(code);
    const sessionKey = randomBytes(16).toString('base64');
    fake.sessionKeys.push(sessionKey);
    return { openid, session_key: sessionKey };
  };

  const server: Server = createServer((req, res) => {
    fake.requests += 1;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = () => {
      if (req.method !== 'GET' || url.pathname !== '/sns/jscode2session') {
        res.writeHead(404).end();
        return;
      }
      // WeChat answers errors with HTTP 200 too, and labels JSON as text/plain.
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(JSON.stringify(answer(url.searchParams)));
    };
    if (fake.delayMs > 0) setTimeout(send, fake.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeWeChat = {
    apiBase: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    issueCode(openid) {
      const code = randomBytes(16).toString('hex');
      codes.set(code, openid);
      return code;
    },
    failNextWith(errcode) {
      forced = errcode;
    },
    delayMs: 0,
    sessionKeys: [],
    requests: 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
}
