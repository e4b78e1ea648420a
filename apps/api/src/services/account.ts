/**
 * The signed-in user's own account: changing the password (the current one checked like a sign-in and
 * counted toward the same lockout; every other device signed out, this one kept) and the display name.
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

export class AccountService {
  private readonly users: UsersRepository;

  constructor(private readonly deps: AppDeps) {
    this.users = new UsersRepository(deps.db);
  }

  private async requireUser(caller: AuthedUser): Promise<User> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
    return user;
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
    const lockout = new SignInLockout(this.deps);
    const attempt = await lockout.reserve(user.username);
    if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
      throw new AppError('WRONG_PASSWORD', 'The current password is wrong', {
        field: 'currentPassword',
        attemptsLeft: await lockout.failed(attempt),
      });
    }
    await lockout.succeeded(attempt);
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
