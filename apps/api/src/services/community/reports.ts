/**
 * Reports (举报): any signed-in user reports a work, a comment, a message of theirs or a user, once per
 * target (a second report answers the first), at a bounded rate. Admins list open reports, oldest first,
 * and resolve or dismiss them. What one may report is what one may see: another's message is NOT_FOUND.
 */
import type { Report, zReportCreateInput, zReportListInput, zReportResolveInput } from '@xiaojia/shared';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { newId } from '../../integrations/ids.js';
import { ReportsRepository } from '../../repositories/community/reports.js';
import type { AppDeps } from '../../trpc/context.js';
import { cursorPosition, toPage } from '../paging.js';
import { RateLimiter } from '../rate-limit.js';
import type { Admin } from './moderation.js';
import { COMMUNITY_RATES } from './rates.js';
import { TargetPreviews } from './targets.js';

export class ReportsService {
  private readonly reports: ReportsRepository;

  constructor(private readonly deps: AppDeps) {
    this.reports = new ReportsRepository(deps.db);
  }

  async create(me: string, input: z.output<typeof zReportCreateInput>) {
    if (input.kind === 'user' && input.targetId === me) {
      throw new AppError('BAD_INPUT', 'You cannot report yourself', { field: 'targetId' });
    }
    const target = { kind: input.kind, targetId: input.targetId };
    if (!(await this.reports.exists(me, target))) throw new AppError('NOT_FOUND', `No such ${input.kind}`);
    const existing = await this.reports.idOf(me, target);
    if (existing) return { id: existing, created: false };
    await new RateLimiter(this.deps).take(`community:report:${me}`, COMMUNITY_RATES.reports, 'Too many reports');
    const id = newId();
    const created = await this.reports.insert({
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
    });
    return { id, created };
  }

  async list(input: z.output<typeof zReportListInput>, origin: string) {
    const rows = await this.reports.page(input.status, input.limit + 1, cursorPosition(input.cursor));
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
    const closed = await this.reports.close(input.reportId, {
      status: input.outcome,
      note: input.note ?? null,
      by: admin.userId,
      at: this.deps.clock.now().toISOString(),
    });
    if (!closed) throw new AppError('NOT_FOUND', 'No such report');
    return { ok: true as const };
  }
}
