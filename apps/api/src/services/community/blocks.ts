/**
 * Blocks: a block hides each from the other in messages (no sending either way: COMMUNITY_BLOCKED; their
 * conversation leaves both lists and polls) and ends their conversation: after an unblock they need to
 * follow each other again, or a new accepted request, to write.
 */
import type { zBlockListInput } from '@xiaojia/shared';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { BlocksRepository } from '../../repositories/community/blocks.js';
import { ConversationsRepository } from '../../repositories/community/conversations.js';
import type { AppDeps } from '../../trpc/context.js';
import { cursorPosition, toPage } from '../paging.js';

export class BlocksService {
  constructor(private readonly deps: AppDeps) {}

  async block(me: string, userId: string) {
    if (userId === me) throw new AppError('BAD_INPUT', 'You cannot block yourself', { field: 'userId' });
    await requireUser(this.deps, userId);
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await new BlocksRepository(trx).block(me, userId, at);
      await new ConversationsRepository(trx).end(me, userId);
    });
    return { ok: true as const };
  }

  async unblock(me: string, userId: string) {
    return { unblocked: await new BlocksRepository(this.deps.db).unblock(me, userId) };
  }

  async list(me: string, input: z.output<typeof zBlockListInput>) {
    const rows = await new BlocksRepository(this.deps.db).page(me, input.limit + 1, cursorPosition(input.cursor));
    const page = toPage(rows, input.limit, (r) => ({ sortAt: r.created_at, id: r.blocked_id }));
    return {
      items: page.rows.map((r) => ({ userId: r.blocked_id, displayName: r.display_name, blockedAt: r.created_at })),
      nextCursor: page.nextCursor,
    };
  }
}

/** NOT_FOUND unless `userId` is an account. */
export async function requireUser(deps: AppDeps, userId: string): Promise<void> {
  const user = await deps.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw new AppError('NOT_FOUND', 'No such user');
}

/** COMMUNITY_BLOCKED when either of the two has blocked the other (following, liking, commenting, voting, writing). */
export async function refuseAcrossBlock(deps: AppDeps, a: string, b: string, message: string): Promise<void> {
  if (await new BlocksRepository(deps.db).between(a, b)) throw new AppError('COMMUNITY_BLOCKED', message);
}
