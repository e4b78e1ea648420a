/**
 * Reports (举报): any signed-in user reports a work, a comment, a message of theirs or a user, once per
 * target (a second report answers the first), at a bounded rate. Admins list open reports, oldest first,
 * and resolve or dismiss them. What one may report is what one may see: another's message is NOT_FOUND.
 */
import type { Report, zReportCreateInput, zReportListInput, zReportResolveInput } from '@xiaojia/shared';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { newId } from '../../integrations/ids.js';
import { pastKeyset } from '../../repositories/keyset.js';
import type { AppDeps } from '../../trpc/context.js';
import { cursorPosition, toPage } from '../paging.js';
import { RateLimiter } from '../rate-limit.js';
import type { Admin } from './moderation.js';
import { COMMUNITY_RATES } from './rates.js';
import { TargetPreviews } from './targets.js';

export class ReportsService {
  constructor(private readonly deps: AppDeps) {}

  async create(me: string, input: z.output<typeof zReportCreateInput>) {
    const db = this.deps.db;
    if (input.kind === 'user' && input.targetId === me) {
      throw new AppError('BAD_INPUT', 'You cannot report yourself', { field: 'targetId' });
    }
    await this.requireReportable(me, input.kind, input.targetId);
    const existing = await db
      .selectFrom('reports')
      .select('id')
      .where('reporter_id', '=', me)
      .where('target_kind', '=', input.kind)
      .where('target_id', '=', input.targetId)
      .executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
    await new RateLimiter(this.deps).take(`community:report:${me}`, COMMUNITY_RATES.reports, 'Too many reports');
    const id = newId();
    const result = await db
      .insertInto('reports')
      .values({
        id,
        reporter_id: me,
        target_kind: input.kind,
        target_id: input.targetId,
        reason: input.reason,
        status: 'open',
        created_at: this.deps.clock.now().toISOString(),
        resolved_by: null,
        resolved_at: null,
        resolution: null,
      })
      .onConflict((oc) => oc.columns(['reporter_id', 'target_kind', 'target_id']).doNothing())
      .executeTakeFirst();
    return { id, created: Number(result.numInsertedOrUpdatedRows ?? 0) > 0 };
  }

  private async requireReportable(me: string, kind: Report['kind'], targetId: string): Promise<void> {
    const db = this.deps.db;
    const found =
      kind === 'user'
        ? await db.selectFrom('users').select('id').where('id', '=', targetId).executeTakeFirst()
        : kind === 'work'
          ? await db
              .selectFrom('works')
              .select('id')
              .where('id', '=', targetId)
              .where((eb) => eb.or([eb('status', '=', 'published'), eb('author_id', '=', me)]))
              .executeTakeFirst()
          : kind === 'comment'
            ? await db
                .selectFrom('work_comments')
                .select('id')
                .where('id', '=', targetId)
                .where('status', '=', 'visible')
                .executeTakeFirst()
            : await db
                .selectFrom('messages as m')
                .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
                .select('m.id')
                .where('m.id', '=', targetId)
                .where((eb) => eb.or([eb('c.user_low', '=', me), eb('c.user_high', '=', me)]))
                .executeTakeFirst();
    if (!found) throw new AppError('NOT_FOUND', `No such ${kind}`);
  }

  async list(input: z.output<typeof zReportListInput>, origin: string) {
    const after = cursorPosition(input.cursor);
    let query = this.deps.db
      .selectFrom('reports as r')
      .innerJoin('users as u', 'u.id', 'r.reporter_id')
      .selectAll('r')
      .select('u.display_name as reporter_name')
      .where('r.status', '=', input.status);
    if (after) query = query.where((eb) => pastKeyset(eb, { sort: 'r.created_at', id: 'r.id' }, after, 'asc'));
    const rows = await query
      .orderBy('r.created_at')
      .orderBy('r.id')
      .limit(input.limit + 1)
      .execute();
    const page = toPage(rows, input.limit, (r) => ({ sortAt: r.created_at, id: r.id }));
    const targets = await TargetPreviews.load(
      this.deps,
      origin,
      page.rows.map((r) => ({ kind: r.target_kind, targetId: r.target_id })),
    );
    const items: Report[] = page.rows.map((r) => ({
      id: r.id,
      kind: r.target_kind,
      targetId: r.target_id,
      reporter: { userId: r.reporter_id, displayName: r.reporter_name },
      reason: r.reason,
      target: targets.of({ kind: r.target_kind, targetId: r.target_id }),
      status: r.status,
      createdAt: r.created_at,
      resolution: r.resolution,
      resolvedAt: r.resolved_at,
    }));
    return { items, nextCursor: page.nextCursor };
  }

  async resolve(admin: Admin, input: z.output<typeof zReportResolveInput>) {
    const result = await this.deps.db
      .updateTable('reports')
      .set({
        status: input.outcome,
        resolution: input.note ?? null,
        resolved_by: admin.userId,
        resolved_at: this.deps.clock.now().toISOString(),
      })
      .where('id', '=', input.reportId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'No such report');
    return { ok: true as const };
  }
}
