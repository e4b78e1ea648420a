/**
 * A local stand-in for WeChat on loopback, speaking its wire format:
 * - GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code: HTTP 200 with JSON that
 *   holds either openid + session_key or errcode + errmsg. Codes are single use, like the real ones.
 * - GET /cgi-bin/token?grant_type=client_credential&appid&secret: { access_token, expires_in }.
 * - POST /wxa/getwxacodeunlimit?access_token with JSON { scene, page, ... }: image/png bytes, or JSON
 *   errcode (40001 for a token it did not issue or revoked, 40169 for a scene over 32 characters).
 * - POST /cgi-bin/message/subscribe/send?access_token with JSON { touser, template_id, page, data: { key:
 *   { value } }, lang }: { errcode: 0, errmsg: 'ok' }, or 40001 (token), 40037 (template id), 40003 (no
 *   openid), 47003 (a `thing` over 20 characters, a field without a value), 43101 (the user refused).
 * - POST /wxa/msg_sec_check?access_token with JSON { openid, scene, version: 2, content }: { errcode: 0,
 *   result: { suggest, label }, trace_id }; suggest is 'pass' unless the content holds a fragment given to
 *   `judgeText`. 40003 without an openid, 44004 for empty content, 87014 for content over 2500 characters.
 * - POST /wxa/media_check_async?access_token with JSON { openid, scene, version: 2, media_type, media_url }:
 *   { errcode: 0, trace_id }; the check is recorded in `mediaChecks` for the test to answer through the push.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
  /** Every mini-program code asked for, in order. */
  codeRequests: { scene: string; page: string }[];
  /** Makes the access tokens issued so far invalid (as WeChat does when another server fetches one). */
  revokeTokens(): void;
  /** Every subscribe message WeChat accepted, in order, with its data's values. */
  subscribeMessages: { touser: string; templateId: string; page: string; data: Record<string, string> }[];
  /** From now on, messages to this openid answer 43101 (the user refused, or used up their subscription). */
  refuseMessagesTo(openid: string): void;
  /** From now on, texts containing `fragment` get this suggestion from msgSecCheck. */
  judgeText(fragment: string, suggest: 'pass' | 'review' | 'risky'): void;
  /** Every text checked, in order. */
  textChecks: { openid: string; scene: number; content: string }[];
  /** Every media check queued, in order, with the trace id answered. */
  mediaChecks: { openid: string; scene: number; mediaUrl: string; traceId: string }[];
  close(): Promise<void>;
}

/** A real 1×1 PNG: what the fake hands out as a mini-program code. */
export const FAKE_WXACODE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

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

  const tokens = new Set<string>();
  const json = (res: ServerResponse, body: unknown) =>
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  const token = (params: URLSearchParams) => {
    if (params.get('appid') !== appId) return { errcode: 40013, errmsg: ERRMSG[40013] };
    if (params.get('secret') !== appSecret) return { errcode: 40125, errmsg: ERRMSG[40125] };
    const value = randomBytes(24).toString('hex');
    tokens.add(value);
    return { access_token: value, expires_in: 7200 };
  };
  const wxaCode = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (!tokens.has(url.searchParams.get('access_token') ?? '')) {
      return json(res, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    }
    const body = JSON.parse(raw || '{}') as { scene?: string; page?: string };
    if (typeof body.scene !== 'string' || body.scene.length === 0 || body.scene.length > 32) {
      return json(res, { errcode: 40169, errmsg: 'invalid length for scene' });
    }
    fake.codeRequests.push({ scene: body.scene, page: body.page ?? '' });
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': FAKE_WXACODE_PNG.length });
    res.end(FAKE_WXACODE_PNG);
  };

  const refusing = new Set<string>();
  const subscribeSend = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const error = (errcode: number, errmsg: string) => json(res, { errcode, errmsg });
    if (forced !== null) {
      const errcode = forced;
      forced = null;
      return error(errcode, ERRMSG[errcode] ?? 'error');
    }
    if (!tokens.has(url.searchParams.get('access_token') ?? '')) {
      return error(40001, 'invalid credential, access_token is invalid or not latest');
    }
    const body = JSON.parse(raw || '{}') as {
      touser?: unknown;
      template_id?: unknown;
      page?: unknown;
      data?: Record<string, { value?: unknown }>;
    };
    if (typeof body.template_id !== 'string' || body.template_id === '') return error(40037, 'invalid template_id');
    if (typeof body.touser !== 'string' || body.touser === '') return error(40003, 'invalid openid');
    const data: Record<string, string> = {};
    for (const [key, field] of Object.entries(body.data ?? {})) {
      const value = field?.value;
      if (typeof value !== 'string' || value === '') return error(47003, `argument invalid! data.${key}.value empty`);
      if (key.startsWith('thing') && Array.from(value).length > 20) {
        return error(47003, `argument invalid! data.${key}.value exceeds limit`);
      }
      data[key] = value;
    }
    if (refusing.has(body.touser)) return error(43101, 'user refuse to accept the msg');
    fake.subscribeMessages.push({
      touser: body.touser,
      templateId: body.template_id,
      page: typeof body.page === 'string' ? body.page : '',
      data,
    });
    json(res, { errcode: 0, errmsg: 'ok' });
  };

  const verdicts = new Map<string, 'pass' | 'review' | 'risky'>();
  const security = async (req: IncomingMessage, res: ServerResponse, kind: 'text' | 'media') => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (!tokens.has(url.searchParams.get('access_token') ?? '')) {
      return json(res, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    }
    if (forced !== null) {
      const errcode = forced;
      forced = null;
      return json(res, { errcode, errmsg: ERRMSG[errcode] ?? 'error' });
    }
    const body = JSON.parse(raw || '{}') as Record<string, unknown>;
    const openid = typeof body.openid === 'string' ? body.openid : '';
    const scene = typeof body.scene === 'number' ? body.scene : 0;
    if (openid === '') return json(res, { errcode: 40003, errmsg: 'invalid openid' });
    if (body.version !== 2 || scene < 1 || scene > 4) return json(res, { errcode: 47001, errmsg: 'data format error' });
    const traceId = randomBytes(12).toString('hex');
    if (kind === 'media') {
      if (typeof body.media_url !== 'string' || body.media_type !== 2) {
        return json(res, { errcode: 47001, errmsg: 'data format error' });
      }
      fake.mediaChecks.push({ openid, scene, mediaUrl: body.media_url, traceId });
      return json(res, { errcode: 0, errmsg: 'ok', trace_id: traceId });
    }
    const content = typeof body.content === 'string' ? body.content : '';
    if (content === '') return json(res, { errcode: 44004, errmsg: 'empty content' });
    if (content.length > 2500) return json(res, { errcode: 87014, errmsg: 'content too long' });
    fake.textChecks.push({ openid, scene, content });
    let suggest: 'pass' | 'review' | 'risky' = 'pass';
    for (const [fragment, verdict] of verdicts) {
      if (content.includes(fragment) && (verdict === 'risky' || suggest === 'pass')) suggest = verdict;
    }
    const label = suggest === 'pass' ? 100 : 20002;
    json(res, { errcode: 0, errmsg: 'ok', result: { suggest, label }, detail: [], trace_id: traceId });
  };

  const server: Server = createServer((req, res) => {
    fake.requests += 1;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = () => {
      if (req.method === 'GET' && url.pathname === '/cgi-bin/token') return json(res, token(url.searchParams));
      if (req.method === 'POST' && url.pathname === '/wxa/getwxacodeunlimit') {
        void wxaCode(req, res);
        return;
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        void subscribeSend(req, res);
        return;
      }
      if (req.method === 'POST' && url.pathname === '/wxa/msg_sec_check') {
        void security(req, res, 'text');
        return;
      }
      if (req.method === 'POST' && url.pathname === '/wxa/media_check_async') {
        void security(req, res, 'media');
        return;
      }
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
    codeRequests: [],
    revokeTokens() {
      tokens.clear();
    },
    subscribeMessages: [],
    refuseMessagesTo(openid) {
      refusing.add(openid);
    },
    judgeText(fragment, suggest) {
      verdicts.set(fragment, suggest);
    },
    textChecks: [],
    mediaChecks: [],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
}

/** What WeChat POSTs to the push URL when a media check is done (JSON data format). */
export function mediaCheckEvent(appId: string, traceId: string, suggest: 'pass' | 'review' | 'risky') {
  return {
    ToUserName: 'gh_fake',
    FromUserName: 'fake-openid',
    CreateTime: 1764600000,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: appId,
    trace_id: traceId,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest, label: suggest === 'pass' ? 100 : 20002 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
  };
}
