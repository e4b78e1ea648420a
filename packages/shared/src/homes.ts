/**
 * Homes (小家): the unit that owns photos, albums, trash and the storage binding. A user may be in several
 * homes, with one role in each; every procedure that touches a home's things names it (`homeId`).
 */
import { z } from 'zod';
import { zId, zPage, zPageInput } from './common.js';

/**
 * owner: one per home (storage, members, invites, deletes anything, deletes the home);
 * member (家人): uploads, albums, trashes what they uploaded; viewer (亲友): sees, saves, no upload.
 */
export const HOME_ROLES = ['owner', 'member', 'viewer'] as const;
export const zHomeRole = z.enum(HOME_ROLES);
export type HomeRole = z.infer<typeof zHomeRole>;
/** The roles an invite or a role change can give: ownership only moves by handing it over. */
export const zGrantableRole = z.enum(['member', 'viewer']);
export type GrantableRole = z.infer<typeof zGrantableRole>;

/** Homes one user may be in (their own and their family's), and members one home may have. */
export const HOMES_PER_USER_MAX = 20;
export const HOMES_OWNED_MAX = 5;
export const HOME_MEMBERS_MAX = 50;
export const HOME_INVITES_ACTIVE_MAX = 20;

export const zHomeName = z.string().trim().min(1, 'The home needs a name').max(40);

/** What every home-scoped procedure takes: which home it acts on. */
export const zHomeRef = z.object({ homeId: zId });
export type HomeRef = z.infer<typeof zHomeRef>;

export const zHome = z.object({
  id: zId,
  name: z.string(),
  /** The caller's role in this home. */
  role: zHomeRole,
  ownerName: z.string(),
  memberCount: z.number().int().positive(),
  /** Whether members (not only the owner) may invite. */
  membersCanInvite: z.boolean(),
  createdAt: z.string(),
});
export type Home = z.infer<typeof zHome>;
export const zHomeList = z.object({ items: z.array(zHome).max(HOMES_PER_USER_MAX) });
export type HomeList = z.infer<typeof zHomeList>;

export const zCreateHomeInput = z.object({ name: zHomeName });
export const zUpdateHomeInput = z.object({
  name: zHomeName.optional(),
  membersCanInvite: z.boolean().optional(),
});
/** Deleting a home is confirmed by typing its name, so a slip of the finger deletes nothing. */
export const zDeleteHomeInput = z.object({ confirmName: z.string().max(100) });
export const zHomeDeletion = z.object({
  /** Photos queued for removal from the bucket (the bucket itself is left as it is). */
  photosToPurge: z.number().int().nonnegative(),
});

export const zMember = z.object({
  userId: zId,
  displayName: z.string(),
  role: zHomeRole,
  joinedAt: z.string(),
  isYou: z.boolean(),
});
export type Member = z.infer<typeof zMember>;
export const zMembersInput = zPageInput(HOME_MEMBERS_MAX, HOME_MEMBERS_MAX);
export const zMemberPage = zPage(zMember, HOME_MEMBERS_MAX);
export type MemberPage = z.infer<typeof zMemberPage>;
export const zSetRoleInput = z.object({ userId: zId, role: zGrantableRole });
export const zMemberRefInput = z.object({ userId: zId });

/** Invite codes: 16 random bytes, base64url (22 characters; WeChat's mini-program code scene allows 32). */
export const INVITE_CODE_LENGTH = 22;
export const zInviteCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'This is not an invite code');
export const INVITE_DEFAULT_DAYS = 7;
export const INVITE_MAX_DAYS = 30;
export const INVITE_MAX_USES = 50;

export const zCreateInviteInput = z.object({
  role: zGrantableRole,
  expiresInDays: z.number().int().min(1).max(INVITE_MAX_DAYS).default(INVITE_DEFAULT_DAYS),
  maxUses: z.number().int().min(1).max(INVITE_MAX_USES).default(1),
});
export type CreateInviteInput = z.input<typeof zCreateInviteInput>;

export const zInvite = z.object({
  id: zId,
  role: zGrantableRole,
  createdByName: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  maxUses: z.number().int().positive(),
  uses: z.number().int().nonnegative(),
});
export type Invite = z.infer<typeof zInvite>;
export const zInviteList = z.object({ items: z.array(zInvite).max(HOME_INVITES_ACTIVE_MAX) });
/** Only answered once, when the invite is made: the server keeps a hash of the code. */
export const zCreatedInvite = z.object({ invite: zInvite, code: zInviteCode });
export type CreatedInvite = z.infer<typeof zCreatedInvite>;
export const zInviteRefInput = z.object({ inviteId: zId });
export const zInviteCodeInput = z.object({ code: zInviteCode });

/** What an invite reveals before joining: the home's name, who invited, and the role. Nothing else. */
export const zInvitePreview = z.object({
  homeName: z.string(),
  inviterName: z.string(),
  role: zGrantableRole,
  /** The caller is signed in and already in this home. */
  alreadyMember: z.boolean(),
});
export type InvitePreview = z.infer<typeof zInvitePreview>;

/** A WeChat mini-program code (小程序码) that opens the join page with this invite. */
export const zInviteWxaCodeInput = z.object({ code: zInviteCode });
export const zWxaCode = z.object({ pngBase64: z.string() });

/** The path of the join page, which every target opens with the code (link, QR, WeChat card). */
export const JOIN_PAGE = 'pages/join/index';
/** The H5 address of an invite (the H5 router uses browser paths): what the link and the QR code carry. */
export function inviteLink(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/${JOIN_PAGE}?code=${encodeURIComponent(code)}`;
}
