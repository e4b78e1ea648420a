/**
 * The community's per-user rates, counted by services/rate-limit.ts in the database so every instance
 * shares them (windows at most the sign-in lockout window, which is how long the sweep keeps attempts).
 */
import type { RateRule } from '../rate-limit.js';

const MINUTE = 60 * 1000;

export const COMMUNITY_RATES = {
  /** Messages in conversations. */
  message: { max: 60, windowMs: 10 * MINUTE },
  /** Message requests to people who do not follow back. */
  request: { max: 10, windowMs: 30 * MINUTE },
  reports: { max: 20, windowMs: 30 * MINUTE },
  /** Contest votes and their withdrawals. */
  vote: { max: 120, windowMs: 10 * MINUTE },
} satisfies Record<string, RateRule>;
