/** The review queue (moderation_items) and what an admin's decision changes on its target. */
import type { Db } from '../../db/index.js';
import type { ModerationItemsTable } from '../../db/schema.js';
import { pastKeyset } from '../keyset.js';
import type { Keyset } from '../photo-scope.js';
import { ConversationsRepository } from './conversations.js';

export type ReviewKind = 'work' | 'comment' | 'message';

export class ModerationRepository {
  constructor(private readonly db: Db) {}

  /** Oldest first, `limit` rows (the caller asks one more), with the author's name. */
  page(
    filter: { status: ModerationItemsTable['status']; kind?: ReviewKind | undefined },
    limit: number,
    after?: Keyset,
  ) {
    let query = this.db
      .selectFrom('moderation_items as m')
      .innerJoin('users as u', 'u.id', 'm.author_id')
      .selectAll('m')
      .select('u.display_name as author_name')
      .where('m.status', '=', filter.status);
    if (filter.kind) query = query.where('m.target_kind', '=', filter.kind);
    if (after) query = query.where((eb) => pastKeyset(eb, { sort: 'm.created_at', id: 'm.id' }, after, 'asc'));
    return query.orderBy('m.created_at').orderBy('m.id').limit(limit).execute();
  }

  /**
   * Why each of these comments or messages was refused: the reason of its latest rejected review item
   * (moderation_target). Only ids with one are in the map; one query for a page.
   */
  async refusalReasons(kind: 'comment' | 'message', targetIds: readonly string[]): Promise<Map<string, string>> {
    if (targetIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('moderation_items')
      .select(['target_id', 'reason'])
      .where('target_kind', '=', kind)
      .where('target_id', 'in', [...new Set(targetIds)])
      .where('status', '=', 'rejected')
      .where('reason', 'is not', null)
      .orderBy('decided_at')
      .execute();
    // Later decisions overwrite earlier ones.
    return new Map(rows.map((r) => [r.target_id, r.reason ?? '']));
  }

  byId(id: string) {
    return this.db.selectFrom('moderation_items').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async decide(
    id: string,
    decision: { status: 'approved' | 'rejected'; reason: string | null; by: string; at: string },
  ) {
    await this.db
      .updateTable('moderation_items')
      .set({ status: decision.status, reason: decision.reason, decided_by: decision.by, decided_at: decision.at })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Refuses the item's target, or shows a comment or message (a work's approval is the works half's
   * markWorkPublished). A work its author unpublished stays unpublished. Answers the status the target had
   * before, so the caller keeps the counters beside it right; null: no such target.
   */
  async applyToTarget(kind: ReviewKind, targetId: string, approve: boolean, reason: string | null, at: string) {
    if (kind === 'work') {
      const work = await this.db.selectFrom('works').select('status').where('id', '=', targetId).executeTakeFirst();
      if (!work) return null;
      if (!approve && work.status !== 'unpublished') {
        await this.db
          .updateTable('works')
          .set({ status: 'rejected', review_reason: reason, updated_at: at })
          .where('id', '=', targetId)
          .execute();
      }
      return work.status;
    }
    const table = kind === 'comment' ? 'work_comments' : 'messages';
    const target = await this.db.selectFrom(table).select('status').where('id', '=', targetId).executeTakeFirst();
    if (!target) return null;
    await this.db
      .updateTable(table)
      .set({ status: approve ? 'visible' : 'rejected' })
      .where('id', '=', targetId)
      .execute();
    // Polls report the decided message (to its receiver if shown, its sender either way).
    if (kind === 'message') await new ConversationsRepository(this.db).reshow(targetId);
    return target.status;
  }

  /** The work a comment is on. */
  async commentWork(commentId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('work_comments')
      .select('work_id')
      .where('id', '=', commentId)
      .executeTakeFirst();
    return row?.work_id ?? null;
  }

  /** An admin takes a work down; false when there is no such work, or its author already did. */
  async hideWork(workId: string, reason: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('works')
      .set({ status: 'hidden', review_reason: reason, updated_at: at })
      .where('id', '=', workId)
      .where('status', '!=', 'unpublished')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
