/**
 * WeChat mini-program sign-in: exchange a `Taro.login()` code for the user's openid through
 * code2session. Behind an interface so services test against a local fake WeChat (test/fake-wechat.ts).
 * The session_key WeChat also returns is dropped here: we never store, log or return it.
 */
import { AppError } from '../errors.js';

export interface WeChatIdentity {
  openid: string;
  /** Present when the mini-program is bound to a WeChat Open Platform account. */
  unionid?: string;
}

export interface WeChatClient {
  code2session(code: string): Promise<WeChatIdentity>;
}

export interface WeChatSettings {
  appId: string;
  appSecret: string;
  /** Scheme and host, e.g. https://api.weixin.qq.com */
  apiBase: string;
}

/** What the client and the user are told, keyed by code2session's errcode. */
const ERRCODES: Record<number, { reason: string; message: string }> = {
  40029: { reason: 'invalid_code', message: 'The WeChat login code is invalid; sign in again' },
  40163: { reason: 'code_used', message: 'The WeChat login code was already used; sign in again' },
  45011: { reason: 'rate_limited', message: 'WeChat is limiting sign-ins for this user; try again in a minute' },
  40226: { reason: 'risky_user', message: 'WeChat blocked this sign-in as risky' },
  [-1]: { reason: 'wechat_busy', message: 'WeChat is busy; try again shortly' },
};
/** errcodes that mean our app id or secret is wrong: the operator must fix the configuration. */
const CONFIG_ERRCODES = new Set([40013, 40125, 41002, 41004, 40002]);

function loginFailed(reason: string, message: string, errcode?: number): AppError {
  return new AppError(
    'WECHAT_LOGIN_FAILED',
    message,
    errcode === undefined ? { reason } : { reason, wechatErrcode: errcode },
  );
}

/** The real client: GET <apiBase>/sns/jscode2session with fetch and a timeout. */
export class HttpWeChatClient implements WeChatClient {
  constructor(
    private readonly settings: WeChatSettings,
    private readonly options: { timeoutMs?: number; fetch?: typeof fetch } = {},
  ) {}

  async code2session(code: string): Promise<WeChatIdentity> {
    const url = new URL('/sns/jscode2session', this.settings.apiBase);
    url.searchParams.set('appid', this.settings.appId);
    url.searchParams.set('secret', this.settings.appSecret);
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    const timeoutMs = this.options.timeoutMs ?? 5000;
    const doFetch = this.options.fetch ?? fetch;

    // The URL carries the app secret: it must never reach a log or an error message.
    let body: unknown;
    try {
      const response = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) {
        throw loginFailed('wechat_unavailable', `WeChat answered HTTP ${response.status}; try again shortly`);
      }
      body = await response.json();
    } catch (error) {
      if (error instanceof AppError) throw error;
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw loginFailed('timeout', `WeChat did not answer within ${timeoutMs} ms; try again`);
      }
      if (error instanceof SyntaxError) {
        throw loginFailed('wechat_unavailable', 'WeChat sent an unreadable answer; try again shortly');
      }
      throw loginFailed('wechat_unavailable', 'Could not reach WeChat; try again shortly');
    }
    return parseAnswer(body);
  }
}

function parseAnswer(body: unknown): WeChatIdentity {
  if (!body || typeof body !== 'object') {
    throw loginFailed('wechat_unavailable', 'WeChat sent an unreadable answer; try again shortly');
  }
  const answer = body as { openid?: unknown; unionid?: unknown; errcode?: unknown };
  const errcode = typeof answer.errcode === 'number' ? answer.errcode : 0;
  if (errcode !== 0) {
    const known = ERRCODES[errcode];
    if (known) throw loginFailed(known.reason, known.message, errcode);
    if (CONFIG_ERRCODES.has(errcode)) {
      throw loginFailed('server_misconfigured', 'WeChat refused this server’s app id or secret', errcode);
    }
    throw loginFailed('wechat_error', `WeChat refused the sign-in (errcode ${errcode})`, errcode);
  }
  if (typeof answer.openid !== 'string' || answer.openid.length === 0 || answer.openid.length > 128) {
    throw loginFailed('wechat_error', 'WeChat answered without an openid');
  }
  const identity: WeChatIdentity = { openid: answer.openid };
  if (typeof answer.unionid === 'string' && answer.unionid.length > 0) identity.unionid = answer.unionid;
  return identity;
}

/** Used when WECHAT_APP_ID / WECHAT_APP_SECRET are not set: every sign-in says so plainly. */
export const notConfiguredWeChatClient: WeChatClient = {
  code2session: () =>
    Promise.reject(
      new AppError('WECHAT_NOT_CONFIGURED', 'WeChat sign-in is not configured on this server (WECHAT_APP_ID)'),
    ),
};

/** The client the configuration asks for. */
export function createWeChatClient(settings: WeChatSettings): WeChatClient {
  if (!settings.appId || !settings.appSecret) return notConfiguredWeChatClient;
  return new HttpWeChatClient(settings);
}
