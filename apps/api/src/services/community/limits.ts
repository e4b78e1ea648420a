/**
 * Per-user rates in the community, counted by RateLimiter in the database so every instance shares them.
 * Windows stay within the sign-in lockout window, which is how long the sweep keeps attempts.
 */

import type { AppDeps } from '../../trpc/context.js';
import type { RateRule } from '../rate-limit.js';
import { RateLimiter } from '../rate-limit.js';

const TEN_MINUTES = 10 * 60 * 1000;

export const COMMUNITY_RATES = {
  /** Publishing and editing works: a photographer's evening, not a flood. */
  work: { max: 10, windowMs: 30 * 60 * 1000 },
  comment: { max: 30, windowMs: TEN_MINUTES },
  /** Likes and unlikes. */
  like: { max: 300, windowMs: TEN_MINUTES },
  /** Follows and unfollows. */
  follow: { max: 60, windowMs: TEN_MINUTES },
} satisfies Record<string, RateRule>;

export type CommunityAction = keyof typeof COMMUNITY_RATES;

const WHAT: Record<CommunityAction, string> = {
  work: 'Too many works published or edited in a short time',
  comment: 'Too many comments in a short time',
  like: 'Too many likes in a short time',
  follow: 'Too many follows in a short time',
};

export function takeCommunityRate(deps: AppDeps, action: CommunityAction, userId: string): Promise<void> {
  return new RateLimiter(deps).take(`community-${action}:${userId}`, COMMUNITY_RATES[action], WHAT[action]);
}
