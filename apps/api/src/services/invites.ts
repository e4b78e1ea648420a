/**
 * Invites to a home. A code is 16 random bytes shown once, when made; only its SHA-256 is kept. Before
 * joining, a code reveals the home's name, the inviter's name and the role, nothing more. Looking codes up
 * is limited per network address, so codes cannot be guessed by brute force.
 */
import {
  type CreatedInvite,
  type CreateInviteInput,
  HOME_INVITES_ACTIVE_MAX,
  type Home,
  type Invite,
  type InvitePreview,
  JOIN_PAGE,
  zCreateInviteInput,
} from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { randomKey } from '../integrations/secrets.js';
import { HomesRepository } from '../repositories/homes.js';
import { type InviteRow, InvitesRepository, type InviteWithHome } from '../repositories/invites.js';
import type { AppDeps } from '../trpc/context.js';
import { ActivityService } from './activity.js';
import { type AuthedUser, hashToken, LOCKOUT_WINDOW_MS } from './auth.js';
import type { HomeMember } from './home-access.js';
import { HomesService } from './homes.js';
import { RateLimiter } from './rate-limit.js';

const DAY_MS = 24 * 3600 * 1000;
/** Invite look-ups (preview or join) one network address may make per window. */
export const INVITE_LOOKUPS_PER_ADDRESS = 30;
/** The lockout window: the sweep keeps attempts that long. */
export const INVITE_LOOKUP_WINDOW_MS = LOCKOUT_WINDOW_MS;

function toInvite(row: InviteRow): Invite {
  return {
    id: row.id,
    role: row.role,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    maxUses: row.max_uses,
    uses: row.uses,
  };
}

export class InvitesService {
  private readonly invites: InvitesRepository;

  constructor(private readonly deps: AppDeps) {
    this.invites = new InvitesRepository(deps.db);
  }

  async create(member: HomeMember, rawInput: CreateInviteInput): Promise<CreatedInvite> {
    const input = zCreateInviteInput.parse(rawInput);
    const now = this.deps.clock.now();
    if ((await this.invites.countActive(member.homeId, now.toISOString())) >= HOME_INVITES_ACTIVE_MAX) {
      throw new AppError('INVITE_LIMIT_REACHED', 'Revoke an unused invite before making another', {
        limit: HOME_INVITES_ACTIVE_MAX,
      });
    }
    const code = randomKey(16);
    const row = {
      id: newId(),
      home_id: member.homeId,
      code_hash: hashToken(code),
      role: input.role,
      created_by: member.userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString(),
      max_uses: input.maxUses,
      uses: 0,
      revoked_at: null,
    };
    await this.invites.insert(row);
    const [created] = await this.invites.active(member.homeId, now.toISOString(), 1);
    if (!created || created.id !== row.id) throw new AppError('INTERNAL', 'The invite was not stored');
    return { invite: toInvite(created), code };
  }

  async list(member: HomeMember): Promise<{ items: Invite[] }> {
    const rows = await this.invites.active(member.homeId, this.deps.clock.now().toISOString(), HOME_INVITES_ACTIVE_MAX);
    return { items: rows.map(toInvite) };
  }

  async revoke(member: HomeMember, inviteId: string): Promise<void> {
    if (!(await this.invites.revoke(member.homeId, inviteId, this.deps.clock.now().toISOString()))) {
      throw new AppError('NOT_FOUND', 'No such invite');
    }
  }

  /**
   * A WeChat mini-program code (小程序码) for one of this home's invites: scanning it opens the join page
   * with the invite code as its scene. Made by whoever may invite, for a code they hold.
   */
  async miniProgramCode(member: HomeMember, code: string): Promise<{ pngBase64: string }> {
    const invite = await this.invites.byCodeHash(hashToken(code));
    if (!invite || invite.home_id !== member.homeId) throw new AppError('INVITE_NOT_FOUND', 'There is no such invite');
    const image = await this.deps.wechat.miniProgramCode({ scene: code, page: JOIN_PAGE });
    return { pngBase64: image.toString('base64') };
  }

  /** What a code says about its home, before joining; `user` when the caller is signed in. */
  async preview(code: string, ip: string, user: AuthedUser | null): Promise<InvitePreview> {
    const invite = await this.usable(code, ip);
    const alreadyMember = user !== null && (await this.isMember(user.id, invite.home_id));
    return { homeName: invite.home_name, inviterName: invite.created_by_name, role: invite.role, alreadyMember };
  }

  /** Joins the caller to the code's home; joining a home one is already in uses nothing up. */
  async accept(user: AuthedUser, code: string, ip: string): Promise<Home> {
    const invite = await this.usable(code, ip);
    const homes = new HomesService(this.deps);
    const asMember = { userId: user.id, homeId: invite.home_id };
    if (await this.isMember(user.id, invite.home_id)) return homes.get({ ...asMember, role: invite.role });
    if (!(await this.invites.takeUse(invite.id, this.deps.clock.now().toISOString()))) {
      throw new AppError('INVITE_USED_UP', 'This invite has been used up');
    }
    let joined: 'joined' | 'already';
    try {
      joined = await homes.join(user.id, invite.home_id, invite.role);
      if (joined === 'already') await this.invites.giveBackUse(invite.id);
    } catch (error) {
      await this.invites.giveBackUse(invite.id);
      throw error;
    }
    if (joined === 'joined') await new ActivityService(this.deps).record(asMember, { kind: 'join' });
    this.deps.logger.info({ homeId: invite.home_id, userId: user.id, role: invite.role }, 'joined a home');
    return homes.get({ ...asMember, role: invite.role });
  }

  private async isMember(userId: string, homeId: string): Promise<boolean> {
    return (await new HomesRepository(this.deps.db).roleOf(userId, homeId)) !== undefined;
  }

  /** The invite behind a code, if it can still be used; each state says so in its own code. */
  private async usable(code: string, ip: string): Promise<InviteWithHome> {
    await this.limitLookups(ip);
    const invite = await this.invites.byCodeHash(hashToken(code));
    if (!invite) throw new AppError('INVITE_NOT_FOUND', 'There is no such invite');
    if (invite.revoked_at !== null) throw new AppError('INVITE_REVOKED', 'This invite was withdrawn');
    if (invite.expires_at <= this.deps.clock.now().toISOString()) {
      throw new AppError('INVITE_EXPIRED', 'This invite has expired');
    }
    if (invite.uses >= invite.max_uses) throw new AppError('INVITE_USED_UP', 'This invite has been used up');
    return invite;
  }

  /** Every look-up counts (found or not): a guesser runs out long before a code could be found. */
  private limitLookups(ip: string): Promise<void> {
    return new RateLimiter(this.deps).take(
      `invite:${ip || 'unknown'}`,
      { max: INVITE_LOOKUPS_PER_ADDRESS, windowMs: INVITE_LOOKUP_WINDOW_MS },
      'Too many invite codes tried from this network',
    );
  }
}
