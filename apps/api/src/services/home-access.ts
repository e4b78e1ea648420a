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
  /** Bind, rotate and unbind the bucket; change roles, remove members; rename and delete the home. */
  | 'own';

const ROLES_WITH: Record<Capability, readonly HomeRole[]> = {
  view: ['owner', 'member', 'viewer'],
  contribute: ['owner', 'member'],
  moderate: ['owner'],
  own: ['owner'],
};

export function roleCan(role: HomeRole, capability: Capability): boolean {
  return ROLES_WITH[capability].includes(role);
}

/** The caller as a member of one home: what every home-scoped service receives. */
export interface HomeMember {
  userId: string;
  homeId: string;
  role: HomeRole;
}

export function requireRole(member: HomeMember, capability: Capability): void {
  if (!roleCan(member.role, capability)) {
    throw new AppError('FORBIDDEN', `A ${member.role} of this home cannot do this`, {
      role: member.role,
      needs: ROLES_WITH[capability].join('|'),
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
    const role = await this.homes.roleOf(user.id, homeId);
    if (!role) throw new AppError('NOT_FOUND', 'No such home');
    const member = { userId: user.id, homeId, role };
    requireRole(member, capability);
    return member;
  }
}
