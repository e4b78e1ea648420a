/** What a role in a home allows, as the screens need to know it (the server decides; this only hides). */
import type { GrantableRole, Home, HomeRole } from '@xiaojia/shared';

export const GRANTABLE_ROLES: readonly GrantableRole[] = ['member', 'viewer'];

/** Whether this user may make invites for this home: the owner, or members when the owner allows it. */
export function mayInvite(home: Pick<Home, 'role' | 'membersCanInvite'> | null | undefined): boolean {
  if (!home) return false;
  return home.role === 'owner' || (home.role === 'member' && home.membersCanInvite);
}

/** Owner first, then members, then viewers; the list keeps join order within a role. */
export const ROLE_RANK: Readonly<Record<HomeRole, number>> = { owner: 0, member: 1, viewer: 2 };
