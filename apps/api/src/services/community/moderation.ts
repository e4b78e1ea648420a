/**
 * Admins' work (every call here comes through adminProcedure): the review queue and its decisions, taking
 * works down, suspending accounts. A rejection's or a take-down's reason is what the author sees (on the
 * work: review_reason; on a comment or message: its review item's reason).
 */
import type {
  ModerationItem,
  zHideWorkInput,
  zModerationDecideInput,
  zModerationQueueInput,
  zSuspendInput,
} from '@xiaojia/shared';
import type { z } from 'zod';
import type { Db } from '../../db/index.js';
import type { ModerationItemsTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { CommunityAdminsRepository } from '../../repositories/community/admins.js';
import { ModerationRepository, type ReviewKind } from '../../repositories/community/moderation.js';
import { SocialRepository } from '../../repositories/community/social.js';
import { WorksRepository } from '../../repositories/community/works.js';
import type { AppDeps } from '../../trpc/context.js';
import { cursorPosition, toPage } from '../paging.js';
import { requireUser } from './blocks.js';
import { WorkSnapshots } from './snapshots.js';
import { TargetPreviews } from './targets.js';
import { markWorkPublished } from './works.js';

export interface Admin {
  userId: string;
}

/**
 * What the works half keeps beside an item whose fate changed: a work's publication (time, hot key, tags,
 * the author's count) when it is approved, the author's count when a published one is refused, a comment's
 * place in its work's count when it is shown or refused after being shown.
 */
async function keepCounters(
  db: Db,
  item: Pick<ModerationItemsTable, 'target_kind' | 'target_id' | 'author_id'>,
  before: string,
  approve: boolean,
  at: string,
) {
  if (item.target_kind === 'work') {
    if (before === 'unpublished') return;
    if (approve && before !== 'published') await markWorkPublished(db, item.target_id, at);
    if (!approve && before === 'published') await new WorksRepository(db).recountAuthor(db, item.author_id, at);
    return;
  }
  if (item.target_kind !== 'comment') return;
  const by = approve && before === 'pending' ? 1 : !approve && before === 'visible' ? -1 : 0;
  const workId = by === 0 ? null : await new ModerationRepository(db).commentWork(item.target_id);
  if (workId) await new SocialRepository(db).countComments(db, workId, by);
}

export class ModerationService {
  constructor(private readonly deps: AppDeps) {}

  async queue(input: z.output<typeof zModerationQueueInput>, origin: string) {
    const rows = await new ModerationRepository(this.deps.db).page(
      { status: input.status, kind: input.kind },
      input.limit + 1,
      cursorPosition(input.cursor),
    );
    const page = toPage(rows, input.limit, (r) => ({ sortAt: r.created_at, id: r.id }));
    const targets = await TargetPreviews.load(
      this.deps,
      origin,
      page.rows.map((r) => ({ kind: r.target_kind, targetId: r.target_id })),
    );
    const items: ModerationItem[] = page.rows.map((r) => ({
      id: r.id,
      kind: r.target_kind,
      targetId: r.target_id,
      author: { userId: r.author_id, displayName: r.author_name },
      status: r.status,
      checkStatus: r.check_status,
      reason: r.reason,
      target: targets.of({ kind: r.target_kind, targetId: r.target_id }),
      createdAt: r.created_at,
      decidedAt: r.decided_at,
    }));
    return { items, nextCursor: page.nextCursor };
  }

  async decide(admin: Admin, input: z.output<typeof zModerationDecideInput>) {
    const at = this.deps.clock.now().toISOString();
    const approve = input.decision === 'approve';
    const reason = input.decision === 'reject' ? input.reason : null;
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new ModerationRepository(trx);
      const item = await repo.byId(input.itemId);
      if (!item || item.target_kind === 'user') throw new AppError('NOT_FOUND', 'No such review item');
      const before = await repo.applyToTarget(item.target_kind as ReviewKind, item.target_id, approve, reason, at);
      if (before === null) throw new AppError('NOT_FOUND', 'What this item reviewed is gone');
      await keepCounters(trx, item, before, approve, at);
      await repo.decide(item.id, { status: approve ? 'approved' : 'rejected', reason, by: admin.userId, at });
    });
    return { status: approve ? ('approved' as const) : ('rejected' as const) };
  }

  /** Taken down at once, its snapshots deleted from the author's bucket (remade by the sweep if approved again). */
  async hideWork(input: z.output<typeof zHideWorkInput>, origin: string) {
    const snapshots = new WorkSnapshots(this.deps);
    const retired = await this.deps.db.transaction().execute(async (trx) => {
      const done = await new ModerationRepository(trx).hideWork(
        input.workId,
        input.reason,
        this.deps.clock.now().toISOString(),
      );
      if (!done) throw new AppError('NOT_FOUND', 'No such work');
      return snapshots.retireWorks(trx, [input.workId]);
    });
    await snapshots.deleteQueued(origin, retired);
    return { ok: true as const };
  }

  async suspend(admin: Admin, input: z.output<typeof zSuspendInput>) {
    const now = this.deps.clock.now();
    const until = input.until ? new Date(input.until).toISOString() : null;
    if (until !== null && until <= now.toISOString()) {
      throw new AppError('BAD_INPUT', 'A suspension must end in the future', { field: 'until' });
    }
    await requireUser(this.deps, input.userId);
    await new CommunityAdminsRepository(this.deps.db).suspend({
      user_id: input.userId,
      reason: input.reason,
      until,
      created_by: admin.userId,
      created_at: now.toISOString(),
    });
    return { until };
  }

  async unsuspend(userId: string) {
    await requireUser(this.deps, userId);
    return { lifted: await new CommunityAdminsRepository(this.deps.db).unsuspend(userId) };
  }
}
