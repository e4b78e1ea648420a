/**
 * The lockout of one account's password checks (sign-in, and the current password when changing it):
 * LOCKOUT_MAX_FAILURES failures within the window refuse further attempts with LOCKED_OUT. The counter is
 * in login_attempts, so every instance sees it; a good check clears it.
 */
import { LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_SECONDS } from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { LoginAttemptsRepository } from '../repositories/login-attempts.js';
import type { AppDeps } from '../trpc/context.js';
import { RateLimiter } from './rate-limit.js';

export const LOCKOUT_WINDOW_MS = LOCKOUT_WINDOW_SECONDS * 1000;

/** A check under way: settle it with `succeeded` or `failed`. */
export interface ReservedAttempt {
  account: string;
  attemptId: string;
  windowStart: string;
}

export class SignInLockout {
  private readonly attempts: LoginAttemptsRepository;
  private readonly limiter: RateLimiter;

  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>) {
    this.attempts = new LoginAttemptsRepository(deps.db);
    this.limiter = new RateLimiter(deps);
  }

  /** Counts an attempt for `account` (as a failure until it succeeds), or refuses with LOCKED_OUT. */
  async reserve(account: string): Promise<ReservedAttempt> {
    const now = this.deps.clock.now();
    const windowStart = new Date(now.getTime() - LOCKOUT_WINDOW_MS).toISOString();
    const attemptId = newId();
    const reserved = await this.attempts.reserve(
      { id: attemptId, account, at: now.toISOString() },
      { maxFailures: LOCKOUT_MAX_FAILURES, windowStart },
    );
    if (!reserved) throw await this.lockedOut(account, now, windowStart);
    return { account, attemptId, windowStart };
  }

  /** The attempt stays a failure; answers how many more the window allows. */
  async failed(attempt: ReservedAttempt): Promise<number> {
    const failures = (await this.attempts.failureTimes(attempt.account, attempt.windowStart)).length;
    this.deps.logger.info({ failures }, 'password refused');
    return Math.max(0, LOCKOUT_MAX_FAILURES - failures);
  }

  /** A good password: the attempt is no failure, and the count starts over. */
  async succeeded(attempt: ReservedAttempt): Promise<void> {
    await this.attempts.markSucceeded(attempt.account, attempt.attemptId);
  }

  private async lockedOut(account: string, now: Date, windowStart: string): Promise<AppError> {
    const retryAfterSeconds = await this.limiter.secondsUntilBelowLimit(
      account,
      { max: LOCKOUT_MAX_FAILURES, windowMs: LOCKOUT_WINDOW_MS },
      now,
      windowStart,
    );
    this.deps.logger.warn({ account, retryAfterSeconds }, 'sign-in locked out');
    return new AppError(
      'LOCKED_OUT',
      `Too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`,
      { retryAfterSeconds },
    );
  }
}
