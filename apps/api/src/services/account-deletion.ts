/**
 * Deleting one's own account. The rules (README, Accounts):
 * - a home the caller owns alone goes with the account, through the same path as homes.delete: gone for
 *   everyone at once, its photos queued for purge from its bucket (never the bucket itself);
 * - a home they own with others in it must be handed over (homes.transferOwnership) or deleted first:
 *   ACCOUNT_OWNS_SHARED_HOME until then, so no family loses its photos because one person left;
 * - in homes others own they simply leave; what they uploaded there stays with that family, its uploader
 *   shown as a deleted account;
 * - confirmed with the password (under the sign-in lockout), or for an account made by WeChat sign-in,
 *   which has none, with its display name typed again;
 * - then, in one transaction: their homes deleted, memberships gone, invites they made revoked, upload
 *   grants dropped, their likes (and the feed's entries of them) gone, every session (device) signed out,
 *   sign-in attempts cleared, and the user row anonymised (UsersRepository.anonymise); their community
 *   works unpublished, their snapshots deleted from the buckets right after (or by the sweep). Their comments and
 *   other feed entries stay, shown as a deleted account's; WeChat message credits go with the memberships.
 *   The sweep purges the deleted homes' objects afterwards, and queues any photo a crash left unqueued, so
 *   a crash at any point leaves nothing half done.
 */
import {
  type AccountDeletion,
  type AccountDeletionSummary,
  type DeleteAccountInput,
  HOMES_PER_USER_MAX,
} from '@xiaojia/shared';
import type { User } from '../db/schema.js';
import { AppError } from '../errors.js';
import { ActivitiesRepository } from '../repositories/activities.js';
import { type HomeForDeletion, HomesRepository } from '../repositories/homes.js';
import { InvitesRepository } from '../repositories/invites.js';
import { LikesRepository } from '../repositories/likes.js';
import { LoginAttemptsRepository } from '../repositories/login-attempts.js';
import { SessionsRepository } from '../repositories/sessions.js';
import { UploadsRepository } from '../repositories/uploads.js';
import { UsersRepository } from '../repositories/users.js';
import type { AppDeps } from '../trpc/context.js';
import { confirmPassword, requireAccount } from './account.js';
import type { AuthedUser } from './auth.js';
import { WorkSnapshots } from './community/snapshots.js';
import { withdrawAuthor } from './community/works.js';
import { HomesService } from './homes.js';

const ownedBy = (homes: HomeForDeletion[]) => homes.filter((home) => home.role === 'owner');
const sharedOf = (homes: HomeForDeletion[]) => ownedBy(homes).filter((home) => home.member_count > 1);

function ownsSharedHome(shared: HomeForDeletion[]): AppError {
  return new AppError(
    'ACCOUNT_OWNS_SHARED_HOME',
    'Hand the homes you own that others are in to one of them, or delete them, before deleting your account',
    { homes: shared.length, homeId: shared[0]?.id },
  );
}

export class AccountDeletionService {
  private readonly users: UsersRepository;

  constructor(private readonly deps: AppDeps) {
    this.users = new UsersRepository(deps.db);
  }

  /** What deleting the caller's account would do, home by home, and how to confirm it. */
  async summary(caller: AuthedUser): Promise<AccountDeletionSummary> {
    const user = await requireAccount(this.users, caller);
    const homes = await new HomesRepository(this.deps.db).forDeletion(user.id, HOMES_PER_USER_MAX);
    const ownedHomes = ownedBy(homes).map((home) => ({
      id: home.id,
      name: home.name,
      memberCount: home.member_count,
      photoCount: home.photo_count,
      fate: home.member_count > 1 ? ('hand_over' as const) : ('deleted' as const),
    }));
    return {
      ownedHomes,
      joinedHomes: homes
        .filter((home) => home.role !== 'owner')
        .map((home) => ({
          id: home.id,
          name: home.name,
          ownerName: home.owner_name,
          photosUploaded: home.uploaded_count,
        })),
      confirmWith: user.password_hash ? 'password' : 'display_name',
      confirmName: user.display_name,
      canDelete: ownedHomes.every((home) => home.fate === 'deleted'),
    };
  }

  async delete(caller: AuthedUser, input: DeleteAccountInput, origin: string): Promise<AccountDeletion> {
    const user = await requireAccount(this.users, caller);
    // Refused before the password is checked, so being told to hand a home over costs no sign-in attempt.
    const shared = sharedOf(await new HomesRepository(this.deps.db).forDeletion(user.id, HOMES_PER_USER_MAX));
    if (shared.length > 0) throw ownsSharedHome(shared);
    await this.confirm(user, input);
    const now = this.deps.clock.now().toISOString();
    const result = await this.deps.db.transaction().execute(async (trx) => {
      // Asked again inside the transaction: someone may have joined a home since.
      const homes = await new HomesRepository(trx).forDeletion(user.id, HOMES_PER_USER_MAX);
      const sharedNow = sharedOf(homes);
      if (sharedNow.length > 0) throw ownsSharedHome(sharedNow);
      const homesOnTrx = new HomesService({ ...this.deps, db: trx });
      let photosToPurge = 0;
      const owned = ownedBy(homes);
      for (const home of owned) photosToPurge += (await homesOnTrx.remove(home.id)) ?? 0;
      await new HomesRepository(trx).leaveAllJoined(user.id);
      await new InvitesRepository(trx).revokeAllBy(user.id, now);
      await new UploadsRepository(trx).deleteAllOf(user.id);
      // Their likes go, and the feed's "liked" entries with them; their comments stay, signed as deleted.
      await new LikesRepository(trx).deleteAllOf(user.id);
      await new ActivitiesRepository(trx).deleteAllOf(user.id, 'like');
      await new SessionsRepository(trx).deleteAllOf(user.id);
      if (user.username) await new LoginAttemptsRepository(trx).clear(user.username);
      await new UsersRepository(trx).anonymise(user.id, now);
      // Their community works go with them, and the works' snapshots from the buckets (right after).
      const snapshots = await withdrawAuthor(this.deps, trx, user.id, now);
      return { homesDeleted: owned.length, photosToPurge, snapshots };
    });
    const { snapshots, ...summary } = result;
    await new WorkSnapshots(this.deps).deleteQueued(origin, snapshots);
    this.deps.logger.info({ userId: user.id, ...summary }, 'account deleted');
    return { ok: true, ...summary };
  }

  /** The password for a password account; the display name typed again for one without. */
  private async confirm(user: User, input: DeleteAccountInput): Promise<void> {
    if (user.username && user.password_hash) {
      if (!input.password) throw new AppError('PASSWORD_REQUIRED', 'Enter your password', { field: 'password' });
      await confirmPassword(this.deps, user.username, user.password_hash, input.password, 'password');
      return;
    }
    if ((input.confirmName ?? '').trim() !== user.display_name) {
      throw new AppError('ACCOUNT_CONFIRM_MISMATCH', 'Type your display name to delete your account', {
        field: 'confirmName',
      });
    }
  }
}
