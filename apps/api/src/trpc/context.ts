import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/index.js';
import type { BackgroundTasks } from '../integrations/background.js';
import type { Clock } from '../integrations/clock.js';
import type { LinkSigner, SecretSealer } from '../integrations/crypto.js';
import type { WeChatClient } from '../integrations/wechat.js';
import type { StorageResolver } from '../storage/resolver.js';

/** Everything a request may use, built once at start-up (or per test). */
export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** WeChat code2session; refuses with WECHAT_NOT_CONFIGURED when no app id/secret is set. */
  wechat: WeChatClient;
  /** Where a user's photos live: their bound bucket or the embedded store. */
  storage: StorageResolver;
  /** Seals bucket secret keys at rest. */
  sealer: SecretSealer;
  /** Signs the server's own short-lived links (photo downloads). */
  linkSigner: LinkSigner;
  /** Work a request starts without waiting for it (subscribe messages); its errors are logged. */
  background: BackgroundTasks;
}

/** Per-request facts, independent of HTTP so tests can build them directly (the "inner context"). */
export interface RequestInfo {
  requestId: string;
  /** Bearer token from the Authorization header, if any. */
  token: string | null;
  userAgent: string;
  ip: string;
  /** Origin clients reach this server at (for upload and download URLs). */
  origin: string;
}

export interface Context {
  deps: AppDeps;
  req: RequestInfo;
}

export function createInnerContext(deps: AppDeps, req: Partial<RequestInfo> = {}): Context {
  return {
    deps,
    req: {
      requestId: req.requestId ?? 'test',
      token: req.token ?? null,
      userAgent: req.userAgent ?? 'test',
      ip: req.ip ?? '127.0.0.1',
      origin: req.origin ?? 'http://127.0.0.1',
    },
  };
}
