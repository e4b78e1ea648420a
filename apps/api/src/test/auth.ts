/** One-line sign-in for tests of authenticated procedures. */
import type { AppDeps } from '../trpc/context.js';
import { callerFor } from './deps.js';

/** The password every test account made by signUpAndGetToken has. */
export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;

/**
 * Signs up a fresh password account through the real auth router and returns its bearer token, its user
 * id and a caller acting as that user: `const { caller } = await signUpAndGetToken(deps)`.
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
  return {
    token: result.token,
    userId: result.user.id,
    user: result.user,
    caller: callerFor(deps, { token: result.token }),
  };
}
