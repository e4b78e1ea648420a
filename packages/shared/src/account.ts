/**
 * Deleting one's own account: what it would do (computed for the caller before they confirm) and the
 * confirmation itself. Every list is bounded by the home limits, so no answer is unbounded.
 */
import { z } from 'zod';
import { DISPLAY_NAME_MAX, PASSWORD_MAX } from './auth.js';
import { zId } from './common.js';
import { HOMES_OWNED_MAX, HOMES_PER_USER_MAX } from './homes.js';

/**
 * A home the caller owns, and what deleting the account does to it: `deleted` (no one else is in it: it
 * goes with the account, its photos purged from its bucket, the bucket itself untouched) or `hand_over`
 * (others are in it: the account cannot be deleted until the home is handed over or deleted).
 */
export const zOwnedHomeFate = z.object({
  id: zId,
  name: z.string(),
  memberCount: z.number().int().positive(),
  photoCount: z.number().int().nonnegative(),
  fate: z.enum(['deleted', 'hand_over']),
});
export type OwnedHomeFate = z.infer<typeof zOwnedHomeFate>;

/** A home someone else owns: the caller leaves it; the photos they uploaded there stay with that family. */
export const zJoinedHomeFate = z.object({
  id: zId,
  name: z.string(),
  ownerName: z.string(),
  photosUploaded: z.number().int().nonnegative(),
});
export type JoinedHomeFate = z.infer<typeof zJoinedHomeFate>;

export const zAccountDeletionSummary = z.object({
  ownedHomes: z.array(zOwnedHomeFate).max(HOMES_OWNED_MAX),
  joinedHomes: z.array(zJoinedHomeFate).max(HOMES_PER_USER_MAX),
  /**
   * How the deletion is confirmed: the account's password, or (an account made by WeChat sign-in, which
   * has none) its display name typed again, named in `confirmName`.
   */
  confirmWith: z.enum(['password', 'display_name']),
  confirmName: z.string(),
  /** False while a home in `ownedHomes` must be handed over first. */
  canDelete: z.boolean(),
});
export type AccountDeletionSummary = z.infer<typeof zAccountDeletionSummary>;

export const zDeleteAccountInput = z.object({
  /** Required for a password account; checked like a sign-in and counted toward the same lockout. */
  password: z.string().max(PASSWORD_MAX).optional(),
  /** Required for an account without a password: its display name, typed again. */
  confirmName: z
    .string()
    .max(DISPLAY_NAME_MAX * 2)
    .optional(),
});
export type DeleteAccountInput = z.infer<typeof zDeleteAccountInput>;

export const zAccountDeletion = z.object({
  ok: z.literal(true),
  /** Homes deleted with the account, and their photos queued for removal from the bucket. */
  homesDeleted: z.number().int().nonnegative(),
  photosToPurge: z.number().int().nonnegative(),
});
export type AccountDeletion = z.infer<typeof zAccountDeletion>;
