/**
 * Homes and their members: create, list, rename, settings, roles, removal, leaving, handing over and
 * deleting. Who may do what is asked of HomeAccess (through homeProcedure) before any of this runs; the
 * rules here are the ones that depend on the other member (the owner cannot be demoted or removed, the
 * owner leaves only by handing over).
 */
import {
  HOME_MEMBERS_MAX,
  HOMES_OWNED_MAX,
  HOMES_PER_USER_MAX,
  type Home,
  type HomeList,
  type MemberPage,
} from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { type HomeSummary, HomesRepository } from '../repositories/homes.js';
import { PhotoPurgesRepository } from '../repositories/photo-purges.js';
import type { AppDeps } from '../trpc/context.js';
import type { AuthedUser } from './auth.js';
import type { HomeMember } from './home-access.js';
import { cursorPosition, toPage } from './paging.js';
import { PURGE_RETRY_MS } from './photos.js';

/** The name sign-up gives a new account's own home. */
export const firstHomeName = (displayName: string) => `${displayName}的家`;

const homeLimitReached = (limit: number) =>
  new AppError('HOME_LIMIT_REACHED', 'You are in as many homes as one account may be', { limit });

function toHome(row: HomeSummary): Home {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    ownerName: row.owner_name,
    memberCount: row.member_count,
    membersCanInvite: row.members_can_invite === 1,
    createdAt: row.created_at,
  };
}

export class HomesService {
  private readonly homes: HomesRepository;

  constructor(private readonly deps: AppDeps) {
    this.homes = new HomesRepository(deps.db);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async list(user: AuthedUser): Promise<HomeList> {
    return { items: (await this.homes.listFor(user.id, HOMES_PER_USER_MAX)).map(toHome) };
  }

  async get(member: HomeMember): Promise<Home> {
    const row = await this.homes.summary(member.userId, member.homeId);
    if (!row) throw new AppError('NOT_FOUND', 'No such home');
    return toHome(row);
  }

  /** A new home owned by the caller, within the limits of homes owned and homes joined. */
  async create(user: AuthedUser, name: string): Promise<Home> {
    const [owned, joined] = await Promise.all([
      this.homes.countMemberships(user.id, 'owner'),
      this.homes.countMemberships(user.id),
    ]);
    if (owned >= HOMES_OWNED_MAX) throw homeLimitReached(HOMES_OWNED_MAX);
    if (joined >= HOMES_PER_USER_MAX) throw homeLimitReached(HOMES_PER_USER_MAX);
    const id = newId();
    await this.homes.create({ id, name, created_at: this.now() }, user.id);
    this.deps.logger.info({ homeId: id, userId: user.id }, 'home created');
    return this.get({ userId: user.id, homeId: id, role: 'owner' });
  }

  /** The home sign-up makes for a new account ("<name>的家"), owned by it. */
  async createFirst(userId: string, displayName: string): Promise<void> {
    await this.homes.create({ id: newId(), name: firstHomeName(displayName), created_at: this.now() }, userId);
  }

  async update(member: HomeMember, changes: { name?: string | undefined; membersCanInvite?: boolean | undefined }) {
    await this.homes.update(
      member.homeId,
      {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.membersCanInvite !== undefined ? { members_can_invite: changes.membersCanInvite ? 1 : 0 } : {}),
      },
      this.now(),
    );
    return this.get(member);
  }

  async members(member: HomeMember, input: { cursor?: string | undefined; limit: number }): Promise<MemberPage> {
    const after = cursorPosition(input.cursor);
    const rows = await this.homes.membersPage(member.homeId, input.limit + 1, after);
    const page = toPage(rows, input.limit, (r) => ({ sortAt: r.joined_at, id: r.user_id }));
    return {
      items: page.rows.map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        role: r.role,
        joinedAt: r.joined_at,
        isYou: r.user_id === member.userId,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Adds the caller to a home (an accepted invite), within the home's and the caller's limits; 'already'
   * when they are in it (the insert decides, so two joins racing add one membership).
   */
  async join(userId: string, homeId: string, role: 'member' | 'viewer'): Promise<'joined' | 'already'> {
    if ((await this.homes.countMembers(homeId)) >= HOME_MEMBERS_MAX) {
      throw new AppError('HOME_FULL', 'This home has as many members as a home may have', {
        limit: HOME_MEMBERS_MAX,
      });
    }
    if ((await this.homes.countMemberships(userId)) >= HOMES_PER_USER_MAX) throw homeLimitReached(HOMES_PER_USER_MAX);
    return (await this.homes.addMember(homeId, userId, role, this.now())) ? 'joined' : 'already';
  }

  async setRole(owner: HomeMember, userId: string, role: 'member' | 'viewer'): Promise<void> {
    if (userId === owner.userId) {
      throw new AppError('HOME_OWNER_MUST_HAND_OVER', 'Hand the home to another member to stop being its owner');
    }
    if (!(await this.homes.setRole(owner.homeId, userId, role))) throw new AppError('NOT_FOUND', 'No such member');
  }

  /** The owner removes someone: they lose the home at once; what they uploaded stays. */
  async removeMember(owner: HomeMember, userId: string): Promise<void> {
    if (userId === owner.userId) {
      throw new AppError('HOME_OWNER_MUST_HAND_OVER', 'The owner cannot remove themselves; hand the home over first');
    }
    if (!(await this.homes.removeMember(owner.homeId, userId))) throw new AppError('NOT_FOUND', 'No such member');
    this.deps.logger.info({ homeId: owner.homeId, userId }, 'member removed');
  }

  async leave(member: HomeMember): Promise<void> {
    if (member.role === 'owner') {
      throw new AppError(
        'HOME_OWNER_MUST_HAND_OVER',
        'The owner leaves by handing the home to another member first, or by deleting it',
      );
    }
    await this.homes.removeMember(member.homeId, member.userId);
  }

  async transferOwnership(owner: HomeMember, toUserId: string): Promise<Home> {
    if (toUserId === owner.userId) throw new AppError('BAD_INPUT', 'You already own this home', { field: 'userId' });
    if (!(await this.homes.transferOwnership(owner.homeId, owner.userId, toUserId))) {
      throw new AppError('NOT_FOUND', 'No such member');
    }
    this.deps.logger.info({ homeId: owner.homeId, from: owner.userId, to: toUserId }, 'home handed over');
    return this.get({ ...owner, role: 'member' });
  }

  /**
   * Deletes the home for everyone at once. Its photos go to the purge queue, which removes their objects
   * from the bucket (never the bucket itself); the sweep then removes the home's last rows.
   */
  async delete(owner: HomeMember, confirmName: string): Promise<{ photosToPurge: number }> {
    const home = await this.get(owner);
    if (confirmName.trim() !== home.name) {
      throw new AppError('HOME_NAME_MISMATCH', 'Type the name of the home to delete it', { field: 'confirmName' });
    }
    const now = this.deps.clock.now();
    if (!(await this.homes.markDeleting(owner.homeId, now.toISOString()))) {
      throw new AppError('NOT_FOUND', 'No such home');
    }
    const dueAt = new Date(now.getTime() - PURGE_RETRY_MS).toISOString();
    const photosToPurge = await new PhotoPurgesRepository(this.deps.db).requestPurgeOfHome(owner.homeId, dueAt);
    this.deps.logger.info({ homeId: owner.homeId, photosToPurge }, 'home deleted; purging its photos');
    return { photosToPurge };
  }

  /** For the sweep: removes the rows of deleted homes whose photos have all been purged. */
  async removeDeletedHomes(batch = 20): Promise<number> {
    const done = await this.homes.deletingWithoutPhotos(batch);
    for (const homeId of done) await this.homes.removeDeleted(homeId);
    return done.length;
  }
}
