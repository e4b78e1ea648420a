/**
 * A counter per key (an address, an account) over a sliding window, kept in login_attempts so several
 * instances share it and the background sweep clears it. Used for sign-ups and invite look-ups.
 */
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { LoginAttemptsRepository } from '../repositories/login-attempts.js';
import type { AppDeps } from '../trpc/context.js';

export interface RateRule {
  /** Attempts allowed per window. */
  max: number;
  /** The window; at most the lockout window, which is how long the sweep keeps attempts. */
  windowMs: number;
}

export class RateLimiter {
  private readonly attempts: LoginAttemptsRepository;

  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock'>) {
    this.attempts = new LoginAttemptsRepository(deps.db);
  }

  /** Counts one attempt for `key`, or refuses with RATE_LIMITED: "<what>; try again in N minute(s)". */
  async take(key: string, rule: RateRule, what: string): Promise<void> {
    const now = this.deps.clock.now();
    const windowStart = new Date(now.getTime() - rule.windowMs).toISOString();
    const reserved = await this.attempts.reserve(
      { id: newId(), account: key, at: now.toISOString() },
      { maxFailures: rule.max, windowStart },
    );
    if (reserved) return;
    const retryAfterSeconds = await this.secondsUntilBelowLimit(key, rule, now, windowStart);
    const minutes = Math.ceil(retryAfterSeconds / 60);
    throw new AppError('RATE_LIMITED', `${what}; try again in ${minutes} minute(s)`, { retryAfterSeconds });
  }

  /**
   * How long until `key` has fewer than `rule.max` counted attempts in the window: until the attempt that
   * many places from the newest leaves it (the oldest, when exactly at the limit).
   */
  async secondsUntilBelowLimit(key: string, rule: RateRule, now: Date, windowStart: string): Promise<number> {
    const counted = await this.attempts.failureTimes(key, windowStart);
    const leaving = counted[Math.max(0, counted.length - rule.max)];
    const freeAt = leaving ? new Date(leaving).getTime() + rule.windowMs : now.getTime();
    return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  }
}
