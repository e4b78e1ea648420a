/**
 * The server's own short-lived links (a photo's download, a home's export): a message naming who may
 * fetch what until when, signed with the server key. The link carries `u` (user), `e` (deadline, Unix
 * seconds) and `s` (signature); no session token ever goes into a URL.
 */
import type { AppDeps } from '../trpc/context.js';

/** Clock skew between instances a link's deadline may be ahead by. */
const LINK_SKEW_SECONDS = 60;

/** What a link says, as received in its query string (null when absent). */
export interface LinkQuery {
  userId: string | null;
  expires: string | null;
  signature: string | null;
}

export type LinkCheck = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'expired' };

export class SignedLinks {
  /** `message(userId, expires)` is what gets signed; each kind of link names itself in it. */
  constructor(
    private readonly deps: Pick<AppDeps, 'clock' | 'linkSigner'>,
    private readonly lifetimeMs: number,
    private readonly message: (userId: string, expires: number) => string,
  ) {}

  private nowSeconds(): number {
    return Math.floor(this.deps.clock.now().getTime() / 1000);
  }

  /** The query string (`u=&e=&s=`) of a link for `userId`, and when it expires. */
  sign(userId: string): { query: string; expiresAt: Date } {
    const expires = Math.floor((this.deps.clock.now().getTime() + this.lifetimeMs) / 1000);
    const signature = this.deps.linkSigner.sign(this.message(userId, expires));
    return { query: `u=${userId}&e=${expires}&s=${signature}`, expiresAt: new Date(expires * 1000) };
  }

  /** Whether the link is one this server signed and still within its lifetime. */
  check(link: LinkQuery): LinkCheck {
    const userId = link.userId ?? '';
    const expires = Number(link.expires);
    if (
      !userId ||
      !Number.isInteger(expires) ||
      !this.deps.linkSigner.verify(this.message(userId, expires), link.signature ?? '')
    ) {
      return { ok: false, reason: 'invalid' };
    }
    const now = this.nowSeconds();
    if (expires < now || expires > now + this.lifetimeMs / 1000 + LINK_SKEW_SECONDS) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, userId };
  }
}

/** The `u`, `e` and `s` of a request's query string. */
export function linkQuery(params: URLSearchParams): LinkQuery {
  return { userId: params.get('u'), expires: params.get('e'), signature: params.get('s') };
}
