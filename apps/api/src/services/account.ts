/**
 * The signed-in user's own account: changing the password (the current one checked like a sign-in and
 * counted toward the same lockout; every other device signed out, this one kept) and the display name.
 * Deleting the account is services/account-deletion.ts.
 */
import type { ChangePasswordInput, ChangePasswordResult, Me } from '@xiaojia/shared';
import type { User } from '../db/schema.js';
import { AppError } from '../errors.js';
import { hashPassword, verifyPassword } from '../integrations/password.js';
import { SessionsRepository } from '../repositories/sessions.js';
import { UsersRepository } from '../repositories/users.js';
import type { AppDeps } from '../trpc/context.js';
import { type AuthedUser, toMe } from './auth.js';
import { SignInLockout } from './sign-in-lockout.js';

/**
 * Checks the account's own password under the sign-in lockout of its username, as a sign-in would:
 * WRONG_PASSWORD with details.attemptsLeft (and `field`), LOCKED_OUT once used up; a good one clears the count.
 */
export async function confirmPassword(
  deps: AppDeps,
  username: string,
  passwordHash: string,
  password: string,
  field: string,
): Promise<void> {
  const lockout = new SignInLockout(deps);
  const attempt = await lockout.reserve(username);
  if (!(await verifyPassword(password, passwordHash))) {
    throw new AppError('WRONG_PASSWORD', 'The password is wrong', {
      field,
      attemptsLeft: await lockout.failed(attempt),
    });
  }
  await lockout.succeeded(attempt);
}

/** The caller's account row; UNAUTHENTICATED when it is gone (deleted while a request was under way). */
export async function requireAccount(users: UsersRepository, caller: AuthedUser): Promise<User> {
  const user = await users.findById(caller.id);
  if (!user || user.display_name === '') throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
  return user;
}

export class AccountService {
  private readonly users: UsersRepository;

  constructor(private readonly deps: AppDeps) {
    this.users = new UsersRepository(deps.db);
  }

  private requireUser(caller: AuthedUser): Promise<User> {
    return requireAccount(this.users, caller);
  }

  /**
   * Checks the current password under the sign-in lockout of the account's username (WRONG_PASSWORD with
   * details.attemptsLeft, LOCKED_OUT once used up), stores the new one hashed as at sign-up, and signs out
   * every other session in the same transaction.
   */
  async changePassword(caller: AuthedUser, input: ChangePasswordInput): Promise<ChangePasswordResult> {
    const user = await this.requireUser(caller);
    if (!user.username || !user.password_hash) {
      throw new AppError('NO_PASSWORD', 'This account signs in with WeChat and has no password');
    }
    await confirmPassword(this.deps, user.username, user.password_hash, input.currentPassword, 'currentPassword');
    const hash = await hashPassword(input.newPassword, this.deps.config.passwordHashing);
    const now = this.deps.clock.now().toISOString();
    const otherDevicesSignedOut = await this.deps.db.transaction().execute(async (trx) => {
      await new UsersRepository(trx).setPasswordHash(user.id, hash, now);
      return new SessionsRepository(trx).deleteAllOfExcept(user.id, caller.sessionId);
    });
    this.deps.logger.info({ userId: user.id, otherDevicesSignedOut }, 'password changed');
    return { ok: true, otherDevicesSignedOut };
  }

  /** Renames the caller (already trimmed and bounded by zDisplayName). */
  async setDisplayName(caller: AuthedUser, displayName: string): Promise<Me> {
    const user = await this.requireUser(caller);
    const now = this.deps.clock.now().toISOString();
    await this.users.setDisplayName(user.id, displayName, now);
    return toMe({ ...user, display_name: displayName, updated_at: now });
  }
}
