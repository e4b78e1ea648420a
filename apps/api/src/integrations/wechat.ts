/**
 * WeChat, for the mini-program: sign-in (exchange a `Taro.login()` code for the user's openid through
 * code2session), mini-program codes (小程序码, getwxacodeunlimit) that open a page with a scene, and
 * subscribe messages (订阅消息, subscribeMessage.send) to users who accepted a template. Behind
 * an interface so services test against a local fake WeChat (test/fake-wechat.ts). The session_key WeChat
 * also returns is dropped here: we never store, log or return it. URLs carry the app secret or the access
 * token: they never reach a log or an error message.
 */
import { AppError } from '../errors.js';
import {
  type ContentSecurity,
  mediaCheckBody,
  parseMediaCheck,
  parseTextCheck,
  textCheckBody,
} from './wechat-security.js';

export interface WeChatIdentity {
  openid: string;
  /** Present when the mini-program is bound to a WeChat Open Platform account. */
  unionid?: string;
}

export interface MiniProgramCodeRequest {
  /** What the opened page receives as `scene` (at most 32 visible characters). */
  scene: string;
  /** The page to open, without a leading slash, e.g. pages/join/index. */
  page: string;
}

/** One subscribe message (订阅消息) to a user who accepted its template in wx.requestSubscribeMessage. */
export interface SubscribeMessage {
  /** The receiver's openid. */
  touser: string;
  templateId: string;
  /** The page a tap opens, with its query, e.g. pages/feed/index?homeId=… */
  page: string;
  /** The template's fields: { thing1: '妈妈', time3: '2026年12月1日 15:01' } (WeChat checks each kind's format). */
  data: Record<string, string>;
}

export interface WeChatClient {
  code2session(code: string): Promise<WeChatIdentity>;
  /** A 小程序码 image (PNG or JPEG bytes) that opens `page` with `scene`. */
  miniProgramCode(request: MiniProgramCodeRequest): Promise<Buffer>;
  subscribeMessage: {
    /**
     * POST /cgi-bin/message/subscribe/send. 'refused' when WeChat says the user has no subscription left
     * (errcode 43101: they refused, or used up what they accepted); other refusals throw WECHAT_UNAVAILABLE.
     */
    send(message: SubscribeMessage): Promise<'sent' | 'refused'>;
  };
  /** Content security v2 (integrations/wechat-security.ts); refusals throw WECHAT_UNAVAILABLE. */
  security: ContentSecurity;
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

  private accessToken: { value: string; validUntil: number } | null = null;

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 5000;
  }

  /** One call to WeChat with a timeout; every way it can fail becomes `fail(reason, message)`. */
  private async call(url: URL, init: RequestInit, fail: (reason: string, message: string) => AppError) {
    const doFetch = this.options.fetch ?? fetch;
    try {
      const response = await doFetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) throw fail('wechat_unavailable', `WeChat answered HTTP ${response.status}; try again shortly`);
      return response;
    } catch (error) {
      if (error instanceof AppError) throw error;
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw fail('timeout', `WeChat did not answer within ${this.timeoutMs} ms; try again`);
      }
      throw fail('wechat_unavailable', 'Could not reach WeChat; try again shortly');
    }
  }

  private async json(response: Response, fail: (reason: string, message: string) => AppError): Promise<unknown> {
    try {
      return await response.json();
    } catch {
      throw fail('wechat_unavailable', 'WeChat sent an unreadable answer; try again shortly');
    }
  }

  async code2session(code: string): Promise<WeChatIdentity> {
    const url = new URL('/sns/jscode2session', this.settings.apiBase);
    url.searchParams.set('appid', this.settings.appId);
    url.searchParams.set('secret', this.settings.appSecret);
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    const response = await this.call(url, {}, loginFailed);
    return parseAnswer(await this.json(response, loginFailed));
  }

  /** The app's access token (client_credential), kept until five minutes before WeChat says it expires. */
  private async token(refresh: boolean): Promise<string> {
    const now = Date.now();
    if (!refresh && this.accessToken && this.accessToken.validUntil > now) return this.accessToken.value;
    const url = new URL('/cgi-bin/token', this.settings.apiBase);
    url.searchParams.set('grant_type', 'client_credential');
    url.searchParams.set('appid', this.settings.appId);
    url.searchParams.set('secret', this.settings.appSecret);
    const body = (await this.json(await this.call(url, {}, unavailable), unavailable)) as {
      access_token?: unknown;
      expires_in?: unknown;
      errcode?: unknown;
    };
    if (typeof body.access_token !== 'string' || body.access_token.length === 0) {
      const errcode = typeof body.errcode === 'number' ? body.errcode : undefined;
      if (errcode !== undefined && CONFIG_ERRCODES.has(errcode)) {
        throw unavailable('server_misconfigured', 'WeChat refused this server’s app id or secret', errcode);
      }
      throw unavailable('wechat_error', `WeChat gave no access token (errcode ${errcode ?? 'none'})`, errcode);
    }
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 7200;
    this.accessToken = { value: body.access_token, validUntil: now + Math.max(60, seconds - 300) * 1000 };
    return body.access_token;
  }

  /**
   * POSTs `body` as JSON to `path` with the access token. `answer` turns a response into the result, or
   * into the errcode WeChat sent; a token WeChat calls stale (40001, 42001) is fetched anew once and the
   * call made again; any other errcode is `what` refused.
   */
  private async withToken<T>(
    path: string,
    body: unknown,
    what: string,
    answer: (response: Response) => Promise<{ done: T } | { errcode: number | undefined }>,
  ): Promise<T> {
    for (const refresh of [false, true]) {
      const url = new URL(path, this.settings.apiBase);
      url.searchParams.set('access_token', await this.token(refresh));
      const response = await this.call(
        url,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
        unavailable,
      );
      const result = await answer(response);
      if ('done' in result) return result.done;
      const { errcode } = result;
      // The cached token was revoked or expired early: get a new one, once.
      if (!refresh && (errcode === 40001 || errcode === 42001)) continue;
      throw unavailable('wechat_error', `WeChat refused ${what} (errcode ${errcode ?? 'none'})`, errcode);
    }
    throw unavailable('wechat_error', `WeChat refused ${what}`);
  }

  private async errcodeOf(response: Response): Promise<number | undefined> {
    const body = (await this.json(response, unavailable)) as { errcode?: unknown };
    return typeof body.errcode === 'number' ? body.errcode : undefined;
  }

  miniProgramCode(request: MiniProgramCodeRequest): Promise<Buffer> {
    // check_path false: the page may not be in the released version yet (trial and dev builds).
    const body = { scene: request.scene, page: request.page, check_path: false, width: 430 };
    return this.withToken<Buffer>('/wxa/getwxacodeunlimit', body, 'the mini-program code', async (response) => {
      // An image on success; JSON with errcode (and HTTP 200) on failure.
      if ((response.headers.get('content-type') ?? '').startsWith('image/')) {
        return { done: Buffer.from(await response.arrayBuffer()) };
      }
      return { errcode: await this.errcodeOf(response) };
    });
  }

  readonly subscribeMessage = {
    send: (message: SubscribeMessage): Promise<'sent' | 'refused'> => {
      const body = {
        touser: message.touser,
        template_id: message.templateId,
        page: message.page,
        data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
        lang: 'zh_CN',
      };
      return this.withToken<'sent' | 'refused'>(
        '/cgi-bin/message/subscribe/send',
        body,
        'the subscribe message',
        async (response) => {
          const errcode = await this.errcodeOf(response);
          if (errcode === 0) return { done: 'sent' as const };
          if (errcode === USER_REFUSED) return { done: 'refused' as const };
          return { errcode };
        },
      );
    },
  };

  readonly security: ContentSecurity = {
    msgSecCheck: (request) =>
      this.withToken('/wxa/msg_sec_check', textCheckBody(request), 'the text check', async (response) =>
        parseTextCheck(await this.json(response, unavailable)),
      ),
    mediaCheckAsync: (request) =>
      this.withToken('/wxa/media_check_async', mediaCheckBody(request), 'the media check', async (response) =>
        parseMediaCheck(await this.json(response, unavailable)),
      ),
  };
}

/** subscribeMessage.send: the user has no accepted subscription left for the template. */
const USER_REFUSED = 43101;

function unavailable(reason: string, message: string, errcode?: number): AppError {
  return new AppError(
    'WECHAT_UNAVAILABLE',
    message,
    errcode === undefined ? { reason } : { reason, wechatErrcode: errcode },
  );
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
  miniProgramCode: () =>
    Promise.reject(new AppError('WECHAT_NOT_CONFIGURED', 'WeChat is not configured on this server (WECHAT_APP_ID)')),
  subscribeMessage: {
    send: () =>
      Promise.reject(new AppError('WECHAT_NOT_CONFIGURED', 'WeChat is not configured on this server (WECHAT_APP_ID)')),
  },
  security: {
    msgSecCheck: () =>
      Promise.reject(new AppError('WECHAT_NOT_CONFIGURED', 'WeChat is not configured on this server (WECHAT_APP_ID)')),
    mediaCheckAsync: () =>
      Promise.reject(new AppError('WECHAT_NOT_CONFIGURED', 'WeChat is not configured on this server (WECHAT_APP_ID)')),
  },
};

/** The client the configuration asks for. */
export function createWeChatClient(settings: WeChatSettings): WeChatClient {
  if (!settings.appId || !settings.appSecret) return notConfiguredWeChatClient;
  return new HttpWeChatClient(settings);
}
