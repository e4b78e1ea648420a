/**
 * The hot ranking, Reddit-style: hot_key = log10(max(weight, 1)) + (publishedAt - EPOCH) / DECAY_SECONDS.
 *
 * Why this and not a gravity formula (votes / age^g, Hacker News): the gravity score of every work falls
 * every second, so the order needs periodic rescans. Here time enters as the publication time, which is
 * fixed, so a work's key changes only when its weight does: one UPDATE per like or unlike keeps the
 * works_hot index exact for ever, and "decay" is that newer works start higher. Every DECAY_SECONDS
 * (12.5 h) of freshness is worth a tenfold weight: a work must gather ten times the likes of one published
 * 12.5 hours later to stay level with it. The epoch keeps keys small (hundreds, not tens of thousands), so
 * PostgreSQL's 4-byte `real` column still orders works published minutes apart.
 */

export const HOT_EPOCH_MS = Date.UTC(2026, 0, 1);
export const DECAY_SECONDS = 45_000;

export function hotKey(weight: number, publishedAt: string | Date): number {
  const ms = typeof publishedAt === 'string' ? Date.parse(publishedAt) : publishedAt.getTime();
  return Math.log10(Math.max(weight, 1)) + (ms - HOT_EPOCH_MS) / 1000 / DECAY_SECONDS;
}

/** Accounts younger than this weigh half. */
export const NEW_ACCOUNT_MS = 7 * 24 * 60 * 60 * 1000;
/** A pair where each liked at least this many of the other's works is a mutual-like pair. */
export const MUTUAL_LIKES = 3;

export interface LikerFacts {
  /** The liker is the work's author: counted in like_count, weighs nothing toward hot. */
  self: boolean;
  /** How old the liker's account is. */
  accountAgeMs: number;
  /** The liker has published a work or follows someone: an account that takes part, not a fresh sock puppet. */
  active: boolean;
  /** Liker and author have each liked at least MUTUAL_LIKES of the other's works. */
  mutual: boolean;
}

/**
 * The weight one like adds to a work's vote_weight (stored in work_likes.weight so an unlike subtracts
 * exactly that). Every factor is a power of two, so sums and differences are exact in binary floating
 * point, PostgreSQL's 4-byte `real` included: a work's weight returns to 0 after every like is taken back.
 */
export function likeWeight(facts: LikerFacts): number {
  if (facts.self) return 0;
  let weight = 1;
  if (facts.accountAgeMs < NEW_ACCOUNT_MS) weight *= 0.5;
  if (!facts.active) weight *= 0.5;
  if (facts.mutual) weight *= 0.25;
  return weight;
}
