/** One-line sign-in for tests of authenticated procedures. */
import type { AppDeps } from '../trpc/context.js';
import { callerFor } from './deps.js';

/** The password every test account made by signUpAndGetToken has. */
export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;

/**
 * Signs up a fresh password account through the real auth router and returns its bearer token, its user
 * id, the id of the home sign-up made for it, and a caller acting as that user:
 * `const { caller, homeId } = await signUpAndGetToken(deps)`.
 */
export async function signUpAndGetToken(deps: AppDeps, username?: string) {
  counter += 1;
  const name = username ?? `tester${counter}`;
  // Each test account signs up from its own address, as people on their own phones do (sign-ups are
  // limited per address).
  const ip = `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`;
  const result = await callerFor(deps, { ip }).auth.signUp({
    username: name,
    password: TEST_PASSWORD,
    device: 'vitest',
  });
  const caller = callerFor(deps, { token: result.token });
  // Sign-up made the account's own home ("<name>的家"), where its photos go unless a test says otherwise.
  const { items } = await caller.homes.list();
  const homeId = items[0]?.id;
  if (!homeId) throw new Error('sign-up made no home');
  return { token: result.token, userId: result.user.id, user: result.user, homeId, caller };
}
