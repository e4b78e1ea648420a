/**
 * Accounts: password and WeChat sign-in, sessions (bearer tokens stored hashed, sliding expiry) and the
 * sign-in lockout; the devices list is services/devices.ts. Constructed per call from the request's deps;
 * holds no state.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  type AuthResult,
  type Me,
  SESSION_IDLE_DAYS,
  type SignInInput,
  type SignUpInput,
  WECHAT_DEFAULT_DISPLAY_NAME,
} from '@xiaojia/shared';
import type { User } from '../db/schema.js';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from '../integrations/password.js';
import { LoginAttemptsRepository } from '../repositories/login-attempts.js';
import { SessionsRepository } from '../repositories/sessions.js';
import { UsersRepository } from '../repositories/users.js';
import type { AppDeps, RequestInfo } from '../trpc/context.js';
import { HomesService } from './homes.js';
import { RateLimiter } from './rate-limit.js';
import { LOCKOUT_WINDOW_MS, SignInLockout } from './sign-in-lockout.js';

export { LOCKOUT_WINDOW_MS };

/** Who is calling, as authedProcedure puts it on the context. */
export interface AuthedUser {
  id: string;
  sessionId: string;
}

const SECOND = 1000;
const SESSION_IDLE_MS = SESSION_IDLE_DAYS * 24 * 3600 * SECOND;
/** A session's last_seen_at / expires_at are rewritten at most this often. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * SECOND;
/**
 * Accounts one network address may try to create per lockout window (30 minutes): a family behind one
 * router makes a few, a script makes thousands. Counted in login_attempts under a key no username can
 * take (usernames have no ':'), so every instance sees the same count.
 */
export const SIGN_UPS_PER_ADDRESS = 10;
const SIGN_UP_RULE = { max: SIGN_UPS_PER_ADDRESS, windowMs: LOCKOUT_WINDOW_MS };

/** 32 random bytes, base64url: what the client holds. Only its SHA-256 is stored. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function toMe(user: User): Me {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    hasPassword: user.password_hash !== null,
    wechatLinked: user.wechat_openid !== null,
    createdAt: user.created_at,
  };
}

/** The label a session is listed under: what the client said, else its user agent. */
function deviceLabel(requested: string | undefined, req: Pick<RequestInfo, 'userAgent'>): string {
  const label = requested ?? req.userAgent.trim();
  return label.length > 0 ? label.slice(0, 100) : 'Unknown device';
}

export class AuthService {
  private readonly users: UsersRepository;
  private readonly sessions: SessionsRepository;
  private readonly attempts: LoginAttemptsRepository;
  private readonly limiter: RateLimiter;
  private readonly lockout: SignInLockout;

  constructor(private readonly deps: AppDeps) {
    this.users = new UsersRepository(deps.db);
    this.sessions = new SessionsRepository(deps.db);
    this.attempts = new LoginAttemptsRepository(deps.db);
    this.limiter = new RateLimiter(deps);
    this.lockout = new SignInLockout(deps);
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  /**
   * The background sweep's share: sessions past their expiry and sign-in attempts older than the lockout
   * window, of every user. Neither can authenticate or lock anyone any more; without this they pile up for
   * users who never come back and for names that were only guessed. Idempotent, so instances may race.
   */
  async sweep(): Promise<{ sessions: number; attempts: number }> {
    const now = this.now();
    // A session stays one idle period past its expiry, so its client is told SESSION_EXPIRED (not just
    // UNAUTHENTICATED) when it comes back.
    const sessions = await this.sessions.deleteAllExpired(new Date(now.getTime() - SESSION_IDLE_MS).toISOString());
    const attempts = await this.attempts.deleteAllOlderThan(new Date(now.getTime() - LOCKOUT_WINDOW_MS).toISOString());
    return { sessions, attempts };
  }

  async signUp(input: SignUpInput, req: Pick<RequestInfo, 'userAgent' | 'ip'>): Promise<AuthResult> {
    await this.limitSignUps(req.ip);
    const now = this.now().toISOString();
    const taken = () => new AppError('USERNAME_TAKEN', 'This username is taken', { field: 'username' });
    if (await this.users.findByUsername(input.username)) throw taken();
    const passwordHash = await hashPassword(input.password, this.deps.config.passwordHashing);
    const user = await this.users.insert({
      id: newId(),
      username: input.username,
      display_name: input.displayName ?? input.username,
      password_hash: passwordHash,
      wechat_openid: null,
      created_at: now,
      updated_at: now,
    });
    // Two sign-ups racing for one name: the unique index decides.
    if (user === 'conflict') throw taken();
    await new HomesService(this.deps).createFirst(user.id, user.display_name);
    this.deps.logger.info({ userId: user.id }, 'account created');
    return this.startSession(user, deviceLabel(input.device, req));
  }

  /**
   * Password sign-in. Unknown username and wrong password answer alike and both count toward the
   * lockout of that name, so neither the answer nor the counter tells whether an account exists.
   */
  async signIn(input: SignInInput, req: Pick<RequestInfo, 'userAgent'>): Promise<AuthResult> {
    const attempt = await this.lockout.reserve(input.username);
    const user = await this.users.findByUsername(input.username);
    const passwordHash = user?.password_hash ?? null;
    let valid = false;
    if (user && passwordHash) valid = await verifyPassword(input.password, passwordHash);
    else await burnPasswordCheck(input.password, this.deps.config.passwordHashing);

    if (!user || !passwordHash || !valid) {
      // The reserved attempt stays as a failure.
      throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password', {
        attemptsLeft: await this.lockout.failed(attempt),
      });
    }

    await this.lockout.succeeded(attempt);
    const hashing = this.deps.config.passwordHashing;
    if (needsRehash(passwordHash, hashing)) {
      await this.users.setPasswordHash(user.id, await hashPassword(input.password, hashing), this.now().toISOString());
    }
    return this.startSession(user, deviceLabel(input.device, req));
  }

  /** Refuses a sign-up (RATE_LIMITED, with the wait) when this address already made its share this window. */
  private async limitSignUps(ip: string): Promise<void> {
    try {
      await this.limiter.take(`sign-up:${ip || 'unknown'}`, SIGN_UP_RULE, 'Too many new accounts from this network');
    } catch (error) {
      if (error instanceof AppError) this.deps.logger.warn({ details: error.details }, 'sign-up rate limited');
      throw error;
    }
  }

  /** WeChat mini-program sign-in: finds the account holding this openid or creates one. */
  async signInWithWechat(code: string, device: string | undefined, req: Pick<RequestInfo, 'userAgent'>) {
    const { openid } = await this.exchangeWechatCode(code);
    let user = await this.users.findByWechatOpenid(openid);
    if (!user) {
      const now = this.now().toISOString();
      const created = await this.users.insert({
        id: newId(),
        username: null,
        display_name: WECHAT_DEFAULT_DISPLAY_NAME,
        password_hash: null,
        wechat_openid: openid,
        created_at: now,
        updated_at: now,
      });
      // A first sign-in racing another for the same openid: the other one created the account.
      user = created === 'conflict' ? await this.users.findByWechatOpenid(openid) : created;
      if (!user) throw new AppError('CONFLICT', 'Sign-in raced another; try again');
      if (created !== 'conflict') {
        await new HomesService(this.deps).createFirst(user.id, user.display_name);
        this.deps.logger.info({ userId: user.id }, 'account created via WeChat');
      }
    }
    return this.startSession(user, deviceLabel(device, req));
  }

  /** Attaches the caller's WeChat identity to their (password) account. */
  async linkWechat(caller: AuthedUser, code: string): Promise<Me> {
    const { openid } = await this.exchangeWechatCode(code);
    const me = await this.requireUser(caller);
    if (me.wechat_openid === openid) return toMe(me);
    if (me.wechat_openid !== null) {
      throw new AppError('WECHAT_ALREADY_LINKED', 'This account is already linked to another WeChat user', {
        reason: 'account_has_other_wechat',
      });
    }
    const owner = await this.users.findByWechatOpenid(openid);
    const alreadyLinked = () =>
      new AppError('WECHAT_ALREADY_LINKED', 'This WeChat user already signs in to another account', {
        reason: 'wechat_has_other_account',
      });
    if (owner) throw alreadyLinked();
    const now = this.now().toISOString();
    if ((await this.users.setWechatOpenid(me.id, openid, now)) === 'conflict') throw alreadyLinked();
    this.deps.logger.info({ userId: me.id }, 'WeChat linked');
    return toMe({ ...me, wechat_openid: openid, updated_at: now });
  }

  private async exchangeWechatCode(code: string) {
    try {
      return await this.deps.wechat.code2session(code);
    } catch (error) {
      if (error instanceof AppError && error.details?.reason === 'server_misconfigured') {
        this.deps.logger.error({ wechatErrcode: error.details.wechatErrcode }, 'WeChat refused our app id/secret');
      }
      throw error;
    }
  }

  private async startSession(user: User, device: string): Promise<AuthResult> {
    const now = this.now();
    const token = newToken();
    const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
    const sessionId = newId();
    await this.sessions.insert({
      id: sessionId,
      user_id: user.id,
      token_hash: hashToken(token),
      device,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
    });
    this.deps.logger.info({ userId: user.id, sessionId }, 'signed in');
    return { token, user: toMe(user), expiresAt };
  }

  /**
   * Resolves a bearer token to its session: UNAUTHENTICATED without one or when it is unknown (signed
   * out, revoked), SESSION_EXPIRED when idle too long. Slides the expiry at most once a minute.
   */
  async authenticate(token: string | null): Promise<AuthedUser> {
    if (!token) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    const session = await this.sessions.findByTokenHash(hashToken(token));
    if (!session) throw new AppError('UNAUTHENTICATED', 'This session is no longer valid; sign in again');
    const now = this.now();
    if (session.expires_at <= now.toISOString()) {
      throw new AppError('SESSION_EXPIRED', 'Your session expired; sign in again');
    }
    const staleBefore = new Date(now.getTime() - SESSION_TOUCH_INTERVAL_MS).toISOString();
    if (session.last_seen_at < staleBefore) {
      await this.sessions.touch(session.id, {
        now: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
        staleBefore,
      });
    }
    return { id: session.user_id, sessionId: session.id };
  }

  private async requireUser(caller: AuthedUser): Promise<User> {
    const user = await this.users.findById(caller.id);
    // The session outlived its account only if the account was deleted mid-request.
    if (!user) throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
    return user;
  }

  async me(caller: AuthedUser): Promise<Me> {
    return toMe(await this.requireUser(caller));
  }

  async signOut(caller: AuthedUser): Promise<void> {
    await this.sessions.delete(caller.id, caller.sessionId);
    this.deps.logger.info({ userId: caller.id, sessionId: caller.sessionId }, 'signed out');
  }
}
