/**
 * Authorization for everything in a home, in one place: "what is this user's role in this home, and may
 * that role do this?" A home the caller is not in answers NOT_FOUND (it might as well not exist); a role
 * that may not do something answers FORBIDDEN with the role it has and the roles that may.
 */
import type { HomeRole } from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { HomesRepository } from '../repositories/homes.js';
import type { AppDeps } from '../trpc/context.js';
import type { AuthedUser } from './auth.js';

/** What a procedure needs to be allowed; each maps to the roles that have it. */
export type Capability =
  /** See photos, albums, members; save; like and comment. */
  | 'view'
  /** Upload, make and change albums, trash and restore one's own uploads. */
  | 'contribute'
  /** Trash, restore and purge anyone's photos; delete anyone's album. */
  | 'moderate'
  /** Make, list and revoke invites: the owner, and members when the owner allows it. */
  | 'invite'
  /** Bind, rotate and unbind the bucket; change roles, remove members; rename and delete the home. */
  | 'own';

/** The caller as a member of one home: what every home-scoped service receives. */
export interface HomeMember {
  userId: string;
  homeId: string;
  role: HomeRole;
  /** The home's rule: members (not only the owner) may invite. */
  membersCanInvite?: boolean;
}

function rolesWith(capability: Capability, membersCanInvite: boolean): readonly HomeRole[] {
  switch (capability) {
    case 'view':
      return ['owner', 'member', 'viewer'];
    case 'contribute':
      return ['owner', 'member'];
    case 'invite':
      return membersCanInvite ? ['owner', 'member'] : ['owner'];
    case 'moderate':
    case 'own':
      return ['owner'];
  }
}

export function roleCan(member: Pick<HomeMember, 'role' | 'membersCanInvite'>, capability: Capability): boolean {
  return rolesWith(capability, member.membersCanInvite ?? false).includes(member.role);
}

export function requireRole(member: HomeMember, capability: Capability): void {
  if (!roleCan(member, capability)) {
    throw new AppError('FORBIDDEN', `A ${member.role} of this home cannot do this`, {
      role: member.role,
      needs: rolesWith(capability, member.membersCanInvite ?? false).join('|'),
    });
  }
}

export class HomeAccess {
  private readonly homes: HomesRepository;

  constructor(deps: Pick<AppDeps, 'db'>) {
    this.homes = new HomesRepository(deps.db);
  }

  /** The caller's membership of `homeId`, checked for `capability`. One indexed lookup. */
  async require(user: AuthedUser | { id: string }, homeId: string, capability: Capability): Promise<HomeMember> {
    const found = await this.homes.membership(user.id, homeId);
    if (!found) throw new AppError('NOT_FOUND', 'No such home');
    const member = { userId: user.id, homeId, ...found };
    requireRole(member, capability);
    return member;
  }
}
