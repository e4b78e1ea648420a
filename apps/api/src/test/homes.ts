/** A family in one home for tests: the owner signs up, invites, and others join through the real invite flow. */
import type { GrantableRole } from '@xiaojia/shared';
import type { AppDeps } from '../trpc/context.js';
import { signUpAndGetToken } from './auth.js';

export type TestAccount = Awaited<ReturnType<typeof signUpAndGetToken>>;

/** `who` joins `owner`'s home as `role`, through an invite `owner` makes. Returns the invite's code. */
export async function joinHome(owner: TestAccount, who: TestAccount, role: GrantableRole): Promise<string> {
  const { code } = await owner.caller.invites.create({ homeId: owner.homeId, role });
  await who.caller.invites.accept({ code });
  return code;
}

/** 妈妈 owns the home; 爸爸 is a member, 奶奶 a viewer; 路人 is in no home but their own. */
export async function makeFamily(deps: AppDeps) {
  const mom = await signUpAndGetToken(deps);
  const dad = await signUpAndGetToken(deps);
  const grandma = await signUpAndGetToken(deps);
  const stranger = await signUpAndGetToken(deps);
  await joinHome(mom, dad, 'member');
  await joinHome(mom, grandma, 'viewer');
  return { homeId: mom.homeId, mom, dad, grandma, stranger };
}
