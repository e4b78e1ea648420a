/**
 * reports (举报): one per reporter and target (reports_pk's unique triple), the admins' queue by status
 * oldest first (reports_queue), and whether a target exists as its reporter may see it. The rules (who may
 * report what, the rate, who resolves) are services/community/reports.ts's.
 */
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/index.js';
import type { ReportsTable } from '../../db/schema.js';
import { pastKeyset } from '../keyset.js';
import type { Keyset } from '../photo-scope.js';
import { notBlocked } from './blocks.js';

export type ReportRow = Selectable<ReportsTable>;
type Target = { kind: ReportsTable['target_kind']; targetId: string };

export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /** The id of `reporterId`'s report of the target, if they filed one. */
  async idOf(reporterId: string, target: Target): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('reports')
      .select('id')
      .where('reporter_id', '=', reporterId)
      .where('target_kind', '=', target.kind)
      .where('target_id', '=', target.targetId)
      .executeTakeFirst();
    return row?.id;
  }

  /** Files the report; false when the reporter's report of that target is already there (a racing twin). */
  async insert(row: ReportRow): Promise<boolean> {
    const result = await this.db
      .insertInto('reports')
      .values(row)
      .onConflict((oc) => oc.columns(['reporter_id', 'target_kind', 'target_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /**
   * Whether the target exists as `viewerId` may see it: any user (one may report someone one blocked, or
   * who blocked one); a work published or their own, with no block between them and its author; a visible
   * comment on such a work, with no block between them and the comment's author either; a message of a
   * conversation they are in (reporting a conversation's message is what one does beside blocking).
   */
  async exists(viewerId: string, target: Target): Promise<boolean> {
    const { kind, targetId } = target;
    const db = this.db;
    const viewer = sql.val(viewerId);
    const found =
      kind === 'user'
        ? await db.selectFrom('users').select('id').where('id', '=', targetId).executeTakeFirst()
        : kind === 'work'
          ? await db
              .selectFrom('works')
              .select('id')
              .where('id', '=', targetId)
              .where((eb) => eb.or([eb('status', '=', 'published'), eb('author_id', '=', viewerId)]))
              .where((eb) => notBlocked(eb, viewer, eb.ref('works.author_id')))
              .executeTakeFirst()
          : kind === 'comment'
            ? await db
                .selectFrom('work_comments as wc')
                .innerJoin('works as w', 'w.id', 'wc.work_id')
                .select('wc.id')
                .where('wc.id', '=', targetId)
                .where('wc.status', '=', 'visible')
                .where((eb) => eb.or([eb('w.status', '=', 'published'), eb('w.author_id', '=', viewerId)]))
                .where((eb) => notBlocked(eb, viewer, eb.ref('w.author_id')))
                .where((eb) => notBlocked(eb, viewer, eb.ref('wc.author_id')))
                .executeTakeFirst()
            : await db
                .selectFrom('messages as m')
                .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
                .select('m.id')
                .where('m.id', '=', targetId)
                .where((eb) => eb.or([eb('c.user_low', '=', viewerId), eb('c.user_high', '=', viewerId)]))
                .executeTakeFirst();
    return found !== undefined;
  }

  /** Reports in `status`, oldest first (reports_queue), past `after`, with the reporter's name. */
  page(status: ReportsTable['status'], limit: number, after?: Keyset) {
    let query = this.db
      .selectFrom('reports as r')
      .innerJoin('users as u', 'u.id', 'r.reporter_id')
      .selectAll('r')
      .select('u.display_name as reporter_name')
      .where('r.status', '=', status);
    if (after) query = query.where((eb) => pastKeyset(eb, { sort: 'r.created_at', id: 'r.id' }, after, 'asc'));
    return query.orderBy('r.created_at').orderBy('r.id').limit(limit).execute();
  }

  /** Closes the report with the admin's outcome; false if there is no such report. */
  async close(
    id: string,
    outcome: { status: 'resolved' | 'dismissed'; note: string | null; by: string; at: string },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('reports')
      .set({ status: outcome.status, resolution: outcome.note, resolved_by: outcome.by, resolved_at: outcome.at })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
